"""The main navigation: sections appear as soon as the app or page that serves them exists.

It names the URLs of every app and the portal's page types, so it belongs to ``cms``, the top layer.
"""

from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str = ""
    page_type: str = ""  # "app_label.Model" of a Wagtail page that serves the section


MAIN_NAVIGATION = [
    NavItem(_("Equipment"), url_name="catalogue:index"),
    NavItem(_("PopUp"), url_name="popup:list"),
    NavItem(_("Videos"), url_name="media:index"),
    NavItem(_("News"), page_type="cms.NewsIndexPage"),
    NavItem(_("Events"), page_type="cms.EventIndexPage"),
    NavItem(_("Materials"), page_type="cms.TeachingMaterialIndexPage"),  # short: the header keeps one row
    NavItem(_("Partners"), page_type="cms.PartnerIndexPage"),
]


# Linked from the footer rather than the main navigation.
FOOTER_PAGE_TYPES = ["cms.PrivacyNoticePage", "cms.AccessibilityStatementPage"]


def page_urls(request) -> dict[str, str]:
    """``_page_urls`` once per request: the navigation and the footer share the one query."""
    cached = getattr(request, "_cms_page_urls", None)
    if cached is None:
        cached = _page_urls()
        if request is not None:
            request._cms_page_urls = cached
    return cached


def privacy_notice_url(request) -> str | None:
    return page_urls(request).get("cms.PrivacyNoticePage")


def accessibility_statement_url(request) -> str | None:
    return page_urls(request).get("cms.AccessibilityStatementPage")


def footer_pages(request) -> list[dict]:
    """The home page's children that editors marked "Show in menus" (help and about pages)."""
    return page_urls(request).get(FOOTER_PAGES, [])


FOOTER_PAGES = "footer"  # the key of the footer's page list in page_urls()


def _page_urls() -> dict:
    """The URL of the first live page of each page type in the navigation and footer, in one query,
    and under ``FOOTER_PAGES`` the title and URL of the home page's children shown in menus.

    URLs are the pages' paths below the default site's root page, worked out here rather than
    with ``get_url()``, whose site lookup adds a query on the first request of each process.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import BooleanField, ExpressionWrapper, Q
    from wagtail.models import Page

    page_types = [item.page_type for item in MAIN_NAVIGATION if item.page_type] + FOOTER_PAGE_TYPES
    models = {page_type: apps.get_model(page_type) for page_type in page_types}
    content_types = ContentType.objects.get_for_models(*models.values())
    by_type = {content_types[model].pk: name for name, model in models.items()}
    pages = list(
        Page.objects.live()
        .public()
        .filter(Q(content_type__in=by_type) | Q(sites_rooted_here__is_default_site=True) | Q(show_in_menus=True))
        .order_by("path")
        .values("content_type_id", "url_path", "path", "depth", "title", "show_in_menus")
        .annotate(is_root=ExpressionWrapper(Q(sites_rooted_here__is_default_site=True), BooleanField()))
        .distinct()
    )
    root = next((p for p in pages if p["is_root"]), None)
    urls: dict = {FOOTER_PAGES: []}
    if root is None:
        return urls
    for page in pages:
        if not page["path"].startswith(root["path"]) or page["path"] == root["path"]:
            continue
        url = "/" + page["url_path"][len(root["url_path"]) :]
        name = by_type.get(page["content_type_id"])
        if name and name not in urls:
            urls[name] = url
        elif page["show_in_menus"] and page["depth"] == root["depth"] + 1 and not name:
            urls[FOOTER_PAGES].append({"title": page["title"], "url": url})
    return urls


def main_navigation(request) -> list[dict]:
    urls = page_urls(request)
    items = []
    for item in MAIN_NAVIGATION:
        if item.page_type:
            url = urls.get(item.page_type)
        else:
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                url = None
        if url:  # never link to a section that does not exist (yet)
            items.append({"label": item.label, "url": url, "active": request.path.startswith(url)})
    return items
