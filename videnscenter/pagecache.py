"""Pages served from a shared cache keyed by data versions, with ETags for conditional GETs.

``cached_page(versions.CATALOGUE, versions.BOOKINGS)`` on a view (or ``serve_cached`` around a
Wagtail page's ``serve``) does this for GET and HEAD:

1. read the data versions the page shows, plus the frame every page shows (navigation: pages;
   the person's name and rights: people), in one query;
2. make the page's key from them, the full path with its query, the language, today's date, and
   who asks (``anon`` or the user's id: a logged-in person's page is theirs alone);
3. answer ``304 Not Modified`` when the browser's ``If-None-Match`` is that key (the ETag);
4. otherwise serve the cached copy, or render the view and keep its copy (200 only).

A change raises a version (``videnscenter.versions``), so the next request has another key: a
cached page is never served after a change. Nothing is cached while the person has messages
waiting (they show once). CSRF tokens are never shared: they are cut out of the copy before it
is stored and each request gets its own when it is served; a page with the person's CSRF secret
in any other form is not stored at all.

The cache is Django's ``default`` cache: local memory in development, Redis or the database
cache shared by every app server in production (``CACHE_URL``, README "Caching").
"""

import hashlib
import re
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from . import versions

FORMAT = "1"  # raise to drop every cached page at once (e.g. when what a key covers changes)
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
CSRF_PLACEHOLDER = b"\x00csrf\x00"
MASKED_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag")


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE", True)


def page_key(request: HttpRequest, names: Iterable[str], parts: Iterable[str] = ()) -> tuple[str, dict]:
    """The page's key (also its ETag) and the versions it was made from; ``parts`` add what else
    the page depends on (e.g. the next moment an event ends and leaves the list)."""
    wanted = sorted(set(names) | set(versions.FRAME))
    found = _versions(request)
    user = request.user
    who = f"u{user.pk}" if user.is_authenticated else "anon"
    parts = [
        FORMAT,
        request.get_full_path(),
        getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        who,
        timezone.localdate().isoformat(),
        *(f"{name}={found[name][0]}" for name in wanted),
        *parts,
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40], {name: found[name] for name in wanted}


def _versions(request: HttpRequest) -> dict:
    """Every data version, read once per request (one query, before any data the page shows):
    an early-cache miss and the page's own key then share the read."""
    if not hasattr(request, "_data_versions"):
        request._data_versions = versions.current(versions.NAMES)
    return request._data_versions


def _cacheable(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and enabled() and not len(messages.get_messages(request))


def serve_cached(
    request: HttpRequest,
    render: Callable[[], HttpResponse],
    names: Iterable[str],
    parts: Iterable[str] = (),
    *,
    valid_until: datetime | None = None,
    page=None,
) -> HttpResponse:
    """The response of ``render()``, from the cache when the versions ``names`` have not changed.

    ``valid_until``: the moment the page changes without any data changing (e.g. an event ends
    and leaves a list of coming ones); it is part of the key. ``page``: the Wagtail page being
    served, whose copy is then also kept for ``WagtailPageCacheMiddleware`` (answered before
    Wagtail routes the path to the page) unless it has view restrictions.
    """
    if not _cacheable(request):
        return render()
    key, found = page_key(request, names, [*parts, f"until={valid_until}"])
    etag = f'"{key}"'
    last_modified = _last_modified(request, found)
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        stored = cache.get("page:" + key)
        if stored is None:
            response = render()
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            stored = _store(request, "page:" + key, response)
        else:
            response = _response(request, *stored)
        # Also when this copy came from the cache: the early key holds every version, so it
        # changes with data this page does not show, while this page's own key stays.
        early = getattr(request, EARLY_KEY, None)
        if stored and early and page is not None and not page.get_view_restrictions().exists():
            timeout = getattr(settings, "PAGE_CACHE_SECONDS", 600)
            cache.set("early:" + early, (*stored, etag, last_modified, valid_until), timeout=timeout)
    return _validators(request, response, etag, last_modified)


def _last_modified(request: HttpRequest, found: dict) -> int | None:
    # Last-Modified only for what everybody sees: a date says nothing about whose copy it was.
    # The key holds today's date, so a page is new at midnight even if no data changed.
    if request.user.is_authenticated:
        return None
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    changed = [at for _token, at in found.values() if at is not None]
    return int(max([midnight, *changed]).timestamp())


def _validators(request: HttpRequest, response: HttpResponse, etag: str, last_modified: int | None) -> HttpResponse:
    if response.status_code in (200, 304):
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        # Browsers keep the copy but ask every time; the answer is then usually a 304.
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response


EARLY_KEY = "_early_page_key"


class WagtailPageCacheMiddleware:
    """Wagtail pages cached by ``serve_cached(page=...)`` answered before Wagtail's routing.

    Finding a page by its path takes Wagtail the site, a query per path segment, the page's
    aliases and its view restrictions: several times the cost of the cached answer itself. Here
    the copy is looked up first, under a key made from the host, the path and *every* data
    version (a superset of what the page shows: any change at all makes a miss, never a stale
    page), the person, the language and the day, and used while its ``valid_until`` has not
    passed. A miss goes on to Wagtail, whose ``serve_cached`` keeps the copy for next time.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail.views import serve

        if view_func is not serve or not _cacheable(request):
            return None
        early, _found = page_key(request, versions.NAMES, [request.get_host()])
        setattr(request, EARLY_KEY, early)
        stored = cache.get("early:" + early)
        if stored is None:
            return None
        headers, body, etag, last_modified, valid_until = stored
        if valid_until is not None and valid_until <= timezone.now():
            return None
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            response = _response(request, headers, body)
        return _validators(request, response, etag, last_modified)


def cached_page(*names: str):
    """A view whose page shows the data ``names`` (besides the frame): see ``serve_cached``."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            return serve_cached(request, lambda: view(request, *args, **kwargs), names)

        return wrapped

    return decorator


def _response(request: HttpRequest, headers: dict, body: bytes) -> HttpResponse:
    if CSRF_PLACEHOLDER in body:
        pieces = body.split(CSRF_PLACEHOLDER)
        body = pieces[0] + b"".join(get_token(request).encode() + piece for piece in pieces[1:])
    response = HttpResponse(body)
    for name, value in headers.items():
        response[name] = value
    return response


def _store(request: HttpRequest, key: str, response: HttpResponse) -> tuple[dict, bytes] | None:
    """Keep the page's copy (headers and body, CSRF tokens cut out); ``None`` when it may not be kept."""
    if response.status_code != 200 or response.streaming or response.has_header("Cache-Control"):
        return None
    body = CSRF_FIELD.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
    if _leaks_csrf_secret(request, body):
        return None
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    cache.set(key, (headers, body), timeout=getattr(settings, "PAGE_CACHE_SECONDS", 600))
    return headers, body


def _leaks_csrf_secret(request: HttpRequest, body: bytes) -> bool:
    """Whether the person's CSRF secret is still in the page, in any form (masked or not)."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return False
    if secret.encode() in body:
        return True
    return any(_unmask_cipher_token(token.decode()) == secret for token in MASKED_TOKEN.findall(body))
