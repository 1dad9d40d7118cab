"""Erasing people and applying the retention periods: every write of personal-data handling.

Keyword-only, one transaction each, permissions through ``rules``, errors as ``ServiceError``.
Each erasure leaves an ``AnonymisationRecord`` (who, when, why, how many records; never what)
and a Wagtail log entry on it, so it shows in the admin's history.
"""

from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import rules
from ..emails import absolute_url, queue_email
from ..errors import ServiceError
from ..models import AnonymisationRecord, ErasureRequest, Membership, Role, User
from ..personal_data import expiry_before, people_of_centres, person_sources, retention_rules

LOG_ACTION = "videnscenter.anonymise"


def _record(*, actor: User | None, reason: str, counts: dict[str, int], requested_at=None) -> AnonymisationRecord:
    counts = {key: n for key, n in counts.items() if n}
    record = AnonymisationRecord.objects.create(
        actor=actor, reason=reason, requested_at=requested_at, counts=counts, total=sum(counts.values())
    )
    log(instance=record, action=LOG_ACTION, user=actor, data={"reason": reason, "total": record.total})
    return record


def person_blockers(person: User) -> list[str]:
    """Why ``person`` cannot be erased yet (e.g. equipment still on loan); empty when they can."""
    return [reason for source in person_sources() if source.blocker and (reason := source.blocker(person))]


@transaction.atomic
def person_anonymise(*, actor: User, person: User) -> AnonymisationRecord:
    """Erase ``person``: every app blanks their name, e-mail and free text in the records that must
    survive (bookings keep school, dates and equipment), deletes the rest, then the account goes.

    Raises PermissionDenied unless ``actor`` is staff of the person's centre (or a superuser), and
    ServiceError for oneself or while something blocks it (equipment still on loan).
    """
    person = User.objects.select_for_update().get(pk=person.pk)
    if person.pk == actor.pk:
        raise ServiceError(_("You cannot erase your own account here. Ask to be erased from your profile."))
    rules.require(actor, "person.anonymise", person)
    blockers = person_blockers(person)
    if blockers:
        raise ServiceError(blockers)
    request = ErasureRequest.objects.filter(user=person).first()
    counts: dict[str, int] = {}
    for source in person_sources():
        if source.anonymise is not None:
            counts[source.key] = source.anonymise(person)
    person.delete()
    counts["account"] = 1
    return _record(
        actor=actor,
        reason=AnonymisationRecord.Reason.REQUEST if request else AnonymisationRecord.Reason.STAFF,
        requested_at=request.created_at if request else None,
        counts=counts,
    )


def _staff_emails_for(person: User) -> list[str]:
    """The centre staff who may erase ``person``, found through the same rule the admin uses."""
    staff = Membership.objects.confirmed().filter(role=Role.CENTRE_STAFF).select_related("organisation")
    centres = {m.organisation_id for m in staff}
    theirs = {c for c in centres if User.objects.filter(people_of_centres({c}), pk=person.pk).exists()}
    return sorted({m.user.email for m in staff.filter(organisation_id__in=theirs).select_related("user")})


@transaction.atomic
def erasure_request_create(*, person: User) -> ErasureRequest:
    """Record that ``person`` wants to be erased and tell the staff who can do it (idempotent)."""
    request, created = ErasureRequest.objects.get_or_create(user=person)
    if created:
        queue_email(
            to=_staff_emails_for(person),
            template="erasure_requested",
            context={"request": request, "url": absolute_url(reverse("privacy_admin:person", args=[person.pk]))},
        )
    return request


@transaction.atomic
def erasure_request_withdraw(*, person: User) -> None:
    """The person changed their mind before staff acted."""
    ErasureRequest.objects.filter(user=person).delete()


def retention_apply(*, now: datetime | None = None, dry_run: bool = False) -> dict[str, int]:
    """Anonymise everything whose retention period has run out, class by class; return the counts.

    With ``dry_run`` the same work is done and rolled back, so the counts say what would change.
    """
    now = now or timezone.now()
    counts: dict[str, int] = {}
    with transaction.atomic():
        for rule in retention_rules():
            counts[rule.key] = rule.expire(before=expiry_before(rule.data_class, now))
        if dry_run:
            transaction.set_rollback(True)
        elif any(counts.values()):
            _record(actor=None, reason=AnonymisationRecord.Reason.RETENTION, counts=counts)
    return counts
