"""The `topline` command itself, run as a user runs it."""

import os
import subprocess
import sys

import pytest


def topline(*args, tmp_path, **env):
    # SQLite in the test's own home, unless the test sets DATABASE_URL itself.
    environment = {name: value for name, value in os.environ.items() if name != "DATABASE_URL"}
    environment.update(TOPLINE_HOME=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "-m", "topline.cli", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "env, message",
    [
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean"),
        ({"DATABASE_URL": "mysql://x@y/z"}, "DATABASE_URL must be a postgres:// URL"),
        ({"DATABASE_URL": "garbage"}, "DATABASE_URL is not a database URL"),
        ({"EMAIL_PORT": "abc"}, "EMAIL_PORT='abc' is not a whole number"),
        ({"SECRET_KEY_FILE": "/nonexistent/key"}, "'/nonexistent/key': No such file"),
    ],
)
def test_a_bad_setting_is_one_line_naming_it(tmp_path, env, message):
    result = topline("metrics", "--org", "acme", tmp_path=tmp_path, **env)
    assert result.returncode == 1
    assert result.stderr.startswith("topline: configuration error: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_database_it_cannot_reach_is_one_line_naming_it(tmp_path):
    # Port 9 (discard) has no PostgreSQL behind it on any machine that runs these tests.
    result = topline(
        "metrics", "--org", "acme", tmp_path=tmp_path, DATABASE_URL="postgres://u@127.0.0.1:9/x"
    )
    assert result.returncode == 1
    assert result.stderr.startswith("topline: cannot use the database: connection failed")
    assert "Traceback" not in result.stderr


def test_import_is_listed_and_helped_under_its_own_name(tmp_path):
    listing = topline("help", tmp_path=tmp_path).stdout
    assert "    import\n" in listing and "import_data" not in listing
    usage = topline("import", "--help", tmp_path=tmp_path).stdout
    assert usage.startswith("usage: topline import ")
