"""Reads for people and organisations."""

from django.db.models import QuerySet
from django.utils import timezone

from . import rules
from .models import Invitation, Membership, Organisation, User
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
