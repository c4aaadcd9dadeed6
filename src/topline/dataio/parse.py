"""Typed values from text cells. Each parser raises ValueError with a reason a person can act
on; `Fields` collects those per column so one row reports all its bad cells at once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from topline.dataio.csvfiles import Cells
from topline.dataio.report import RowError


def parse_date(text: str) -> dt.date:
    """ISO `2017-03-01` (a time part is ignored) or compact `20170301`."""
    text = text.strip()
    try:
        if len(text) == 8 and text.isdigit():
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD or YYYYMMDD)") from None


def parse_datetime(text: str, zone) -> dt.datetime:
    """ISO `2018-02-26 19:58:54`; a time without zone is read in `zone`."""
    text = text.strip()
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date and time (YYYY-MM-DD HH:MM:SS)") from None
    return value if value.tzinfo else value.replace(tzinfo=zone)


def parse_int(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a whole number") from None


def parse_decimal(text: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number") from None
    if not value.is_finite():
        raise ValueError(f"{text!r} is not a finite number")
    return value


def parse_id(text: str) -> str:
    """A numeric id as plain digits: `17850.0` -> `17850`, `00004` -> `4`."""
    value = parse_decimal(text)
    if value != value.to_integral_value() or value < 0:
        raise ValueError(f"{text!r} is not a whole, non-negative id")
    return str(int(value))


class Fields:
    """Reads one row's cells as typed values and remembers every bad one with its column."""

    def __init__(self, cells: Cells):
        self.cells = cells
        self.errors: list[RowError] = []
        reason = cells.misaligned()
        if reason:
            self.fail("-", reason)

    def fail(self, column: str, reason: str) -> None:
        self.errors.append(RowError(self.cells.file.name, self.cells.row, column, reason))

    def _read(self, column: str, parser, required: bool, *args):
        text = self.cells[column]
        if not text.strip():
            if required:
                self.fail(column, "is required")
            return None
        try:
            return parser(text, *args)
        except ValueError as exc:
            self.fail(column, str(exc))
            return None

    def text(self, column: str, required: bool = False) -> str:
        value = self.cells[column].strip()
        if required and not value:
            self.fail(column, "is required")
        return value

    def date(self, column: str, required: bool = False) -> dt.date | None:
        return self._read(column, parse_date, required)

    def datetime(self, column: str, zone, required: bool = False) -> dt.datetime | None:
        return self._read(column, parse_datetime, required, zone)

    def integer(self, column: str, required: bool = False) -> int | None:
        return self._read(column, parse_int, required)

    def decimal(self, column: str, required: bool = False) -> Decimal | None:
        return self._read(column, parse_decimal, required)

    def identifier(self, column: str, required: bool = False) -> str:
        return self._read(column, parse_id, required) or ""
