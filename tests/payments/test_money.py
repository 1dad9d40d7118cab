"""Money is Decimal kroner everywhere and becomes whole øre only at the Stripe boundary."""

from decimal import Decimal

import pytest

from booking.payments import services
from booking.payments import stripe_gateway as gateway
from booking.payments.ean import is_valid_ean
from videnscenter.errors import ServiceError


@pytest.mark.parametrize(
    ("kroner", "ore"), [("299.95", 29995), ("300", 30000), ("0.01", 1), ("0.00", 0), ("12345678.90", 1234567890)]
)
def test_kroner_become_exact_ore(kroner, ore):
    assert gateway.to_ore(Decimal(kroner)) == ore
    assert gateway.from_ore(ore) == Decimal(kroner)


@pytest.mark.parametrize("kroner", ["299.955", "0.001", "-1.00"])
def test_a_fraction_of_an_ore_or_a_negative_amount_is_refused(kroner):
    with pytest.raises(ValueError):
        gateway.to_ore(Decimal(kroner))


def test_a_float_never_reaches_stripe():
    with pytest.raises(TypeError):
        gateway.to_ore(299.95)


@pytest.mark.parametrize(("ean", "valid"), [("5790000000001", False), ("5798000416604", True), ("579800041660", False)])
def test_ean_check_digit(ean, valid):
    assert is_valid_ean(ean) is valid


def test_checkout_sends_ore_in_dkk_and_danish(db, fake_stripe, make_payment):
    payment = make_payment(prices=("299.95", "100.00"))
    assert payment.amount == Decimal("399.95")
    services.start_checkout(payment)
    (params,) = fake_stripe.calls("POST", "/v1/checkout/sessions")
    assert params["currency"] == "dkk"
    assert params["locale"] == "da"
    assert params["mode"] == "payment"
    assert [line["price_data"]["unit_amount"] for line in params["line_items"]] == ["29995", "10000"]
    assert fake_stripe.only_session()["amount_total"] == 39995


def test_a_price_with_a_fraction_of_an_ore_is_refused_before_anything_is_saved(db, fake_stripe, make_payment):
    from booking.payments.models import Payment

    with pytest.raises(ServiceError):
        make_payment(prices=("299.955",))
    assert not Payment.objects.exists()
