"""What a portal page shows besides its own fields, registered per page type.

The reads that fill a page (``cms.selectors``) import the page models, so a page model that
imported them back would close a circle. Instead ``cms.apps`` registers one provider per page
type at start-up, the way other apps add sections to an equipment page (``catalogue.sections``),
and a page's ``get_context`` asks here.
"""

from collections.abc import Callable
from typing import Any

PageContextProvider = Callable[[Any, Any], dict[str, Any]]  # (page, request) -> extra context
_providers: dict[type, PageContextProvider] = {}


def register_page_context(page_type: type, provider: PageContextProvider) -> None:
    _providers[page_type] = provider


def page_context(page, request) -> dict[str, Any]:
    """The extra context of ``page`` for ``request``.

    Raises ``LookupError`` for a page type that has asked but has no provider: a page showing
    empty lists because start-up skipped a registration would fail silently.
    """
    try:
        provider = _providers[type(page)]
    except KeyError:
        raise LookupError(f"No page context is registered for {type(page).__name__}.") from None
    return provider(page, request)
