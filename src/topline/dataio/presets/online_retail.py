"""UCI "Online Retail" invoice lines: customers -> contacts, stock codes -> products,
invoices -> orders. Every line is kept: cancellations (`C` invoices) and returns are negative
lines, `A` bad-debt adjustments keep their negative price, lines with no customer make orders
without a customer.

Two passes over the files. The first reads the keys only (how many lines each invoice has,
the first description of each stock code, the first country of each customer), so products
and contacts exist before any order. The second gathers each invoice's lines until the last
one is read (lines of two invoices can interleave), so memory holds only the open invoices.
Each invoice is built with sales.services.order_build; a batch of them is written in one
transaction through the lean insert of dataio.orders. Measured in BENCHMARKS.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from topline.contacts.models import Contact
from topline.contacts.services import contact_create
from topline.dataio.batches import chunked, few_gc_passes, save_batch, save_one
from topline.dataio.csvfiles import CsvFile, input_files
from topline.dataio.orders import OrderRows, insert_times, order_rows, rows_insert
from topline.dataio.parse import parse_date, parse_id
from topline.dataio.presets import load_config
from topline.dataio.report import ImportReport, RowError, errors_from
from topline.dataio.workers import map_in_workers, worker_count
from topline.sales.models import Order, Product
from topline.sales.services import LineInput, order_build, product_create

CONFIG = load_config(__name__)
CURRENCY = CONFIG["currency"]
COLUMNS = CONFIG["columns"]
LINE_FIELDS = {
    "quantity": COLUMNS["quantity"],
    "unit_price": COLUMNS["unit_price"],
    "product": COLUMNS["product_code"],
    "product_code": COLUMNS["product_code"],
    "product_name": COLUMNS["product_name"],
    "discount": "discount",
}


def open_input(path: Path) -> list[CsvFile]:
    return [CsvFile(p, COLUMNS.values()) for p in input_files(path, CONFIG["pattern"])]


def run(*, organization, source: list[CsvFile], report: ImportReport) -> None:
    report.declare("contacts", "products", "orders", "order lines")
    with few_gc_passes():
        scan = _scan(source)
        with transaction.atomic():  # one transaction, not a commit per product or contact
            products = _import_products(organization, scan, report)
            contacts = _import_contacts(organization, scan, report)
        _import_invoices(organization, source, scan, products, contacts, report)


class _Index:
    """Where each column is in one file's records."""

    def __init__(self, file: CsvFile):
        self.width = len(file.header)
        for key, column in COLUMNS.items():
            setattr(self, key, file.index[column])


@dataclass
class _Scan:
    invoices: Counter[str] = field(default_factory=Counter)  # number -> its records, all files
    products: dict[str, tuple[str, str, int]] = field(default_factory=dict)  # code -> name, at
    customers: dict[str, tuple[str, str, int]] = field(default_factory=dict)  # id -> country, at


def _scan(files: list[CsvFile]) -> _Scan:
    scan = _Scan()
    invoices, products, customers = scan.invoices, scan.products, scan.customers
    for file in files:
        at = _Index(file)
        width, number, code, name, customer, country = (
            at.width, at.number, at.product_code, at.product_name, at.customer, at.country
        )  # fmt: skip
        for row, record in file.records():
            invoices[record[number] if len(record) > number else ""] += 1
            if len(record) != width:
                continue  # reported when its invoice is built
            known = products.get(record[code])
            # A product's name is its first non-blank description (blank until one is seen).
            if known is None or (not known[0] and record[name].strip()):
                products[record[code]] = (record[name].strip(), file.name, row)
            if record[customer] and record[customer] not in customers:
                customers[record[customer]] = (record[country].strip(), file.name, row)
    return scan


def _import_products(org, scan: _Scan, report: ImportReport) -> dict[str, Product]:
    products = {p.code: p for p in Product.objects.for_org(org)}
    for code, (name, file, row) in scan.products.items():
        if not code.strip():
            continue  # a line without a stock code keeps no product
        if code in products:
            report.skipped("products")
            continue
        product = save_one(
            # A code that never has a description is named by its code.
            lambda code=code, name=name: product_create(
                organization=org, code=code, name=name or code
            ),
            lambda exc, file=file, row=row: report.error(
                "products",
                errors_from(
                    exc,
                    file=file,
                    row=row,
                    columns={"code": COLUMNS["product_code"], "name": COLUMNS["product_name"]},
                ),
            ),
        )
        if product:
            products[code] = product
            report.created("products")
    return products


