"""Equipment bookings that cost money: the centre approves, then a payment link is sent."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail

from booking import billing, services
from booking.models import Booking
from booking.payments import services as payments
from booking.payments.models import Payment
from tests.conftest import member
from tests.factories import SchoolFactory
from videnscenter.models import Role

TODAY = date(2031, 3, 3)
MON = date(2031, 3, 10)
EAN = "5798000416604"
pytestmark = pytest.mark.django_db


@pytest.fixture
def outside_school(centre):
    return SchoolFactory(name="Privatskolen", slug="privatskolen", home_centre=centre, is_member=False)


@pytest.fixture
def outside_teacher(outside_school):
    return member(outside_school, Role.TEACHER, email="laerer@privatskolen.example")


@pytest.fixture
def paid_booking(lift, outside_school, outside_teacher):
    lift.external_price = Decimal("450.00")
    lift.save()
    return services.booking_request(
        actor=outside_teacher,
        organisation=outside_school,
        equipment=lift,
        start_date=MON,
        end_date=MON + timedelta(days=2),
        today=TODAY,
    )


def approve(staff, booking, committing=None):
    if committing:
        return committing(services.booking_approve, actor=staff, booking=booking, today=TODAY)
    return services.booking_approve(actor=staff, booking=booking, today=TODAY)


def test_approval_asks_for_payment_by_email_with_a_link(paid_booking, staff, committing):
    mail.outbox.clear()
    approve(staff, paid_booking, committing)

    payment = billing.payment_of(paid_booking)
    assert (payment.amount, payment.status, payment.method) == (Decimal("450.00"), "pending", "card")
    assert payment.expires_at is None  # the units are already reserved; nothing to hold
    assert payment.owning_centre == paid_booking.owning_centre
    links = [m for m in mail.outbox if payment.reference in m.subject + m.body]
    assert len(links) == 1
    assert f"/betaling/{payment.reference}/?k={payment.access_token}" in links[0].body
    assert links[0].to == ["laerer@privatskolen.example"]


def test_free_booking_asks_for_nothing(lift, school, teacher, staff):
    booking = services.booking_request(
        actor=teacher, organisation=school, equipment=lift, start_date=MON, end_date=MON, today=TODAY
    )
    approve(staff, booking)
    assert billing.payment_of(booking) is None


def test_teacher_pays_by_card_and_the_booking_becomes_paid(paid_booking, staff, outside_teacher, client, fake_stripe):
    approve(staff, paid_booking)
    payment = billing.payment_of(paid_booking)
    client.force_login(outside_teacher)

    page = client.get(f"/booking/{paid_booking.reference}/")
    assert 'id="pay-booking"' in page.content.decode()
    response = client.post(f"/betaling/{payment.reference}/kort/")
    assert response.status_code == 302
    assert response["Location"].startswith("https://checkout.stripe.test/")

    session = fake_stripe.only_session()
    fake_stripe.complete(session["id"])
    assert client.get(f"/betaling/{payment.reference}/tak/").context["payment"].status == "pending"
    payments.handle_webhook(*fake_stripe.event("checkout.session.completed", fake_stripe.session(session["id"])))

    paid_booking.refresh_from_db()
    assert paid_booking.payment_status == Booking.Payment.PAID
    assert client.get(f"/betaling/{payment.reference}/tak/").context["payment"].status == "paid"
    assert 'id="pay-booking"' not in client.get(f"/booking/{paid_booking.reference}/").content.decode()


def test_cancelling_a_paid_booking_refunds_it(paid_booking, staff, outside_teacher, fake_stripe):
    approve(staff, paid_booking)
    payment = billing.payment_of(paid_booking)
    payments.start_checkout(payment)
    payment.refresh_from_db()
    fake_stripe.complete(payment.stripe_session_id)
    payments.handle_webhook(
        *fake_stripe.event("checkout.session.completed", fake_stripe.session(payment.stripe_session_id))
    )

    services.booking_cancel(actor=outside_teacher, booking=paid_booking)

    payment.refresh_from_db()
    paid_booking.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED
    assert fake_stripe.calls("POST", "/v1/refunds")[0]["amount"] == "45000"
    assert paid_booking.payment_status == Booking.Payment.REFUNDED


def test_cancelling_before_paying_stops_the_payment(paid_booking, staff, outside_teacher, fake_stripe):
    approve(staff, paid_booking)
    payment = billing.payment_of(paid_booking)
    payments.start_checkout(payment)
    services.booking_cancel(actor=outside_teacher, booking=paid_booking)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.CANCELLED
    assert fake_stripe.session(payment.stripe_session_id)["status"] == "expired"


def test_without_card_the_page_says_so_and_invoice_is_possible(paid_booking, staff, outside_teacher, client):
    approve(staff, paid_booking)  # no Stripe keys in the test settings
    payment = billing.payment_of(paid_booking)
    client.force_login(outside_teacher)

    page = client.get(f"/betaling/{payment.reference}/")
    html = page.content.decode()
    assert 'id="card-off"' in html
    assert "/kort/" not in html
    assert client.post(f"/betaling/{payment.reference}/kort/").status_code == 302  # back, with a message

    response = client.post(f"/betaling/{payment.reference}/faktura/", {"ean": EAN, "invoice_reference": "PO 42"})
    assert response.status_code == 302
    payment.refresh_from_db()
    assert (payment.method, payment.ean, payment.invoice_reference) == ("invoice", EAN, "PO 42")
    assert 'id="invoice-state"' in client.get(f"/booking/{paid_booking.reference}/").content.decode()


def test_a_wrong_ean_is_refused_and_changes_nothing(paid_booking, staff, outside_teacher, client):
    approve(staff, paid_booking)
    payment = billing.payment_of(paid_booking)
    client.force_login(outside_teacher)
    response = client.post(f"/betaling/{payment.reference}/faktura/", {"ean": "5798000416605"})
    assert response.status_code == 400
    payment.refresh_from_db()
    assert payment.method == "card"


def test_invoice_paid_by_staff_marks_the_booking_paid(paid_booking, staff, outside_teacher):
    approve(staff, paid_booking)
    payment = billing.payment_of(paid_booking)
    payments.choose_invoice(payment, ean=EAN, invoice_reference="", organisation=None, by=outside_teacher)
    payments.mark_invoice_paid(payment, by=staff)
    paid_booking.refresh_from_db()
    assert paid_booking.payment_status == Booking.Payment.PAID


def test_another_teacher_cannot_see_the_payment_page(paid_booking, staff, teacher, client):
    approve(staff, paid_booking)
    payment = billing.payment_of(paid_booking)
    client.force_login(teacher)  # a teacher of another school
    for suffix in ("", "tak/", "annulleret/"):
        assert client.get(f"/betaling/{payment.reference}/{suffix}").status_code == 404
    assert client.post(f"/betaling/{payment.reference}/faktura/", {"ean": EAN}).status_code == 404
    assert client.get(f"/betaling/{payment.reference}/?k=wrong-token").status_code == 404
    client.logout()
    assert client.get(f"/betaling/{payment.reference}/").status_code == 404
    assert client.get(f"/betaling/{payment.reference}/?k={payment.access_token}").status_code == 200


def test_paid_at_the_moment_of_cancelling_is_refunded(paid_booking, staff, outside_teacher, fake_stripe):
    """The teacher paid on Stripe's page and cancelled before the webhook came: the money goes back."""
    approve(staff, paid_booking)
    payment = billing.payment_of(paid_booking)
    payments.start_checkout(payment)
    payment.refresh_from_db()
    fake_stripe.complete(payment.stripe_session_id)

    services.booking_cancel(actor=outside_teacher, booking=paid_booking)
    payments.handle_webhook(
        *fake_stripe.event("checkout.session.completed", fake_stripe.session(payment.stripe_session_id))
    )

    payment.refresh_from_db()
    paid_booking.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED
    assert [c["amount"] for c in fake_stripe.calls("POST", "/v1/refunds")] == ["45000"]
    assert paid_booking.status == Booking.Status.CANCELLED
    assert paid_booking.payment_status == Booking.Payment.REFUNDED
