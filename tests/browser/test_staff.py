"""Centre staff in the Wagtail admin approve a request, hand the units out and take them back;
a leader opens the yearly report."""

import re

from playwright.sync_api import expect

STAFF = "personale@oest.videnscenter.example"
LEADER = "leder@oest.videnscenter.example"


def status(page):
    return page.locator("#booking-summary td[data-status]")


def test_staff_approve_hand_out_and_take_back(page, audit, login):
    login(STAFF)
    page.goto("/admin/")
    audit()
    page.goto("/admin/bookinger/afventer/")
    audit()
    # The first request the Øst staff may decide (the queue lists only their centre's).
    page.locator("main table a[href^='/admin/bookinger/B-']").first.click()
    expect(status(page)).to_have_attribute("data-status", "requested")
    audit()

    page.locator("#action-approve").get_by_role("button", name="Godkend").click()
    expect(status(page)).to_have_attribute("data-status", "approved")
    expect(status(page)).to_have_text("Godkendt")
    audit()

    tags = page.locator("#booking-units tbody tr").evaluate_all("rows => rows.map(r => r.dataset.unit)")
    assert tags, "an approved booking reserves units"
    hand_out = page.locator("#action-hand_out")
    hand_out.get_by_label("Scan enhederne").fill("\n".join(tags))
    hand_out.get_by_role("button", name="Udlevér").click()
    expect(status(page)).to_have_attribute("data-status", "handed_out")
    audit()

    take_back = page.locator("#action-return")
    take_back.get_by_label("Eller scan dem").fill("\n".join(tags))
    take_back.get_by_role("button", name="Tag retur").click()
    expect(status(page)).to_have_attribute("data-status", "returned")
    expect(page.locator(".messages, [role=status]").first).to_contain_text(re.compile("retur", re.I))
    audit()


def test_leader_opens_the_yearly_report(page, audit, login):
    login(LEADER)
    page.goto("/admin/")
    audit()
    # The report sits in the sidebar's "Rapporter" menu; its address is stable.
    page.goto("/admin/rapporter/aktivitet/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Årlig aktivitetsopgørelse")
    expect(page.locator("main table").first).to_be_visible()
    audit()


def test_the_header_keeps_one_row_for_every_role(page, login):
    for email in (STAFF, LEADER, "koordinator@kildebakken.example", "laerer1@kildebakken.example"):
        page.context.clear_cookies()
        login(email)
        page.goto("/udstyr/")
        for width in (1280, 1440, 1920):
            page.set_viewport_size({"width": width, "height": 800})
            height = page.locator(".site-header").bounding_box()["height"]
            assert height <= 80, f"{email}: the header is {height} px high at {width} px"
        page.set_viewport_size({"width": 1280, "height": 800})
        # The account menu holds the person's own pages.
        page.locator(".account-menu summary").click()
        expect(page.locator(".account-menu").get_by_role("link", name="Mine bookinger")).to_be_visible()
        expect(page.locator(".account-menu").get_by_role("button", name="Log ud")).to_be_visible()
        page.keyboard.press("Escape")
        expect(page.locator(".account-menu")).not_to_have_attribute("open", "")
