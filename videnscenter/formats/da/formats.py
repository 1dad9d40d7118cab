"""Danish formats as the centres write them: 30.11.2026 and 30.11.2026 14:05.

Django's Danish default is "30. november 2026". It applies wherever a date is shown without
an explicit format, which is the Wagtail admin (listings, history, tooltips); the public
templates name their formats themselves.
"""

from django.conf.locale.da.formats import *  # noqa: F403

DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