def _import_contacts(org, scan: _Scan, report: ImportReport) -> dict[str, Contact]:
    """Contacts by customer id as text ("17850.0" in the file -> "17850")."""
    contacts = {c.external_id: c for c in Contact.objects.for_org(org).exclude(external_id="")}
    for raw, (country, file, row) in scan.customers.items():
        try:
            external_id = parse_id(raw)
        except ValueError:
            continue  # reported on each of its rows by the second pass
        if external_id in contacts:
            report.skipped("contacts")
            continue
        try:
            # contact_create writes in its own savepoint: a refusal leaves nothing behind.
            contact = contact_create(organization=org, external_id=external_id, country=country)
        except (ValidationError, DatabaseError) as exc:
            columns = {"external_id": COLUMNS["customer"], "country": COLUMNS["country"]}
            report.error("contacts", errors_from(exc, file=file, row=row, columns=columns))
            continue
        contacts[external_id] = contact
        report.created("contacts")
    return contacts


# An invoice to build: (file name, its columns, number, [(row, record), ...]).
Invoice = tuple[str, _Index, str, list[tuple[int, list[str]]]]
# Below this many lines, forking worker processes costs more than it saves.
PARALLEL_FROM = 50_000


@dataclass(frozen=True)
class _Rejected:
    lines: int
    errors: list[RowError]


@dataclass(frozen=True)
class _Built:
    file: str
    rows: list[int]
    order: OrderRows


@dataclass
class _FileResult:
    """One file's invoices, built: what a worker process sends back."""

    rows: int = 0
    outcomes: list[_Built | _Rejected] = field(default_factory=list)
    skipped_orders: int = 0
    skipped_lines: int = 0
    # Invoices that continue in another file: their records here, built once all are read.
    partial: dict[str, list[tuple[int, list[str]]]] = field(default_factory=dict)


def _import_invoices(org, files, scan, products, contacts, report: ImportReport) -> None:
    existing = set(Order.objects.for_org(org).values_list("number", flat=True))
    by_text = {}  # CustomerID as written ("17850.0") -> its contact
    for raw in scan.customers:
        with contextlib.suppress(ValueError):  # a bad id is reported on its invoice
            by_text[raw] = contacts.get(parse_id(raw))
    builder = _Builder(org, products, by_text, existing, scan.invoices)

    def refused(item: _Built, exc) -> None:
        reason = f"refused by the database: {exc}"
        report.error("orders", [RowError(item.file, row, "-", reason) for row in item.rows])
        report.kind("order lines").errors += len(item.rows)

    def write(outcomes: Iterable[_Built | _Rejected]) -> None:
        for chunk in chunked(outcomes, CONFIG["batch"]):
            built = []
            for outcome in chunk:
                if isinstance(outcome, _Rejected):
                    report.error("orders", outcome.errors)
                    report.kind("order lines").errors += outcome.lines
                else:
                    built.append(outcome)
            written = save_batch(built, _save, refused)
            report.created("orders", len(written))
            report.created("order lines", sum(len(item.rows) for item in written))

    # Files are built in worker processes for a large input, each file as a whole; this
    # process writes the orders, one transaction per batch.
    workers = worker_count() if sum(scan.invoices.values()) >= PARALLEL_FROM else 0
    partial: dict[str, tuple[str, _Index, str, list]] = {}
    for file, result in zip(files, map_in_workers(builder.file, files, workers), strict=True):
        report.rows_read += result.rows
        report.skipped("orders", result.skipped_orders)
        report.skipped("order lines", result.skipped_lines)
        write(result.outcomes)
        for number, rows in result.partial.items():
            partial.setdefault(number, (file.name, _Index(file), number, []))[3].extend(rows)
    # Invoices split across files, built once all their rows are read.
    write(builder(invoice) for invoice in partial.values() if invoice[2] not in existing)


