"""The payment services as consumers and staff use them: card off, invoices, refunds, expiry."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from wagtail.models import ModelLogEntry

from booking.payments import services
from booking.payments.models import Payment, Refund
from videnscenter.errors import ServiceError
from videnscenter.models import Organisation

EAN = "5798000416604"


@pytest.fixture
def kommune(db):
    return Organisation.objects.create(name="Eksempel Kommune", slug="eksempel-kommune", kind="municipality")


def paid_by_card(fake_stripe, payment):
    services.start_checkout(payment)
    payment.refresh_from_db()
    fake_stripe.complete(payment.stripe_session_id)
    services.handle_webhook(
        *fake_stripe.event("checkout.session.completed", fake_stripe.session(payment.stripe_session_id))
    )
    payment.refresh_from_db()
    return payment


def test_without_keys_card_is_off_but_invoice_works(db, make_payment, kommune):
    with pytest.raises(services.PaymentsUnavailable):
        make_payment()
    payment = make_payment(method="invoice", organisation=kommune, ean="5798 0004 16604", invoice_reference="PO 77")
    assert payment.status == Payment.Status.PENDING
    assert payment.ean == EAN
    assert payment.expires_at is None


def test_invoice_needs_a_valid_ean_and_an_organisation(db, make_payment, kommune):
    with pytest.raises(ServiceError):
        make_payment(method="invoice", organisation=kommune, ean="5798000416605")
    with pytest.raises(ServiceError):
        make_payment(method="invoice", ean=EAN)
    assert not Payment.objects.exists()


def test_nothing_to_pay_is_free_and_paid_at_once(db, make_payment, recorder):
    payment = make_payment(prices=("0.00",))
    assert (payment.method, payment.status) == (Payment.Method.FREE, Payment.Status.PAID)
    assert recorder.calls == []  # the caller confirms a free one itself


def test_reference_is_readable_and_unique(db, make_payment, kommune):
    first = make_payment(method="invoice", organisation=kommune, ean=EAN)
    second = make_payment(method="invoice", organisation=kommune, ean=EAN)
    year = timezone.localdate().year
    assert first.reference == f"BET-{year}-{first.pk:06d}"
    assert first.reference != second.reference


def test_staff_mark_an_invoice_paid_and_it_is_logged(db, make_payment, kommune, staff, recorder):
    payment = make_payment(method="invoice", organisation=kommune, ean=EAN)
    services.mark_invoice_paid(payment, by=staff)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert recorder.kinds() == ["paid"]
    entry = ModelLogEntry.objects.for_instance(payment).get(action="payment.invoice_paid")
    assert entry.user == staff


def test_another_centres_staff_cannot_mark_an_invoice_paid_or_refund(db, make_payment, kommune, other_staff, staff):
    payment = make_payment(method="invoice", organisation=kommune, ean=EAN)
    with pytest.raises(PermissionDenied):
        services.mark_invoice_paid(payment, by=other_staff)
    services.mark_invoice_paid(payment, by=staff)
    with pytest.raises(PermissionDenied):
        services.refund(payment, reason="Forsøg", by=other_staff)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert not Refund.objects.exists()


def test_a_teacher_cannot_mark_an_invoice_paid(db, make_payment, kommune, teacher):
    payment = make_payment(method="invoice", organisation=kommune, ean=EAN)
    with pytest.raises(PermissionDenied):
        services.mark_invoice_paid(payment, by=teacher)


def test_refund_one_participant_then_the_rest(db, fake_stripe, make_payment, staff, recorder):
    payment = paid_by_card(fake_stripe, make_payment(prices=("300.00", "250.00")))
    first, second = payment.lines.all()

    services.refund(payment, line=first, reason="Deltager 1 meldt fra", by=staff)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PARTIALLY_REFUNDED
    assert payment.refunded_amount == Decimal("300.00")
    assert fake_stripe.calls("POST", "/v1/refunds")[0]["amount"] == "30000"
    with pytest.raises(ServiceError):
        services.refund(payment, line=first, reason="Igen", by=staff)

    services.refund(payment, reason="Kurset er aflyst", by=None)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED
    assert payment.refunded_amount == Decimal("550.00")
    assert [r.status for r in payment.refunds.all()] == ["succeeded", "succeeded"]
    assert recorder.kinds() == ["paid", "refunded", "refunded"]
    # The refund webhooks that follow change nothing more.
    for refund in fake_stripe.refunds.values():
        services.handle_webhook(*fake_stripe.event("refund.updated", refund))
    payment.refresh_from_db()
    assert payment.refunded_amount == Decimal("550.00")
    assert payment.refunds.count() == 2


def test_refund_more_than_paid_is_refused(db, fake_stripe, make_payment, staff):
    payment = paid_by_card(fake_stripe, make_payment())
    with pytest.raises(ServiceError):
        services.refund(payment, amount=Decimal("300.01"), reason="For meget", by=staff)
    assert not fake_stripe.calls("POST", "/v1/refunds")
    assert not Refund.objects.exists()


def test_refund_refused_by_stripe_changes_nothing(db, fake_stripe, make_payment, staff):
    payment = paid_by_card(fake_stripe, make_payment())
    fake_stripe.fail_next(status=400, message="Charge has been disputed", code="charge_disputed")
    with pytest.raises(services.PaymentsUnavailable):
        services.refund(payment, reason="Aflyst", by=staff)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert not Refund.objects.exists()


def test_invoice_refund_is_a_credit_note(db, make_payment, kommune, staff):
    payment = make_payment(method="invoice", organisation=kommune, ean=EAN)
    services.mark_invoice_paid(payment, by=staff)
    services.refund(payment, reason="Aflyst", by=staff)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED


def test_one_checkout_page_at_a_time(db, fake_stripe, make_payment):
    payment = make_payment()
    assert services.start_checkout(payment) == services.start_checkout(payment)
    assert len(fake_stripe.sessions) == 1


def test_overdue_payment_is_expired_at_stripe_and_released(db, fake_stripe, make_payment, recorder):
    payment = make_payment()
    services.start_checkout(payment)
    payment.refresh_from_db()

    assert services.expire_overdue(now=timezone.now() + timedelta(minutes=61)) == 1

    payment.refresh_from_db()
    assert payment.status == Payment.Status.EXPIRED
    assert fake_stripe.session(payment.stripe_session_id)["status"] == "expired"
    assert recorder.kinds() == ["expired"]


def test_overdue_payment_paid_at_the_last_moment_is_paid_not_expired(db, fake_stripe, make_payment, recorder):
    payment = make_payment()
    services.start_checkout(payment)
    payment.refresh_from_db()
    fake_stripe.complete(payment.stripe_session_id)  # its webhook is lost

    assert services.expire_overdue(now=timezone.now() + timedelta(minutes=61)) == 0

    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert recorder.kinds() == ["paid"]


def test_expire_payments_command_runs(db, fake_stripe, make_payment):
    from django.core.management import call_command

    make_payment()
    call_command("expire_payments")
    assert Payment.objects.get().status == Payment.Status.PENDING  # not overdue yet


def test_cancel_pending_closes_the_checkout_page(db, fake_stripe, make_payment, recorder):
    payment = make_payment()
    services.start_checkout(payment)
    payment = services.cancel_pending(payment)
    assert payment.status == Payment.Status.CANCELLED
    assert fake_stripe.session(payment.stripe_session_id)["status"] == "expired"
    assert recorder.calls == []


def test_payer_switches_to_invoice(db, fake_stripe, make_payment, kommune):
    payment = make_payment(organisation=kommune)
    services.start_checkout(payment)
    payment = services.choose_invoice(payment, ean=EAN, invoice_reference="PO 1", organisation=None, by=None)
    assert (payment.method, payment.status, payment.expires_at) == ("invoice", "pending", None)
    assert fake_stripe.session(payment.stripe_session_id)["status"] == "expired"
