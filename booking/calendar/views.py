"""/kalender/: a person's calendar subscriptions, and the feeds that calendar clients fetch."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from videnscenter.errors import ServiceError
from videnscenter.helpers import confirm

from ..models import CalendarSubscription
from . import feeds, selectors, services
from .forms import RenameForm, SubscriptionForm

SESSION_KEY = "calendar_new_links"
FEED_CACHE_SECONDS = 60 * 60 * 24


def feed_links(request, raw_token: str) -> dict:
    https = request.build_absolute_uri(reverse("calendar:feed", args=[raw_token]))
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


def _remember_link(request, subscription, raw_token: str) -> None:
    # The token is shown once, right after it is made; only its hash is kept.
    request.session[SESSION_KEY] = {str(subscription.pk): raw_token}


@login_required
def index(request):
    new_links = request.session.pop(SESSION_KEY, {})
    items = []
    for subscription in selectors.my_subscriptions(request.user):
        raw = new_links.get(str(subscription.pk))
        items.append({"subscription": subscription, "links": feed_links(request, raw) if raw else None})
    return render(
        request,
        "booking/calendar/index.html",
        {
            "items": items,
            "form": SubscriptionForm(user=request.user),
            "public_links": {
                "https": request.build_absolute_uri(reverse("calendar:popups")),
                "webcal": "webcal://" + request.build_absolute_uri(reverse("calendar:popups")).split("://", 1)[1],
            },
        },
    )


@require_POST
@login_required
def create(request):
    form = SubscriptionForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose a calendar."))
        return redirect("calendar:index")
    data = form.cleaned_data
    try:
        subscription, raw = services.subscription_create(
            owner=request.user,
            kind=data["kind"],
            name=data["name"],
            organisation=data["organisation"],
            equipment=data["equipment"],
        )
    except ServiceError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        _remember_link(request, subscription, raw)
        messages.success(request, _("The calendar is ready. Copy the link now – it is only shown this once."))
    return redirect("calendar:index")


def _mine(request, pk: int) -> CalendarSubscription:
    return get_object_or_404(CalendarSubscription, pk=pk, owner=request.user, revoked_at=None)


@require_POST
@login_required
def rename(request, pk: int):
    subscription = _mine(request, pk)
    form = RenameForm(request.POST)
    if form.is_valid():
        services.subscription_rename(owner=request.user, subscription=subscription, name=form.cleaned_data["name"])
        messages.success(request, _("The calendar is renamed."))
    else:
        messages.error(request, _("Give the calendar a name."))
    return redirect("calendar:index")


def _ask(request, subscription: CalendarSubscription, action: str, title: str, label: str, consequences: list):
    """The confirmation page of a destructive action on one's own subscription (works without JS)."""
    return confirm.confirmation_page(
        request,
        confirm.Confirmation(
            title=title % {"name": subscription.name},
            action_url=reverse(f"calendar:{action}", args=[subscription.pk]),
            back_url=reverse("calendar:index"),
            confirm_label=label,
            consequences=consequences,
        ),
    )


@login_required
def rotate(request, pk: int):
    """GET (or a POST without confirmation): the old link will stop working; the confirmed POST rotates."""
    subscription = _mine(request, pk)
    if not confirm.is_confirmed(request):
        return _ask(
            request,
            subscription,
            "rotate",
            _("Make a new link for “%(name)s”?"),
            _("Yes, make a new link"),
            [
                _("The old link stops working at once: calendars that subscribe to it stop updating."),
                _("You get a new link to give your calendar program instead."),
            ],
        )
    subscription, raw = services.subscription_rotate(owner=request.user, subscription=subscription)
    _remember_link(request, subscription, raw)
    messages.success(request, _("The old link no longer works. Give your calendar the new link below."))
    return redirect("calendar:index")


@login_required
def revoke(request, pk: int):
    """GET: what deleting means; the confirmed POST deletes the subscription."""
    subscription = _mine(request, pk)
    if not confirm.is_confirmed(request):
        return _ask(
            request,
            subscription,
            "revoke",
            _("Delete the calendar “%(name)s”?"),
            _("Yes, delete the calendar"),
            [
                _("Its link stops working at once: calendars that subscribe to it stop updating."),
                _("Events already copied into a calendar may stay there until the calendar is refreshed."),
            ],
        )
    services.subscription_revoke(owner=request.user, subscription=subscription)
    messages.success(request, _("The calendar subscription is deleted; its link no longer works."))
    return redirect("calendar:index")


def _serve(request, subscription: CalendarSubscription | None, etag: str) -> HttpResponse:
    # A feed is the same for every fetcher: always in the site's language, never in that of the
    # browser that happened to fetch it first (its bytes are cached under the ETag).
    with translation.override(settings.LANGUAGE_CODE):
        return _serve_feed(request, subscription, etag)


def _serve_feed(request, subscription: CalendarSubscription | None, etag: str) -> HttpResponse:
    today = timezone.localdate()
    last_modified = feeds.last_changed(today)
    if subscription is not None:
        services.record_fetch(subscription)
    if _not_modified(request, etag, last_modified):
        response = HttpResponseNotModified()
    else:
        feed = feeds.feed_for(subscription, today)
        response = HttpResponse(_rendered(feed, etag), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="videnscenter.ics"'
    return _with_headers(response, etag, last_modified)


def _with_headers(response: HttpResponse, etag: str, last_modified) -> HttpResponse:
    response["ETag"] = etag
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, max-age=0, must-revalidate"
    if last_modified:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


def _rendered(feed, etag: str) -> bytes:
    """Render once per version of the data; events unchanged since the last version are reused."""
    key = "calendar-feed:" + etag.strip('"')
    body = cache.get(key)
    if body is None:
        body = feeds.render_feed(feed)
        cache.set(key, body, timeout=FEED_CACHE_SECONDS)
    return body


def _etag_matches(request, etag: str) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    return if_none_match is not None and (
        etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match.strip() == "*"
    )


def _not_modified(request, etag: str, last_modified) -> bool:
    if request.headers.get("If-None-Match") is not None:
        return _etag_matches(request, etag)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return bool(since and last_modified and int(last_modified.timestamp()) <= since)


@require_GET
def feed(request, token: str):
    etag = feeds.etag_for(token, timezone.localdate())
    if etag and _etag_matches(request, etag):
        # The ETag (keyed with SECRET_KEY) was only ever given for this token after the checks
        # below passed, under these very data versions: nothing they read has changed since.
        services.record_fetch_by_token(token)
        return _with_headers(HttpResponseNotModified(), etag, None)
    subscription = selectors.subscription_by_token(token)
    if subscription is None or not feeds.may_read(subscription):
        raise Http404
    return _serve(request, subscription, etag)


@require_GET
def popups_feed(request):
    return _serve(request, None, feeds.etag_for(None, timezone.localdate()))
