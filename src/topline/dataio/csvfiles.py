"""Finding and opening the input files. A missing file or a missing column makes the whole
input unusable (UnusableInput); everything below that is a row error."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterable, Iterator
from pathlib import Path

# A cell may be long (a product description, a note), but not without bound: past this the
# file is not the table it claims to be.
CELL_LIMIT = 1 << 20
csv.field_size_limit(CELL_LIMIT)


class UnusableInput(Exception):
    """The input cannot be imported at all: a missing file or folder, or wrong columns."""


def folder_file(folder: Path, name: str) -> Path:
    if not folder.is_dir():
        raise UnusableInput(f"{folder} is not a folder")
    path = folder / name
    if not path.is_file():
        raise UnusableInput(f"{path} is missing")
    return path


def input_files(path: Path, pattern: str) -> list[Path]:
    """One file, or every file of a folder that matches `pattern`, in name order."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise UnusableInput(f"{path} does not exist")
    files = sorted(p for p in path.glob(pattern) if p.is_file())
    if not files:
        raise UnusableInput(f"{path} holds no {pattern} file")
    return files


def check_utf8(path: Path) -> None:
    """The whole file must be UTF-8 text: found before anything is imported, not at row 4,001
    (a pass of ~50 ms per 45 MB)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                start = max(exc.start, 0)
                line += chunk.count(b"\n", 0, start)
                raise UnusableInput(
                    f"{path}, line {line}: byte 0x{chunk[start]:02x} is not UTF-8 text "
                    "(save the file as UTF-8 and import it again)"
                ) from None
            line += chunk.count(b"\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise UnusableInput(f"{path} ends in the middle of a UTF-8 character") from None


class CsvFile:
    """A CSV file with a header row; opening it checks that the required columns exist.

    Records are numbered as a spreadsheet numbers rows: the header is row 1.
    """

    def __init__(self, path: Path, required: Iterable[str]):
        self.path = path
        self.name = path.name
        check_utf8(path)
        with open(path, newline="", encoding="utf-8-sig") as handle:
            header = next(csv.reader(handle), None)
        if not header:
            raise UnusableInput(f"{path} is empty")
        self.header = [column.strip() for column in header]
        self.index = {column: i for i, column in enumerate(self.header)}
        missing = [column for column in required if column not in self.index]
        if missing:
            raise UnusableInput(
                f"{path}: missing column(s) {', '.join(missing)} (found: {', '.join(self.header)})"
            )

    def records(self) -> Iterator[tuple[int, list[str]]]:
        with open(self.path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            next(reader, None)
            try:
                yield from enumerate(reader, start=2)
            except csv.Error as exc:
                # The reader cannot go on past a malformed record (a cell over CELL_LIMIT).
                raise UnusableInput(f"{self.path}, line {reader.line_num}: {exc}") from None

    def rows(self) -> Iterator[Cells]:
        for row_no, record in self.records():
            yield Cells(self, row_no, record)


class Cells:
    """One record of a CsvFile, read by column name. A short or long record (cells that do
    not line up with the header) is reported by `misaligned()` rather than guessed at."""

    __slots__ = ("file", "row", "record")

    def __init__(self, file: CsvFile | TextFile, row: int, record: list[str]):
        self.file = file
        self.row = row
        self.record = record

    def __getitem__(self, column: str) -> str:
        index = self.file.index[column]
        return self.record[index] if index < len(self.record) else ""

    def misaligned(self) -> str:
        if len(self.record) == len(self.file.header):
            return ""
        return f"has {len(self.record)} cells, the header has {len(self.file.header)}"


class TextFile:
    """A whitespace-aligned text file (CDNOW) read like a CsvFile: the caller names the
    columns, and a first line equal to those names is a header and skipped."""

    def __init__(self, path: Path, columns: list[str]):
        self.path = path
        self.name = path.name
        self.header = list(columns)
        self.index = {column: i for i, column in enumerate(columns)}
        check_utf8(path)
        with open(path, encoding="utf-8") as handle:
            self.has_header = handle.readline().split() == self.header

    def records(self) -> Iterator[tuple[int, list[str]]]:
        with open(self.path, encoding="utf-8") as handle:  # universal newlines: CRLF too
            lines = enumerate(handle, start=1)
            if self.has_header:
                next(lines, None)
            for row, line in lines:
                if line.strip():
                    yield row, line.split()

    def rows(self) -> Iterator[Cells]:
        for row_no, record in self.records():
            yield Cells(self, row_no, record)


def first_line_fields(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                return line.split()
    return []
