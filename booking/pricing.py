"""Prices in DKK (Decimal). Member schools borrow free; others pay the equipment's external price."""

from decimal import Decimal

from catalogue.models import Equipment, MobilePack
from videnscenter.models import Organisation

ZERO = Decimal("0.00")


def booking_price(*, item: Equipment | MobilePack, organisation: Organisation, handover: str) -> Decimal:
    if organisation.is_member:
        return ZERO
    price = getattr(item, "external_price", None) or ZERO
    return Decimal(price).quantize(Decimal("0.01"))
