"""The one module that talks to Stripe (stripe-python, ``StripeClient``).

Everything else passes and receives ``Decimal`` kroner and the small records below; øre
exist only here (``to_ore``/``from_ore``). The keys and the API base come from settings, which
read them from the environment: ``STRIPE_SECRET_KEY`` (without it card payment is off),
``STRIPE_WEBHOOK_SECRETS`` (several, comma-separated, so one can be rotated) and
``STRIPE_API_BASE`` (tests point it at a loopback fake Stripe).
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import lru_cache

import stripe
from django.conf import settings

CURRENCY = "dkk"
LOCALE = "da"
ORE = Decimal(100)


class GatewayError(Exception):
    """Stripe refused or could not be reached; ``message`` is Stripe's, for logs and staff."""

    def __init__(self, message: str, *, code: str = "", http_status: int | None = None):
        super().__init__(message)
        self.message, self.code, self.http_status = message, code, http_status

    @property
    def not_found(self) -> bool:
        return self.http_status == 404 or self.code == "resource_missing"


class InvalidSignature(Exception):
    """A webhook whose signature matches none of the secrets (or that is not an event at all)."""


# --- money at the boundary ---------------------------------------------------------------------


def to_ore(amount: Decimal) -> int:
    """Kroner to øre, exactly; a fraction of an øre or a negative amount is a programming error."""
    if not isinstance(amount, Decimal):
        raise TypeError(f"Amounts are Decimal, not {type(amount).__name__}")
    ore = amount * ORE
    if ore != ore.to_integral_value() or ore < 0:
        raise ValueError(f"{amount} kr. is not a whole number of øre")
    return int(ore)


def from_ore(ore: int) -> Decimal:
    return (Decimal(int(ore)) / ORE).quantize(Decimal("0.01"))


# --- what the rest of the code sees ------------------------------------------------------------


@dataclass(frozen=True)
class Session:
    id: str
    url: str
    status: str  # open | complete | expired
    payment_status: str  # paid | unpaid | no_payment_required
    payment_intent: str
    amount_total: Decimal | None
    currency: str
    reference: str  # our payment reference (client_reference_id / metadata)

    @property
    def is_paid(self) -> bool:
        return self.status == "complete" and self.payment_status == "paid"


@dataclass(frozen=True)
class RefundInfo:
    id: str
    amount: Decimal
    status: str  # pending | requires_action | succeeded | failed | canceled
    payment_intent: str
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Intent:
    id: str
    status: str
    amount_received: Decimal
    reference: str


@dataclass(frozen=True)
class Event:
    """A verified webhook event: only which object it names; the object itself is fetched again."""

    id: str
    type: str
    object_type: str  # checkout.session | charge | refund | payment_intent | ...
    object_id: str


@dataclass(frozen=True)
class Line:
    description: str
    quantity: int
    unit_price: Decimal


# --- the client -------------------------------------------------------------------------------


def card_payments_enabled() -> bool:
    return bool(getattr(settings, "STRIPE_SECRET_KEY", ""))


def webhooks_enabled() -> bool:
    return bool(_webhook_secrets())


@lru_cache(maxsize=4)
def _client_for(api_key: str, api_base: str) -> stripe.StripeClient:
    return stripe.StripeClient(api_key, base_addresses={"api": api_base}, max_network_retries=2)


def _client() -> stripe.StripeClient:
    if not card_payments_enabled():
        raise GatewayError("Card payment is not configured (STRIPE_SECRET_KEY is empty).")
    return _client_for(settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE.rstrip("/"))


def _plain(obj) -> dict:
    """stripe-python's objects are not dicts; the records below read plain data."""
    return obj.to_dict() if hasattr(obj, "to_dict") else obj


@contextmanager
def _errors():
    """Stripe's exceptions become ``GatewayError`` (message, code, HTTP status)."""
    try:
        yield
    except stripe.StripeError as exc:
        error = getattr(exc, "error", None)
        raise GatewayError(
            getattr(exc, "user_message", None) or str(exc) or exc.__class__.__name__,
            code=getattr(error, "code", None) or getattr(exc, "code", None) or "",
            http_status=exc.http_status,
        ) from exc


def _call(func, *args, **kwargs) -> dict:
    with _errors():
        return _plain(func(*args, **kwargs))


def _id(value) -> str:
    """An expandable field: an id, an object with one, or nothing."""
    if value is None:
        return ""
    return value if isinstance(value, str) else value.get("id", "")


