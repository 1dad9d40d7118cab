"""Booking work in the Wagtail admin. Each module registers its own hooks when imported here."""

from . import maintenance_admin, popup_admin, staff_admin  # noqa: F401
