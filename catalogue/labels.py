"""QR labels for units and mobile packs: what each label says and the code that leads to its page.

Pure apart from URL reversing: ``qr_svg`` turns a text into an inline SVG (segno, no images on
disk), ``label_for`` says what one label holds.
"""

from dataclasses import dataclass

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import MobilePack, Unit

SHORT_NAME = 28  # characters of the name that fit under the code on a 63.5 × 38.1 mm label


@dataclass(frozen=True)
class Label:
    code: str  # asset tag, or the pack's name
    name: str
    centre: str
    url: str
    svg: SafeString


def qr_svg(text: str) -> SafeString:
    """An inline SVG QR code (error correction M, which survives a scratched label)."""
    svg = segno.make(text, error="m").svg_inline(scale=4, omitsize=True, title=text)
    return mark_safe(svg)  # noqa: S308 - segno's own markup; the text is escaped in its title


def _short(name: str) -> str:
    return name if len(name) <= SHORT_NAME else name[: SHORT_NAME - 1].rstrip() + "…"


def label_for(item: Unit | MobilePack) -> Label:
    base = settings.BASE_URL.rstrip("/")
    if isinstance(item, Unit):
        url = base + reverse("catalogue:unit", args=[item.asset_tag])
        centre = item.equipment.owning_centre.short_name or ""
        return Label(item.asset_tag, _short(item.equipment.name), centre, url, qr_svg(url))
    url = base + item.get_absolute_url()
    return Label(_short(item.name), str(_("Mobile pack")), item.owning_centre.short_name or "", url, qr_svg(url))
