"""Prices in DKK (Decimal). Pure: no database.

Member schools borrow free; others pay the item's external price (equipment or mobile pack).
Delivery to the school adds the item's delivery fee, whoever borrows.
"""

from decimal import Decimal

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
DELIVERY = "delivery"  # Booking.Handover.DELIVERY, without importing the models


def booking_price(*, item, is_member: bool, handover: str) -> Decimal:
    """The price of one loan of ``item`` (anything with ``external_price`` and ``delivery_fee``)."""
    price = ZERO if is_member else Decimal(item.external_price or ZERO)
    if handover == DELIVERY:
        price += Decimal(item.delivery_fee or ZERO)
    return price.quantize(CENT)
