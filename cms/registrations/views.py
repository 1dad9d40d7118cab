"""Public sign-up pages: sign up, "Mine tilmeldinger", one registration, cancel, a waitlist offer, .ics.

Anyone may sign up; who is logged in decides the price group (``services.price_group``).
Those without an account reach their registration through the secret link e-mailed to them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from videnscenter.emails import absolute_url
from videnscenter.errors import ServiceError, add_to_form
from videnscenter.helpers import confirm

from ..models import EventPage, Participant, Registration
from . import payments, selectors, services
from .forms import CancelForm, SignUpForm


def _event(event_id: int) -> EventPage:
    return get_object_or_404(EventPage.objects.live().public(), pk=event_id)


def event_ics(request, event_id: int):
    """ "Add to calendar": the event as an .ics file, for everyone."""
    event = _event(event_id)
    response = HttpResponse(selectors.event_ics(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def _registration_url(registration: Registration, token: str | None) -> str:
    if token:
        return reverse("cms:registration_token", args=[registration.reference, token])
    return reverse("cms:registration", args=[registration.reference])


def _to_checkout(request, registration: Registration, back: str):
    """Send a card payer to Stripe Checkout for the held places, or ``back``."""
    payment_id = services.pending_card_payment(registration)
    if payment_id is None:
        return redirect(back)
    try:
        url = payments.checkout_url(
            payment_id=payment_id, success_url=absolute_url(back) + "?betalt=1", cancel_url=absolute_url(back)
        )
    except (ServiceError, ImportError):
        messages.error(request, _("Card payment is not possible right now. Try again later or contact the centre."))
        return redirect(back)
    return redirect(url)


@require_http_methods(["GET", "POST"])
def signup(request, event_id: int):
    event = _event(event_id)
    state = selectors.signup_state(event)
    if not event.takes_registrations:
        raise Http404
    user = request.user if request.user.is_authenticated else None
    price = services.unit_price(event, services.price_group(user))
    initial = {"contact_name": user.get_full_name(), "payer_email": user.email} if user else {}
    form = SignUpForm(request.POST or None, initial=initial, price=price, card_enabled=payments.card_payments_enabled())
    if request.method == "POST" and state.open and form.is_valid():
        data = form.cleaned_data
        try:
            registration, token = services.registration_create(
                event=event,
                actor=user,
                kind=data["kind"],
                contact_name=data["contact_name"],
                payer_email=data["payer_email"],
                organisation_name=data.get("organisation_name", ""),
                participants=data.get("people", []),
                method=data.get("method", ""),
                ean=data.get("ean", ""),
                invoice_reference=data.get("invoice_reference", ""),
                invoice_organisation=data.get("invoice_organisation"),
                join_waitlist=data.get("join_waitlist", False),
            )
        except ServiceError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("You are signed up. We have sent an e-mail with the details."))
            return _to_checkout(request, registration, _registration_url(registration, None if user else token))
    return render(
        request,
        "cms/registrations/signup.html",
        {"event": event, "state": state, "form": form, "price": price},
        status=200 if state.open or request.method == "GET" else 409,
    )


@login_required
def my_registrations(request):
    registrations = selectors.my_registrations(request.user)
    return render(request, "cms/registrations/mine.html", {"registrations": registrations, "now": timezone.now()})


def _visible(request, reference: str, token: str | None) -> Registration:
    registration = selectors.registration_visible(reference=reference, user=request.user, token=token)
    if registration is None:
        raise Http404
    return registration


def _cancellable(request, registration: Registration, token: str | None) -> list[Participant]:
    """Whom this visitor may cancel: everyone with the token or as the one who signed up, else only themself."""
    if token or selectors.may_manage(request.user, registration):
        people = list(registration.participants.all())
    else:
        people = selectors.own_participants(request.user, registration)
    return [p for p in people if p.status in Participant.ACTIVE]


def registration(request, reference: str, token: str | None = None):
    registration = _visible(request, reference, token)
    return render(
        request,
        "cms/registrations/detail.html",
        {
            "registration": registration,
            "token": token,
            "cancellable": {p.pk for p in _cancellable(request, registration, token)},
            "pending_payment": services.pending_card_payment(registration) is not None,
            "paid_now": request.GET.get("betalt") == "1",
        },
    )


@require_http_methods(["POST"])
def registration_pay(request, reference: str, token: str | None = None):
    registration = _visible(request, reference, token)
    return _to_checkout(request, registration, _registration_url(registration, token))


@require_http_methods(["GET", "POST"])
def participant_cancel(request, reference: str, participant_id: int, token: str | None = None):
    """GET (or a POST without confirmation): what cancelling means; the confirmed POST cancels."""
    registration = _visible(request, reference, token)
    participant = next((p for p in _cancellable(request, registration, token) if p.pk == participant_id), None)
    if participant is None:
        raise Http404
    back = _registration_url(registration, token)
    action = (
        reverse("cms:participant_cancel_token", args=[reference, token, participant.pk])
        if token
        else reverse("cms:participant_cancel", args=[reference, participant.pk])
    )
    now = timezone.now()
    form = CancelForm(request.POST or None)
    if not confirm.is_confirmed(request):
        refund = services.refund_due(participant, by_centre=False, now=now)
        consequences = [_("%(name)s's place is given to the next on the waitlist.") % {"name": participant.name}]
        if refund:
            consequences.append(
                _("%(amount)s kr. is refunded to the card or account it was paid with.")
                % {"amount": registration.unit_price}
            )
        elif participant.payment_state == Participant.PaymentState.PAID:
            consequences.append(
                _("No refund: free cancellation ended %(days)d days before the event.")
                % {"days": registration.event.free_cancellation_days}
            )
        return confirm.confirmation_page(
            request,
            confirm.Confirmation(
                title=_("Cancel the sign-up of %(name)s?") % {"name": participant.name},
                action_url=action,
                back_url=back,
                confirm_label=_("Yes, cancel the sign-up"),
                consequences=consequences,
                notified=_("%(email)s gets an e-mail that the sign-up is cancelled.") % {"email": participant.email},
                form=form,
            ),
        )
    try:
        services.participant_cancel(
            participant=participant, actor=request.user if request.user.is_authenticated else None
        )
    except ServiceError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The sign-up is cancelled."))
    return redirect(back)


@require_http_methods(["GET", "POST"])
def offer(request, participant_id: int, token: str):
    """A place offered from the waitlist: the link from the e-mail shows it; the POST accepts it."""
    participant = get_object_or_404(Participant.objects.select_related("event", "registration"), pk=participant_id)
    error = None
    if request.method == "POST":
        try:
            participant = services.offer_accept(participant=participant, token=token)
        except ServiceError as exc:
            error = " ".join(exc.messages)
        else:
            if participant.status == Participant.Status.HELD:
                return _to_checkout(request, participant.registration, participant.event.url or "/")
            messages.success(request, _("The place is yours. We have sent an e-mail with the details."))
    elif not services.offer_token_valid(participant, token):
        raise Http404
    return render(
        request,
        "cms/registrations/offer.html",
        {"participant": participant, "event": participant.event, "error": error},
        status=409 if error else 200,
    )
