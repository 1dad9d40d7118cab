"""Evaluations of teaching materials and event sign-ups as personal data, registered from ``CmsConfig.ready``.

The stars and the "usable?" answer stay for the yearly report; the comment, the link to the
account and the respondent key (a hash that identifies the account) go. Of a sign-up, the
participation stays (the event's numbers) while the names and e-mail addresses go.
"""

import secrets
from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from videnscenter.models import User
from videnscenter.personal_data import PersonData, register_person_data, register_retention

from .models import MaterialEvaluation, Participant, Registration

ERASED_PREFIX = "erased-"


def _erase(evaluations) -> int:
    rows = list(evaluations)
    for row in rows:
        # Still unique per material (the constraint), but no longer anybody's.
        row.respondent, row.comment, row.user = ERASED_PREFIX + secrets.token_hex(24), "", None
    MaterialEvaluation.objects.bulk_update(rows, ["respondent", "comment", "user"], batch_size=500)
    return len(rows)


def export_evaluations(person: User) -> list[dict]:
    rows = MaterialEvaluation.objects.filter(user=person).select_related("material").order_by("created_at")
    return [
        {
            "material": e.material.title,
            "rating": e.rating,
            "usable": e.get_usable_display(),
            "comment": e.comment,
            "created_at": e.created_at,
        }
        for e in rows
    ]


def anonymise_evaluations(person: User) -> int:
    return _erase(MaterialEvaluation.objects.filter(user=person))


def expire_evaluations(*, before: datetime) -> int:
    old = MaterialEvaluation.objects.filter(created_at__lt=before)
    return _erase(old.filter(~Q(comment="") | Q(user__isnull=False) | ~Q(respondent__startswith=ERASED_PREFIX)))


ERASED_NAME = "Slettet"


def _participations(person: User):
    return Participant.objects.filter(Q(user=person) | Q(email__iexact=person.email))


def export_signups(person: User) -> list[dict]:
    rows = _participations(person).select_related("event", "registration").order_by("created_at")
    return [
        {
            "event": p.event.title,
            "name": p.name,
            "email": p.email,
            "status": p.get_status_display(),
            "payment": p.get_payment_state_display(),
            "registered_by": p.registration.contact_name,
            "created_at": p.created_at,
        }
        for p in rows
    ]


def anonymise_signups(person: User) -> int:
    """Names and addresses go; the places, statuses and amounts stay for the event's figures."""
    participants = list(_participations(person))
    for p in participants:
        p.name, p.email, p.user = ERASED_NAME, f"{ERASED_PREFIX}{p.pk}@invalid", None
    Participant.objects.bulk_update(participants, ["name", "email", "user"], batch_size=500)
    registrations = list(Registration.objects.filter(Q(registered_by=person) | Q(payer_email__iexact=person.email)))
    for r in registrations:
        r.contact_name, r.payer_email, r.registered_by = ERASED_NAME, f"{ERASED_PREFIX}r{r.pk}@invalid", None
    Registration.objects.bulk_update(registrations, ["contact_name", "payer_email", "registered_by"], batch_size=500)
    return len(participants) + len(registrations)


def signup_people_of_centres(centre_ids: set[int]) -> Q:
    """People signed up for (or who signed others up for) events of these centres."""
    return Q(event_participations__event__centre_id__in=centre_ids) | Q(
        event_registrations__event__centre_id__in=centre_ids
    )


def register() -> None:
    register_person_data(
        PersonData(
            key="event_signups",
            label=_("Sign-ups for events"),
            fields=(
                ("event", _("Event")),
                ("name", _("Name")),
                ("email", _("E-mail address")),
                ("status", _("Status")),
                ("payment", _("Payment")),
                ("registered_by", _("Signed up by")),
                ("created_at", _("Registered")),
            ),
            export=export_signups,
            anonymise=anonymise_signups,
            people_of_centres=signup_people_of_centres,
        )
    )
    register_person_data(
        PersonData(
            key="evaluations",
            label=_("Evaluations of teaching materials"),
            fields=(
                ("material", _("Teaching material")),
                ("rating", _("Stars")),
                ("usable", _("Usable in my teaching?")),
                ("comment", _("Comment")),
                ("created_at", _("Submitted")),
            ),
            export=export_evaluations,
            anonymise=anonymise_evaluations,
        )
    )
    register_retention("evaluations", "cms.evaluations", expire_evaluations)
