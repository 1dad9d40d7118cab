"""Writes of school requests: a school sends one, the home centre's staff mark it handled."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from videnscenter import rules
from videnscenter.errors import ServiceError
from videnscenter.models import Organisation, Role

from ..models import SchoolRequest

HANDLED_ACTION = "cms.school_request.handled"
MAX_OPEN_PER_DAY = 5


def sender_schools(user) -> list[Organisation]:
    """The schools ``user`` may write on behalf of: confirmed teacher or coordinator there."""
    return [
        m.organisation
        for m in rules.confirmed_memberships(user)
        if m.role in (Role.TEACHER, Role.COORDINATOR) and m.organisation.home_centre_id is not None
    ]


def school_request_send(*, sender, school: Organisation, topic: str, message: str) -> SchoolRequest:
    """Store a request from ``sender`` for ``school``, addressed to the school's home centre.

    Only a confirmed teacher or coordinator of the school may send (the report counts these, so
    no one can send them in bulk or for another school); at most five a day per person.
    Raises ``ServiceError``.
    """
    if school not in sender_schools(sender):
        raise ServiceError({"school": [_("You can only write on behalf of a school where you teach.")]})
    if topic not in SchoolRequest.Topic.values:
        raise ServiceError({"topic": [_("Choose what the request is about.")]})
    message = (message or "").strip()
    if len(message) < 10:
        raise ServiceError({"message": [_("Tell us a little more (at least 10 characters).")]})
    with transaction.atomic():
        today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        if SchoolRequest.objects.filter(sender=sender, created_at__gte=today).count() >= MAX_OPEN_PER_DAY:
            raise ServiceError(_("You have sent five requests today. Write to the centre by e-mail if it is urgent."))
        return SchoolRequest.objects.create(
            school=school,
            centre_id=school.home_centre_id,
            topic=topic,
            message=message,
            name=sender.get_full_name() or sender.email,
            email=sender.email,
            sender=sender,
        )


def school_request_handle(*, actor, request: SchoolRequest) -> SchoolRequest:
    """Mark ``request`` handled (logged in its history). Staff and leaders of its centre only.

    Raises ``PermissionDenied`` for others and ``ServiceError`` when it was already handled.
    """
    rules.require(actor, "report.manage_data", request)
    with transaction.atomic():
        request = SchoolRequest.objects.select_for_update().get(pk=request.pk)
        if request.status == SchoolRequest.Status.HANDLED:
            raise ServiceError(_("The request has already been handled."))
        request.status = SchoolRequest.Status.HANDLED
        request.handled_at = timezone.now()
        request.handled_by = actor
        request.save(update_fields=["status", "handled_at", "handled_by"])
        log(instance=request, action=HANDLED_ACTION, user=actor)
    return request
