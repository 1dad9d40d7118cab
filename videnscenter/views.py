"""Account pages: sign-up, activation, invitations, profile and the school's people."""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import rules, selectors, services
from .errors import ServiceError, add_to_form
from .forms import EmailForm, InvitationAcceptForm, SignupForm
from .helpers import confirm
from .models import Invitation, Membership, Organisation, Role
from .tokens import activation_token

LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _form_error(form, exc: ServiceError) -> None:
    # The services call the password field "password"; the forms have two of them.
    add_to_form(form, exc, rename={"password": "password1"})


def _service_messages(request, exc: ServiceError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
def start(request):
    """After logging in: to where the person's work is (``selectors.start_url``)."""
    return redirect(selectors.start_url(request.user))


@login_required
def profile(request):
    return render(
        request,
        "accounts/profile.html",
        {
            "memberships": selectors.user_memberships(request.user),
            "managed": selectors.organisations_managed_by(request.user),
        },
    )


def signup(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.teacher_signup(
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                password=data["password1"],
            )
        except ServiceError as exc:
            _form_error(form, exc)
        else:
            return render(request, "accounts/signup_done.html", {"email": data["email"]})
    return render(request, "accounts/signup.html", {"form": form})


# Secrets in links (activation, invitation) leave the address bar at once: the e-mailed link
# puts the token in the session and redirects to the same page without it, so the token
# reaches neither the access logs of later requests nor a Referer header.
ACTIVATION_SESSION_KEY = "activation_link"
INVITATION_SESSION_KEY = "invitation_token"


def activate_link(request, uidb64: str, token: str):
    request.session[ACTIVATION_SESSION_KEY] = [uidb64, token]
    return redirect("accounts:activate")


def _activation_user(uidb64: str):
    try:
        return get_user_model().objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, get_user_model().DoesNotExist):
        return None


def activate(request):
    # GET only shows a button: mail scanners that follow links must not use up the token.
    uidb64, token = request.session.get(ACTIVATION_SESSION_KEY) or ["", ""]
    user = _activation_user(uidb64) if uidb64 else None
    valid = user is not None and activation_token.check_token(user, token)
    if request.method == "POST" and valid:
        try:
            user = services.signup_activate(user=user, token=token)
        except ServiceError as exc:
            _service_messages(request, exc)
        else:
            login(request, user, backend=LOGIN_BACKEND)
            request.session.pop(ACTIVATION_SESSION_KEY, None)
            messages.success(
                request, _("Your e-mail address is confirmed. Your coordinator has been asked to approve you.")
            )
            return redirect("accounts:profile")
    return render(request, "accounts/activate.html", {"valid": valid}, status=200 if valid else 404)


def invitation_link(request, token: str):
    invite = selectors.invitation_by_token(token)
    if invite is None or not invite.is_usable(timezone.now()):
        return render(request, "accounts/invitation_invalid.html", status=404)
    request.session[INVITATION_SESSION_KEY] = token
    return redirect("accounts:invitation")


def invitation(request):
    token = request.session.get(INVITATION_SESSION_KEY, "")
    invite = selectors.invitation_by_token(token) if token else None
    if invite is None or not invite.is_usable(timezone.now()):
        return render(request, "accounts/invitation_invalid.html", status=404)
    logged_in = request.user.is_authenticated
    form = None if logged_in else InvitationAcceptForm(request.POST or None)
    if request.method == "POST" and (logged_in or form.is_valid()):
        try:
            if logged_in:
                user = services.invitation_accept(invitation=invite, user=request.user)
            else:
                data = form.cleaned_data
                user = services.invitation_accept(
                    invitation=invite,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    password=data["password1"],
                )
                login(request, user, backend=LOGIN_BACKEND)
        except ServiceError as exc:
            if form is not None:
                _form_error(form, exc)
            else:
                _service_messages(request, exc)
        else:
            request.session.pop(INVITATION_SESSION_KEY, None)
            messages.success(request, _("Welcome! You are now part of %(org)s.") % {"org": invite.organisation})
            return redirect("accounts:profile")
    return render(request, "accounts/invitation.html", {"invitation": invite, "form": form})


@login_required
def organisation(request, slug: str):
    org = get_object_or_404(Organisation, slug=slug)
    rules.require(request.user, "organisation.manage_members", org)
    people = selectors.organisation_people(org)
    context = {
        "organisation": org,
        "removable_ids": {m.pk for m in people["confirmed"] if rules.allowed(request.user, "membership.remove", m)},
        "invite_form": EmailForm(prefix="invite"),
        "appoint_form": EmailForm(prefix="appoint"),
        "may_appoint": rules.allowed(request.user, "organisation.appoint_coordinator", org),
        **people,
    }
    return render(request, "accounts/organisation.html", context)


def _post_email_action(request, slug: str, prefix: str, rule: str, action):
    org = get_object_or_404(Organisation, slug=slug)
    # Refuse before reading the form, so that an outsider gets a 403, not "enter a valid address".
    rules.require(request.user, rule, org)
    form = EmailForm(request.POST, prefix=prefix)
    if not form.is_valid():
        messages.error(request, _("Enter a valid e-mail address."))
    else:
        try:
            action(org, form.cleaned_data["email"])
        except ServiceError as exc:
            _service_messages(request, exc)
    return redirect("accounts:organisation", slug=org.slug)


@require_POST
@login_required
def organisation_invite(request, slug: str):
    def invite(org, email):
        services.invitation_create(actor=request.user, organisation=org, email=email, role=Role.TEACHER)
        messages.success(request, _("An invitation has been sent to %(email)s.") % {"email": email})

    return _post_email_action(request, slug, "invite", "organisation.invite_teacher", invite)


@require_POST
@login_required
def organisation_appoint(request, slug: str):
    def appoint(org, email):
        result = services.coordinator_appoint(actor=request.user, organisation=org, email=email)
        if isinstance(result, Invitation):
            messages.success(request, _("%(email)s has been invited to become coordinator.") % {"email": email})
        else:
            messages.success(request, _("%(email)s is now coordinator.") % {"email": email})

    return _post_email_action(request, slug, "appoint", "organisation.appoint_coordinator", appoint)


def _membership_or_404(pk: int) -> Membership:
    return get_object_or_404(Membership.objects.select_related("organisation", "user"), pk=pk)


@require_POST
@login_required
def membership_confirm(request, pk: int):
    membership = _membership_or_404(pk)
    try:
        services.membership_confirm(actor=request.user, membership=membership)
    except ServiceError as exc:
        _service_messages(request, exc)
    else:
        messages.success(request, _("%(name)s can now book.") % {"name": membership.user})
    return redirect("accounts:organisation", slug=membership.organisation.slug)


@login_required
def membership_remove(request, pk: int):
    """GET: what removing (or rejecting) means; the confirmed POST removes the membership."""
    membership = _membership_or_404(pk)
    rules.require(request.user, "membership.remove", membership)
    school_url = reverse("accounts:organisation", args=[membership.organisation.slug])
    if not confirm.is_confirmed(request):
        names = {"name": membership.user, "school": membership.organisation}
        pending = not membership.is_confirmed
        return confirm.confirmation_page(
            request,
            confirm.Confirmation(
                title=(_("Reject %(name)s at %(school)s?") if pending else _("Remove %(name)s from %(school)s?"))
                % names,
                action_url=reverse("accounts:membership_remove", args=[membership.pk]),
                back_url=school_url,
                confirm_label=_("Yes, reject") if pending else _("Yes, remove"),
                consequences=[
                    _("%(name)s can no longer book for %(school)s or follow its bookings.") % names,
                    _("Bookings already made stay as they are; the centre can still see them."),
                ],
                notified=_("Nobody gets an e-mail; tell %(name)s yourself if needed.") % names,
            ),
        )
    services.membership_remove(actor=request.user, membership=membership)
    messages.success(request, _("%(name)s has been removed.") % {"name": membership.user})
    return redirect(school_url)


@login_required
def invitation_revoke(request, pk: int):
    """GET: what withdrawing means; the confirmed POST makes the link unusable."""
    invite = get_object_or_404(Invitation.objects.select_related("organisation"), pk=pk)
    rules.require(request.user, "organisation.manage_members", invite.organisation)
    school_url = reverse("accounts:organisation", args=[invite.organisation.slug])
    if not confirm.is_confirmed(request):
        return confirm.confirmation_page(
            request,
            confirm.Confirmation(
                title=_("Withdraw the invitation to %(email)s?") % {"email": invite.email},
                action_url=reverse("accounts:invitation_revoke", args=[invite.pk]),
                back_url=school_url,
                confirm_label=_("Yes, withdraw it"),
                consequences=[_("The link in the invitation stops working at once. You can invite again later.")],
                notified=_("Nobody gets an e-mail."),
            ),
        )
    services.invitation_revoke(actor=request.user, invitation=invite)
    messages.success(request, _("The invitation to %(email)s has been withdrawn.") % {"email": invite.email})
    return redirect(school_url)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
