"""A visitor without an account: finds equipment, videos and help, and the footer's pages."""

import re

from playwright.sync_api import expect


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
