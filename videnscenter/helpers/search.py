"""Full-text search helpers shared by the site search and the library's text filter."""

import re

from wagtail.search.backends import get_search_backend


def clean_query(query: str) -> str:
    """Words only: search syntax (quotes, operators) from a search box must not reach the database."""
    return " ".join(re.sub(r"[^\w\s-]", " ", query or "").split())[:100]


def find(query: str, queryset, limit: int) -> list:
    """Full-text matches, best first, then title prefixes ("loftlift" also finds "Loftliften …").

    Runs on Wagtail's search index, which holds rich text without its markup.
    """
    backend = get_search_backend()
    found = list(backend.search(query, queryset, operator="and")[:limit])
    if len(found) < limit:
        seen = {item.pk for item in found}
        for item in backend.autocomplete(query, queryset, operator="and")[:limit]:
            if item.pk not in seen and len(found) < limit:
                found.append(item)
                seen.add(item.pk)
    return found
