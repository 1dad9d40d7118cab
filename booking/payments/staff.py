"""Payments in the Wagtail admin: "Betalinger", a centre's payments to filter, export and act on.

The list (filters: status, method, purpose, date, centre; CSV/XLSX export) is a ModelViewSet;
each payment's page shows its lines, refunds, Stripe events and history, with the two actions
staff take: "Markér faktura som betalt" and "Refundér" (all, or one line). Both ask first on a
confirmation page, and both call ``booking.payments.services``, which check again that the
user manages the receiving centre (``payment.manage``). Nobody adds or edits a payment here.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from videnscenter import rules
from videnscenter.helpers import confirm
from videnscenter.models import Organisation
from videnscenter.permissions import LookToSeeHistoryView

from . import purposes, services
from .models import Payment

PERMISSION = "payments.view_payment"


class PaymentPermissionPolicy(ModelPermissionPolicy):
    """Look: staff with ``payments.view_payment``, their own centres' payments only. Add, change,
    delete: nobody; the actions on a payment's page change it, through the services."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and instance.owning_centre_id in rules.managed_centre_ids(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Payment.objects.none()
        return Payment.objects.for_centres(rules.managed_centre_ids(user))


def purpose_choices():
    return [(name, name) for name in purposes.purposes()]


class PaymentFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("Status"), choices=Payment.Status.choices, widget=forms.CheckboxSelectMultiple
    )
    method = django_filters.ChoiceFilter(label=gettext_lazy("Method"), choices=Payment.Method.choices)
    purpose = django_filters.ChoiceFilter(label=gettext_lazy("Purpose"), choices=purpose_choices)
    created_at = django_filters.DateFromToRangeFilter(label=gettext_lazy("Created"), widget=DateRangePickerWidget)
    owning_centre = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Centre"), queryset=Organisation.objects.centres()
    )

    class Meta:
        model = Payment
        fields = []


class PaymentIndexView(IndexView):
    def get_base_queryset(self):
        return Payment.objects.for_centres(rules.managed_centre_ids(self.request.user)).select_related(
            "owning_centre", "organisation"
        )

    def get_inspect_url(self, instance):
        return reverse("payments_admin:detail", args=[instance.reference])


# --- one payment and its actions ------------------------------------------------------------------


def staff_view(view):
    """``payments.view_payment`` and a payment of a centre the user manages; else 403 (or 404)."""

    def wrapped(request: HttpRequest, reference: str) -> HttpResponse:
        payment = get_object_or_404(
            Payment.objects.select_related("owning_centre", "organisation", "payer_user"), reference=reference
        )
        try:
            if not request.user.has_perm(PERMISSION):
                raise PermissionDenied(PERMISSION)
            if payment.owning_centre_id not in rules.managed_centre_ids(request.user):
                raise PermissionDenied(PERMISSION)
            return view(request, payment)
        except PermissionDenied:
            title = _("Access denied")
            return render(
                request,
                "booking/admin/forbidden.html",
                {"page_title": title, "header_title": title, "header_icon": "lock"},
                status=403,
            )

    wrapped.__name__ = wrapped.__qualname__ = view.__name__
    return wrapped


