from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import DataError, OperationalError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.datastructures import MultiValueDictKeyError

from .log_filters import SECRET_PATHS


class DanishFirstLocaleMiddleware(LocaleMiddleware):
    """Danish unless the person chose another language with the switcher.

    Django's own middleware follows the browser's Accept-Language, which would show
    English to every Danish teacher whose computer happens to be set up in English.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language


def _has_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in value for value in data.getlist(key)) for key in data)


class HostileInputMiddleware:
    """A request the site cannot use gets a 404, a 400 or a 409 with a clear page, never a 500.

    - A NUL character anywhere in the address or a form: PostgreSQL cannot store or even compare
      text holding NUL, so every lookup with such a value (a booking reference, a slug, a search)
      failed as a server error there. No form of this site has a use for NUL, so it is refused
      once, here, before any view sees it.
    - A form posted without fields its view expects (``MultiValueDictKeyError``, e.g. a Wagtail
      editor's stream field counters): 400.
    - A value the database cannot hold (a 40-digit id: ``OverflowError`` on SQLite, ``DataError``
      on PostgreSQL), wherever a form or a filter passed it on unchecked: 400.
    - Deleting something still in use (``ProtectedError``, e.g. equipment that has units):
      409 with a page that says so, instead of the database's refusal as a server error.
    - A database too busy to answer in time (SQLite's writer lock held past its 20-second wait,
      a PostgreSQL deadlock or serialization failure; the transaction was rolled back, so
      nothing was saved): 503 with ``Retry-After`` and a page that says to try again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404
        if _has_nul(request.GET):
            raise BadRequest("NUL in the query string")
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # After the CSRF check, which reads the form anyway (so upload handlers are already fixed).
        if request.method == "POST" and _has_nul(request.POST):
            raise BadRequest("NUL in the form")
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, MultiValueDictKeyError):
            raise BadRequest("a field of the form is missing") from exception
        if isinstance(exception, OverflowError | DataError):
            raise BadRequest("a value the database cannot hold") from exception
        if isinstance(exception, ProtectedError | RestrictedError):
            return render(request, "409.html", status=409)
        if isinstance(exception, OperationalError) and _busy(exception):
            response = render(request, "503.html", status=503)
            response["Retry-After"] = "5"
            return response
        return None


# SQLite's writer lock, and PostgreSQL's deadlock, serialization failure and lock time-out.
BUSY_SQLSTATES = {"40P01", "40001", "55P03"}


def _busy(exception: OperationalError) -> bool:
    cause = exception.__cause__
    return "database is locked" in str(exception) or getattr(cause, "sqlstate", None) in BUSY_SQLSTATES


# Browser features the site never uses are switched off; the YouTube player may go full screen.
YOUTUBE = '"https://www.youtube-nocookie.com"'
PERMISSIONS_POLICY = ", ".join(
    [
        "accelerometer=()",
        "camera=()",
        "geolocation=()",
        "gyroscope=()",
        "magnetometer=()",
        "microphone=()",
        "payment=()",
        "usb=()",
        "browsing-topics=()",
        f"autoplay=(self {YOUTUBE})",
        f"encrypted-media=(self {YOUTUBE})",
        f"fullscreen=(self {YOUTUBE})",
        f"picture-in-picture=(self {YOUTUBE})",
    ]
)


class SecurityHeadersMiddleware:
    """``Permissions-Policy`` on every response, and ``Referrer-Policy: no-referrer`` on every page
    whose address carries a secret (the same paths the logs redact, ``log_filters.SECRET_PATHS``),
    so a link followed from such a page does not hand the token to another site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if SECRET_PATHS.search(request.path):
            response["Referrer-Policy"] = "no-referrer"
        return response
