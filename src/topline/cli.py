"""The `topline` command: Django's management commands under friendlier names.

    topline serve [--demo] [--host H] [--port P]
    topline createuser USERNAME --org SLUG [--password P] [--role R]
    topline import PRESET PATH --org SLUG [--dry-run]
    topline metrics --org SLUG [--from DATE] [--to DATE] [--json]

Any other word is passed to Django (`topline migrate`, `topline shell`, ...).
"""

import os
import sys

ALIASES = {"import": "import_data"}
# Commands that may be the first one run on a fresh install: they bring the schema up first.
MIGRATE_FIRST = {"import_data", "metrics", "token"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topline.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ALIASES:
        args[0] = ALIASES[args[0]]
    if args and args[0] in MIGRATE_FIRST and "-h" not in args and "--help" not in args:
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", interactive=False, verbosity=0)
    execute_from_command_line(["topline", *args])


if __name__ == "__main__":
    main()
