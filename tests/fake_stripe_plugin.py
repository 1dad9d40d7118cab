"""The ``fake_stripe`` fixture, for any test package (loaded from ``tests/conftest.py``).

One loopback fake Stripe server per test session (``tests/payments/fake_stripe.py``); each test
that asks for ``fake_stripe`` gets it emptied, with settings pointing the real stripe-python SDK
at it: ``STRIPE_API_BASE``, a test secret key (card payment on) and one webhook secret.
"""

import pytest

from tests.payments import fake_stripe as fake_module


@pytest.fixture(scope="session")
def _fake_stripe_server():
    fake, server = fake_module.start()
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture
def fake_stripe(_fake_stripe_server, settings):
    """The fake Stripe (``FakeStripe``): complete/expire sessions, refund in the dashboard, sign events."""
    fake = _fake_stripe_server
    fake.reset()
    settings.STRIPE_API_BASE = fake.url
    settings.STRIPE_SECRET_KEY = fake_module.SECRET_KEY
    settings.STRIPE_WEBHOOK_SECRETS = [fake_module.WEBHOOK_SECRET]
    return fake