class _Builder:
    """Groups records into invoices, and validates and builds each invoice with order_build
    as rows ready to insert."""

    def __init__(self, org, products, contacts, existing: set[str], counts):
        self.org = org
        self.products: dict[str, Product] = products
        self.contacts: dict[str, Contact | None] = contacts
        self.existing = existing
        self.counts: Counter[str] = counts  # records of each invoice, over all files
        self.days: dict[str, dt.date] = {}  # InvoiceDate text -> its day: many lines share one
        self.times = insert_times()

    def file(self, file: CsvFile) -> _FileResult:
        """Each invoice of the file, built as soon as its last record is read (lines of two
        invoices can interleave), so only the open invoices are held in memory."""
        result = _FileResult()
        open_invoices: dict[str, list[tuple[int, list[str]]]] = {}
        at = _Index(file)
        column, counts, existing = at.number, self.counts, self.existing
        for row, record in file.records():
            result.rows += 1
            number = record[column] if len(record) > column else ""
            rows = open_invoices.get(number)
            if rows is None:
                rows = open_invoices[number] = []
            rows.append((row, record))
            if len(rows) < counts[number]:
                continue
            del open_invoices[number]
            if number in existing:
                result.skipped_orders += 1
                result.skipped_lines += len(rows)
            else:
                result.outcomes.append(self((file.name, at, number, rows)))
        result.partial = open_invoices
        return result

    def __call__(self, invoice: Invoice) -> _Built | _Rejected:
        file, at, number, rows = invoice
        errors: list[RowError] = []
        first_row, first = rows[0]
        customer = first[at.customer] if len(first) > at.customer else ""
        ordered_on = None
        lines = []
        products, days = self.products, self.days
        for row, record in rows:
            if len(record) != at.width:
                reason = f"has {len(record)} cells, the header has {at.width}"
                errors.append(RowError(file, row, "-", reason))
                continue
            text = record[at.ordered_at]
            try:
                day = days.get(text) or days.setdefault(text, parse_date(text))
                ordered_on = ordered_on or day
            except ValueError as exc:
                errors.append(RowError(file, row, COLUMNS["ordered_at"], str(exc)))
            if record[at.customer] != customer:
                reason = f"invoice {number} is for customer {customer!r} (row {first_row})"
                errors.append(RowError(file, row, COLUMNS["customer"], reason))
            code = record[at.product_code]
            lines.append(
                LineInput(
                    quantity=record[at.quantity],
                    unit_price=record[at.unit_price],
                    product=products.get(code),
                    product_code=code,
                    product_name=record[at.product_name],
                )
            )
        contact = self.contacts.get(customer)
        if customer and contact is None and not errors:
            try:
                reason = f"customer {parse_id(customer)} was not imported (see its errors)"
            except ValueError as exc:
                reason = str(exc)
            errors.append(RowError(file, first_row, COLUMNS["customer"], reason))
        if not errors:
            try:
                order, built = order_build(
                    organization=self.org,
                    number=number,
                    ordered_on=ordered_on,
                    lines=lines,
                    contact=contact,
                )
            except ValidationError as exc:
                errors = _line_errors(exc, file, [row for row, _ in rows])
        if errors:
            return _Rejected(len(rows), _with_siblings(file, number, rows, errors))
        return _Built(file, [row for row, _ in rows], order_rows(order, built, self.times))


def _save(items: list[_Built]) -> None:
    rows_insert([item.order for item in items])


def _line_errors(exc: ValidationError, file: str, rows: list[int]) -> list[RowError]:
    """order_build names a line's field `lines[3].quantity`: report it on that line's row."""
    errors = []
    for name, messages in exc.message_dict.items():
        row, column = rows[0], name
        if name.startswith("lines["):
            index, _, line_field = name[len("lines[") :].partition("].")
            row, column = rows[int(index) - 1], LINE_FIELDS.get(line_field, line_field)
        elif name in ("number", "ordered_on"):
            column = COLUMNS["number" if name == "number" else "ordered_at"]
        errors.append(RowError(file, row, column, "; ".join(messages)))
    return errors


def _with_siblings(file: str, number: str, rows, errors: list[RowError]) -> list[RowError]:
    """An invoice with a bad line is left out whole: no order is stored without all its
    lines. Its other lines are reported too, so every row is accounted for."""
    bad = {error.row for error in errors}
    return errors + [
        RowError(file, row, COLUMNS["number"], f"invoice {number} not imported: see row {min(bad)}")
        for row, _ in rows
        if row not in bad
    ]
