"""A real subscriber: vdirsyncer fetches a feed from a live test server into a folder of .ics files,
as it would for a CalDAV server or khal, and follows a booking from request to removal.

vdirsyncer's "http" storage replaces each event's UID by a hash of its content (so that feeds with
unstable UIDs still sync); a changed event therefore arrives as a new file that replaces the old
one. The files are found by the booking's link instead of by UID.
"""

import os
import re
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from booking.calendar.services import subscription_create, subscription_revoke
from booking.models import Booking, CalendarSubscription
from booking.services import booking_cancel, booking_change, booking_request
from tests.factories import EquipmentFactory, UnitFactory
from tests.feeds import parsers
from videnscenter import versions

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = date(2031, 3, 3)
TIMEOUT = 60  # seconds for one vdirsyncer run
BOOKING_LINK = re.compile(r"^URL:.*/booking/(B-[A-Z0-9]+)/$")


class Subscriber:
    """One vdirsyncer pair: the feed URL (read-only "http" storage) into a "filesystem" folder."""

    def __init__(self, executable: Path, tmp_path: Path, url: str):
        self.executable = executable
        self.folder = tmp_path / "calendar"
        self.folder.mkdir()
        self.config = tmp_path / "vdirsyncer.conf"
        self.config.write_text(
            "[general]\n"
            f'status_path = "{tmp_path / "status"}"\n\n'
            "[pair feed]\n"
            'a = "feed_remote"\n'
            'b = "feed_local"\n'
            "collections = null\n"
            'conflict_resolution = "a wins"\n\n'
            "[storage feed_remote]\n"
            'type = "http"\n'
            f'url = "{url}"\n\n'
            "[storage feed_local]\n"
            'type = "filesystem"\n'
            f'path = "{self.folder}"\n'
            'fileext = ".ics"\n'
        )
        # Only the live server on localhost is talked to, never through a proxy.
        self.env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        self.env["NO_PROXY"] = self.env["no_proxy"] = "localhost,127.0.0.1"

    def run(self, command: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(self.executable), "--config", str(self.config), command],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            check=False,
        )

    def sync(self) -> None:
        result = self.run("sync")
        assert result.returncode == 0, result.stdout + result.stderr

    def files_by_booking(self) -> dict[str, list[Path]]:
        found: dict[str, list[Path]] = {}
        for path in sorted(self.folder.glob("*.ics")):
            for _number, line in parsers.content_lines(path.read_bytes()):
                if match := BOOKING_LINK.match(line):
                    found.setdefault(match.group(1), []).append(path)
        return found

    def event_of(self, booking: Booking) -> dict:
        """The one event the folder holds for ``booking``, as icalendar reads it."""
        paths = self.files_by_booking().get(booking.reference, [])
        assert len(paths) == 1, f"{booking.reference}: {paths}"
        (event,) = parsers.read_with("icalendar", paths[0].read_bytes())
        return event


@pytest.fixture
def lift(centre):
    equipment = EquipmentFactory(name="Loftlift", slug="loftlift", owning_centre=centre, min_notice_days=3)
    UnitFactory(equipment=equipment, asset_tag="L-1")
    return equipment


def test_vdirsyncer_follows_a_booking_from_request_to_removal_and_stops_at_revoke(
    live_server, tmp_path, vdirsyncer, teacher, school, lift
):
    subscription, raw_token = subscription_create(owner=teacher, kind=CalendarSubscription.Kind.MINE)
    subscriber = Subscriber(vdirsyncer, tmp_path, live_server.url + reverse("calendar:feed", args=[raw_token]))
    discovered = subscriber.run("discover")
    assert discovered.returncode == 0, discovered.stdout + discovered.stderr
    subscriber.sync()
    assert subscriber.files_by_booking() == {}

    booking, other = (
        booking_request(actor=teacher, organisation=school, equipment=lift, start_date=s, end_date=e, today=TODAY)
        for s, e in [(date(2031, 4, 7), date(2031, 4, 10)), (date(2031, 5, 5), date(2031, 5, 9))]
    )
    subscriber.sync()
    assert set(subscriber.files_by_booking()) == {booking.reference, other.reference}
    event = subscriber.event_of(booking)
    assert (event["start"], event["end"], event["status"], event["sequence"]) == (
        "2031-04-07",
        "2031-04-11",
        "TENTATIVE",
        0,
    )

    booking_change(actor=teacher, booking=booking, start_date=date(2031, 3, 28), end_date=date(2031, 4, 1), today=TODAY)
    subscriber.sync()
    event = subscriber.event_of(booking)  # the old file is gone, one file has the new dates
    assert (event["start"], event["end"], event["status"], event["sequence"]) == (
        "2031-03-28",
        "2031-04-02",
        "TENTATIVE",
        1,
    )

    booking_cancel(actor=teacher, booking=booking)
    subscriber.sync()
    event = subscriber.event_of(booking)
    assert (event["status"], event["sequence"]) == ("CANCELLED", 2)
    assert event["summary"].startswith("AFLYST: ")

    # 30 days after the cancellation the event leaves the feed, and so the subscriber's calendar.
    # (The other booking stays: vdirsyncer refuses to empty a whole calendar without --force-delete.)
    Booking.objects.filter(pk=booking.pk).update(updated_at=timezone.now() - timedelta(days=31))
    versions.bump(versions.BOOKINGS)  # the direct update() stands in for 31 days passing
    subscriber.sync()
    assert set(subscriber.files_by_booking()) == {other.reference}

    subscription_revoke(owner=teacher, subscription=subscription)
    revoked = subscriber.run("sync")
    assert revoked.returncode != 0
    assert "Not Found" in revoked.stderr  # the 404 of a revoked link
    assert set(subscriber.files_by_booking()) == {other.reference}  # a failed sync deletes nothing
