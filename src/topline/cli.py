"""The `topline` command: Django's management commands under friendlier names.

    topline serve [--demo] [--host H] [--port P]
    topline createuser USERNAME --org SLUG [--password P] [--role R]
    topline import PRESET PATH --org SLUG [--dry-run]
    topline metrics --org SLUG [--from DATE] [--to DATE] [--json]

Any other word is passed to Django (`topline migrate`, `topline shell`, ...).
"""

import os
import sys

# Commands that may be the first one run on a fresh install: they bring the schema up first.
MIGRATE_FIRST = {"import", "metrics", "token"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topline.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in MIGRATE_FIRST and "-h" not in args and "--help" not in args:
            import django
            from django.core.management import call_command

            django.setup()
            call_command("migrate", interactive=False, verbosity=0)
        execute_from_command_line(["topline", *args])
    except ImproperlyConfigured as exc:
        # A bad setting (DEBUG=maybe, a MySQL DATABASE_URL) is the admin's to fix: say which,
        # without a traceback of Django's start-up.
        sys.exit(f"topline: configuration error: {exc}")
    except OperationalError as exc:
        # The database is down, missing or refuses us: the first line says which.
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        sys.exit(f"topline: cannot use the database: {reason}")


if __name__ == "__main__":
    main()
