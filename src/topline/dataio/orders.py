"""A lean insert for orders already validated by sales.services.order_build.

sales.services.orders_save_bulk uses Django's bulk_create, which spends ~20 µs a row
compiling each field into SQL, and SQLite's 999-parameter cap keeps each INSERT to ~60 rows.
At half a million lines that was most of an import (measured in BENCHMARKS.md). Here the rows
are the same values bulk_create sends: each field's value as order_build set it, adapted by
the connection the way the field adapts it; the orders go in with multi-row INSERT ...
RETURNING id (as bulk_create does) and the lines with one executemany.
tests/dataio/test_orders_insert.py checks that both paths store identical rows.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
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
    """The insert statement of a model and how to turn an instance into its row."""

    def __init__(self, model: type[Model]):
        ops = connection.ops
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.attnames = [f.attname for f in self.fields]
        self.table = ops.quote_name(model._meta.db_table)
        self.columns = ", ".join(ops.quote_name(f.column) for f in self.fields)
        self.marks = "(" + ", ".join(["%s"] * len(self.fields)) + ")"
        self.pk_column = ops.quote_name(model._meta.pk.column)
        self.quote = ops.quote_name

    def adapters(self, now) -> list[tuple[int, object]]:
        """(column, function) for the values the connection must adapt, as each field's
        get_db_prep_save would; ints and strings go as they are."""
        ops = connection.ops
        adapters = []
        for i, field in enumerate(self.fields):
            if isinstance(field, DateTimeField) and (field.auto_now or field.auto_now_add):
                value = ops.adapt_datetimefield_value(now)
                adapters.append((i, lambda _, value=value: value))
            elif isinstance(field, DecimalField):
                adapters.append((i, _decimal_adapter(field)))
            elif field.get_internal_type() not in _PLAIN:
                adapters.append((i, lambda v, f=field: f.get_db_prep_save(v, connection)))
        return adapters

    def rows(self, objects, now) -> list[list]:
        adapters = self.adapters(now)
        attnames = self.attnames
        rows = []
        for obj in objects:
            values = [getattr(obj, name) for name in attnames]
            for i, adapt in adapters:
                values[i] = adapt(values[i])
            rows.append(values)
        return rows


def _decimal_adapter(field: DecimalField):
    adapt = connection.ops.adapt_decimalfield_value

    def adapter(value):
        # DecimalField.to_python(Decimal) is Decimal(value): the same number, so skip it.
        if type(value) is not Decimal:
            value = field.to_python(value)
        return adapt(value, field.max_digits, field.decimal_places)

    return adapter


_tables: dict[type[Model], _Table] = {}


def _table(model: type[Model]) -> _Table:
    if model not in _tables:
        _tables[model] = _Table(model)
    return _tables[model]


def orders_insert(built: list[tuple[Order, list[OrderLine]]]) -> int:
    """Insert validated orders and their lines; sets each order's pk. Returns lines written."""
    now = timezone.now()
    orders, lines = _table(Order), _table(OrderLine)
    order_rows = orders.rows((order for order, _ in built), now)
    with connection.cursor() as cursor:
        for start in range(0, len(built), ORDERS_PER_STATEMENT):
            chunk = order_rows[start : start + ORDERS_PER_STATEMENT]
            cursor.execute(
                f"INSERT INTO {orders.table} ({orders.columns}) "
                f"VALUES {', '.join([orders.marks] * len(chunk))} "
                f"RETURNING {orders.pk_column}, {orders.quote('number')}",
                [value for row in chunk for value in row],
            )
            # SQLite documents RETURNING order as arbitrary: match ids by the unique number.
            ids = dict((number, pk) for pk, number in cursor.fetchall())
            for order, _ in built[start : start + ORDERS_PER_STATEMENT]:
                order.pk = ids[order.number]
                order._state.adding = False
        for order, order_lines in built:
            for line in order_lines:
                line.order_id = order.pk  # the attribute: the descriptor costs ~3 µs a line
        line_rows = lines.rows((line for _, order_lines in built for line in order_lines), now)
        if line_rows:
            cursor.executemany(
                f"INSERT INTO {lines.table} ({lines.columns}) VALUES {lines.marks}", line_rows
            )
    return len(line_rows)
