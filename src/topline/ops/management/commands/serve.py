"""`topline serve`: migrate, optionally make the demo organization, then serve the ASGI app."""

import contextlib
import errno
import socket
import time
import warnings

import uvicorn
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from topline.core.planner import planner_statistics_refresh
from topline.ops.demo import DEMO_PASSWORD, DEMO_USERNAME, REP_USERNAME, demo_ensure

WILDCARD_HOSTS = {"0.0.0.0", "::", ""}
HINTS = {
    errno.EADDRINUSE: "another server listens there: stop it or choose another --port",
    errno.EADDRNOTAVAIL: "it is not an address of this machine",
    errno.EACCES: "ports below 1024 need privileges: choose another --port",
}


def pending_migrations() -> list:
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def check_listen(host: str, port: int) -> None:
    """Refuse, with a CommandError, a port out of range or an address this machine cannot
    listen on: bind a socket there (and close it) before saying the server is running."""
    if not 1 <= port <= 65535:
        raise CommandError(f"--port must be from 1 to 65535, not {port}")
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except (OSError, UnicodeError) as exc:
        raise CommandError(
            f"cannot listen on --host {host!r}: it is not an IP address or a known host name"
        ) from exc
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            sock.bind(address)
        except OSError as exc:
            hint = HINTS.get(exc.errno, exc.strerror or str(exc))
            raise CommandError(f"cannot listen on {host}:{port}: {hint}") from exc


class Command(BaseCommand):
    help = "Apply migrations and serve Topline (add --demo for a demo organization)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo", action="store_true", help="create the demo organization (once) and its users"
        )
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8000, help="port to listen on")

    def handle(self, *args, host, port, demo, **options):
        check_listen(host, port)  # before the migrations and the demo, which take a while
        pending = len(pending_migrations())
        call_command("migrate", interactive=False, verbosity=0)
        where = connection.settings_dict["NAME"]
        if pending:
            self.stdout.write(f"Database {where}: applied {pending} migrations.")
        else:
            self.stdout.write(f"Database {where} is up to date.")
        if demo:
            started = time.monotonic()
            org, made = demo_ensure()
            if made:
                self.stdout.write(
                    f"Created the demo organization {org.name!r} in "
                    f"{time.monotonic() - started:.1f} s: {made.leads:,} leads, "
                    f"{made.deals:,} deals ({made.won:,} won), {made.orders:,} orders and "
                    f"{made.activities:,} activities from {made.first_day} to {made.last_day}."
                )
            else:
                self.stdout.write(f"Using the existing demo organization {org.name!r}.")
        # SQLite keeps no statistics of its own; rows may have come in since the last start.
        planner_statistics_refresh()
        if not demo and not get_user_model().objects.exists():
            self.stdout.write(
                "No users yet: add one with `uv run topline createuser NAME --org SLUG`, "
                "or start with --demo for a demo organization."
            )
        self._allow_host(host)
        check_listen(host, port)  # again: something may have taken the port meanwhile
        shown = "127.0.0.1" if host in WILDCARD_HOSTS else host
        shown = f"[{shown}]" if ":" in shown else shown
        self.stdout.write(self.style.SUCCESS(f"Topline is running at http://{shown}:{port}/"))
        if demo:
            self.stdout.write(
                f"Sign in as {DEMO_USERNAME} / {DEMO_PASSWORD} (owner) "
                f"or {REP_USERNAME} / {DEMO_PASSWORD} (sales rep)."
            )
        self.stdout.write("Press Ctrl-C to stop.")
        # Under ASGI Django reads whitenoise's file iterators in a thread, and warns that it does.
        warnings.filterwarnings("ignore", message="StreamingHttpResponse must consume synchronous")
        config = uvicorn.Config(
            "topline.asgi:application",
            host=host,
            port=port,
            lifespan="off",  # Django's ASGI handler does not speak the lifespan protocol
            log_level="info",
        )
        # uvicorn shuts down gracefully on Ctrl-C, then raises the signal again.
        with contextlib.suppress(KeyboardInterrupt):
            uvicorn.Server(config).run()
        self.stdout.write("Stopped.")

    def _allow_host(self, host: str) -> None:
        """Requests to the address we listen on must pass Django's Host check."""
        if host in WILDCARD_HOSTS:
            self.stdout.write(
                "Listening on all interfaces: set ALLOWED_HOSTS to the names clients use "
                f"(now: {', '.join(settings.ALLOWED_HOSTS)})."
            )
        elif host not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
            settings.ALLOWED_HOSTS.append(host)
