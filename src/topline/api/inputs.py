"""Request bodies -> service arguments: ids become this organization's rows, money objects
become amounts in the expected currency.

An id of another organization's row reads exactly like an id that does not exist, so a
client learns nothing about other tenants.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError

from topline.accounts.selectors import users_for_org


def row(model) -> Callable:
    return lambda organization, pk: model.objects.for_org(organization).filter(pk=pk).first()


def member(organization, pk):
    return users_for_org(organization).filter(pk=pk).first()


def resolve(organization, data: dict, finders: dict[str, Callable]) -> dict:
    """data with each id under a finder's field replaced by the row; unknown ids -> 422."""
    errors = {}
    for field, find in finders.items():
        if data.get(field) is None:
            continue
        found = find(organization, data[field])
        if found is None:
            errors[field] = f"No record with id {data[field]} in this organization."
        else:
            data[field] = found
    if errors:
        raise ValidationError(errors)
    return data


def money_amount(money: dict | None, field: str, currency: str) -> str | None:
    """The amount of a money object whose currency, if given, must be `currency`."""
    if money is None:
        return None
    given = (money.get("currency") or currency).upper()
    if given != currency:
        raise ValidationError({f"{field}.currency": f"must be {currency}."})
    return money["amount"]
