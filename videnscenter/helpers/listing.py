"""Pagination shared by the public lists: ``?side=N`` pages, other query parameters kept."""

from django.core.paginator import Page, Paginator


def paginate(request, items, per_page: int) -> tuple[Page, str]:
    """The requested page (a bad number falls back to the first or last) and the query without ``side``."""
    return Paginator(items, per_page).get_page(request.GET.get("side")), query_without(request)


def query_without(request, *names: str) -> str:
    """The request's query string without ``names`` and without the page number."""
    query = request.GET.copy()
    for name in (*names, "side"):
        query.pop(name, None)
    return query.urlencode()
