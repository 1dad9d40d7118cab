"""A visitor without an account: finds equipment, videos and help, and the footer's pages."""

import re

from playwright.sync_api import expect

from .audit import PHONE
from .demo import PASSWORD as DEMO_PASSWORD


def test_visitor_browses_the_catalogue_and_searches(page, audit):
    page.goto("/")
    audit()
    page.get_by_role("navigation", name="Hovednavigation").first.get_by_role("link", name="Udstyr").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Udstyr")
    audit()

    page.get_by_role("textbox", name=re.compile("^Søg")).fill("sæl")
    page.get_by_role("button", name="Vis udstyr").click()
    results = page.locator(".equipment-cards")
    expect(results.get_by_role("link", name=re.compile("sæl-type")).first).to_be_visible()
    audit()

    results.get_by_role("link", name=re.compile("sæl-type")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("sæl-type"))
    audit()


def test_visitor_finds_videos_through_the_site_search(page, audit):
    page.goto("/videoer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Instruktionsvideoer")
    audit()

    page.get_by_role("search").get_by_role("searchbox").fill("aldringsdragt")
    page.get_by_role("search").get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Søg")
    expect(page.locator(".search-results a", has_text=re.compile("Aldringsdragt", re.I)).first).to_be_visible()
    audit()

    page.locator(".search-results a", has_text=re.compile("Aldringsdragten", re.I)).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Aldringsdragten")
    audit()


def test_visitor_finds_help_contact_and_the_accessibility_statement_from_any_page(page, audit):
    page.goto("/videoer/")
    footer = page.get_by_role("contentinfo")
    expect(footer.get_by_role("link", name=re.compile(r"@"))).to_be_visible()  # the e-mail from the settings
    for title in ("Sådan booker du udstyr", "Om videnscentrene", "Praksis Lab"):
        expect(footer.get_by_role("link", name=title)).to_be_visible()
    footer.get_by_role("link", name="Sådan booker du udstyr").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sådan booker du udstyr")
    audit()

    # Followed by address: a click right after the audit's resizing sometimes lands beside the link
    # on this page (its video frame reflows when it fails to load offline).
    privacy = page.get_by_role("contentinfo").get_by_role("link", name=re.compile("Privatlivspolitik"))
    expect(privacy).to_be_visible()
    page.goto(privacy.get_attribute("href"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Privatlivspolitik")
    audit()

    # The statement's link text is new in this branch; its address and page are what count here.
    statement = page.locator("footer a[href$='/tilgaengelighedserklaering/']")
    expect(statement).to_be_visible()
    page.goto(statement.get_attribute("href"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilgængelighedserklæring")
    expect(page.locator("main")).to_contain_text("Digitaliseringsstyrelsen")
    audit()


def test_without_javascript_the_menus_open_and_a_feed_link_can_be_copied_by_hand(chromium, site_url):
    context = chromium.new_context(base_url=site_url, java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto("/")
    # The menus are plain <details>: they open without JavaScript.
    page.get_by_text("Menu", exact=True).click()
    expect(page.locator(".nav-toggle").get_by_role("link", name="Udstyr")).to_be_visible()

    page.goto("/konto/log-ind/")
    page.get_by_label(re.compile("e-mail", re.I)).fill("laerer2@kildebakken.example")
    page.get_by_label(re.compile("adgangskode", re.I)).fill(DEMO_PASSWORD)
    page.locator("main form").get_by_role("button").click()
    page.goto("/kalender/")
    page.get_by_role("button", name="Opret kalenderlink").click()
    field = page.locator(".new-link input.copy-field").first
    expect(field).to_be_visible()
    expect(field).to_have_attribute("readonly", "")
    expect(page.locator(".new-link button[data-copy]").first).to_be_hidden()  # no dead button
    # Deleting asks on a page of its own.
    page.locator(".subscription-actions").first.get_by_role("link", name=re.compile("^Slet")).click()
    expect(page.get_by_role("button", name="Ja, slet kalenderen")).to_be_visible()
    context.close()


def test_visitor_walks_every_section_of_the_main_navigation(page, audit):
    page.goto("/")
    sections = page.locator(".nav-wide .main-nav a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(sections) >= 5
    for href in sections:
        page.goto(href)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        audit()
        # The first item listed in the section, if it lists any.
        first = page.locator("main .card a[href^='/'], main .plain-list a[href^='/']").first
        if first.count():
            first.click()
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            audit()
    page.goto("/udstyr/pakker/")
    audit()
    page.locator("main a[href^='/udstyr/pakke/']").first.click()
    audit()
