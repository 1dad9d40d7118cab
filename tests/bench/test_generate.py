"""The benchmark data generator at a tiny scale: it makes what it promises, and the fixture tells the truth.

The data set is generated once for the module (about a second) and rolled back at the end.
"""

import json
from datetime import date, timedelta
from itertools import groupby

import pytest
from django.db import transaction
from django.utils import timezone

from bench.generate import generate
from bench.generator.common import PASSWORD
from booking import engine, services
from booking.models import Booking, Reservation
from catalogue.models import Equipment, Unit
from media.models import Video
from videnscenter import rules
from videnscenter.models import Organisation, User

SCALE = 0.002
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def bench(django_db_setup, django_db_blocker, tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "fixture.json"
    with django_db_blocker.unblock(), transaction.atomic():
        data = generate(scale=SCALE, out=path, quiet=True)
        yield data, path
        transaction.set_rollback(True)


def test_fixture_file_holds_what_generate_returns(bench):
    data, path = bench
    assert json.loads(path.read_text()) == data
    assert data["vendor"] in ("sqlite", "postgresql")
    assert data["scale"] == SCALE


def test_counts_scale_as_promised(bench):
    data, _ = bench
    created = data["created"]
    assert created["Organisation"] == 2 + 13
    assert created["Equipment"] == Equipment.objects.filter(slug__startswith="bench-").count() == 4
    assert created["Unit"] == Unit.objects.filter(asset_tag__startswith="BENCH-").count() == 20
    lines = Reservation.objects.filter(kind=Reservation.Kind.BOOKING, booking__organisation__slug__startswith="bench-")
    assert created["Reservation"] == lines.count() == round(200_000 * SCALE)
    assert created["Booking"] == Booking.objects.filter(organisation__slug__startswith="bench-").count()
    assert created["Booking"] <= created["Reservation"]
    assert created["Video"] == Video.objects.filter(slug__startswith="bench-video-", live=True).count() == 10
    assert 13 * 23 <= User.objects.filter(email__endswith=".bench.example").count() == created["User"]
    assert data["feed_events"] == round(5000 * SCALE)


def test_booking_lines_span_three_years_with_mixed_statuses(bench):
    statuses = set(Booking.objects.filter(organisation__slug__startswith="bench-").values_list("status", flat=True))
    assert {Booking.Status.CLOSED, Booking.Status.APPROVED, Booking.Status.CANCELLED} <= statuses
    dates = Booking.objects.filter(organisation__slug__startswith="bench-").values_list("start_date", flat=True)
    today = timezone.localdate()
    assert min(dates) >= today - timedelta(days=731) and max(dates) < today + timedelta(days=366)
    assert max(dates) > today > min(dates)


def test_no_unit_has_overlapping_active_blocked_periods(bench):
    rows = (
        Reservation.objects.filter(is_active=True)
        .order_by("unit_id", "blocked_start")
        .values_list("unit_id", "blocked_start", "blocked_end")
    )
    for _unit, periods in groupby(rows, key=lambda row: row[0]):
        previous_end = None
        for _, first, last in periods:
            assert previous_end is None or first > previous_end
            previous_end = last


def test_blocked_periods_and_activity_are_the_engines(bench):
    for reservation in Reservation.objects.select_related("booking__equipment"):
        equipment = reservation.booking.equipment
        buffers = engine.rules_for(equipment)
        assert (reservation.blocked_start, reservation.blocked_end) == buffers.blocked(
            reservation.start_date, reservation.end_date
        )
        assert reservation.is_active == reservation.booking.is_active
        assert reservation.unit.equipment_id == equipment.pk


def test_feed_path_serves_the_events_the_fixture_counts(bench, client):
    data, _ = bench
    response = client.get(data["feed_path"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response.content.count(b"BEGIN:VEVENT") == data["feed_events"]


def test_fixture_pages_answer(bench, client):
    data, _ = bench
    assert client.get(f"/udstyr/{data['equipment_slug']}/").status_code == 200
    free = client.get("/udstyr/", {"free_from": data["free_from"], "free_to": data["free_to"]})
    assert free.status_code == 200
    assert client.get("/videoer/", {"category": data["video_category"]}).status_code == 200
    assert date.fromisoformat(data["free_to"]) - date.fromisoformat(data["free_from"]) == timedelta(days=6)


def test_contention_teachers_may_book_for_their_school(bench):
    teachers = bench[0]["contention"]["teachers"]
    assert len({t["email"] for t in teachers}) == 32
    for teacher in teachers:
        user = User.objects.get(email=teacher["email"])
        assert teacher["password"] == PASSWORD and user.check_password(PASSWORD)
        assert rules.allowed(user, "organisation.book", Organisation.objects.get(pk=teacher["organisation_id"]))


def test_contended_unit_is_free_in_the_window_and_only_one_teacher_gets_it(bench):
    contention = bench[0]["contention"]
    equipment = Equipment.objects.get(slug=contention["equipment_slug"])
    unit = equipment.units.get()
    assert unit.status == Unit.Status.IN_SERVICE
    start, end = date.fromisoformat(contention["start_date"]), date.fromisoformat(contention["end_date"])
    assert start.weekday() == 0 and end == start + timedelta(days=1)
    first_day, last_day = engine.rules_for(equipment).blocked(start, end)
    assert not Reservation.objects.filter(unit=unit).overlapping(first_day, last_day).exists()

    first, second = (User.objects.get(email=t["email"]) for t in contention["teachers"][:2])
    orgs = {t["email"]: Organisation.objects.get(pk=t["organisation_id"]) for t in contention["teachers"][:2]}
    booking = services.booking_request(
        actor=first, organisation=orgs[first.email], equipment=equipment, start_date=start, end_date=end
    )
    assert booking.reservations.get().unit == unit
    with pytest.raises(engine.NotAvailable):
        services.booking_request(
            actor=second, organisation=orgs[second.email], equipment=equipment, start_date=start, end_date=end
        )


def test_running_again_only_writes_the_fixture_with_a_new_feed_token(bench, client, tmp_path, capsys):
    data, _ = bench
    again = generate(scale=1.0, out=tmp_path / "again.json", quiet=True)
    assert "already exists" in capsys.readouterr().out
    assert again["created"] == data["created"]
    assert again["scale"] == SCALE
    assert again["feed_path"] != data["feed_path"]
    assert client.get(data["feed_path"]).status_code == 404
    assert client.get(again["feed_path"]).content.count(b"BEGIN:VEVENT") == again["feed_events"]
