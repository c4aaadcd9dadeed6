"""`topline serve --demo` in a subprocess, as a user runs it: on SQLite in its own home."""

import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from django.core.management import CommandError, call_command
from django.db.migrations.loader import MigrationLoader

from topline.ops.demo import DEMO_PASSWORD, DEMO_USERNAME


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served:
    def __init__(self, home, port: int, *options: str, host: str = "127.0.0.1"):
        env = {**os.environ, "TOPLINE_HOME": str(home)}
        env.pop("DATABASE_URL", None)
        env.pop("ALLOWED_HOSTS", None)
        self.base = f"http://{host}:{port}"
        self.log = home / f"serve-{port}.log"
        command = ["serve", "--host", host, "--port", str(port), *options]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "topline.cli", *command],
            env=env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def get(self, path: str):
        return self.opener.open(self.base + path, timeout=10)

    def wait_until_up(self, timeout: float = 180) -> None:
        """Until GET /login/ answers 200; any other answer fails at once."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"serve exited with {self.proc.returncode}:\n{self.log.read_text()}")
            try:
                self.get("/login/")
                return
            except urllib.error.HTTPError as exc:
                pytest.fail(f"GET /login/ answered {exc.code}:\n{self.log.read_text()}")
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        pytest.fail(f"serve did not answer in {timeout} s:\n{self.log.read_text()}")

    def stop(self) -> int:
        """Ctrl-C, as a user would."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise


def sign_in(served: Served) -> None:
    page = served.get("/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"username": DEMO_USERNAME, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token}
    request = urllib.request.Request(
        served.base + "/login/",
        data=urllib.parse.urlencode(form).encode(),
        headers={"Referer": served.base + "/login/"},
    )
    response = served.opener.open(request, timeout=10)
    # A good sign-in redirects away from the login page.
    assert urllib.parse.urlsplit(response.url).path != "/login/"


def test_serve_demo_starts_serves_static_files_and_stops_on_ctrl_c(tmp_path):
    served = Served(tmp_path, free_port(), "--demo")
    try:
        served.wait_until_up()
        assert served.get("/static/topline/app.css").status == 200
        sign_in(served)
    finally:
        code = served.stop()
    output = served.log.read_text()
    assert code == 0, output
    assert "Created the demo organization 'Demo Co'" in output
    assert f"Sign in as {DEMO_USERNAME} / {DEMO_PASSWORD}" in output
    # A fresh home: every migration on disk was applied, and the output says so.
    on_disk = len(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    assert f"topline.sqlite3: applied {on_disk} migrations." in output
    assert "No users yet" not in output

    # Run again on the same home: the demo is kept, not made twice.
    again = Served(tmp_path, free_port(), "--demo")
    try:
        again.wait_until_up()
    finally:
        code = again.stop()
    output = again.log.read_text()
    assert code == 0, output
    assert "Using the existing demo organization 'Demo Co'" in output
    assert "topline.sqlite3 is up to date." in output


def test_serve_answers_on_the_host_it_is_given(tmp_path):
    # 127.0.0.2 is loopback too, but not in the default ALLOWED_HOSTS.
    served = Served(tmp_path, free_port(), host="127.0.0.2")
    try:
        served.wait_until_up()
    finally:
        assert served.stop() == 0
    # Without --demo on a fresh home there is no one to sign in as: it says what to do.
    assert "No users yet: add one with `uv run topline createuser" in served.log.read_text()


def serve_refused(*options: str) -> str:
    """`serve` refused before it migrates or says it runs: the CommandError's text."""
    out = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("serve", *options, stdout=out)
    assert out.getvalue() == ""  # no "running" banner, not even "Database is up to date."
    return str(refused.value)


@pytest.mark.parametrize("port", ["99999", "65536", "0", "-1"])
def test_serve_refuses_a_port_out_of_range(port):
    assert serve_refused("--port", port) == f"--port must be from 1 to 65535, not {port}"


def test_serve_refuses_a_host_it_cannot_listen_on():
    assert serve_refused("--host", "999.1.1.1") == (
        "cannot listen on --host '999.1.1.1': it is not an IP address or a known host name"
    )
    # A well-formed address that is not this machine's (TEST-NET-1, RFC 5737).
    assert serve_refused("--host", "192.0.2.1", "--port", "8000") == (
        "cannot listen on 192.0.2.1:8000: it is not an address of this machine"
    )


def test_serve_refuses_a_port_in_use():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert serve_refused("--port", str(port)) == (
            f"cannot listen on 127.0.0.1:{port}: "
            "another server listens there: stop it or choose another --port"
        )


def test_a_refusal_is_one_line_without_a_traceback(tmp_path):
    env = {**os.environ, "TOPLINE_HOME": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "topline.cli", "serve", "--port", "99999"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "CommandError: --port must be from 1 to 65535, not 99999\n"
