"""Who may do what.

This is the one module that answers "may this person do this to that object".
Views, services and the admin all ask ``allowed(user, action, obj)`` (or
``require`` to raise); each rule is a small function registered under an action
name, and each has tests that it allows and that it refuses.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied

from .models import Membership, Organisation, Role, User
from .personal_data import people_of_centres

Rule = Callable[[Any, Any], bool]
RULES: dict[str, Rule] = {}


def rule(action: str) -> Callable[[Rule], Rule]:
    def register(func: Rule) -> Rule:
        RULES[action] = func
        return func

    return register


def allowed(user, action: str, obj: Any = None) -> bool:
    """True when ``user`` may perform ``action`` on ``obj``. Unknown actions are refused."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return action in RULES
    check = RULES.get(action)
    return bool(check and check(user, obj))


def require(user, action: str, obj: Any = None) -> None:
    if not allowed(user, action, obj):
        raise PermissionDenied(action)


def confirmed_memberships(user) -> list[Membership]:
    """The user's confirmed memberships, read once per user object (i.e. per request)."""
    cached = getattr(user, "_confirmed_memberships", None)
    if cached is None:
        cached = list(Membership.objects.confirmed().filter(user=user).select_related("organisation"))
        user._confirmed_memberships = cached
    return cached


def forget_memberships(user) -> None:
    """Drop the per-object cache after memberships of ``user`` changed."""
    user.__dict__.pop("_confirmed_memberships", None)


def has_role(user, role: str, organisation: Organisation | None = None) -> bool:
    return any(
        m.role == role and (organisation is None or m.organisation_id == organisation.pk)
        for m in confirmed_memberships(user)
    )


def is_staff_of_home_centre(user, organisation: Organisation) -> bool:
    return organisation.home_centre_id is not None and any(
        m.role == Role.CENTRE_STAFF and m.organisation_id == organisation.home_centre_id
        for m in confirmed_memberships(user)
    )


@rule("organisation.book")
def may_book_for(user, organisation: Organisation) -> bool:
    """Teachers and coordinators with a confirmed membership book for their own school."""
    return has_role(user, Role.TEACHER, organisation) or has_role(user, Role.COORDINATOR, organisation)


@rule("organisation.manage_members")
def may_manage_members(user, organisation: Organisation) -> bool:
    """A school's coordinators, and staff of its home centre, look after its people."""
    return has_role(user, Role.COORDINATOR, organisation) or is_staff_of_home_centre(user, organisation)


@rule("organisation.invite_teacher")
def may_invite_teacher(user, organisation: Organisation) -> bool:
    return organisation.kind in {Organisation.Kind.SCHOOL, Organisation.Kind.VOCATIONAL_SCHOOL} and (
        may_manage_members(user, organisation)
    )


@rule("organisation.appoint_coordinator")
def may_appoint_coordinator(user, organisation: Organisation) -> bool:
    """Only centre staff appoint coordinators, and only for schools attached to their centre."""
    return organisation.kind in {Organisation.Kind.SCHOOL, Organisation.Kind.VOCATIONAL_SCHOOL} and (
        is_staff_of_home_centre(user, organisation)
    )


@rule("organisation.manage")
def may_manage_organisation(user, organisation: Organisation) -> bool:
    """Staff change the organisations attached to their own centre. A centre itself, and which
    centre an organisation belongs to, are for superusers only (``allowed`` lets them through)."""
    return not organisation.is_centre and organisation.home_centre_id in staff_centre_ids(user)


@rule("emaildomain.manage")
def may_manage_email_domain(user, domain: Any) -> bool:
    """A school's sign-up domains are managed by whoever manages the school."""
    return may_manage_organisation(user, domain.organisation)


@rule("membership.confirm")
def may_confirm_membership(user, membership: Membership) -> bool:
    """A pending teacher is confirmed by the school's coordinator, never by themself."""
    return (
        membership.role == Role.TEACHER
        and membership.user_id != user.pk
        and may_manage_members(user, membership.organisation)
    )


@rule("membership.remove")
def may_remove_membership(user, membership: Membership) -> bool:
    """Coordinators remove teachers; removing a coordinator is for the centre's staff."""
    if membership.user_id == user.pk:
        return False
    if membership.role == Role.TEACHER:
        return may_manage_members(user, membership.organisation)
    if membership.role == Role.COORDINATOR:
        return is_staff_of_home_centre(user, membership.organisation)
    return False


def staff_centre_ids(user) -> set[int]:
    """The centres this person is confirmed staff of."""
    return {m.organisation_id for m in confirmed_memberships(user) if m.role == Role.CENTRE_STAFF}


