"""Yearly counters (video views, material downloads) that stay right under concurrent requests,
and the rules that keep a script from inflating them.

A view or a download counts once per visitor per item per day. A visitor is a browser that came
back with a session cookie the server issued: crawlers, link previews and requests without a
valid session (a script that drops cookies, or invents a session id) are never counted. The page
that leads to a count starts the session (``start_visitor_session``), so a person's first visit
counts too, through the next request their browser makes. One network address adds at most
``COUNTER_MAX_PER_ADDRESS`` (default 40) per item and day, whatever sessions it invents.
"""

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F

from videnscenter.models import CountedVisit

# Crawlers and link previews are not viewers; counting them would inflate the yearly report.
_NOT_A_VIEWER = re.compile(
    (
        r"bot|crawl|spider|slurp|preview|monitor|curl|wget|python-requests|headless|"
        r"facebookexternalhit|whatsapp|embedly|iframely|skypeuripreview|outlook-ios-linkpreview"
    ),
    re.I,
)
VISITOR_KEY = "visitor"
# A school's class behind one network address watching the same film on one day still counts;
# a script that starts a new session for every request adds at most this many a day per item.
MAX_PER_ADDRESS = 40


def is_counted_visitor(user_agent: str) -> bool:
    return bool(user_agent) and not _NOT_A_VIEWER.search(user_agent)


def start_visitor_session(request) -> None:
    """Give a browser without a session one, so that what it does next can be counted."""
    if request.session.get(VISITOR_KEY) is None:
        request.session[VISITOR_KEY] = 1


@dataclass(frozen=True)
class Visitor:
    key: str  # a one-way hash of the browser session
    address: str = ""  # a keyed hash of the client's IP address


def client_address(request) -> str:
    """The client's IP address, behind ``PROXY_COUNT`` trusted proxies (as the login throttle reads it)."""
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    if proxies:
        forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def visitor_of(request) -> Visitor | None:
    """The counted visitor behind ``request``, or None when it must not count.

    None for crawlers and link previews, and for requests that did not bring back a session this
    server issued: the session is loaded first, so an invented session id counts as none.
    """
    if not is_counted_visitor(request.headers.get("User-Agent", "")):
        return None
    session = request.session
    if not session.items() or not session.session_key:  # items() loads it; an unknown key is dropped
        return None
    key = hashlib.sha256(f"visitor:{session.session_key}".encode()).hexdigest()
    address = hmac.new(settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256).hexdigest()
    return Visitor(key=key, address=address)


def first_visit_today(*, counter: str, object_id: int, visitor: Visitor, day: date) -> bool:
    """True the first time ``visitor`` is seen for this item on ``day``; False on every later call.

    Also False once ``COUNTER_MAX_PER_ADDRESS`` visitors from one address were counted for the item
    that day: a script that starts a fresh session for every request can add that many, no more.
    """
    CountedVisit.objects.filter(day__lt=day - timedelta(days=1)).delete()
    seen = CountedVisit.objects.filter(counter=counter, object_id=object_id, day=day)
    limit = getattr(settings, "COUNTER_MAX_PER_ADDRESS", MAX_PER_ADDRESS)
    if visitor.address and seen.filter(address=visitor.address).count() >= limit:
        return False
    try:
        with transaction.atomic():
            CountedVisit.objects.create(
                counter=counter, object_id=object_id, day=day, visitor=visitor.key, address=visitor.address
            )
    except IntegrityError:
        return False
    return True


def increment_yearly(model: type[models.Model], *, year: int, field: str, **lookup) -> None:
    """Add one to ``field`` of the row for ``lookup`` and ``year``, creating the row on first use.

    The update is a single ``UPDATE … SET n = n + 1``, so parallel requests never lose a count;
    two requests racing to create the first row of a year meet the unique constraint, and the
    loser retries as an update.
    """
    rows = model.objects.filter(year=year, **lookup)
    if rows.update(**{field: F(field) + 1}):
        return
    try:
        with transaction.atomic():
            model.objects.create(year=year, **{field: 1}, **lookup)
    except IntegrityError:
        rows.update(**{field: F(field) + 1})
