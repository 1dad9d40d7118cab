"""Writes for people and organisations: invitations, sign-up, memberships.

Every function is keyword-only, runs in one transaction, checks permissions
through ``rules`` and raises ``ServiceError`` with a message a person can read.
E-mails are queued to go out after commit.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from . import audit, rules
from .emails import absolute_url, queue_email
from .errors import ServiceError
from .models import (
    ROLE_ORGANISATION_KINDS,
    EmailDomain,
    Invitation,
    Membership,
    Organisation,
    Role,
    User,
    normalize_email,
)
from .tokens import activation_token, new_token


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ServiceError({"password": exc.messages}) from exc


def _check_role_fits(role: str, organisation: Organisation) -> None:
    if organisation.kind not in ROLE_ORGANISATION_KINDS[Role(role)]:
        raise ServiceError(
            _("The role %(role)s does not exist at %(organisation)s.")
            % {"role": Role(role).label, "organisation": organisation.name}
        )


def membership_grant(*, user: User, organisation: Organisation, role: str, confirmed_by: User | None) -> Membership:
    """Give ``user`` a confirmed ``role`` at ``organisation`` (idempotent)."""
    _check_role_fits(role, organisation)
    membership, _created = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    if membership.status != Membership.Status.CONFIRMED:
        membership.status = Membership.Status.CONFIRMED
        membership.confirmed_at = timezone.now()
        membership.confirmed_by = confirmed_by
        membership.save(update_fields=["status", "confirmed_at", "confirmed_by"])
        audit.record_membership(membership, "membership.granted", actor=confirmed_by)
    rules.forget_memberships(user)
    editor_groups_sync(user=user)
    return membership


def editor_groups_sync(*, user: User) -> None:
    """Put ``user`` in exactly the editor groups their confirmed roles call for (see ``rules.ROLE_GROUPS``)."""
    rules.forget_memberships(user)
    wanted = {rules.ROLE_GROUPS[m.role] for m in rules.confirmed_memberships(user) if m.role in rules.ROLE_GROUPS}
    managed = {name: Group.objects.get_or_create(name=name)[0] for name in rules.ROLE_GROUPS.values()}
    current = set(user.groups.filter(name__in=managed).values_list("name", flat=True))
    if wanted - current:
        user.groups.add(*(managed[name] for name in wanted - current))
    if current - wanted:
        user.groups.remove(*(managed[name] for name in current - wanted))


@transaction.atomic
def invitation_create(*, actor: User, organisation: Organisation, email: str, role: str = Role.TEACHER) -> Invitation:
    """Invite ``email`` to ``organisation`` in ``role`` and e-mail a single-use link.

    Coordinators invite teachers; centre staff may also invite coordinators.
    Raises PermissionDenied, or ServiceError when the person is already a member.
    """
    action = "organisation.appoint_coordinator" if role == Role.COORDINATOR else "organisation.invite_teacher"
    if role not in {Role.TEACHER, Role.COORDINATOR}:
        raise PermissionDenied(action)
    rules.require(actor, action, organisation)
    email = normalize_email(email)
    if Membership.objects.confirmed().filter(user__email=email, organisation=organisation, role=role).exists():
        raise ServiceError(_("%(email)s already has this role at the school.") % {"email": email})
    # A new invitation replaces any older open one for the same address and role.
    Invitation.objects.filter(
        email=email, organisation=organisation, role=role, accepted_at=None, revoked_at=None
    ).update(revoked_at=timezone.now())
    raw, digest = new_token()
    invitation = Invitation.objects.create(
        email=email,
        organisation=organisation,
        role=role,
        token_hash=digest,
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    queue_email(
        to=email,
        template="invitation",
        context={
            "invitation": invitation,
            "inviter": actor,
            "role": Role(role).label,
            "url": absolute_url(reverse("accounts:invitation_link", args=[raw])),
        },
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> None:
    """Make an open invitation unusable at once."""
    rules.require(actor, "organisation.manage_members", invitation.organisation)
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, user: User | None = None, first_name: str = "", last_name: str = "", password: str = ""
) -> User:
    """Use an invitation: create the account (or use the logged-in one) and confirm the membership.

    The row is locked so that the same link cannot be used twice at the same moment.
    Raises ServiceError if the link is used, revoked or expired, or the password is too weak.
    """
    invitation = Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    if not invitation.is_usable(timezone.now()):
        raise ServiceError(_("This invitation has already been used, has expired or has been withdrawn."))
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ServiceError(_("You already have an account. Log in to accept the invitation."))
        user = User(email=invitation.email, first_name=first_name.strip(), last_name=last_name.strip())
        _check_password(password, user)
        user.set_password(password)
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError as exc:
            raise ServiceError(_("You already have an account. Log in to accept the invitation.")) from exc
    elif normalize_email(user.email) != invitation.email:
        raise ServiceError(_("This invitation was sent to another e-mail address."))
    membership_grant(
        user=user, organisation=invitation.organisation, role=invitation.role, confirmed_by=invitation.invited_by
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


def school_for_email(email: str) -> Organisation | None:
    domain = normalize_email(email).rpartition("@")[2]
    match = EmailDomain.objects.select_related("organisation").filter(domain=domain).first()
    return match.organisation if match else None


@transaction.atomic
def teacher_signup(*, email: str, first_name: str, last_name: str, password: str) -> None:
    """Sign a teacher up with a school address; they confirm the address, the coordinator the membership.

    An address that already has an account gets a friendly e-mail instead, so the form never
    reveals who is registered: both paths validate and hash the password and queue one e-mail,
    so they also take the same time. An account that staff deactivated stays deactivated (only
    a sign-up that was never confirmed gets a fresh link). Raises ServiceError for an unknown
    domain or a weak password.
    """
    email = normalize_email(email)
    school = school_for_email(email)
    if school is None:
        raise ServiceError(
            {
                "email": _(
                    "No school has registered this e-mail domain. Use your school address, "
                    "or ask your school coordinator for an invitation."
                )
            }
        )
    user = User(email=email, first_name=first_name.strip(), last_name=last_name.strip(), is_active=False)
    _check_password(password, user)
    # Hash on every path: hashing is most of the work, and skipping it would tell who exists.
    user.password = make_password(password)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None and not existing.activation_pending:
        queue_email(to=email, template="signup_existing", context={"url": absolute_url(reverse("accounts:login"))})
        return
    if existing is None:
        user.activation_pending = True
        user.save()
        Membership.objects.create(user=user, organisation=school, role=Role.TEACHER)
    else:
        # Signed up before but never activated: send a fresh link, change nothing else.
        user = existing
    _queue_activation(user=user, school=school)


def _queue_activation(*, user: User, school: Organisation) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    queue_email(
        to=user.email,
        template="signup_activate",
        context={
            "user": user,
            "school": school,
            "url": absolute_url(reverse("accounts:activate_link", args=[uid, activation_token.make_token(user)])),
        },
    )


@transaction.atomic
def signup_activate(*, user: User, token: str) -> User:
    """Activate an account whose owner followed the e-mailed link, and tell the coordinators."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active or not user.activation_pending or not activation_token.check_token(user, token):
        raise ServiceError(_("The activation link is invalid or has already been used."))
    user.is_active = True
    user.activation_pending = False
    user.save(update_fields=["is_active", "activation_pending"])
    for membership in Membership.objects.pending().filter(user=user).select_related("organisation"):
        coordinators = Membership.objects.confirmed().filter(
            organisation=membership.organisation, role=Role.COORDINATOR
        )
        queue_email(
            to=list(coordinators.values_list("user__email", flat=True)),
            template="membership_pending",
            context={
                "teacher": user,
                "school": membership.organisation,
                "url": absolute_url(reverse("accounts:organisation", args=[membership.organisation.slug])),
            },
        )
    return user


