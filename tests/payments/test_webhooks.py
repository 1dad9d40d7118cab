"""Stripe's webhooks, delivered to the real endpoint, signed like Stripe signs them.

Each test drives the real stripe-python SDK against the loopback fake Stripe: the payment is
changed only by what Stripe says when asked again, never by the payload alone.
"""

import pytest

from booking.payments import services
from booking.payments.models import Payment, StripeEvent
from tests.payments.fake_stripe import sign

URL = "/betaling/stripe/webhook/"


def deliver(client, payload, signature):
    return client.post(URL, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature)


@pytest.fixture
def checkout(db, fake_stripe, make_payment):
    """A held card payment whose payer is on Stripe's page."""
    payment = make_payment(prices=("300.00", "300.00"))
    services.start_checkout(payment)
    payment.refresh_from_db()
    return payment


def session_event(fake_stripe, payment, type_="checkout.session.completed", **kwargs):
    return fake_stripe.event(type_, fake_stripe.session(payment.stripe_session_id), **kwargs)


def test_paid_only_when_the_signed_webhook_says_so(client, fake_stripe, checkout, recorder):
    fake_stripe.complete(checkout.stripe_session_id)
    checkout.refresh_from_db()
    assert checkout.status == Payment.Status.PENDING  # the payer is back; Stripe has not told us yet

    response = deliver(client, *session_event(fake_stripe, checkout))

    assert response.status_code == 200
    checkout.refresh_from_db()
    assert checkout.status == Payment.Status.PAID
    assert checkout.paid_at is not None
    assert checkout.stripe_payment_intent_id.startswith("pi_")
    assert recorder.kinds() == ["paid"]


def test_forged_signature_is_refused_and_changes_nothing(client, fake_stripe, checkout, recorder):
    fake_stripe.complete(checkout.stripe_session_id)
    payload, _ = session_event(fake_stripe, checkout)

    forged = [
        sign(payload, "whsec_guessed"),  # the wrong secret
        sign(payload, "whsec_test_current", timestamp=1_600_000_000),  # an old, replayed signature
        "t=1,v1=deadbeef",
        "",
    ]
    for signature in forged:
        assert deliver(client, payload, signature).status_code == 400
    # A body changed after signing.
    good_payload, good_signature = session_event(fake_stripe, checkout)
    assert deliver(client, good_payload.replace(b"complete", b"completf"), good_signature).status_code == 400

    checkout.refresh_from_db()
    assert checkout.status == Payment.Status.PENDING
    assert not StripeEvent.objects.exists()
    assert recorder.calls == []


def test_replayed_event_is_processed_once(client, fake_stripe, checkout, recorder):
    fake_stripe.complete(checkout.stripe_session_id)
    payload, signature = session_event(fake_stripe, checkout)

    first = deliver(client, payload, signature)
    again = deliver(client, payload, signature)

    assert first.status_code == again.status_code == 200
    assert again.content == b"duplicate"
    assert StripeEvent.objects.count() == 1
    assert recorder.kinds() == ["paid"]


def test_the_payload_is_not_trusted(client, fake_stripe, checkout, recorder):
    """A correctly signed event claiming payment of a session Stripe still has open changes nothing."""
    lying = {**fake_stripe.session(checkout.stripe_session_id), "status": "complete", "payment_status": "paid"}
    response = deliver(client, *fake_stripe.event("checkout.session.completed", lying))

    assert response.status_code == 200
    checkout.refresh_from_db()
    assert checkout.status == Payment.Status.PENDING
    assert recorder.calls == []


def test_event_for_an_unknown_session_is_recorded_and_changes_nothing(client, fake_stripe, checkout, recorder):
    stranger = {"id": "cs_test_not_ours", "object": "checkout.session", "status": "complete"}
    payload, signature = fake_stripe.event("checkout.session.completed", stranger, event_id="evt_stranger")

    response = deliver(client, payload, signature)

    assert response.status_code == 200
    event = StripeEvent.objects.get(event_id="evt_stranger")
    assert event.processed_at is not None
    assert event.payment is None
    assert "unknown" in event.outcome
    checkout.refresh_from_db()
    assert checkout.status == Payment.Status.PENDING
    assert recorder.calls == []


