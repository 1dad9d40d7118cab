"""English formats, plus the Danish input formats the admin's date pickers write (settings/base.py).

A member of staff who switches the admin to English still gets the pickers' 30.11.2026 and must
be able to save it. ``DATE_STYLES``: the public templates' date styles in English ("Monday
7 December 2026", "14 Dec 2026"); see the Danish module.
"""

from django.conf.locale.en.formats import *  # noqa: F403
from django.conf.locale.en.formats import DATE_INPUT_FORMATS as _DATE_INPUT_FORMATS
from django.conf.locale.en.formats import DATETIME_INPUT_FORMATS as _DATETIME_INPUT_FORMATS

DATE_INPUT_FORMATS = [*_DATE_INPUT_FORMATS, "%d.%m.%Y"]
DATETIME_INPUT_FORMATS = [*_DATETIME_INPUT_FORMATS, "%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S"]

DATE_STYLES = {
    "long": "l j F Y",
    "long_time": "l j F Y, H:i",
    "medium": "j F Y",
    "short": "j M Y",
    "short_time": "j M Y H:i",
    "day_month": "j F",
    "day_mon": "j M",
    "mon_year": "M Y",
}
