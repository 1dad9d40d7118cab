"""The payer's pages (pay by card or invoice, back from Stripe) and Stripe's webhook endpoint.

The pages show the payment's real state: coming back from Stripe's page says nothing; only the
signed webhook marks a payment paid. A payment page opens for its link's token (sent by
e-mail), for the payer, the receiving centre's staff, or whoever its purpose lets in.
"""

import logging

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.http.request import RawPostDataException
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from videnscenter.errors import ServiceError, add_to_form

from . import purposes, selectors, services
from . import stripe_gateway as gateway
from .forms import InvoiceForm
from .models import Payment

logger = logging.getLogger(__name__)


def _payment(request, reference: str) -> Payment:
    token = request.POST.get("k") or request.GET.get("k") or ""
    payment = selectors.payment_for_page(reference, user=request.user, token=token)
    if payment is None:
        raise Http404
    return payment


def _page(request, payment: Payment, template: str, *, invoice_form=None, status=200):
    may_pay = payment.is_pending
    context = {
        "payment": payment,
        "token": request.GET.get("k") or request.POST.get("k") or "",
        "description": purposes.handler_for(payment.purpose).describe(payment),
        "next_url": purposes.handler_for(payment.purpose).url_for(payment),
        "card_enabled": gateway.card_payments_enabled(),
        "may_pay_by_card": may_pay and payment.method == Payment.Method.CARD,
        "may_choose_invoice": may_pay and payment.method == Payment.Method.CARD and payment.organisation_id,
        "invoice_form": invoice_form or InvoiceForm(),
    }
    return render(request, template, context, status=status)


def pay(request, reference: str):
    """The payment: what it is for, its lines, its state, and how to pay while it waits."""
    return _page(request, _payment(request, reference), "payments/pay.html")


@require_POST
def checkout(request, reference: str):
    """Off to Stripe's hosted Checkout page (the open one, if there is one)."""
    payment = _payment(request, reference)
    try:
        url = services.start_checkout(payment)
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(services.payment_url(payment))
    return redirect(url)


@require_POST
def invoice(request, reference: str):
    """Pay by invoice to the organisation's EAN number instead of by card."""
    payment = _payment(request, reference)
    form = InvoiceForm(request.POST)
    if form.is_valid():
        try:
            services.choose_invoice(
                payment,
                ean=form.cleaned_data["ean"],
                invoice_reference=form.cleaned_data["invoice_reference"],
                organisation=None,
                by=request.user if request.user.is_authenticated else None,
            )
        except ServiceError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The invoice will be sent to the EAN number you entered."))
            return redirect(services.payment_url(payment))
    return _page(request, payment, "payments/pay.html", invoice_form=form, status=400)


def thanks(request, reference: str):
    """Back from Stripe after paying: paid once the webhook has confirmed it, until then waiting."""
    return _page(request, _payment(request, reference), "payments/thanks.html")


def cancelled(request, reference: str):
    """Back from Stripe without paying: the payment still waits (until its hold runs out)."""
    return _page(request, _payment(request, reference), "payments/cancelled.html")


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's events: 400 for a bad signature; 200 once handled, ignored or not ours; 503 when
    Stripe cannot be asked about it (Stripe retries later)."""
    try:
        payload = request.body
    except RawPostDataException:  # a form post (read as a form already): Stripe sends JSON
        return HttpResponseBadRequest("not a Stripe event", content_type="text/plain")
    try:
        outcome = services.handle_webhook(payload, request.headers.get("Stripe-Signature", ""))
    except services.InvalidSignature:
        return HttpResponseBadRequest("invalid signature", content_type="text/plain")
    except services.GatewayError as exc:
        logger.warning("Stripe webhook could not be processed now: %s", exc.message)
        return HttpResponse("try again", status=503, content_type="text/plain")
    return HttpResponse(outcome, content_type="text/plain")
