"""Reads for people and organisations."""

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import timezone

from . import rules
from .models import Invitation, Membership, Organisation, Role, User
from .tokens import hash_token


def invitation_by_token(raw: str) -> Invitation | None:
    """The invitation a link points to, usable or not; ``None`` for a made-up token."""
    if not raw or len(raw) > 100:
        return None
    return Invitation.objects.select_related("organisation", "invited_by").filter(token_hash=hash_token(raw)).first()


def user_memberships(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation", "organisation__home_centre")


def organisations_managed_by(user: User) -> list[Organisation]:
    """Schools whose people this user looks after (as coordinator or home-centre staff)."""
    candidates = Organisation.objects.filter(
        kind__in=[Organisation.Kind.SCHOOL, Organisation.Kind.VOCATIONAL_SCHOOL]
    ).select_related("home_centre")
    if not user.is_superuser:
        ids = {m.organisation_id for m in rules.confirmed_memberships(user)}
        candidates = candidates.filter(pk__in=ids) | candidates.filter(home_centre_id__in=ids)
    return [org for org in candidates.distinct() if rules.allowed(user, "organisation.manage_members", org)]


def organisation_people(organisation: Organisation) -> dict:
    """Everything the school page shows: confirmed people by role, pending requests, open invitations."""
    memberships = list(
        Membership.objects.filter(organisation=organisation).select_related("user").order_by("user__first_name")
    )
    return {
        "confirmed": [m for m in memberships if m.is_confirmed],
        "pending": [m for m in memberships if not m.is_confirmed],
        "invitations": list(
            Invitation.objects.filter(
                organisation=organisation, accepted_at=None, revoked_at=None, expires_at__gt=timezone.now()
            ).select_related("invited_by")
        ),
    }


def waiting_teachers(user: User) -> list[tuple[Organisation, int]]:
    """For each school this person coordinates: how many teachers wait for confirmation. One query."""
    schools = [m.organisation_id for m in rules.confirmed_memberships(user) if m.role == Role.COORDINATOR]
    pending = (
        Membership.objects.filter(organisation_id__in=schools, role=Role.TEACHER, status=Membership.Status.PENDING)
        .values("organisation")
        .annotate(count=Count("pk"))
    )
    counts = {row["organisation"]: row["count"] for row in pending}
    return [
        (m.organisation, counts.get(m.organisation_id, 0))
        for m in rules.confirmed_memberships(user)
        if m.role == Role.COORDINATOR
    ]


def start_url(user: User) -> str:
    """Where a person's work is after logging in: staff and leaders to the admin dashboard, a
    school's coordinator to the school, teachers to their bookings; the profile otherwise."""
    roles = {m.role for m in rules.confirmed_memberships(user)}
    if user.is_superuser or roles & {Role.CENTRE_STAFF, Role.LEADER}:
        return reverse("wagtailadmin_home")
    coordinated = [m.organisation for m in rules.confirmed_memberships(user) if m.role == Role.COORDINATOR]
    if len(coordinated) == 1:
        return reverse("accounts:organisation", args=[coordinated[0].slug])
    if Role.TEACHER in roles and not coordinated:
        return reverse("booking:list")
    return reverse("accounts:profile")
