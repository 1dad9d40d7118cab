"""Writes for calendar subscriptions: create, rename, rotate, revoke, and record a fetch."""

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import Equipment
from videnscenter.errors import ServiceError
from videnscenter.models import Organisation, User
from videnscenter.tokens import hash_token, new_token

from ..models import CalendarSubscription
from .selectors import pending_fetches_key, subscription_choices

K = CalendarSubscription.Kind


@transaction.atomic
def subscription_create(
    *,
    owner: User,
    kind: str,
    name: str = "",
    organisation: Organisation | None = None,
    equipment: Equipment | None = None,
) -> tuple[CalendarSubscription, str]:
    """Create a subscription and return it with its raw token (shown once, never stored)."""
    if not owner.is_authenticated or not owner.is_active:
        raise ServiceError(_("Log in to subscribe to a calendar."))
    choices = subscription_choices(owner)
    if kind == K.SCHOOL and organisation not in choices["schools"]:
        raise ServiceError({"organisation": _("You can only subscribe to the bookings of your own school.")})
    if kind == K.CENTRE and organisation not in choices["centres"]:
        raise ServiceError({"organisation": _("Only the centre's staff can subscribe to its bookings.")})
    if kind == K.EQUIPMENT and (equipment is None or not equipment.is_active):
        raise ServiceError({"equipment": _("Choose the equipment.")})
    if kind not in K.values:
        raise ServiceError({"kind": _("Choose a calendar.")})
    default = {
        K.MINE: _("My bookings"),
        K.SCHOOL: str(organisation),
        K.CENTRE: str(organisation),
        K.EQUIPMENT: _("Taken – %(item)s") % {"item": equipment},
        K.POPUPS: _("PopUp centres"),
    }[kind]
    raw, digest = new_token()
    subscription = CalendarSubscription.objects.create(
        owner=owner,
        kind=kind,
        name=(name.strip() or default)[:100],
        organisation=organisation if kind in (K.SCHOOL, K.CENTRE) else None,
        equipment=equipment if kind == K.EQUIPMENT else None,
        token_hash=digest,
    )
    return subscription, raw


def _own(owner: User, subscription: CalendarSubscription) -> CalendarSubscription:
    if subscription.owner_id != owner.pk or subscription.revoked_at is not None:
        raise ServiceError(_("This calendar subscription does not exist."))
    return subscription


@transaction.atomic
def subscription_rename(*, owner: User, subscription: CalendarSubscription, name: str) -> CalendarSubscription:
    subscription = _own(owner, subscription)
    if not name.strip():
        raise ServiceError({"name": _("Give the calendar a name.")})
    subscription.name = name.strip()[:100]
    subscription.save(update_fields=["name"])
    return subscription


@transaction.atomic
def subscription_rotate(*, owner: User, subscription: CalendarSubscription) -> tuple[CalendarSubscription, str]:
    """Replace the token: the old link answers 404 at once; calendars must be given the new one."""
    subscription = _own(owner, subscription)
    raw, digest = new_token()
    subscription.token_hash = digest
    subscription.rotated_at = timezone.now()
    subscription.save(update_fields=["token_hash", "rotated_at"])
    return subscription, raw


@transaction.atomic
def subscription_revoke(*, owner: User, subscription: CalendarSubscription) -> None:
    subscription = _own(owner, subscription)
    subscription.revoked_at = timezone.now()
    # Keep the row for the record, but make sure no token can ever match it again.
    subscription.token_hash = "revoked-" + hash_token(subscription.token_hash)[:56]
    subscription.save(update_fields=["revoked_at", "token_hash"])


# A calendar client polls every 5–60 minutes, and a busy school's feed has many of them: a fetch
# is written at most once a minute per subscription; the fetches in between are counted in the
# shared cache and added with the next write, so a 304 needs no write transaction.
FETCH_WRITE_SECONDS = 60


def record_fetch_by_token(raw: str) -> None:
    """Count a fetch answered 304 before the subscription was read (its ETag proves the token)."""
    digest = hash_token(raw)
    _record_fetch(digest, CalendarSubscription.objects.filter(token_hash=digest, revoked_at=None))


def record_fetch(subscription: CalendarSubscription) -> None:
    """Count the fetch: no read-modify-write, so parallel fetches all count."""
    _record_fetch(subscription.token_hash, CalendarSubscription.objects.filter(pk=subscription.pk))


def _record_fetch(token_hash: str, subscriptions) -> None:
    pending = pending_fetches_key(token_hash)
    if not cache.add(f"calendar-fetch-written:{token_hash}", True, FETCH_WRITE_SECONDS):
        try:
            cache.incr(pending)
        except ValueError:  # the first fetch since the last write
            if not cache.add(pending, 1, None):
                cache.incr(pending)
        return
    counted = cache.get(pending, 0)
    if counted:
        cache.decr(pending, counted)
    subscriptions.update(last_fetched_at=timezone.now(), fetch_count=F("fetch_count") + 1 + counted)
