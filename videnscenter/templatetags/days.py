"""``{{ value|day:"long" }}``: a date in a named style, written as the page's language writes it.

The styles live in ``DATE_STYLES`` of ``videnscenter/formats/<language>/formats.py``. A format
string in a template ("j. F Y") would give English readers "7. December 2026"; a style gives
them "7 December 2026" and Danish readers "7. december 2026".
"""

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import formats, translation

register = template.Library()

FALLBACK = "en"


def date_style(style: str, language: str | None = None) -> str:
    """The format string of ``style`` in ``language`` (default: the active one)."""
    language = language or translation.get_language() or FALLBACK
    for module in [*formats.get_format_modules(language), *formats.get_format_modules(FALLBACK)]:
        styles = getattr(module, "DATE_STYLES", None)
        if styles and style in styles:
            return styles[style]
    raise template.TemplateSyntaxError(f"Unknown date style {style!r}")


@register.filter(expects_localtime=True, is_safe=False)
def day(value, style: str = "medium") -> str:
    if value in (None, ""):
        return ""
    return date_filter(value, date_style(style))
