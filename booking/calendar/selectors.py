"""Reads for calendar subscriptions: what a person may subscribe to, and the subscription behind a token."""

from django.core.cache import cache

from videnscenter import rules
from videnscenter.models import Organisation, User
from videnscenter.tokens import hash_token

from ..models import CalendarSubscription
from ..selectors import bookable_organisations


def subscription_choices(user: User) -> dict[str, list]:
    """The feeds this person may subscribe to, with the schools/centres each can be for."""
    schools = bookable_organisations(user)
    centres = list(Organisation.objects.centres().filter(pk__in=rules.managed_centre_ids(user)))
    return {"schools": schools, "centres": centres}


def subscription_by_token(raw: str) -> CalendarSubscription | None:
    if not raw or len(raw) > 100:
        return None
    return (
        CalendarSubscription.objects.select_related("owner", "organisation", "equipment")
        .filter(token_hash=hash_token(raw), revoked_at=None)
        .first()
    )


def my_subscriptions(user: User) -> list[CalendarSubscription]:
    """A person's live subscriptions, each with the fetches not yet written to its row counted in."""
    subscriptions = list(
        CalendarSubscription.objects.filter(owner=user, revoked_at=None).select_related("organisation", "equipment")
    )
    pending = cache.get_many([pending_fetches_key(s.token_hash) for s in subscriptions])
    for subscription in subscriptions:
        subscription.fetch_count += pending.get(pending_fetches_key(subscription.token_hash), 0)
    return subscriptions


def pending_fetches_key(token_hash: str) -> str:
    """Where fetches wait in the cache between two writes of the count (``services.record_fetch``)."""
    return f"calendar-fetches:{token_hash}"
