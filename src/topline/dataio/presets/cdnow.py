"""CDNOW purchases (Fader & Hardie): customers -> contacts, each purchase line -> one order.

An order has one line of quantity 1 whose unit price is the purchase's dollar value, named
"<n> CDs". The file gives only the total paid for n CDs, and total / n is often not exact
(35.00 / 3), so a line of n CDs at a rounded unit price would change revenue; quantity 1 at
the total keeps every dollar exact, and the CD count stays readable on the line.

Several purchases by one customer on one day stay separate orders, numbered
CDNOW-<customer>-<YYYYMMDD>-<n> in file order (n from 1), so a second run finds them again.
$0 purchases are kept.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from topline.contacts.models import Contact
from topline.contacts.services import contact_create
from topline.dataio.batches import chunked, few_gc_passes, save_batch, unsaved
from topline.dataio.csvfiles import TextFile, UnusableInput, first_line_fields
from topline.dataio.orders import orders_insert
from topline.dataio.parse import Fields
from topline.dataio.presets import load_config
from topline.dataio.report import ImportReport, RowError, errors_from
from topline.sales.models import Order, OrderLine
from topline.sales.services import LineInput, order_build

CONFIG = load_config(__name__)
CURRENCY = CONFIG["currency"]


@dataclass
class Source:
    file: TextFile
    fields: dict[str, str]  # Topline field -> column of this layout


def open_input(path: Path) -> Source:
    if path.is_dir():
        path = path / CONFIG["default_file"]
    if not path.is_file():
        raise UnusableInput(f"{path} is missing")
    first = first_line_fields(path)
    for layout in CONFIG["layouts"].values():
        if first == layout["columns"] or (
            len(first) == len(layout["columns"]) and all(_numeric(v) for v in first)
        ):
            return Source(TextFile(path, layout["columns"]), layout["fields"])
    raise UnusableInput(
        f"{path}: the first line {' '.join(first)!r} is neither the master layout "
        f"({' '.join(CONFIG['layouts']['master']['columns'])}) nor the 5-column sample"
    )


def _numeric(text: str) -> bool:
    return text.replace(".", "", 1).isdigit()


@dataclass
class _Purchase:
    row: int
    order: Order
    lines: list[OrderLine]


def run(*, organization, source: Source, report: ImportReport) -> None:
    report.declare("contacts", "orders")
    columns = source.fields
    file = source.file
    contacts = {
        c.external_id: c for c in Contact.objects.for_org(organization).exclude(external_id="")
    }
    existing = set(Order.objects.for_org(organization).values_list("number", flat=True))
    same_day: Counter[tuple[str, str]] = Counter()
    prefix = CONFIG["order_prefix"]

    def contact_for(customer: str, f: Fields) -> Contact | None:
        if customer in contacts:
            return contacts[customer]
        try:
            # contact_create writes in its own savepoint: a refusal leaves nothing behind.
            contact = contact_create(organization=organization, external_id=customer)
        except (ValidationError, DatabaseError) as exc:
            errors = errors_from(
                exc, file=file.name, row=f.cells.row, columns={"external_id": columns["customer"]}
            )
            report.error("contacts", errors)
            return None
        contacts[customer] = contact
        report.created("contacts")
        return contact

    def build(cells) -> _Purchase | None:
        f = Fields(cells)
        customer = f.identifier(columns["customer"], required=True)
        day = f.date(columns["ordered_on"], required=True)
        cds = f.integer(columns["cds"], required=True)
        value = f.decimal(columns["value"], required=True)
        if customer and day:
            # Counted for every row, valid or not, so a fixed file keeps the same numbers.
            same_day[customer, day] += 1
            number = f"{prefix}{customer}-{day:%Y%m%d}-{same_day[customer, day]}"
        if f.errors:
            report.error("orders", f.errors)
            return None
        if number in existing:
            report.skipped("orders")
            return None
        contact = contact_for(customer, f)
        if contact is None:
            return None
        try:
            order, lines = order_build(
                organization=organization,
                number=number,
                ordered_on=day,
                lines=[LineInput(quantity=1, unit_price=value, product_name=f"{cds} CDs")],
                contact=contact,
            )
        except ValidationError as exc:
            fields = {"lines[1].unit_price": columns["value"], "ordered_on": columns["ordered_on"]}
            report.error("orders", errors_from(exc, file=file.name, row=cells.row, columns=fields))
            return None
        existing.add(number)
        return _Purchase(cells.row, order, lines)

    def save(items: list[_Purchase]) -> None:
        unsaved(item.order for item in items if item.order.pk is not None)
        orders_insert([(item.order, item.lines) for item in items])

    def refused(item: _Purchase, exc) -> None:
        reason = f"refused by the database: {exc}"
        report.error("orders", [RowError(file.name, item.row, "-", reason)])

    with few_gc_passes():
        for chunk in chunked(file.rows(), CONFIG["batch"]):
            report.rows_read += len(chunk)
            with transaction.atomic():  # the chunk's new contacts: one commit, not one each
                items = [item for cells in chunk if (item := build(cells))]
            report.created("orders", len(save_batch(items, save, refused)))