def test_refund_event_before_its_payment_event_ends_in_the_true_state(client, fake_stripe, checkout, recorder):
    """Stripe delivers out of order: the refund (done in the dashboard) arrives before the payment."""
    session = fake_stripe.complete(checkout.stripe_session_id)
    completed = session_event(fake_stripe, checkout)
    refund = fake_stripe.refund_in_dashboard(session["payment_intent"], amount=30000)
    charge = fake_stripe.charges[fake_stripe.intents[session["payment_intent"]]["latest_charge"]]

    assert deliver(client, *fake_stripe.event("refund.created", refund)).status_code == 200
    assert deliver(client, *fake_stripe.event("charge.refunded", charge)).status_code == 200
    checkout.refresh_from_db()
    assert checkout.status == Payment.Status.PARTIALLY_REFUNDED
    assert str(checkout.refunded_amount) == "300.00"

    assert deliver(client, *completed).status_code == 200  # the late payment event
    checkout.refresh_from_db()
    assert checkout.status == Payment.Status.PARTIALLY_REFUNDED
    assert str(checkout.refunded_amount) == "300.00"
    assert checkout.refunds.count() == 1
    assert recorder.kinds() == ["paid", "refunded"]


def test_expired_session_releases_the_hold(client, fake_stripe, checkout, recorder):
    fake_stripe.expire(checkout.stripe_session_id)

    response = deliver(client, *session_event(fake_stripe, checkout, type_="checkout.session.expired"))

    assert response.status_code == 200
    checkout.refresh_from_db()
    assert checkout.status == Payment.Status.EXPIRED
    assert recorder.kinds() == ["expired"]


def test_expired_event_after_payment_is_ignored(client, fake_stripe, checkout, recorder):
    expired_before = session_event(fake_stripe, checkout, type_="checkout.session.expired")  # a stale copy
    fake_stripe.complete(checkout.stripe_session_id)
    deliver(client, *session_event(fake_stripe, checkout))

    assert deliver(client, *expired_before).status_code == 200

    checkout.refresh_from_db()
    assert checkout.status == Payment.Status.PAID
    assert recorder.kinds() == ["paid"]


def test_rotated_secrets_are_both_accepted(client, fake_stripe, checkout, settings, recorder):
    settings.STRIPE_WEBHOOK_SECRETS = ["whsec_new", "whsec_old"]
    fake_stripe.complete(checkout.stripe_session_id)

    assert deliver(client, *session_event(fake_stripe, checkout, secret="whsec_old")).status_code == 200
    assert deliver(client, *session_event(fake_stripe, checkout, secret="whsec_new")).status_code == 200
    assert deliver(client, *session_event(fake_stripe, checkout, secret="whsec_retired")).status_code == 400
    assert StripeEvent.objects.count() == 2
    assert recorder.kinds() == ["paid"]


def test_stripe_down_answers_503_and_keeps_nothing_so_the_retry_works(client, fake_stripe, checkout, recorder):
    fake_stripe.complete(checkout.stripe_session_id)
    payload, signature = session_event(fake_stripe, checkout)
    fake_stripe.down = True
    assert deliver(client, payload, signature).status_code == 503
    fake_stripe.down = False
    assert not StripeEvent.objects.exists()

    assert deliver(client, payload, signature).status_code == 200
    checkout.refresh_from_db()
    assert checkout.status == Payment.Status.PAID


def test_webhook_refuses_get(client, db):
    assert client.get(URL).status_code == 405


def test_webhook_refuses_a_form_post(client, db, fake_stripe):
    assert client.post(URL, {"type": "checkout.session.completed"}).status_code == 400
    assert not StripeEvent.objects.exists()
