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
    ],
)
def test_a_bad_setting_is_one_line_naming_it(tmp_path, env, message):
    result = topline("metrics", "--org", "acme", tmp_path=tmp_path, **env)
    assert result.returncode == 1
    assert result.stderr.startswith("topline: configuration error: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_import_is_listed_and_helped_under_its_own_name(tmp_path):
    listing = topline("help", tmp_path=tmp_path).stdout
    assert "    import\n" in listing and "import_data" not in listing
    usage = topline("import", "--help", tmp_path=tmp_path).stdout
    assert usage.startswith("usage: topline import ")
