"""Writing validated records in batches, each batch in one transaction."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Model

T = TypeVar("T")


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def unsaved(objects: Iterable[Model]) -> None:
    """Forget the primary keys a rolled-back insert handed out, so the objects insert again."""
    for obj in objects:
        obj.pk = None
        obj._state.adding = True


def save_batch(
    items: list[T],
    save: Callable[[list[T]], object],
    refused: Callable[[T, DatabaseError], None],
) -> list[T]:
    """Insert already-validated items in one transaction and return those written.

    Validation happens before this, so a refusal here is rare (say, another import wrote the
    same key meanwhile). Then the batch is retried item by item, each in its own savepoint,
    so only the refused items are left out. `save` must insert a list of items from scratch
    (see `unsaved`) and `refused` reports one item.
    """
    try:
        with transaction.atomic():
            save(items)
        return items
    except DatabaseError:
        pass
    written = []
    for item in items:
        try:
            with transaction.atomic():
                save([item])
        except DatabaseError as exc:
            refused(item, exc)
        else:
            written.append(item)
    return written


def save_one(create: Callable[[], T], failed: Callable[[Exception], None]) -> T | None:
    """Run one service call (validation and save) in its own savepoint; a refusal, by the
    validation or by the database, goes to `failed` and leaves nothing behind."""
    try:
        with transaction.atomic():
            return create()
    except (ValidationError, DatabaseError) as exc:
        failed(exc)
        return None


@contextmanager
def few_gc_passes():
    """Run a bulk import with the cyclic garbage collector mostly idle.

    An import allocates millions of short-lived model instances that reference counting frees
    anyway; by default the collector also scans the young ones every 700 allocations. Raising
    the threshold cut the online-retail import's CPU time by a quarter (BENCHMARKS.md).
    """
    threshold = gc.get_threshold()
    gc.freeze()  # what exists now (Django, the preloaded keys) is never rescanned
    gc.set_threshold(50_000, 20, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()