@transaction.atomic
def membership_confirm(*, actor: User, membership: Membership) -> Membership:
    """Confirm a pending teacher: from now on they can book for the school."""
    membership = Membership.objects.select_for_update().select_related("organisation", "user").get(pk=membership.pk)
    rules.require(actor, "membership.confirm", membership)
    if membership.is_confirmed:
        raise ServiceError(_("%(name)s is already confirmed.") % {"name": membership.user})
    membership.status = Membership.Status.CONFIRMED
    membership.confirmed_at = timezone.now()
    membership.confirmed_by = actor
    membership.save(update_fields=["status", "confirmed_at", "confirmed_by"])
    audit.record_membership(membership, "membership.confirmed", actor=actor)
    editor_groups_sync(user=membership.user)
    queue_email(
        to=membership.user.email,
        template="membership_confirmed",
        context={"membership": membership, "url": absolute_url(reverse("accounts:profile"))},
    )
    return membership


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    """Remove a membership (reject a pending teacher, or let a person leave the school)."""
    rules.require(actor, "membership.remove", membership)
    audit.record_membership(membership, "membership.removed", actor=actor)
    membership.delete()
    editor_groups_sync(user=membership.user)


@transaction.atomic
def coordinator_appoint(*, actor: User, organisation: Organisation, email: str) -> Membership | Invitation:
    """Make ``email`` a coordinator of the school: at once for an existing account, else by invitation."""
    rules.require(actor, "organisation.appoint_coordinator", organisation)
    user = User.objects.filter(email__iexact=normalize_email(email), is_active=True).first()
    if user is None:
        return invitation_create(actor=actor, organisation=organisation, email=email, role=Role.COORDINATOR)
    membership = membership_grant(user=user, organisation=organisation, role=Role.COORDINATOR, confirmed_by=actor)
    queue_email(
        to=user.email,
        template="coordinator_appointed",
        context={
            "membership": membership,
            "url": absolute_url(reverse("accounts:organisation", args=[organisation.slug])),
        },
    )
    return membership
