"""What an import did: counts per kind of record and every row that was not stored."""

from __future__ import annotations

import csv
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError


@dataclass(frozen=True, slots=True)
class RowError:
    """One reason a row was not imported. `row` counts records as a spreadsheet does
    (the header is row 1); `field` is the column in the file when there is one."""

    file: str
    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file} row {self.row}, {self.field}: {self.reason}"


@dataclass(slots=True)
class KindCounts:
    created: int = 0
    skipped: int = 0  # already present: a second run skips what the first one stored
    errors: int = 0


@dataclass
class ImportReport:
    preset: str
    organization: str
    dry_run: bool = False
    rows_read: int = 0
    kinds: dict[str, KindCounts] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    elapsed: float = 0.0

    def declare(self, *names: str) -> None:
        """List kinds up front, so the summary shows them in this order, zeros included."""
        for name in names:
            self.kind(name)

    def kind(self, name: str) -> KindCounts:
        if name not in self.kinds:
            self.kinds[name] = KindCounts()
        return self.kinds[name]

    def created(self, kind: str, n: int = 1) -> None:
        self.kind(kind).created += n

    def skipped(self, kind: str, n: int = 1) -> None:
        self.kind(kind).skipped += n

    def error(self, kind: str, errors: Iterable[RowError]) -> None:
        """Count one record of `kind` as failed, for one or more reasons."""
        self.kind(kind).errors += 1
        self.errors.extend(errors)

    def finish(self) -> None:
        self.elapsed = time.perf_counter() - self.started

    @property
    def rows_per_second(self) -> float:
        return self.rows_read / self.elapsed if self.elapsed else 0.0

    def summary(self, max_errors: int = 50) -> str:
        title = f"Import {self.preset} into organization {self.organization!r}"
        if self.dry_run:
            title += " (dry run: nothing was written)"
        lines = [title, f"{'kind':<16}{'created':>10}{'skipped':>10}{'errors':>10}"]
        for name, counts in self.kinds.items():
            lines.append(
                f"{name:<16}{counts.created:>10,}{counts.skipped:>10,}{counts.errors:>10,}"
            )
        lines.append(
            f"{self.rows_read:,} rows read in {self.elapsed:.1f} s "
            f"({self.rows_per_second:,.0f} rows/s)"
        )
        if self.errors:
            lines.append(f"{len(self.errors):,} row errors:")
            lines.extend(f"  {error}" for error in self.errors[:max_errors])
            if len(self.errors) > max_errors:
                lines.append(f"  ... and {len(self.errors) - max_errors:,} more (--errors FILE)")
        return "\n".join(lines)

    def write_errors(self, path: Path) -> None:
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["file", "row", "field", "reason"])
            for error in self.errors:
                writer.writerow([error.file, error.row, error.field, error.reason])


def errors_from(exc: Exception, *, file: str, row: int, columns: dict[str, str]) -> list[RowError]:
    """A service's ValidationError (or a database refusal) as row errors, each field named by
    its column in the file (`columns` maps model field -> column; others keep their name)."""
    if not isinstance(exc, ValidationError):
        return [RowError(file, row, "-", f"refused by the database: {exc}")]
    if not hasattr(exc, "error_dict"):
        return [RowError(file, row, "-", "; ".join(exc.messages))]
    return [
        RowError(file, row, columns.get(name, name), "; ".join(messages))
        for name, messages in exc.message_dict.items()
    ]
