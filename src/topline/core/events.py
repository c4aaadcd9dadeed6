"""The on-commit domain-event bus: cross-app reactions run only after the writing
transaction commits, so a rolled-back write never sends an e-mail or creates an order."""

from collections import defaultdict
from collections.abc import Callable

from django.db import transaction

_handlers: dict[str, list[Callable[..., None]]] = defaultdict(list)


def subscribe(event: str):
    def register(handler: Callable[..., None]):
        _handlers[event].append(handler)
        return handler

    return register


def publish(event: str, **payload) -> None:
    for handler in list(_handlers[event]):
        transaction.on_commit(lambda h=handler: h(**payload), robust=False)
