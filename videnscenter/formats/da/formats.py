"""Danish formats as the centres write them: 30.11.2026 and 30.11.2026 14:05.

Django's Danish default is "30. november 2026". It applies wherever a date is shown without
an explicit format, which is the Wagtail admin (listings, history, tooltips). The public templates
name a style (``{{ day|day:"long" }}``, ``videnscenter.templatetags.days``) and get it from
``DATE_STYLES`` in the language of the page: Danish "mandag 7. december 2026", "14. dec. 2026".
"""

from django.conf.locale.da.formats import *  # noqa: F403

DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"

# Month abbreviations as Danish writes them: lower case, with a full stop ("dec."), and whole
# short names ("maj", "juni"); Django's "N" gives exactly these in Danish.
DATE_STYLES = {
    "long": "l j. F Y",
    "long_time": "l j. F Y, H:i",
    "medium": "j. F Y",
    "short": "j. N Y",
    "short_time": "j. N Y H:i",
    "day_month": "j. F",
    "day_mon": "j. N",
    "mon_year": "N Y",
}
