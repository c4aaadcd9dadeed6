"""A lean insert for orders already validated by sales.services.order_build.

sales.services.orders_save_bulk uses Django's bulk_create, which spends ~20 µs a row
compiling each field into SQL, and SQLite's 999-parameter cap keeps each INSERT to ~60 rows.
At half a million lines that was most of an import (measured in BENCHMARKS.md). Here the rows
are the same values bulk_create sends: each field's value as order_build set it, adapted by
the connection the way the field adapts it; the orders go in with multi-row INSERT ...
RETURNING id (as bulk_create does) and the lines with one executemany. The rows are plain
values, so worker processes can build them (dataio.workers).
tests/dataio/test_orders_insert.py checks that both paths store identical rows.
"""

from __future__ import annotations

import functools
import operator
import sqlite3
from decimal import Decimal

from django.db import connection
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import DateTimeField, DecimalField, Model
from django.utils import timezone

from topline.sales.models import Order, OrderLine

# Field types whose Python values go to the driver unchanged (ints and strings).
_PLAIN = {
    "BigIntegerField", "CharField", "ForeignKey", "IntegerField", "OneToOneField",
    "PositiveIntegerField", "PositiveSmallIntegerField", "SmallIntegerField", "TextField",
}  # fmt: skip
# Rows per multi-row INSERT of orders: 16 columns each stays under SQLite's 32,766 parameters.
ORDERS_PER_STATEMENT = 500


class _Table:
    """The INSERT of a model and each instance's row of values, as bulk_create would send
    them: ints and strings as they are, auto_now times as one adapted `now`, and any other
    field through its own get_db_prep_save (see _adapter). Columns are ordered parent id,
    plain, adapted, times, so a row is a few C-level tuple operations on the instance's
    __dict__; the parent id (a line's order) is left out of the row and put first on insert."""

    def __init__(self, model: type[Model], parent: str = ""):
        ops = connection.ops
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        times = [
            f for f in fields if isinstance(f, DateTimeField) and (f.auto_now or f.auto_now_add)
        ]
        rest = [f for f in fields if f not in times and f.attname != parent]
        plain = [f for f in rest if f.get_internal_type() in _PLAIN]
        adapted = [f for f in rest if f not in plain]
        self.times = len(times)
        getter = operator.itemgetter(*[f.attname for f in plain])
        self.plain = getter if len(plain) > 1 else lambda values: (getter(values),)
        self.adapted = [(f.attname, _adapter(f)) for f in adapted]
        ordered = [model._meta.get_field(parent)] if parent else []
        ordered += plain + adapted + times
        self.table = ops.quote_name(model._meta.db_table)
        self.columns = ", ".join(ops.quote_name(f.column) for f in ordered)
        self.marks = "(" + ", ".join(["%s"] * len(ordered)) + ")"
        self.pk_column = ops.quote_name(model._meta.pk.column)
        self.quote = ops.quote_name

    def row(self, obj: Model, times: tuple) -> tuple:
        values = obj.__dict__  # where Django keeps each field's value, by attname
        return (
            *self.plain(values),
            *[adapt(values[name]) for name, adapt in self.adapted],
            *times,
        )


def _adapter(field):
    """A value as field.get_db_prep_save(value) would send it, with a fast path for the
    Decimals order_line_build makes: DecimalField.to_python(Decimal) is the same number, and
    SQLite and PostgreSQL keep BaseDatabaseOperations.adapt_decimalfield_value, which
    returns it unchanged. Then the driver's own adapter, if it has one (see _driver)."""
    ops = connection.ops
    driver = _driver(Decimal)
    if isinstance(field, DecimalField) and (
        type(ops).adapt_decimalfield_value is BaseDatabaseOperations.adapt_decimalfield_value
    ):
        return lambda v: driver(v if type(v) is Decimal else field.get_db_prep_save(v, connection))
    return lambda v: field.get_db_prep_save(v, connection)


def _driver(cls):
    """What the database driver itself does to a value of `cls` before storing it: Django
    registers `str` for Decimal with sqlite3. Doing it here sends the same text, and a str
    pickles ~15x faster than a Decimal (rows come back from worker processes)."""
    if connection.vendor == "sqlite":
        adapt = sqlite3.adapters.get((cls, sqlite3.PrepareProtocol))
        if adapt is not None:
            return lambda v: adapt(v) if type(v) is cls else v
    return lambda v: v


@functools.cache
def _tables() -> tuple[_Table, _Table]:
    return _Table(Order), _Table(OrderLine, parent="order_id")


def insert_times() -> tuple:
    """created_at and updated_at of rows written now, as the connection sends them."""
    return (connection.ops.adapt_datetimefield_value(timezone.now()),) * _tables()[0].times


# An order ready to insert: (number, its row, its lines' rows without the order id). Plain
# values only, so a worker process can build it (dataio.workers) and a refused batch can be
# retried as it is.
OrderRows = tuple[str, tuple, list[tuple]]


def order_rows(order: Order, lines: list[OrderLine], times: tuple) -> OrderRows:
    orders, order_lines = _tables()
    return order.number, orders.row(order, times), [order_lines.row(x, times) for x in lines]


def rows_insert(items: list[OrderRows]) -> dict[str, int]:
    """Insert orders and their lines; returns the new orders' ids by number."""
    orders, lines = _tables()
    ids: dict[str, int] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(items), ORDERS_PER_STATEMENT):
            chunk = items[start : start + ORDERS_PER_STATEMENT]
            cursor.execute(
                f"INSERT INTO {orders.table} ({orders.columns}) "
                f"VALUES {', '.join([orders.marks] * len(chunk))} "
                f"RETURNING {orders.pk_column}, {orders.quote('number')}",
                [value for _, row, _ in chunk for value in row],
            )
            # SQLite documents RETURNING order as arbitrary: match ids by the unique number.
            ids.update((number, pk) for pk, number in cursor.fetchall())
        rows = [(ids[number], *row) for number, _, line_rows in items for row in line_rows]
        if rows:
            cursor.executemany(
                f"INSERT INTO {lines.table} ({lines.columns}) VALUES {lines.marks}", rows
            )
    return ids


def orders_insert(built: list[tuple[Order, list[OrderLine]]]) -> int:
    """Insert validated orders and their lines, setting the orders' ids and the lines'
    order ids as bulk_create would. Returns the number of lines written."""
    times = insert_times()
    ids = rows_insert([order_rows(order, lines, times) for order, lines in built])
    for order, lines in built:
        order.pk = ids[order.number]
        order._state.adding = False
        for line in lines:
            line.order = order
    return sum(len(lines) for _, lines in built)
