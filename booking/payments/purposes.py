"""What a payment pays for, without importing it: consumers register a handler per purpose.

A consumer (equipment bookings: ``"booking"``; course registrations: theirs) registers once,
in its AppConfig.ready::

    from booking.payments import purposes
    purposes.register("booking", BookingPayments())

The payment services call the handler inside their transaction, with the payment row locked,
after the payment's own state has changed. Handlers must be idempotent-safe: each is called
once per transition, but a consumer should still not assume more than "this just happened".

- ``on_paid(payment)``: money came in (card webhook, or staff marked an invoice paid). Not
  called for a payment created free: the caller confirms that one itself.
- ``on_expired(payment)``: a held card payment was not paid in time (or was cancelled while
  pending): release what was held.
- ``on_refunded(payment, refund)``: money went back (all of it or one line, ``refund.line``).
- ``describe(payment) -> str``: one line for staff lists and e-mails.
- ``url_for(payment) -> str``: where the payer goes after paying (their booking, registration).
- optional ``may_view(user, payment) -> bool``: who else may open the payment page (e.g. a
  school's coordinator), besides the payer and the owning centre's staff.
"""

from typing import Protocol

from django.core.exceptions import ImproperlyConfigured


class PurposeHandler(Protocol):
    def on_paid(self, payment) -> None: ...

    def on_expired(self, payment) -> None: ...

    def on_refunded(self, payment, refund) -> None: ...

    def describe(self, payment) -> str: ...

    def url_for(self, payment) -> str: ...


class _Nobody:
    """For a purpose whose consumer is gone: the payment still works, nothing else happens."""

    def on_paid(self, payment) -> None:
        pass

    def on_expired(self, payment) -> None:
        pass

    def on_refunded(self, payment, refund) -> None:
        pass

    def describe(self, payment) -> str:
        return payment.reference

    def url_for(self, payment) -> str:
        return "/"


_HANDLERS: dict[str, PurposeHandler] = {}


def register(purpose: str, handler: PurposeHandler) -> None:
    """Register ``handler`` for ``purpose``; registering the same purpose twice with another handler is an error."""
    existing = _HANDLERS.get(purpose)
    if existing is not None and existing is not handler and type(existing) is not type(handler):
        raise ImproperlyConfigured(f"Payment purpose {purpose!r} is already registered to {existing!r}.")
    _HANDLERS[purpose] = handler


def unregister(purpose: str) -> None:
    _HANDLERS.pop(purpose, None)


def handler_for(purpose: str) -> PurposeHandler:
    return _HANDLERS.get(purpose) or _Nobody()


def purposes() -> list[str]:
    return sorted(_HANDLERS)


def may_view(user, payment) -> bool:
    check = getattr(handler_for(payment.purpose), "may_view", None)
    return bool(check and check(user, payment))