def managed_centre_ids(user) -> set[int]:
    """The one answer to "which centres may this person manage": every centre for a superuser,
    otherwise the centres they are staff of. Lists, choices and admin querysets narrow by it."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        cached = getattr(user, "_all_centre_ids", None)
        if cached is None:
            cached = user._all_centre_ids = set(Organisation.objects.centres().values_list("pk", flat=True))
        return cached
    return staff_centre_ids(user)


@rule("catalogue.manage")
def may_manage_catalogue_item(user, obj: Any) -> bool:
    """Equipment, units and packs are managed by staff of the centre that owns them.

    ``obj`` is anything with an ``owning_centre_id`` (equipment, unit, pack), or a centre.
    """
    centre_id = obj.pk if isinstance(obj, Organisation) and obj.is_centre else getattr(obj, "owning_centre_id", None)
    return centre_id is not None and centre_id in staff_centre_ids(user)


@rule("booking.book_on_behalf")
def may_book_on_behalf(user, organisation: Organisation) -> bool:
    """A school's coordinator may book for one of the school's teachers."""
    return has_role(user, Role.COORDINATOR, organisation)


@rule("booking.view")
def may_view_booking(user, booking: Any) -> bool:
    """The person it is for, who made it, the school's coordinators and the owning centre's staff."""
    return (
        user.pk in (booking.requester_id, booking.created_by_id)
        or has_role(user, Role.COORDINATOR, booking.organisation)
        or booking.owning_centre_id in staff_centre_ids(user)
    )


@rule("booking.cancel")
def may_cancel_booking(user, booking: Any) -> bool:
    return may_view_booking(user, booking)


@rule("booking.change")
def may_change_booking(user, booking: Any) -> bool:
    return may_view_booking(user, booking)


@rule("booking.decide")
def may_decide_booking(user, booking: Any) -> bool:
    """Approve, reject, hand out, take back and close: staff of the centre that owns the equipment."""
    return booking.owning_centre_id in staff_centre_ids(user)


@rule("payment.view")
def may_view_payment(user, payment: Any) -> bool:
    """The payer and the receiving centre's staff (a payment's purpose may let others in too)."""
    return user.pk == payment.payer_user_id or payment.owning_centre_id in staff_centre_ids(user)


@rule("payment.manage")
def may_manage_payment(user, payment: Any) -> bool:
    """Mark an invoice paid, refund: staff of the centre that receives the money."""
    return payment.owning_centre_id in staff_centre_ids(user)


@rule("popup.manage")
def may_manage_popup(user, obj: Any) -> bool:
    """PopUp centres and maintenance windows are run by the owning centre's staff."""
    return getattr(obj, "owning_centre_id", None) in staff_centre_ids(user)


def report_centre_ids(user) -> set[int]:
    """The one answer to "whose reports may this person see": every centre for a superuser,
    otherwise the centres they lead or are staff of. The report data they type in (targets,
    baselines, surveys, applications) is narrowed the same way."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return managed_centre_ids(user)
    return {m.organisation_id for m in confirmed_memberships(user) if m.role in REPORT_ROLES}


@rule("report.view_centre")
def may_view_centre_report(user, centre: Organisation) -> bool:
    """A centre's reports: its leaders and staff, not the other centre's."""
    return centre is not None and centre.pk in report_centre_ids(user)


@rule("report.view_joint")
def may_view_joint_report(user, obj: Any = None) -> bool:
    """The joint report of both centres (their shared strategy): leaders and staff of either centre."""
    return bool(report_centre_ids(user))


@rule("report.view_school_usage")
def may_view_school_usage(user, school: Organisation) -> bool:
    """A school's own usage report (its bookings of every centre's equipment): its coordinators."""
    return school is not None and has_role(user, Role.COORDINATOR, school)


@rule("report.manage_data")
def may_manage_report_data(user, obj: Any) -> bool:
    """Targets, baselines, surveys, applications and school requests of a centre: its leaders and staff.

    ``obj`` has an ``owning_centre_id``; ``None`` there means both centres jointly (any of them).
    """
    centre_id = getattr(obj, "owning_centre_id", None)
    centres = report_centre_ids(user)
    return bool(centres) if centre_id is None else centre_id in centres


def registration_centre_ids(user) -> set[int]:
    """Whose event sign-ups this person may see: the organising centre's staff and (read only) leaders."""
    return report_centre_ids(user)


@rule("registration.view_event")
def may_view_event_registrations(user, event: Any) -> bool:
    """Participant lists, waitlists and exports of an event: staff and leaders of its organising centre."""
    return getattr(event, "centre_id", None) in registration_centre_ids(user)


