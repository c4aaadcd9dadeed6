"""Running one import: the command line and the tests share this."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from topline.accounts.services import organization_get_or_create
from topline.core.planner import planner_statistics_refresh
from topline.dataio.csvfiles import UnusableInput
from topline.dataio.presets import preset_module
from topline.dataio.report import ImportReport


def import_run(*, preset: str, path: Path, org_slug: str, dry_run: bool = False) -> ImportReport:
    """Import `path` with `preset` into the organization `org_slug` (created if new).

    Raises UnusableInput before writing anything when a file or column is missing. A dry
    run does all the same work, validation and inserts included, in one transaction that is
    rolled back, so it reports exactly what a real run would do and leaves nothing behind.
    """
    module = preset_module(preset)
    source = module.open_input(Path(path))
    report = ImportReport(preset=preset, organization=org_slug, dry_run=dry_run)
    if dry_run:
        with transaction.atomic():
            _run(module, source, org_slug, report)
            transaction.set_rollback(True)
    else:
        _run(module, source, org_slug, report)
        planner_statistics_refresh()  # the planner would still plan for the empty tables
    report.finish()
    return report


def _run(module, source, org_slug: str, report: ImportReport) -> None:
    try:
        org, _ = organization_get_or_create(slug=org_slug, currency=module.CURRENCY)
    except ValidationError as exc:
        raise UnusableInput(f"organization {org_slug!r}: {'; '.join(exc.messages)}") from exc
    if org.currency != module.CURRENCY:
        # Orders in another currency are refused one by one; say it once instead.
        raise UnusableInput(
            f"organization {org_slug!r} keeps its books in {org.currency}, "
            f"this data is in {module.CURRENCY}"
        )
    module.run(organization=org, source=source, report=report)
