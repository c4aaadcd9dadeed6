"""The domain-event bus: how a lower app lets higher apps react without importing them.

Two kinds of reaction:
- `subscribe(event)`: a side effect (e-mail, webhook, live push, queued job) that runs only
  after the writing transaction commits, so a rolled-back write never sends anything.
- `subscribe(event, in_transaction=True)`: a change of data that belongs to the same write
  (a won deal's order): it runs at once, inside the transaction, and its failure rolls the
  whole write back, so the two are never half done.
"""

from collections import defaultdict
from collections.abc import Callable

from django.db import transaction

_after_commit: dict[str, list[Callable[..., None]]] = defaultdict(list)
_in_transaction: dict[str, list[Callable[..., None]]] = defaultdict(list)


def subscribe(event: str, *, in_transaction: bool = False):
    def register(handler: Callable[..., None]):
        (_in_transaction if in_transaction else _after_commit)[event].append(handler)
        return handler

    return register


def publish(event: str, **payload) -> None:
    for handler in list(_in_transaction[event]):
        handler(**payload)
    for handler in list(_after_commit[event]):
        transaction.on_commit(lambda h=handler: h(**payload), robust=False)
