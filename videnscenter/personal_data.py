"""The registry of personal data: its classes and their retention, and where each app keeps it.

``videnscenter`` imports no app, so every app describes its own personal data from its
``AppConfig.ready``:

- ``register_retention(data_class, key, expire)``: ``expire(before=<datetime>)`` anonymises (or
  deletes, where nothing needs to survive) what of that class is older than ``before`` and
  returns how many records it changed. The daily ``apply_retention`` command calls each one.
- ``register_person_data(PersonData(...))``: what one person may download about themself, how to
  erase it, who looks after them (``people_of_centres``) and what stops an erasure (``blocker``).

The classes themselves are declared here, once, with what they hold and why: the privacy notice
and the README show this list. Their periods are settings (``PERSONAL_DATA_RETENTION_DAYS``).
A later app (course registrations, payments) registers its handlers for the classes that wait
for it; a class with no handler yet simply expires nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class DataClass:
    key: str
    label: str | Promise
    what: str | Promise
    why: str | Promise
    counted_from: str | Promise


DATA_CLASSES: tuple[DataClass, ...] = (
    DataClass(
        "booking_personal",
        _("Who booked"),
        _("Who made a booking and for whom, and the class or team it was for."),
        _("To lend you the equipment, contact you about the loan and settle damage."),
        _("after the last day of the loan"),
    ),
    DataClass(
        "notes",
        _("Notes on bookings"),
        _("Notes on a booking and its history, written by you or by the centre."),
        _("To prepare the loan and hand the equipment over."),
        _("after the last day of the loan"),
    ),
    DataClass(
        "evaluations",
        _("Evaluations of teaching materials"),
        _("Your comment and who answered. The stars and answers are kept without a name."),
        _("To improve the materials and count one answer per person."),
        _("after the answer"),
    ),
    DataClass(
        "registrations",
        _("Course registrations"),
        _("Participants' names and contact details."),
        _("To run the course and tell participants about changes."),
        _("after the event"),
    ),
    DataClass(
        "payment_records",
        _("Payment records"),
        _("Who paid, how much and for what."),
        _("The Danish Bookkeeping Act requires it."),
        _("after the payment"),
    ),
    DataClass(
        "log_entries",
        _("Log entries"),
        _("Who changed what in the administration and on a booking, and e-mails sent."),
        _("To find and correct mistakes."),
        _("after the change"),
    ),
    DataClass(
        "feed_fetches",
        _("Calendar fetches"),
        _("When your calendar last fetched a feed, and feeds you deleted."),
        _("So that you can see which calendar links are in use."),
        _("after the fetch"),
    ),
    DataClass(
        "login_records",
        _("Sign-in records"),
        _("Sign-in attempts with IP address and browser."),
        _("To protect accounts against password guessing."),
        _("after the attempt"),
    ),
    DataClass(
        "invitations",
        _("Invitations and unconfirmed sign-ups"),
        _("Invited e-mail addresses, and accounts whose e-mail address was never confirmed."),
        _("To let people join their school."),
        _("after the invitation ran out or the sign-up"),
    ),
)


def data_class(key: str) -> DataClass:
    for item in DATA_CLASSES:
        if item.key == key:
            return item
    raise KeyError(key)


def retention_days(key: str) -> int:
    """The configured period of a class, in days."""
    try:
        days = int(settings.PERSONAL_DATA_RETENTION_DAYS[key])
    except (KeyError, TypeError, ValueError) as exc:
        raise ImproperlyConfigured(f"PERSONAL_DATA_RETENTION_DAYS has no valid period for {key!r}.") from exc
    if days < 1:
        raise ImproperlyConfigured(f"The retention period of {key!r} must be at least one day.")
    return days


def expiry_before(key: str, now: datetime) -> datetime:
    """Records of class ``key`` older than this moment have expired."""
    return now - timedelta(days=retention_days(key))


# --- retention handlers --------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionRule:
    data_class: str
    key: str
    expire: Callable[..., int]


_RETENTION: dict[str, RetentionRule] = {}


def register_retention(data_class: str, key: str, expire: Callable[..., int]) -> None:
    """``expire(before=<aware datetime>) -> int``: anonymise what of ``data_class`` is older."""
    _RETENTION[key] = RetentionRule(data_class_or_error(data_class).key, key, expire)


def data_class_or_error(key: str) -> DataClass:
    try:
        return data_class(key)
    except KeyError:
        raise ImproperlyConfigured(f"Unknown class of personal data {key!r}; declare it in DATA_CLASSES.") from None


def retention_rules() -> list[RetentionRule]:
    return sorted(_RETENTION.values(), key=lambda rule: rule.key)


# --- one person's data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonData:
    """One kind of record a person has: how to show it, erase it, and who looks after them.

    ``fields`` name the keys of the rows ``export`` returns, in order, with a label for people.
    ``anonymise`` erases the person from these records (keeping what the reports count) and
    returns how many records it changed. It runs in the erasure's transaction, before the account
    is deleted, in ``order``. ``people_of_centres(centre_ids)`` is a ``Q`` on users that selects
    the people whose data these centres' staff may erase; ``blocker(person)`` a reason to wait.
    """

    key: str
    label: str | Promise
    fields: tuple[tuple[str, str | Promise], ...]
    export: Callable[[Any], list[dict]]
    anonymise: Callable[[Any], int] | None = None
    people_of_centres: Callable[[set[int]], Q] | None = None
    blocker: Callable[[Any], str | None] | None = None
    order: int = 100


_PERSON: dict[str, PersonData] = {}


def register_person_data(source: PersonData) -> None:
    _PERSON[source.key] = source


def person_sources() -> list[PersonData]:
    return sorted(_PERSON.values(), key=lambda source: (source.order, source.key))


def people_of_centres(centre_ids: set[int]) -> Q:
    """A ``Q`` on users: the people whose data the staff of ``centre_ids`` look after."""
    query = Q(pk__in=[])
    for source in person_sources():
        if source.people_of_centres is not None:
            query |= source.people_of_centres(centre_ids)
    return query