def _session(obj) -> Session:
    metadata = obj.get("metadata") or {}
    total = obj.get("amount_total")
    return Session(
        id=obj["id"],
        url=obj.get("url") or "",
        status=obj.get("status") or "",
        payment_status=obj.get("payment_status") or "",
        payment_intent=_id(obj.get("payment_intent")),
        amount_total=None if total is None else from_ore(total),
        currency=obj.get("currency") or "",
        reference=obj.get("client_reference_id") or metadata.get("payment", ""),
    )


def _refund(obj) -> RefundInfo:
    return RefundInfo(
        id=obj["id"],
        amount=from_ore(obj["amount"]),
        status=obj.get("status") or "",
        payment_intent=_id(obj.get("payment_intent")),
        metadata=dict(obj.get("metadata") or {}),
    )


def create_checkout_session(
    *,
    reference: str,
    lines: list[Line],
    customer_email: str,
    success_url: str,
    cancel_url: str,
    expires_at: datetime | None,
    description: str,
) -> Session:
    """A hosted Checkout page in DKK and Danish for these lines; ``expires_at`` is when the hold ends."""
    params = {
        "mode": "payment",
        "currency": CURRENCY,
        "locale": LOCALE,
        "client_reference_id": reference,
        "customer_email": customer_email,
        "success_url": success_url,
        "cancel_url": cancel_url,
        "line_items": [
            {
                "quantity": line.quantity,
                "price_data": {
                    "currency": CURRENCY,
                    "unit_amount": to_ore(line.unit_price),
                    "product_data": {"name": line.description[:250]},
                },
            }
            for line in lines
        ],
        "metadata": {"payment": reference},
        "payment_intent_data": {"metadata": {"payment": reference}, "description": description[:500]},
    }
    if expires_at is not None:
        params["expires_at"] = int(expires_at.timestamp())
    options = {"idempotency_key": f"checkout-{reference}-{params.get('expires_at', '')}"}
    return _session(_call(_client().v1.checkout.sessions.create, params=params, options=options))


def retrieve_session(session_id: str) -> Session:
    return _session(_call(_client().v1.checkout.sessions.retrieve, session_id))


def expire_session(session_id: str) -> Session:
    return _session(_call(_client().v1.checkout.sessions.expire, session_id))


def retrieve_payment_intent(intent_id: str) -> Intent:
    obj = _call(_client().v1.payment_intents.retrieve, intent_id)
    return Intent(
        id=obj["id"],
        status=obj.get("status") or "",
        amount_received=from_ore(obj.get("amount_received") or 0),
        reference=(obj.get("metadata") or {}).get("payment", ""),
    )


def retrieve_charge_intent(charge_id: str) -> str:
    """The payment intent a charge belongs to."""
    return _id(_call(_client().v1.charges.retrieve, charge_id).get("payment_intent"))


def retrieve_refund(refund_id: str) -> RefundInfo:
    return _refund(_call(_client().v1.refunds.retrieve, refund_id))


def list_refunds(intent_id: str) -> list[RefundInfo]:
    with _errors():
        page = _client().v1.refunds.list(params={"payment_intent": intent_id, "limit": 100})
        return [_refund(_plain(obj)) for obj in page.auto_paging_iter()]


def create_refund(*, payment_intent: str, amount: Decimal, idempotency_key: str, metadata: dict) -> RefundInfo:
    params = {"payment_intent": payment_intent, "amount": to_ore(amount), "metadata": metadata}
    options = {"idempotency_key": idempotency_key}
    return _refund(_call(_client().v1.refunds.create, params=params, options=options))


# --- webhooks ---------------------------------------------------------------------------------


def _webhook_secrets() -> list[str]:
    secrets = getattr(settings, "STRIPE_WEBHOOK_SECRETS", [])
    if isinstance(secrets, str):
        secrets = secrets.split(",")
    return [s.strip() for s in secrets if s and s.strip()]


def verify_webhook(payload: bytes, sig_header: str) -> Event:
    """The event, if its signature matches one of the webhook secrets; else ``InvalidSignature``."""
    for secret in _webhook_secrets():
        try:
            event = _plain(stripe.Webhook.construct_event(payload, sig_header, secret))
        except stripe.SignatureVerificationError:
            continue
        except (ValueError, KeyError, TypeError) as exc:  # signed, but not an event
            raise InvalidSignature(str(exc)) from exc
        try:
            obj = event["data"]["object"]
            return Event(id=event["id"], type=event["type"], object_type=obj.get("object", ""), object_id=obj["id"])
        except (KeyError, TypeError, AttributeError) as exc:
            raise InvalidSignature("Not a Stripe event") from exc
    raise InvalidSignature("No webhook secret matches the signature")
