"""One pager for every list: a page of rows and whether there is a next one.

It fetches page_size + 1 rows instead of running COUNT(*) over the whole table, so a page
of a 500,000-row list costs one indexed query.
"""

from dataclasses import dataclass

MAX_PAGE = 1_000_000


@dataclass
class Page:
    rows: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def paginate(queryset, page_number, page_size: int) -> Page:
    try:
        number = max(1, int(page_number or 1))
    except (TypeError, ValueError):
        number = 1
    # An absurd page number would overflow the SQL OFFSET; past the end is an empty page.
    number = min(number, MAX_PAGE)
    offset = (number - 1) * page_size
    rows = list(queryset[offset : offset + page_size + 1])
    return Page(rows=rows[:page_size], number=number, has_next=len(rows) > page_size)