class RefundForm(forms.Form):
    line = forms.ModelChoiceField(
        label=gettext_lazy("What to refund"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("Everything not yet refunded"),
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300)

    def __init__(self, *args, payment: Payment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = payment.lines.filter(refunded=False)
        self.fields["line"].label_from_instance = lambda line: f"{line.description} ({line.total} kr.)"


def _title(text: str, payment: Payment) -> str:
    return text % {"reference": payment.reference}


@staff_view
def detail(request: HttpRequest, payment: Payment) -> HttpResponse:
    may_manage = rules.allowed(request.user, "payment.manage", payment)
    title = _title(_("Payment %(reference)s"), payment)
    return render(
        request,
        "payments/admin/detail.html",
        {
            "page_title": title,
            "header_title": title,
            "header_icon": "form",
            "payment": payment,
            "description": purposes.handler_for(payment.purpose).describe(payment),
            "lines": payment.lines.all(),
            "refunds": payment.refunds.select_related("line", "created_by"),
            "events": payment.stripe_events.all()[:50],
            "may_mark_paid": may_manage and payment.method == Payment.Method.INVOICE and payment.is_pending,
            "may_refund": may_manage and payment.refundable_amount > 0 and payment.method != Payment.Method.FREE,
            "refund_form": RefundForm(payment=payment),
        },
    )


@require_POST
@staff_view
def mark_paid(request: HttpRequest, payment: Payment) -> HttpResponse:
    """Ask first; the confirmed POST marks the invoice paid."""
    back = reverse("payments_admin:detail", args=[payment.reference])
    if not confirm.is_confirmed(request):
        return confirm.confirmation_page(
            request,
            confirm.Confirmation(
                title=_title(_("Mark the invoice of %(reference)s as paid?"), payment),
                action_url=reverse("payments_admin:mark_paid", args=[payment.reference]),
                back_url=back,
                confirm_label=_("Yes, the money has arrived"),
                consequences=[
                    _("%(amount)s kr. from %(payer)s is recorded as paid.")
                    % {"amount": payment.amount, "payer": payment.payer_name},
                    _("What the payment is for is confirmed."),
                ],
            ),
            admin=True,
        )
    try:
        services.mark_invoice_paid(payment, by=request.user)
    except services.ServiceError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, _title(_("%(reference)s is marked as paid."), payment))
    return redirect(back)


@require_POST
@staff_view
def refund(request: HttpRequest, payment: Payment) -> HttpResponse:
    """Ask first (all that is left, or one line); the confirmed POST refunds."""
    back = reverse("payments_admin:detail", args=[payment.reference])
    form = RefundForm(request.POST, payment=payment)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
        return redirect(back)
    line = form.cleaned_data["line"]
    amount = line.total if line else payment.refundable_amount
    if not confirm.is_confirmed(request):
        how = _("through Stripe to the card it was paid with") if payment.method == "card" else _("as a credit note")
        return confirm.confirmation_page(
            request,
            confirm.Confirmation(
                title=_title(_("Refund %(reference)s?"), payment),
                action_url=reverse("payments_admin:refund", args=[payment.reference]),
                back_url=back,
                confirm_label=_("Yes, refund %(amount)s kr.") % {"amount": amount},
                consequences=[
                    _("%(amount)s kr. is refunded %(how)s.") % {"amount": amount, "how": how},
                    _("This cannot be undone."),
                ],
                carried=confirm.carried_values(request, form.fields),
            ),
            admin=True,
        )
    try:
        services.refund(payment, line=line, reason=form.cleaned_data["reason"], by=request.user)
    except services.ServiceError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("%(amount)s kr. refunded.") % {"amount": amount})
    return redirect(back)


class PaymentViewSet(ModelViewSet):
    model = Payment
    icon = "form"
    menu_label = gettext_lazy("Payments")
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "betalinger"
    url_namespace = "payments_admin"
    copy_view_enabled = False
    index_view_class = PaymentIndexView
    history_view_class = LookToSeeHistoryView
    form_fields = []
    filterset_class = PaymentFilterSet
    search_fields = ["reference", "payer_name", "payer_email", "organisation__name", "ean", "invoice_reference"]
    search_backend_name = None
    list_display = [
        "reference",
        Column("purpose", label=gettext_lazy("Purpose")),
        "payer_name",
        Column("amount", label=gettext_lazy("Amount (DKK)"), sort_key="amount"),
        Column("method", label=gettext_lazy("Method"), accessor="get_method_display"),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display", sort_key="status"),
        DateColumn("created_at", label=gettext_lazy("Created"), sort_key="created_at"),
        DateColumn("paid_at", label=gettext_lazy("Paid"), sort_key="paid_at"),
    ]
    list_export = [
        "reference",
        "purpose",
        "object_id",
        "status",
        "method",
        "amount",
        "refunded_amount",
        "payer_name",
        "payer_email",
        "organisation",
        "ean",
        "invoice_reference",
        "owning_centre",
        "created_at",
        "paid_at",
        "stripe_payment_intent_id",
    ]
    export_headings = {"object_id": gettext_lazy("Object"), "stripe_payment_intent_id": "Stripe PaymentIntent"}
    export_filename = "betalinger"
    ordering = ["-created_at", "-pk"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<str:reference>/", detail, name="detail"),
            path("<str:reference>/faktura-betalt/", mark_paid, name="mark_paid"),
            path("<str:reference>/refunder/", refund, name="refund"),
        ]
