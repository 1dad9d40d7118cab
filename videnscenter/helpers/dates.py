"""The range of days the site works with, and a form field that keeps to it.

Python's dates run from year 1 to 9999, but adding a loan's buffer to 9999-12-31 overflows
and nothing here is planned centuries ahead or behind. Every date a person can type (forms,
filters, the staff lists' ``?dato=``) is checked against this one range, so the extremes get
a clear message instead of a server error.
"""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)


def in_range(day: date) -> bool:
    return EARLIEST <= day <= LATEST


def out_of_range_message() -> str:
    return _("Choose a date between %(first)s and %(last)s.") % {
        "first": EARLIEST.strftime("%d.%m.%Y"),
        "last": LATEST.strftime("%d.%m.%Y"),
    }


class BoundedDateField(forms.DateField):
    """A date field that refuses days outside ``EARLIEST``..``LATEST`` with a clear message."""

    def validate(self, value):
        super().validate(value)
        if value and not in_range(value):
            raise forms.ValidationError(out_of_range_message(), code="date_out_of_range")