@rule("registration.manage_event")
def may_manage_event_registrations(user, event: Any) -> bool:
    """Attendance, certificates and cancellations: staff of the organising centre only."""
    centre_id = getattr(event, "centre_id", None)
    return centre_id is not None and centre_id in staff_centre_ids(user)


@rule("admin.access")
def may_access_admin(user, obj: Any = None) -> bool:
    """Centre staff, coordinators and leaders use the Wagtail admin; teachers do not."""
    return any(m.role in ADMIN_ROLES for m in confirmed_memberships(user))


@rule("person.anonymise")
def may_anonymise_person(user, person: User) -> bool:
    """Staff of a centre the person belongs to (their school's home centre, their own centre, the
    centre of their bookings) erase them; nobody erases themself or a superuser this way."""
    if person.pk == user.pk or person.is_superuser:
        return False
    centres = staff_centre_ids(user)
    return bool(centres) and User.objects.filter(people_of_centres(centres), pk=person.pk).exists()


ADMIN_ROLES = {Role.CENTRE_STAFF, Role.COORDINATOR, Role.LEADER}
REPORT_ROLES = {Role.CENTRE_STAFF, Role.LEADER}

# What leaders and staff keep for the yearly report: targets, baselines, surveys, applications.
REPORT_DATA_PERMISSIONS = {
    f"cms.{action}_{model}"
    for action in ("add", "change", "delete", "view")
    for model in ("target", "baseline", "survey", "projectapplication")
} | {"cms.view_activity_report", "cms.view_usage_report", "cms.view_schoolrequest", "cms.change_schoolrequest"}

# Model permissions that come with a confirmed role, granted by ``RoleBackend``.
# Object-level checks (which centre, which school) stay in the rules above.
ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.CENTRE_STAFF: {
        "wagtailadmin.access_admin",
        "videnscenter.view_organisation",
        "videnscenter.add_organisation",
        "videnscenter.change_organisation",
        "videnscenter.view_emaildomain",
        "videnscenter.add_emaildomain",
        "videnscenter.change_emaildomain",
        "videnscenter.delete_emaildomain",
        *(
            f"catalogue.{action}_{model}"
            for action in ("add", "change", "delete", "view")
            for model in ("equipment", "unit", "mobilepack", "category", "programme", "location")
        ),
        *(
            f"booking.{action}_{model}"
            for action in ("add", "change", "delete", "view")
            for model in ("popupcentre", "maintenancewindow")
        ),
        "booking.view_booking",
        "booking.change_booking",
        "payments.view_payment",  # which payments: their centres' (rule "payment.manage")
        *(
            f"media.{action}_{model}"
            for action in ("add", "change", "delete", "view", "publish", "lock", "unlock")
            for model in ("video", "podcastepisode")
        ),
        *(
            f"{model}.{action}_{name}"
            for action in ("add", "change", "delete", "view")
            for model, name in (("media", "videocategory"), ("media", "podcastseries"), ("cms", "partner"))
        ),
        "cms.view_materialevaluation",
        "cms.delete_materialevaluation",
        "cms.view_participant",
        # The personal-data pages; whom they may erase is the rule "person.anonymise".
        "videnscenter.view_anonymisationrecord",
        *REPORT_DATA_PERMISSIONS,
    },
    # Coordinators write drafts of videos and episodes and submit them; centre staff publish.
    Role.COORDINATOR: {
        "wagtailadmin.access_admin",
        *(f"media.{action}_{model}" for action in ("add", "change", "view") for model in ("video", "podcastepisode")),
        "media.view_videocategory",
        "media.view_podcastseries",
        "cms.view_usage_report",  # narrowed to their own school by the report
    },
    Role.LEADER: {
        "wagtailadmin.access_admin",
        "cms.view_materialevaluation",
        "cms.view_participant",
        *REPORT_DATA_PERMISSIONS,
    },
    Role.TEACHER: set(),
}


# Wagtail asks groups (not authentication backends) for page, image and document
# permissions, so these roles are mirrored into groups (created by cms migration 0004):
# centre staff publish, coordinators write drafts and submit them for approval.
ROLE_GROUPS: dict[str, str] = {Role.CENTRE_STAFF: "Redaktører", Role.COORDINATOR: "Bidragydere"}


def role_permissions(user) -> set[str]:
    perms: set[str] = set()
    for membership in confirmed_memberships(user):
        perms |= ROLE_PERMISSIONS.get(membership.role, set())
    return perms
