"""English formats, plus the Danish input formats the admin's date pickers write (settings/base.py).

A member of staff who switches the admin to English still gets the pickers' 30.11.2026 and must
be able to save it.
"""

from django.conf.locale.en.formats import *  # noqa: F403
from django.conf.locale.en.formats import DATE_INPUT_FORMATS as _DATE_INPUT_FORMATS
from django.conf.locale.en.formats import DATETIME_INPUT_FORMATS as _DATETIME_INPUT_FORMATS

DATE_INPUT_FORMATS = [*_DATE_INPUT_FORMATS, "%d.%m.%Y"]
DATETIME_INPUT_FORMATS = [*_DATETIME_INPUT_FORMATS, "%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S"]
