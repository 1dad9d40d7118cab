"""Every page's footer: contact details edited in Wagtail, the help pages, the privacy notice and
the accessibility statement (which Danish public-sector sites must link from every page)."""

from datetime import date

import pytest
from django.urls import reverse
from wagtail.models import Site

from cms.demo.site import EMAIL, load_accessibility_statement, load_contact_details
from cms.models import AccessibilityStatementPage, ContactDetails, ContentPage
from tests.factories import add_page

from .helpers import home

pytestmark = pytest.mark.django_db

PAGES = ["/", "/udstyr/", "/videoer/", "/konto/log-ind/"]


@pytest.fixture
def statement():
    load_accessibility_statement(home(), today=date(2026, 11, 30))
    return AccessibilityStatementPage.objects.get()


def footer(client, path="/") -> str:
    html = client.get(path).content.decode()
    return html.split('<footer class="site-footer">')[1]


def test_every_page_links_the_accessibility_statement(client, statement):
    for path in PAGES:
        assert f'href="{statement.url}"' in footer(client, path), path


def test_the_statement_follows_digitaliseringsstyrelsens_structure(client, statement):
    html = client.get(statement.url).content.decode()
    assert statement.get_compliance_display() in html
    assert 'data-status="partial"' in html
    assert "Digitaliseringsstyrelsen" in html  # the enforcement body, where to complain
    assert f'href="mailto:{statement.feedback_email}"' in html
    assert html.count("<h2") >= 6  # scope, status, known issues, preparation, feedback, enforcement
    for text in ("Erklæringen gælder for", "delvist forenelig", "skriv til"):
        assert text in html.lower() or text in html


def test_the_demo_loader_keeps_an_editors_statement(statement):
    statement.intro = "Redaktørens tekst"
    statement.save_revision().publish()
    assert load_accessibility_statement(home(), today=date(2027, 1, 1)) == 0
    assert AccessibilityStatementPage.objects.get().intro == "Redaktørens tekst"


def test_only_one_statement_and_only_under_the_home_page(statement):
    assert not AccessibilityStatementPage.can_create_at(home())
    assert AccessibilityStatementPage.parent_page_types == ["cms.HomePage"]


def test_contact_details_edited_in_wagtail_appear_in_every_footer(client):
    contact = ContactDetails.for_site(Site.objects.get(is_default_site=True))
    contact.email, contact.phone, contact.text = "hej@center.example", "+45 11 22 33 44", "<p>Skolevej 1</p>"
    contact.save()
    for path in PAGES:
        html = footer(client, path)
        assert 'href="mailto:hej@center.example"' in html, path
        assert 'href="tel:+4511223344"' in html and "Skolevej 1" in html


def test_the_demo_fills_empty_contact_details_but_keeps_an_editors(client):
    load_contact_details()
    contact = ContactDetails.for_site(Site.objects.get(is_default_site=True))
    assert contact.email == EMAIL
    contact.email = "redaktoer@center.example"
    contact.save()
    load_contact_details()
    assert ContactDetails.for_site(Site.objects.get(is_default_site=True)).email == "redaktoer@center.example"


def test_without_contact_details_or_statement_there_is_no_dead_link(client):
    html = footer(client)
    assert "mailto:" not in html and "tel:" not in html
    assert "tilgaengelighed" not in html


def test_help_pages_shown_in_menus_are_linked_from_the_footer(client):
    helping = add_page(home(), ContentPage(title="Sådan booker du udstyr", slug="saadan", show_in_menus=True))
    add_page(home(), ContentPage(title="Skjult side", slug="skjult", show_in_menus=False))
    draft = add_page(home(), ContentPage(title="Kladde", slug="kladde", show_in_menus=True))
    draft.unpublish()
    html = footer(client, reverse("catalogue:index"))
    assert f'<a href="{helping.url}">Sådan booker du udstyr</a>' in html
    assert "Skjult side" not in html and "Kladde" not in html


def test_the_demo_help_pages_are_in_the_footer(client):
    from cms.demo.data import CONTENT_PAGES

    in_footer = {spec.title for spec in CONTENT_PAGES if spec.in_footer}
    assert {"Sådan booker du udstyr", "Om videnscentrene", "Praksis Lab"} <= in_footer


def test_staff_may_edit_the_contact_details(client, staff):
    client.force_login(staff)
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["cms", "contactdetails", site.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"email": "ny@center.example", "phone": "", "text": ""})
    assert response.status_code == 302
    assert ContactDetails.for_site(site).email == "ny@center.example"


def test_a_teacher_may_not_edit_the_contact_details(client, teacher):
    client.force_login(teacher)
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["cms", "contactdetails", site.pk])
    client.post(url, {"email": "angriber@example.com", "phone": "", "text": ""})
    assert ContactDetails.for_site(site).email == ""
