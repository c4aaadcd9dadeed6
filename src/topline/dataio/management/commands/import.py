"""`topline import PRESET PATH --org SLUG [--dry-run]`: load a public data format."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from topline.dataio.csvfiles import UnusableInput
from topline.dataio.presets import PRESETS
from topline.dataio.runner import import_run


def check_writable(path: Path) -> None:
    if path.is_dir():
        raise CommandError(f"--errors {path} is a folder; name a file")
    if not path.parent.is_dir():
        raise CommandError(f"--errors {path}: the folder {path.parent} does not exist")
    try:
        path.touch()
    except OSError as exc:
        raise CommandError(f"--errors {path}: {exc.strerror}") from None


class Command(BaseCommand):
    help = "Import a file or folder with a preset. Bad rows are reported and skipped."

    def add_arguments(self, parser):
        parser.add_argument("preset", choices=sorted(PRESETS))
        parser.add_argument("path", type=Path)
        parser.add_argument("--org", required=True, help="organization slug (created if new)")
        parser.add_argument(
            "--dry-run", action="store_true", help="validate and count, write nothing"
        )
        parser.add_argument("--errors", type=Path, help="write every row error to this CSV")

    def handle(self, *args, preset, path, org, dry_run, errors, **options):
        if errors:
            check_writable(errors)  # before the import, not after it has been committed
        try:
            report = import_run(preset=preset, path=path, org_slug=org, dry_run=dry_run)
        except UnusableInput as exc:
            raise CommandError(str(exc)) from exc
        if errors:
            report.write_errors(errors)
        self.stdout.write(report.summary())
