"""Calendar subscriptions and feeds: content, HTTP caching, tokens and who may read what."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from booking import services
from booking.calendar import feeds
from booking.calendar import services as subscriptions
from booking.models import Booking, CalendarSubscription
from tests.booking.conftest import TODAY
from tests.factories import MobilePackFactory, UnitFactory, put_in_pack
from videnscenter import versions
from videnscenter.models import Membership
from videnscenter.tokens import hash_token

pytestmark = pytest.mark.django_db
MON = date(2031, 3, 10)


def book(teacher, school, lift, start=MON, days=3, **kwargs):
    return services.booking_request(
        actor=teacher,
        organisation=school,
        equipment=lift,
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        today=TODAY,
        **kwargs,
    )


@pytest.fixture(autouse=True)
def far_past_today(monkeypatch):
    # Feeds keep 12 months of the past; the tests' loans lie in 2031, so "today" is set close to them.
    monkeypatch.setattr("booking.calendar.views.timezone.localdate", lambda: TODAY)


def subscribe(owner, kind="mine", **kwargs):
    subscription, raw = subscriptions.subscription_create(owner=owner, kind=kind, **kwargs)
    return subscription, reverse("calendar:feed", args=[raw])


def events(response):
    cal = Calendar.from_ical(response.content)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_my_feed_is_a_proper_calendar(client, teacher, school, lift):
    booking = book(teacher, school, lift)
    _, url = subscribe(teacher)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["X-Robots-Tag"].startswith("noindex")
    text = response.content.decode()
    assert "\r\n" in text and "METHOD" not in text
    assert text.count("BEGIN:VTIMEZONE") == 1 and "TZID:Europe/Copenhagen" in text
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in text and "X-PUBLISHED-TTL:PT1H" in text
    assert "NAME:" in text and "X-WR-CALNAME:" in text
    cal = Calendar.from_ical(response.content)
    assert "UID" not in cal  # no calendar-level UID
    event = events(response)[f"booking-{booking.reference}@videnscenter"]
    assert event.decoded("DTSTART") == MON and event.decoded("DTEND") == MON + timedelta(days=3)  # exclusive end
    assert str(event["STATUS"]) == "TENTATIVE" and int(event["SEQUENCE"]) == 0


def test_same_data_gives_identical_bytes_and_a_strong_etag(client, teacher, school, lift):
    book(teacher, school, lift)
    _, url = subscribe(teacher)
    first, second = client.get(url), client.get(url)
    assert first.content == second.content
    assert first["ETag"] == second["ETag"] and first["ETag"].startswith('"')
    assert "Last-Modified" in first


def test_304_without_rendering(client, teacher, school, lift, monkeypatch):
    book(teacher, school, lift)
    _, url = subscribe(teacher)
    first = client.get(url)

    def must_not_render(feed):
        raise AssertionError("rendered although nothing changed")

    monkeypatch.setattr(feeds, "render_feed", must_not_render)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_a_change_changes_the_etag_and_raises_sequence(client, teacher, school, lift, staff):
    booking = book(teacher, school, lift)
    _, url = subscribe(teacher)
    before = client.get(url)
    services.booking_approve(actor=staff, booking=booking, today=TODAY)
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    event = events(after)[f"booking-{booking.reference}@videnscenter"]
    assert (str(event["STATUS"]), int(event["SEQUENCE"])) == ("CONFIRMED", 1)


def test_cancelled_booking_stays_30_days_as_cancelled_then_disappears(client, teacher, school, lift):
    booking = book(teacher, school, lift)
    services.booking_cancel(actor=teacher, booking=booking)
    _, url = subscribe(teacher)
    event = events(client.get(url))[f"booking-{booking.reference}@videnscenter"]
    assert str(event["STATUS"]) == "CANCELLED" and str(event["SUMMARY"]).startswith("AFLYST: ")
    Booking.objects.filter(pk=booking.pk).update(updated_at=timezone.now() - timedelta(days=31))
    # 31 days later the date (part of the ETag) has moved on; this direct update bypasses the
    # writers, so the test raises the version as they would.
    versions.bump(versions.BOOKINGS)
    assert events(client.get(url)) == {}


def test_past_events_stay_for_twelve_months(client, teacher, school, lift, monkeypatch):
    booking = book(teacher, school, lift)
    _, url = subscribe(teacher)
    monkeypatch.setattr("booking.calendar.views.timezone.localdate", lambda: MON + timedelta(days=360))
    assert f"booking-{booking.reference}@videnscenter" in events(client.get(url))
    monkeypatch.setattr("booking.calendar.views.timezone.localdate", lambda: MON + timedelta(days=370))
    assert events(client.get(url)) == {}


def test_only_a_hash_of_the_token_is_stored_and_tokens_are_256_bit(teacher):
    subscription, raw = subscriptions.subscription_create(owner=teacher, kind="mine")
    assert len(raw) >= 43 and subscription.token_hash == hash_token(raw)
    assert not CalendarSubscription.objects.filter(token_hash=raw).exists()


def test_rotated_and_revoked_links_answer_404_at_once(client, teacher):
    subscription, old_url = subscribe(teacher)
    subscription, raw = subscriptions.subscription_rotate(owner=teacher, subscription=subscription)
    assert client.get(old_url).status_code == 404
    new_url = reverse("calendar:feed", args=[raw])
    assert client.get(new_url).status_code == 200
    subscriptions.subscription_revoke(owner=teacher, subscription=subscription)
    assert client.get(new_url).status_code == 404


def test_a_teacher_who_leaves_the_school_loses_the_school_feed(client, teacher, school, lift):
    _, url = subscribe(teacher, kind="school", organisation=school)
    assert client.get(url).status_code == 200
    Membership.objects.filter(user=teacher).delete()
    assert client.get(url).status_code == 404


def test_school_feed_is_refused_for_another_school(teacher, other_school):
    from videnscenter.errors import ServiceError

    with pytest.raises(ServiceError):
        subscriptions.subscription_create(owner=teacher, kind="school", organisation=other_school)


def test_centre_feed_is_for_the_centres_staff_only(client, staff, centre, teacher, school, lift):
    from videnscenter.errors import ServiceError

    booking = book(teacher, school, lift)
    _, url = subscribe(staff, kind="centre", organisation=centre)
    assert f"booking-{booking.reference}@videnscenter" in events(client.get(url))
    with pytest.raises(ServiceError):
        subscriptions.subscription_create(owner=teacher, kind="centre", organisation=centre)
    Membership.objects.filter(user=staff).delete()
    assert client.get(url).status_code == 404


def test_equipment_feed_shows_occupancy_without_personal_data(client, coordinator, teacher, school, lift):
    booking = book(teacher, school, lift, note="Til SSA-holdet", class_name="SSA 24B")
    _, url = subscribe(coordinator, kind="equipment", equipment=lift)
    response = client.get(url)
    text = response.content.decode()
    event = events(response)[f"occupancy-{booking.reference}@videnscenter"]
    assert str(event["SUMMARY"]) == "Optaget – Loftlift"
    for private in (teacher.get_full_name(), teacher.email, school.name, "SSA 24B", booking.reference + "/"):
        assert private not in text


def test_public_popup_feed_needs_no_token(client):
    response = client.get(reverse("calendar:popups"))
    assert response.status_code == 200 and b"BEGIN:VCALENDAR" in response.content


def test_unknown_or_absurd_tokens_are_404(client):
    assert client.get(reverse("calendar:feed", args=["x" * 43])).status_code == 404
    assert client.get("/kalender/feed/" + "a" * 500 + ".ics").status_code == 404


def test_tokens_never_appear_in_logs(client, teacher, caplog):
    _, url = subscribe(teacher)
    revoked = url.replace(".ics", "x.ics")
    with caplog.at_level("WARNING"):
        client.get(revoked)
    token = revoked.split("/feed/")[1]
    from videnscenter.log_filters import RedactSecretsFilter

    for record in caplog.records:
        RedactSecretsFilter().filter(record)
        assert token not in record.getMessage()


# --- /kalender/ ---


def test_kalender_page_creates_a_subscription_and_shows_the_link_once(client, teacher):
    client.force_login(teacher)
    client.post(reverse("calendar:create"), {"kind": "mine", "name": "Mine lån"})
    page = client.get(reverse("calendar:index"))
    links = page.context["items"][0]["links"]
    assert links["https"].startswith("http") and links["webcal"].startswith("webcal://")
    assert client.get(links["https"].split("testserver", 1)[1]).status_code == 200
    assert client.get(reverse("calendar:index")).context["items"][0]["links"] is None
    assert "8.–24. time" in page.content.decode()  # Google refreshes only every 8–24 hours


def test_nobody_touches_another_persons_subscription(client, teacher, coordinator):
    subscription, url = subscribe(teacher)
    client.force_login(coordinator)
    for name in ("rename", "rotate", "revoke"):
        assert client.post(reverse(f"calendar:{name}", args=[subscription.pk]), {"name": "x"}).status_code == 404
    assert client.get(url).status_code == 200


def test_fetches_are_counted_and_shown_to_the_owner_at_once(client, teacher):
    subscription, url = subscribe(teacher)
    etag = client.get(url)["ETag"]
    for _ in range(3):
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    client.force_login(teacher)
    listed = client.get(reverse("calendar:index")).context["items"][0]["subscription"]
    assert listed.fetch_count == 4 and listed.last_fetched_at is not None
    subscription.refresh_from_db()
    assert subscription.fetch_count == 1  # written once this minute; the three 304s wait in the cache


def test_the_fetches_counted_in_between_are_written_with_the_next_write(client, teacher, monkeypatch):
    """The test cache is local memory (settings.test); its clock is moved on a minute."""
    subscription, url = subscribe(teacher)
    etag = client.get(url)["ETag"]
    client.get(url, HTTP_IF_NONE_MATCH=etag)
    client.get(url, HTTP_IF_NONE_MATCH=etag)
    import time
    from types import SimpleNamespace

    from django.core.cache.backends import locmem

    later = time.time() + subscriptions.FETCH_WRITE_SECONDS + 1
    monkeypatch.setattr(locmem, "time", SimpleNamespace(time=lambda: later))  # the minute has passed
    client.get(url, HTTP_IF_NONE_MATCH=etag)
    subscription.refresh_from_db()
    assert subscription.fetch_count == 4
    client.force_login(teacher)
    assert client.get(reverse("calendar:index")).context["items"][0]["subscription"].fetch_count == 4


def test_booking_emails_carry_an_ics_with_the_feeds_uid_and_sequence(client, teacher, school, lift, staff, committing):
    from django.core import mail

    booking = committing(book, teacher, school, lift)
    committing(services.booking_approve, actor=staff, booking=booking, today=TODAY)
    _, url = subscribe(teacher)
    feed_event = events(client.get(url))[f"booking-{booking.reference}@videnscenter"]
    approved = mail.outbox[-1]
    name, content, mimetype = approved.attachments[0]
    attached = next(iter(Calendar.from_ical(content).walk("VEVENT")))
    assert (name, mimetype) == (f"{booking.reference}.ics", "text/calendar")
    assert str(attached["UID"]) == str(feed_event["UID"])
    assert int(attached["SEQUENCE"]) == int(feed_event["SEQUENCE"]) == 1


def test_a_feed_is_rendered_once_per_version_of_the_data(client, teacher, school, lift, staff, monkeypatch):
    booking = book(teacher, school, lift)
    _, url = subscribe(teacher)
    calls = []
    real = feeds.render_feed
    monkeypatch.setattr(feeds, "render_feed", lambda feed: calls.append(1) or real(feed))
    first, second = client.get(url), client.get(url)
    assert first.content == second.content and len(calls) == 1
    services.booking_approve(actor=staff, booking=booking, today=TODAY)
    assert b"STATUS:CONFIRMED" in client.get(url).content and len(calls) == 2


def test_renaming_the_equipment_changes_the_etag_and_the_feed(client, teacher, school, lift):
    book(teacher, school, lift)
    _, url = subscribe(teacher)
    before = client.get(url)
    lift.name = "Loftlift 200 kg"
    lift.save()
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and b"Loftlift 200 kg" in after.content


def test_after_a_change_only_the_changed_event_is_rendered_again(client, teacher, school, lift, staff, monkeypatch):
    first = book(teacher, school, lift)
    second = book(teacher, school, lift, start=MON + timedelta(days=14))
    _, url = subscribe(teacher)
    rendered = []
    real = feeds.render_event
    monkeypatch.setattr(feeds, "render_event", lambda event: rendered.append(event.uid) or real(event))
    client.get(url)
    assert sorted(rendered) == sorted(feeds.booking_uid(b) for b in (first, second))
    rendered.clear()
    services.booking_approve(actor=staff, booking=second, today=TODAY)
    body = client.get(url).content
    assert rendered == [feeds.booking_uid(second)]
    # Reused bytes and new ones make the same feed as rendering everything afresh.
    cache.clear()
    assert client.get(url).content == body and len(rendered) == 3


def test_assembled_calendars_are_byte_for_byte_what_icalendar_writes():
    from bench.feed_render import events as sample
    from booking.calendar.ical import assemble_calendar, render_calendar, render_event

    items = sample(300)
    expected = render_calendar(name="Skole; A, B", description="linje 1\nlinje 2", events=items)
    pairs = [((item.first_day, item.uid), render_event(item)) for item in reversed(items)]
    assert assemble_calendar(name="Skole; A, B", description="linje 1\nlinje 2", events=pairs) == expected


def test_feed_events_from_rows_are_the_events_of_the_bookings(teacher, school, lift, staff, centre):
    kept = book(teacher, school, lift)
    cancelled = book(teacher, school, lift, start=MON + timedelta(days=14))
    services.booking_cancel(actor=teacher, booking=cancelled)
    pack = MobilePackFactory(name="Liftpakke", slug="liftpakke", owning_centre=centre)
    put_in_pack(pack, UnitFactory(equipment=lift, asset_tag="L-9"))
    book(teacher, school, None, start=MON + timedelta(days=28), pack=pack)
    kept.requester = None  # an erased requester
    kept.save()
    bookings = Booking.objects.select_related("equipment", "pack", "organisation", "requester").order_by("pk")
    for anonymous in (False, True):
        expected = [feeds.booking_event(b, anonymous=anonymous) for b in bookings]
        assert feeds.booking_events(bookings, anonymous=anonymous) == expected
