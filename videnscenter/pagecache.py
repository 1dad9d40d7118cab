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
    found = versions.current(wanted)
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
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40], found


def serve_cached(
    request: HttpRequest, render: Callable[[], HttpResponse], names: Iterable[str], parts: Iterable[str] = ()
) -> HttpResponse:
    """The response of ``render()``, from the cache when the versions ``names`` have not changed."""
    if request.method not in ("GET", "HEAD") or not enabled() or len(messages.get_messages(request)):
        return render()
    key, found = page_key(request, names, parts)
    etag = f'"{key}"'
    # Last-Modified only for what everybody sees: a date says nothing about whose copy it was.
    # The key holds today's date, so a page is new at midnight even if no data changed.
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    changed = [at for _token, at in found.values() if at is not None]
    last_modified = None if request.user.is_authenticated else int(max([midnight, *changed]).timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = _from_cache(request, key)
    if response is None:
        response = render()
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        _store(request, key, response)
    if response.status_code in (200, 304):
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        # Browsers keep the copy but ask every time; the answer is then usually a 304.
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response


def cached_page(*names: str):
    """A view whose page shows the data ``names`` (besides the frame): see ``serve_cached``."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            return serve_cached(request, lambda: view(request, *args, **kwargs), names)

        return wrapped

    return decorator


def _from_cache(request: HttpRequest, key: str) -> HttpResponse | None:
    stored = cache.get("page:" + key)
    if stored is None:
        return None
    headers, body = stored
    if CSRF_PLACEHOLDER in body:
        pieces = body.split(CSRF_PLACEHOLDER)
        body = pieces[0] + b"".join(get_token(request).encode() + piece for piece in pieces[1:])
    response = HttpResponse(body)
    for name, value in headers.items():
        response[name] = value
    return response


def _store(request: HttpRequest, key: str, response: HttpResponse) -> None:
    if response.status_code != 200 or response.streaming or response.has_header("Cache-Control"):
        return
    body = CSRF_FIELD.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
    if _leaks_csrf_secret(request, body):
        return
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    cache.set("page:" + key, (headers, body), timeout=getattr(settings, "PAGE_CACHE_SECONDS", 600))


def _leaks_csrf_secret(request: HttpRequest, body: bytes) -> bool:
    """Whether the person's CSRF secret is still in the page, in any form (masked or not)."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return False
    if secret.encode() in body:
        return True
    return any(_unmask_cipher_token(token.decode()) == secret for token in MASKED_TOKEN.findall(body))
