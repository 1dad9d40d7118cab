"""The Wagtail admin reads Danish for centre staff and coordinators: Wagtail's texts, dates, numbers.

Wagtail's own Danish catalogue covers only part of the admin; the rest comes from
videnscenter/locale (made with ``manage.py wagtail_da_missing``, see its README). These tests
walk the admin as each role sees it, menu by menu, and read what a person would read.
"""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation

from booking.maintenance.services import maintenance_schedule
from tests.factories import EquipmentFactory, UnitFactory, VideoFactory

pytestmark = pytest.mark.django_db

# Typical English admin texts, matched as whole words or phrases (so "Sideskift" or "Sortér"
# are no hits).
ENGLISH = [
    "Pages",
    "Page",
    "Images",
    "Documents",
    "Reports",
    "Help",
    "Create",
    "Choose",
    "There are no",
    "to display",
    "Why not",
    "Page 1 of",
    "Search",
    "Save",
    "Delete",
    "Edit",
    "Editing",
    "Sort",
    "Filter",
    "Dashboard",
    "Log out",
    "Account",
    "Add",
    "New",
    "Cancel",
    "Publish",
    "Draft",
    "Submit",
    "Preview",
    "History",
    "Actions",
    "More",
    "Previous",
    "Next",
    "Settings",
    "Collection",
    "Workflow",
    "Moderators approval",
    "Root",
    "Title",
    "Locked",
    "selected",
    "No results",
    "Maximum filesize",
    "Upload successful",
    "Shortcuts",
    "Editor Guide",
    "Keyboard",
]
ENGLISH_PATTERN = re.compile(r"\b(" + "|".join(re.escape(phrase) for phrase in ENGLISH) + r")\b")

# Labels of the apps' own model fields that have no translatable verbose_name yet (see below).
UNTRANSLATED_FIELD_LABELS = re.compile(r"\b(Created by|Updated at|True|False|Image)\b")


