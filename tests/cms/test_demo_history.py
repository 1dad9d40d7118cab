"""The demo's report history: three years (2024 up to today), made once, so the comparisons show something."""

import io
from types import SimpleNamespace

import pytest
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from booking.demo import load_bookings
from booking.models import Booking, Reservation
from booking.popups.demo import load_popups
from catalogue.demo import load_catalogue
from cms.demo import load_portal
from cms.demo.history import load_report_history
from cms.models import Measure, SchoolRequest, Target
from cms.reports.measures import Scope
from cms.reports.selectors import activity_list
from media.demo import load_library
from videnscenter.demo import load_people
from videnscenter.models import Organisation

pytestmark = pytest.mark.django_db


def _counts():
    return (Booking.objects.count(), Reservation.objects.count(), SchoolRequest.objects.count(), Target.objects.count())


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=tmp_path_factory.mktemp("media"), EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"
        ),
        transaction.atomic(),
    ):
        for load in (load_people, load_catalogue, load_bookings, load_popups, load_library, load_portal):
            load()
        load_report_history()
        first = _counts()
        stdout = io.StringIO()
        load_report_history(stdout=stdout)
        yield SimpleNamespace(first=first, second=_counts(), stdout=stdout.getvalue())
        transaction.set_rollback(True)


def test_running_it_again_creates_nothing(demo):
    assert demo.second == demo.first
    assert demo.stdout.startswith("Report history: 0 targets and baselines, 0 past bookings")


def test_every_year_from_2024_has_bookings_events_and_requests(demo):
    today = timezone.localdate()
    east = Organisation.objects.get(slug="videnscenter-oest")
    rows = {row.info.measure: row for row in activity_list(scope=Scope.of(east), year=today.year, today=today).rows}
    for measure in (Measure.BOOKINGS, Measure.UTILISATION, Measure.RECRUITMENT_EVENTS, Measure.BRIDGE_REQUESTS):
        history = {year: value for year, value, _bound in rows[measure].history}
        assert all(history.get(year) for year in range(2024, today.year + 1)), (measure, history)
    assert rows[Measure.BRIDGE_REQUESTS].target and rows[Measure.BRIDGE_REQUESTS].met is not None


def test_past_loans_never_overlap_on_a_unit(demo):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM booking_reservation a JOIN booking_reservation b ON a.unit_id = b.unit_id "
            "AND a.id < b.id AND a.is_active AND b.is_active AND a.blocked_start <= b.blocked_end "
            "AND b.blocked_start <= a.blocked_end"
        )
        assert cursor.fetchone()[0] == 0
