from booking.payments import services
from booking.payments.models import Payment


def test_card_payment_paid_by_webhook(db, fake_stripe, make_payment, client, recorder):
    payment = make_payment()
    url = services.start_checkout(payment)
    session = fake_stripe.only_session()
    assert url == session["url"]
    fake_stripe.complete(session["id"])
    payload, sig = fake_stripe.event("checkout.session.completed", fake_stripe.session(session["id"]))
    response = client.post(
        "/betaling/stripe/webhook/", payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=sig
    )
    assert response.status_code == 200, response.content
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert recorder.kinds() == ["paid"]