def _menu_urls(sidebar: dict) -> list[str]:
    urls: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("url"), str) and node["url"].startswith("/admin/"):
                urls.append(node["url"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(sidebar)
    return urls


def _sidebar(soup: BeautifulSoup) -> dict:
    return json.loads(soup.find(id="wagtail-sidebar-props").string)


def _labels(node) -> list[str]:
    """The menu's labels: the sidebar is drawn by JavaScript from this JSON."""
    if isinstance(node, dict):
        own = [node["label"]] if isinstance(node.get("label"), str) else []
        return own + [label for value in node.values() for label in _labels(value)]
    if isinstance(node, list):
        return [label for value in node for label in _labels(value)]
    return []


def visible_text(html: bytes) -> str:
    """What a person reads: text, placeholders and tooltips, without scripts or hidden parts."""
    soup = BeautifulSoup(html, "html.parser")
    for node in soup(["script", "style", "template", "noscript"]):
        node.decompose()
    for node in soup.select("[hidden]"):
        node.decompose()
    attributes = [
        element[name]
        for name in ("placeholder", "title", "aria-label", "data-w-tooltip-content-value")
        for element in soup.select(f"[{name}]")
    ]
    return "\n".join([soup.get_text("\n", strip=True), *attributes])


def english_in(text: str) -> list[str]:
    return sorted({match.group(0) for match in ENGLISH_PATTERN.finditer(text)})


@pytest.fixture
def admin_data(centre, staff):
    """Something in the lists and forms: equipment with a unit in maintenance, a video."""
    equipment = EquipmentFactory(name="Loftlift", owning_centre=centre)
    unit = UnitFactory(equipment=equipment)
    first_day = timezone.localdate() + datetime.timedelta(days=40)
    window = maintenance_schedule(
        actor=staff, unit=unit, start_date=first_day, end_date=first_day + datetime.timedelta(days=4), reason="Eftersyn"
    )
    video = VideoFactory(centre=centre)
    return {"equipment": equipment, "window": window, "video": video}


def crawl(client, user) -> dict[str, str]:
    """Visible text of the dashboard, every admin page in the role's menu, and from each list its
    add form and the first edit form, plus search and the account page."""
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    soup = BeautifulSoup(dashboard.content, "html.parser")
    sidebar = _sidebar(soup)
    pages = {"/admin/": visible_text(dashboard.content) + "\n" + "\n".join(_labels(sidebar))}
    for url in [*_menu_urls(sidebar), "/admin/pages/search/?q=lift", "/admin/account/"]:
        response = client.get(url, follow=True)  # a site setting's menu entry redirects to the site's form
        assert response.status_code == 200, url
        pages[url] = visible_text(response.content)
        links = [a["href"] for a in BeautifulSoup(response.content, "html.parser").select("a[href^='/admin/']")]
        for pattern in (r"/add/$", r"/edit/\d+/$"):
            form_url = next((link for link in links if re.search(pattern, link) and link not in pages), None)
            if form_url:
                form = client.get(form_url)
                assert form.status_code == 200, form_url
                pages[form_url] = visible_text(form.content)
    return pages


@pytest.mark.parametrize("role", ["staff", "coordinator"])
def test_every_admin_page_of_the_role_reads_danish(role, request, client, admin_data):
    pages = crawl(client, request.getfixturevalue(role))

    english = {url: found for url, text in pages.items() if (found := english_in(text))}
    assert english == {}

    # The walk really saw menus, lists (one of them empty), add and edit forms, search and media.
    visited = set(pages)
    assert {"/admin/images/", "/admin/documents/", "/admin/reports/site-history/"} <= visited
    assert any(url.endswith("/add/") for url in visited)
    assert any(re.search(r"/edit/\d+/$", url) for url in visited)
    assert any(re.search(r"Der er ingen .+ at vise", text) for text in pages.values())
    assert "Rapporter" in pages["/admin/"] and "Hjælp" in pages["/admin/"]


def test_staff_sees_the_menus_a_coordinator_does_not(client, staff, coordinator, admin_data):
    """The walk above covers different screens per role: the catalogue and maintenance for staff."""
    staff_pages = crawl(client, staff)
    coordinator_pages = crawl(client, coordinator)
    assert f"/admin/vedligehold/edit/{admin_data['window'].pk}/" in staff_pages
    assert not any(url.startswith("/admin/vedligehold/") for url in coordinator_pages)


def test_admin_dates_read_day_month_year(client, staff, admin_data):
    client.force_login(staff)
    window, video = admin_data["window"], admin_data["video"]
    first, last = window.start_date.strftime("%d.%m.%Y"), window.end_date.strftime("%d.%m.%Y")

    listing = visible_text(client.get("/admin/vedligehold/").content)
    assert first in listing and last in listing

    form = BeautifulSoup(client.get(f"/admin/vedligehold/edit/{window.pk}/").content, "html.parser")
    assert form.find("input", {"name": "start_date"})["value"] == first
    assert form.find("input", {"name": "end_date"})["value"] == last

    changed = timezone.localtime(video.updated_at).strftime("%d.%m.%Y %H:%M")
    assert changed in visible_text(client.get("/admin/snippets/media/video/").content)


def test_admin_date_picker_accepts_what_it_writes_in_danish_and_english():
    from django import forms

    field = forms.DateField()
    for language in ("da", "en"):
        with translation.override(language):
            assert field.clean("30.11.2026") == datetime.date(2026, 11, 30)
            assert field.clean("2026-11-30") == datetime.date(2026, 11, 30)  # what <input type=date> sends


def test_admin_numbers_use_danish_decimal_comma(client, staff):
    client.force_login(staff)
    text = visible_text(client.get("/admin/images/multiple/add/").content)
    assert "15,0\xa0MB" in text  # filesizeformat: decimal comma, no-break space


def test_admin_scripts_get_the_danish_texts(client, staff):
    client.force_login(staff)
    response = client.get("/admin/jsi18n/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '"Vis/skjul sidemenu"' in body  # "Toggle sidebar": only in the project's catalogue
    assert '"Tilf\\u00f8j"' in body or '"Tilføj"' in body  # "Add": Wagtail's own Danish still there


def test_no_wagtail_text_lacks_a_danish_translation():
    call_command("wagtail_da_missing", "--check")
    call_command("wagtail_da_missing", "--domain", "djangojs", "--check")


def test_missing_translations_are_reported(monkeypatch):
    from videnscenter import admin_i18n

    monkeypatch.setattr(admin_i18n, "_danish_catalogue", lambda domain: {})
    with pytest.raises(CommandError, match="have no Danish translation"):
        call_command("wagtail_da_missing", "--check")


@pytest.mark.parametrize("role", ["staff"])
def test_the_apps_own_field_labels_read_danish(role, request, client, admin_data):
    pages = crawl(client, request.getfixturevalue(role))
    found = {url: hits for url, text in pages.items() if (hits := set(UNTRANSLATED_FIELD_LABELS.findall(text)))}
    assert found == {}
