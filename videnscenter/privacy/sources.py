"""The ground floor's personal data: the account, memberships, invitations, the admin's log
entries, sign-in records and queued e-mails. Registered from ``VidenscenterConfig.ready``.
"""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.db.models.deletion import ProtectedError
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from ..models import ErasureRequest, Invitation, Membership, User
from ..personal_data import PersonData, register_person_data, register_retention


def _log_entry_models() -> list[type[models.Model]]:
    from wagtail.log_actions import registry

    return list(registry.get_log_entry_models())


def _axes_models() -> list[type[models.Model]]:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return [AccessAttempt, AccessFailureLog, AccessLog]


def _task_results():
    """The queued e-mails (recipients, text) when the database task queue is installed."""
    from django.apps import apps

    if not apps.is_installed("django_tasks_db"):
        return None
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects


# --- the account ---------------------------------------------------------------------------------


def export_account(person: User) -> list[dict]:
    return [
        {
            "email": person.email,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "date_joined": person.date_joined,
            "last_login": person.last_login,
            "is_active": person.is_active,
        }
    ]


def export_memberships(person: User) -> list[dict]:
    rows = Membership.objects.filter(user=person).select_related("organisation").order_by("created_at")
    return [
        {
            "organisation": m.organisation.name,
            "role": m.get_role_display(),
            "status": m.get_status_display(),
            "created_at": m.created_at,
            "confirmed_at": m.confirmed_at,
        }
        for m in rows
    ]


def anonymise_memberships(person: User) -> int:
    return Membership.objects.filter(user=person).delete()[0]


def memberships_of_centres(centre_ids: set[int]) -> Q:
    return Q(memberships__organisation_id__in=centre_ids) | Q(memberships__organisation__home_centre_id__in=centre_ids)


def export_invitations(person: User) -> list[dict]:
    rows = Invitation.objects.filter(email__iexact=person.email).select_related("organisation")
    return [
        {
            "organisation": i.organisation.name,
            "role": i.get_role_display(),
            "created_at": i.created_at,
            "expires_at": i.expires_at,
            "accepted_at": i.accepted_at,
            "revoked_at": i.revoked_at,
        }
        for i in rows
    ]


def anonymise_invitations(person: User) -> int:
    return Invitation.objects.filter(email__iexact=person.email).delete()[0]


def export_erasure_request(person: User) -> list[dict]:
    return [{"created_at": r.created_at} for r in ErasureRequest.objects.filter(user=person)]


# --- what they did in the administration -------------------------------------------------------


def export_admin_history(person: User) -> list[dict]:
    from wagtail.log_actions import registry

    rows = []
    for model in _log_entry_models():
        for entry in model.objects.filter(user_id=person.pk).order_by("timestamp")[:1000]:
            action = str(registry.get_action_label(entry.action))
            rows.append({"timestamp": entry.timestamp, "action": action, "object": entry.label})
    return sorted(rows, key=lambda row: row["timestamp"])


def anonymise_admin_history(person: User) -> int:
    """Forget who did what, and drop the entries about the account itself (they carry its name)."""
    user_type = ContentType.objects.get_for_model(User)
    changed = 0
    for model in _log_entry_models():
        entries = model.objects.all()
        if any(field.name == "object_id" for field in model._meta.fields):
            changed += entries.filter(content_type=user_type, object_id=str(person.pk)).delete()[0]
        changed += entries.filter(user_id=person.pk).update(user=None)
    return changed


# --- sign-ins and e-mails ----------------------------------------------------------------------------


def export_sign_ins(person: User) -> list[dict]:
    rows = []
    for model in _axes_models():
        for record in model.objects.filter(username__iexact=person.email):
            rows.append(
                {
                    "attempt_time": record.attempt_time,
                    "kind": str(model._meta.verbose_name),
                    "ip_address": record.ip_address,
                    "user_agent": record.user_agent,
                }
            )
    return sorted(rows, key=lambda row: row["attempt_time"])


def anonymise_sign_ins(person: User) -> int:
    return sum(model.objects.filter(username__iexact=person.email).delete()[0] for model in _axes_models())


