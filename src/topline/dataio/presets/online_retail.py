"""UCI "Online Retail" invoice lines: customers -> contacts, stock codes -> products,
invoices -> orders. Every line is kept: cancellations (`C` invoices) and returns are negative
lines, `A` bad-debt adjustments keep their negative price, lines with no customer make orders
without a customer.

Two passes over the files. The first reads the keys only (the last row of each invoice, the
first description of each stock code, the first country of each customer); the second builds
each invoice with order_build as soon as its last row is read, so memory holds only the open
invoices, and writes the orders a batch at a time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from topline.contacts.models import Contact
from topline.contacts.services import contact_create
from topline.dataio.batches import few_gc_passes, save_batch, save_one, unsaved
from topline.dataio.csvfiles import CsvFile, input_files
from topline.dataio.orders import orders_insert
from topline.dataio.parse import parse_date, parse_id
from topline.dataio.presets import load_config
from topline.dataio.report import ImportReport, RowError, errors_from
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


@dataclass
class _Scan:
    last_row: dict[str, tuple[int, int]] = field(default_factory=dict)  # invoice -> (file, row)
    products: dict[str, tuple[str, str, int]] = field(default_factory=dict)  # code -> name, at
    customers: dict[str, tuple[str, str, int]] = field(default_factory=dict)  # id -> country, at


def _scan(files: list[CsvFile]) -> _Scan:
    scan = _Scan()
    i_number, i_code, i_name, i_customer, i_country = (
        files[0].index[COLUMNS[key]]
        for key in ("number", "product_code", "product_name", "customer", "country")
    )
    width = max(i_number, i_code, i_name, i_customer, i_country) + 1
    for file_no, file in enumerate(files):
        if file.index != files[0].index:
            i_number, i_code, i_name, i_customer, i_country = (
                file.index[COLUMNS[key]]
                for key in ("number", "product_code", "product_name", "customer", "country")
            )
            width = max(i_number, i_code, i_name, i_customer, i_country) + 1
        for row, record in file.records():
            if len(record) < width:
                continue  # reported by the second pass
            scan.last_row[record[i_number]] = (file_no, row)
            code = record[i_code]
            known = scan.products.get(code)
            # A product's name is its first non-blank description (blank until one is seen).
            if known is None or (not known[0] and record[i_name].strip()):
                scan.products[code] = (record[i_name].strip(), file.name, row)
            customer = record[i_customer]
            if customer and customer not in scan.customers:
                scan.customers[customer] = (record[i_country].strip(), file.name, row)
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


@dataclass
class _Invoice:
    file: str
    rows: list[int]
    order: Order
    lines: list


class _Index:
    """Where each column is in one file's records."""

    def __init__(self, file: CsvFile):
        self.width = len(file.header)
        for key, column in COLUMNS.items():
            setattr(self, key, file.index[column])


def _import_invoices(org, files, scan, products, contacts, report: ImportReport) -> None:
    existing = set(Order.objects.for_org(org).values_list("number", flat=True))
    days: dict[str, dt.date] = {}  # InvoiceDate text -> its day: ~20,000 distinct texts
    customer_ids: dict[str, str] = {}
    batch: list[_Invoice] = []

    def day_of(text: str) -> dt.date:
        day = days.get(text)
        if day is None:
            day = days[text] = parse_date(text)
        return day

    def build(file: CsvFile, at: _Index, number: str, rows: list[tuple[int, list[str]]]):
        if number in existing:
            report.skipped("orders")
            report.skipped("order lines", len(rows))
            return
        errors: list[RowError] = []
        first_row, first = rows[0]
        customer = first[at.customer] if len(first) > at.customer else ""
        ordered_on = None
        lines = []
        for row, record in rows:
            if len(record) != at.width:
                reason = f"has {len(record)} cells, the header has {at.width}"
                errors.append(RowError(file.name, row, "-", reason))
                continue
            try:
                day = day_of(record[at.ordered_at])
                ordered_on = ordered_on or day
            except ValueError as exc:
                errors.append(RowError(file.name, row, COLUMNS["ordered_at"], str(exc)))
            if record[at.customer] != customer:
                reason = f"invoice {number} is for customer {customer!r} (row {first_row})"
                errors.append(RowError(file.name, row, COLUMNS["customer"], reason))
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
        contact = None
        if customer:
            try:
                if customer not in customer_ids:
                    customer_ids[customer] = parse_id(customer)
                contact = contacts.get(customer_ids[customer])
            except ValueError as exc:
                errors.append(RowError(file.name, first_row, COLUMNS["customer"], str(exc)))
        if not errors:
            try:
                order, built = order_build(
                    organization=org,
                    number=number,
                    ordered_on=ordered_on,
                    lines=lines,
                    contact=contact,
                )
            except ValidationError as exc:
                errors = _line_errors(exc, file.name, [row for row, _ in rows])
        if errors:
            _reject(report, file.name, number, rows, errors)
            return
        existing.add(number)
        batch.append(_Invoice(file.name, [row for row, _ in rows], order, built))

    def flush() -> None:
        written = save_batch(batch, _save, lambda item, exc: _refused(report, item, exc))
        report.created("orders", len(written))
        report.created("order lines", sum(len(item.lines) for item in written))
        batch.clear()

    # Invoice -> its rows read so far. An invoice is built when its last row (known from the
    # first pass) is read: lines of two invoices can interleave (536365/536366 in 2011-02).
    open_invoices: dict[str, list[tuple[int, list[str]]]] = {}
    last_row = scan.last_row
    for file_no, file in enumerate(files):
        at = _Index(file)
        for row, record in file.records():
            report.rows_read += 1
            number = record[at.number] if len(record) > at.number else ""
            rows = open_invoices.get(number)
            if rows is None:
                rows = open_invoices[number] = []
            rows.append((row, record))
            if last_row.get(number, (file_no, row)) == (file_no, row):
                build(file, at, number, open_invoices.pop(number))
                if len(batch) >= CONFIG["batch"]:
                    flush()
    for number, rows in open_invoices.items():  # only if a file changed between the passes
        build(files[-1], _Index(files[-1]), number, rows)
    flush()


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


def _reject(report, file: str, number: str, rows, errors: list[RowError]) -> None:
    """An invoice with a bad line is left out whole: no order is stored without all its lines.
    Its other lines are reported too, so every row is accounted for."""
    bad = {error.row for error in errors}
    siblings = [
        RowError(file, row, COLUMNS["number"], f"invoice {number} not imported: see row {min(bad)}")
        for row, _ in rows
        if row not in bad
    ]
    report.error("orders", errors + siblings)
    report.kind("order lines").errors += len(rows)


def _save(items: list[_Invoice]) -> None:
    # Only a retry after a refused batch finds ids handed out (lines never get theirs back).
    unsaved(item.order for item in items if item.order.pk is not None)
    orders_insert([(item.order, item.lines) for item in items])


def _refused(report, item: _Invoice, exc) -> None:
    reason = f"refused by the database: {exc}"
    report.error("orders", [RowError(item.file, row, "-", reason) for row in item.rows])
    report.kind("order lines").errors += len(item.rows)
