"""Offset pages with `next`/`previous` links. It reads limit + 1 rows instead of counting
the table (as topline.core.pagination does), so a page costs one indexed query."""

from django.http import HttpRequest

from topline.api.schemas.common import PageQuery


def _link(request: HttpRequest, offset: int) -> str:
    query = request.GET.copy()
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate(request: HttpRequest, queryset, page: PageQuery) -> dict:
    rows = list(queryset[page.offset : page.offset + page.limit + 1])
    has_next = len(rows) > page.limit
    return {
        "next": _link(request, page.offset + page.limit) if has_next else None,
        "previous": _link(request, max(0, page.offset - page.limit)) if page.offset else None,
        "results": rows[: page.limit],
    }


def filters(query: PageQuery) -> dict:
    """A list's query parameters as its selector's keyword arguments. `q` is the search box
    of the HTML lists; the selectors call it `search`."""
    data = query.model_dump(exclude={"limit", "offset"})
    if "q" in data:
        data["search"] = data.pop("q").strip()  # as the search box does: " " searches nothing
    return data
