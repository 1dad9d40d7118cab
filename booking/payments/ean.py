"""EAN/GLN numbers (13 digits, the last a check digit), which Danish public buyers invoice by. Pure."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def check_digit(first_twelve: str) -> int:
    """GS1 check digit: weights 1 and 3 alternate from the left over the first twelve digits."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first_twelve))
    return (10 - total % 10) % 10


def is_valid_ean(value: str) -> bool:
    return len(value) == 13 and value.isascii() and value.isdigit() and check_digit(value[:12]) == int(value[12])


def normalise_ean(value: str) -> str:
    """What people type (spaces, dashes) reduced to the digits."""
    return "".join(ch for ch in value if not ch.isspace() and ch != "-")


def validate_ean(value: str) -> None:
    if value and not is_valid_ean(value):
        raise ValidationError(
            _("An EAN number has 13 digits, the last being a check digit. Check the number."), code="ean"
        )
