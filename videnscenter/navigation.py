"""The main navigation: sections appear as soon as the app or page that serves them exists."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str


MAIN_NAVIGATION = [
    NavItem(_("Equipment"), "catalogue:index"),
    NavItem(_("PopUp"), "popup:list"),
    NavItem(_("Videos"), "media:index"),
    NavItem(_("News"), "cms:news"),
    NavItem(_("Events"), "cms:events"),
    NavItem(_("Partners"), "cms:partners"),
]


def main_navigation(current_path: str) -> list[dict]:
    items = []
    for item in MAIN_NAVIGATION:
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue  # that part of the product is not built yet; never link to a 404
        items.append({"label": item.label, "url": url, "active": current_path.startswith(url)})
    return items
