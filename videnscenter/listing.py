"""Pagination shared by the public lists: ``?side=N`` pages, other query parameters kept."""

from django.core.paginator import Page, Paginator


def paginate(request, items, per_page: int) -> tuple[Page, str]:
    """The requested page (a bad number falls back to the first or last) and the query without ``side``."""
    page = Paginator(items, per_page).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return page, query.urlencode()