def anonymise_queued_emails(person: User) -> int:
    results = _task_results()
    if results is None:
        return 0
    text = Cast("args_kwargs", models.TextField())
    return results.annotate(text=text).filter(text__icontains=person.email).delete()[0]


# --- retention -------------------------------------------------------------------------------------


def expire_log_entries(*, before: datetime) -> int:
    user_type = ContentType.objects.get_for_model(User)
    changed = 0
    for model in _log_entry_models():
        old = model.objects.filter(timestamp__lt=before)
        if any(field.name == "object_id" for field in model._meta.fields):
            changed += old.filter(content_type=user_type).delete()[0]
        changed += old.exclude(user=None).update(user=None)
    results = _task_results()
    if results is not None:
        changed += results.filter(finished_at__lt=before).delete()[0]
    return changed


def expire_sign_ins(*, before: datetime) -> int:
    return sum(model.objects.filter(attempt_time__lt=before).delete()[0] for model in _axes_models())


def expire_invitations(*, before: datetime) -> int:
    """Invitations that ran out, were used or withdrawn, and sign-ups never confirmed, after the period."""
    lapsed = Q(expires_at__lt=before) | Q(accepted_at__lt=before) | Q(revoked_at__lt=before)
    changed = Invitation.objects.filter(lapsed).delete()[0]
    for user in User.objects.filter(is_active=False, last_login=None, date_joined__lt=before):
        try:
            with transaction.atomic():
                changed += user.delete()[0]
        except ProtectedError:
            continue  # has records that must survive (e.g. bookings): staff decide
    return changed


def _nothing(person: User) -> list[dict]:
    return []


def register() -> None:
    register_person_data(
        PersonData(
            key="account",
            label=_("Your account"),
            fields=(
                ("email", _("E-mail address")),
                ("first_name", _("First name")),
                ("last_name", _("Last name")),
                ("date_joined", _("Created")),
                ("last_login", _("Last logged in")),
                ("is_active", _("Active")),
            ),
            export=export_account,
            order=0,
        )
    )
    register_person_data(
        PersonData(
            key="memberships",
            label=_("Organisations and roles"),
            fields=(
                ("organisation", _("Organisation")),
                ("role", _("Role")),
                ("status", _("Status")),
                ("created_at", _("Created")),
                ("confirmed_at", _("Confirmed")),
            ),
            export=export_memberships,
            anonymise=anonymise_memberships,
            people_of_centres=memberships_of_centres,
            order=900,
        )
    )
    register_person_data(
        PersonData(
            key="invitations",
            label=_("Invitations to you"),
            fields=(
                ("organisation", _("Organisation")),
                ("role", _("Role")),
                ("created_at", _("Sent")),
                ("expires_at", _("Expires")),
                ("accepted_at", _("Accepted")),
                ("revoked_at", _("Withdrawn")),
            ),
            export=export_invitations,
            anonymise=anonymise_invitations,
        )
    )
    register_person_data(
        PersonData(
            key="erasure_request",
            label=_("Your request to be erased"),
            fields=(("created_at", _("Asked")),),
            export=export_erasure_request,
        )
    )
    register_person_data(
        PersonData(
            key="admin_history",
            label=_("What you did in the administration"),
            fields=(("timestamp", _("When")), ("action", _("Action")), ("object", _("What"))),
            export=export_admin_history,
            anonymise=anonymise_admin_history,
        )
    )
    register_person_data(
        PersonData(
            key="sign_ins",
            label=_("Sign-ins"),
            fields=(
                ("attempt_time", _("When")),
                ("kind", _("Record")),
                ("ip_address", _("IP address")),
                ("user_agent", _("Browser")),
            ),
            export=export_sign_ins,
            anonymise=anonymise_sign_ins,
        )
    )
    register_person_data(
        # Not shown (nothing to read there), but e-mails waiting in the queue name the person.
        PersonData(
            key="queued_emails", label=_("E-mails"), fields=(), export=_nothing, anonymise=anonymise_queued_emails
        ),
    )
    register_retention("log_entries", "videnscenter.log_entries", expire_log_entries)
    register_retention("login_records", "videnscenter.sign_ins", expire_sign_ins)
    register_retention("invitations", "videnscenter.invitations", expire_invitations)
