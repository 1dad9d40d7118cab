"""A teacher books equipment, changes and cancels the booking, and follows it in a calendar."""

import re

from playwright.sync_api import expect

from .dates import loan_period

TEACHER = "laerer1@kildebakken.example"


def test_teacher_books_changes_and_cancels(page, audit, login):
    login(TEACHER)
    page.goto("/udstyr/demensdukke/")
    audit()
    page.get_by_role("link", name="Book", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Book")
    audit()

    first, last = loan_period(weeks_ahead=20)
    page.get_by_label("Første dag").fill(first.isoformat())
    page.get_by_label("Sidste dag").fill(last.isoformat())
    page.get_by_role("button", name="Send bookingforespørgsel").click()

    expect(page.locator(".badge").first).to_have_text("Anmodet")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Demensdukke")
    reference = page.locator("h1 .meta").inner_text()
    audit()

    # The new booking is listed, with its status readable on a phone too.
    page.goto("/booking/")
    row = page.get_by_role("row").filter(has_text=reference)
    expect(row).to_contain_text("Anmodet")
    audit()
    page.set_viewport_size({"width": 390, "height": 844})
    status = page.locator(".badge", has_text="Anmodet").first
    box = status.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, "the status is off screen on a phone"
    page.set_viewport_size({"width": 1280, "height": 800})

    # Change: one day shorter.
    page.get_by_role("link", name=reference).click()
    page.get_by_role("link", name="Ændr datoer eller antal").click()
    audit()
    page.get_by_label("Sidste dag").fill(first.isoformat())
    page.get_by_role("button").filter(has_text=re.compile("Gem|Ændr")).last.click()
    expect(page.locator(".messages")).to_contain_text("Bookingen er ændret.")
    audit()

    # Cancel: the first click only asks; going back changes nothing.
    page.get_by_role("link", name="Aflys booking").click()
    expect(page.get_by_role("button", name="Ja, aflys bookingen")).to_be_visible()
    audit()
    page.get_by_role("link", name=re.compile("Nej")).click()
    expect(page.locator(".badge").first).to_have_text("Anmodet")

    page.get_by_role("link", name="Aflys booking").click()
    page.get_by_role("button", name="Ja, aflys bookingen").click()
    expect(page.locator(".messages")).to_contain_text("Bookingen er aflyst.")
    expect(page.locator(".badge").first).to_have_text("Aflyst")
    expect(page.get_by_role("link", name="Aflys booking")).to_have_count(0)
    audit()


def test_teacher_subscribes_to_a_calendar_and_copies_the_link(page, audit, login):
    login(TEACHER)
    page.goto("/booking/")
    page.get_by_role("link", name=re.compile("kalender", re.I)).first.click()
    audit()
    before = page.locator("section.subscription").count()
    page.get_by_role("button", name="Opret kalenderlink").click()
    expect(page.locator("section.subscription")).to_have_count(before + 1)
    link = page.locator(".new-link input.copy-field").first
    expect(link).to_have_value(re.compile(r"^https?://.+/kalender/feed/"))
    audit()

    # The copy button puts the link on the clipboard (the field stays selectable without JavaScript).
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator(".new-link").get_by_role("button").first.click()
    assert page.evaluate("navigator.clipboard.readText()") == link.input_value()

    # Deleting asks first.
    page.locator(".subscription-actions").first.get_by_role("link", name=re.compile("^Slet")).click()
    audit()
    page.get_by_role("button", name="Ja, slet kalenderen").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator(".new-link")).to_have_count(0)
    expect(page.locator("section.subscription")).to_have_count(before)


def test_teacher_reads_profile_and_own_data(page, audit, login):
    login(TEACHER)
    page.locator(".account-menu summary").click()
    page.locator(".account-menu").get_by_role("link", name=re.compile("^Profil")).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    audit()
    page.goto("/konto/mine-data/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    audit()
