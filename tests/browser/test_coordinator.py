"""A school coordinator books for a teacher, invites a teacher and confirms one who signed up."""

import re

from playwright.sync_api import expect

from .dates import loan_period

COORDINATOR = "koordinator@kildebakken.example"


def test_coordinator_books_on_behalf_of_a_teacher(page, audit, login):
    login(COORDINATOR)
    page.goto("/udstyr/kalenderur-med-dag-og-tid/")
    page.get_by_role("link", name="Book", exact=True).click()
    audit()
    first, last = loan_period(weeks_ahead=22)
    page.get_by_label("Første dag").fill(first.isoformat())
    page.get_by_label("Sidste dag").fill(last.isoformat())
    teacher = page.get_by_label("Lærer")
    teacher.select_option(index=1)
    chosen = teacher.locator("option:checked").inner_text()
    page.get_by_role("button", name="Send bookingforespørgsel").click()
    expect(page.locator(".badge").first).to_have_text("Anmodet")
    expect(page.locator(".facts")).to_contain_text(chosen.split(" (")[0])
    audit()


def test_coordinator_invites_and_confirms_teachers(page, audit, login):
    login(COORDINATOR)
    page.goto("/konto/organisation/kildebakken/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kildebakken")
    audit()

    page.get_by_label(re.compile("e-mail", re.I)).last.fill("ny.kollega@kildebakken.example")
    page.get_by_role("button", name=re.compile("invitation", re.I)).click()
    expect(page.locator(".messages")).to_contain_text("ny.kollega@kildebakken.example")
    expect(page.locator("main")).to_contain_text("ny.kollega@kildebakken.example")
    audit()

    waiting = page.locator(".card", has_text="ny.laerer@kildebakken.example")
    waiting.get_by_role("button", name=re.compile("^Godkend")).click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator(".card", has_text="ny.laerer@kildebakken.example")).to_have_count(0)
    expect(page.get_by_role("row").filter(has_text="ny.laerer@kildebakken.example")).to_have_count(1)
    audit()
