"""Whitelisted sorting for lists: the UI and the API sort only by keys backed by an index
that starts with the organization, so a sorted page of 500,000 rows stays one index walk."""


def order_by_key(queryset, sort: str, keys: dict[str, tuple[str, ...]], default: str):
    """Order by `keys[sort]` ('name' ascending, '-name' descending); an unknown key falls back
    to `default`. Ties are broken by id in the same direction, which the index also serves."""
    key = sort if sort and sort.lstrip("-") in keys else default
    prefix = "-" if key.startswith("-") else ""
    fields = [prefix + field for field in keys[key.lstrip("-")]]
    return queryset.order_by(*fields, f"{prefix}id")


def sort_choices(keys: dict[str, tuple[str, ...]]) -> list[str]:
    return [f"{sign}{key}" for key in keys for sign in ("", "-")]
