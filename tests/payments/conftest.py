"""Payments tests: a recording purpose handler, and payments made through the public services."""

from decimal import Decimal

import pytest

from booking.payments import purposes, services


class Recorder:
    """A consumer that writes down what the payments told it."""

    def __init__(self):
        self.calls = []

    def on_paid(self, payment):
        self.calls.append(("paid", payment.reference))

    def on_expired(self, payment):
        self.calls.append(("expired", payment.reference))

    def on_refunded(self, payment, refund):
        self.calls.append(("refunded", payment.reference, refund.amount))

    def describe(self, payment):
        return f"Testkursus for {payment.payer_name}"

    def url_for(self, payment):
        return "/tilmeldt/"

    def kinds(self):
        return [call[0] for call in self.calls]


@pytest.fixture
def recorder():
    handler = Recorder()
    purposes.register("test", handler)
    yield handler
    purposes.unregister("test")


@pytest.fixture
def make_payment(centre, recorder):
    def make(*, prices=("300.00",), method="card", hold_minutes=60, **kwargs):
        lines = [
            services.Line(description=f"Deltager {i}", unit_price=Decimal(p), key=f"p{i}")
            for i, p in enumerate(prices, start=1)
        ]
        defaults = {
            "purpose": "test",
            "object_id": 7,
            "owning_centre": centre,
            "payer_name": "Kommune Aps",
            "payer_email": "betaler@kommune.example",
        }
        return services.create_payment(**{**defaults, **kwargs}, lines=lines, method=method, hold_minutes=hold_minutes)

    return make
