"""Every list of the API is paged the same way: `?page=` and `?page_size=` (at most 100), answered
with {"items", "count", "next", "previous"}. A page past the last is empty."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest

from maturity.api.schemas import PageQuery

T = TypeVar("T")


def _link(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate(
    request: HttpRequest, items: QuerySet | Sequence[T], paging: PageQuery, serialize: Callable[[Any], Any]
) -> dict[str, Any]:
    count = items.count() if isinstance(items, QuerySet) else len(items)
    start = (paging.page - 1) * paging.page_size
    chunk = list(items[start : start + paging.page_size]) if start < count else []
    last_page = max(1, -(-count // paging.page_size))
    return {
        "items": [serialize(item) for item in chunk],
        "count": count,
        "next": _link(request, paging.page + 1) if paging.page < last_page else None,
        "previous": _link(request, min(paging.page - 1, last_page)) if paging.page > 1 else None,
    }
