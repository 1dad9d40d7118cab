"""The staff's list of bookings: filters, search, export, and nothing edited outside the actions."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook

from booking import services
from booking.models import Booking
from tests.booking.conftest import TODAY
from tests.factories import EquipmentFactory, UnitFactory

pytestmark = pytest.mark.django_db
URL = "/admin/bookinger/"


@pytest.fixture
def bookings(teacher, school, staff, lift, other_staff, other_centre, other_school, other_coordinator):
    first = services.booking_request(
        actor=teacher,
        organisation=school,
        equipment=lift,
        start_date=date(2031, 3, 10),
        end_date=date(2031, 3, 12),
        today=TODAY,
        class_name="SSA 31A",
    )
    second = services.booking_request(
        actor=teacher,
        organisation=school,
        equipment=lift,
        start_date=date(2031, 4, 7),
        end_date=date(2031, 4, 8),
        today=TODAY,
    )
    services.booking_approve(actor=staff, booking=second, today=TODAY)
    theirs_equipment = EquipmentFactory(name="Vestrobot", owning_centre=other_centre)
    UnitFactory(equipment=theirs_equipment)
    theirs = services.booking_request(
        actor=other_coordinator,
        organisation=other_school,
        equipment=theirs_equipment,
        start_date=date(2031, 3, 10),
        end_date=date(2031, 3, 10),
        today=TODAY,
    )
    return first, second, theirs


def listed(response) -> set[str]:
    page = response.content.decode()
    return {ref for ref in Booking.objects.values_list("reference", flat=True) if ref in page}


def test_staff_see_only_their_own_centres_bookings(client, staff, bookings):
    first, second, theirs = bookings
    client.force_login(staff)
    assert listed(client.get(URL)) == {first.reference, second.reference}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "requested"}, {0}),
        ({"status": ["requested", "approved"]}, {0, 1}),
        ({"starts_on": "2031-04-07"}, {1}),
        ({"period_from": "2031-04-01", "period_to": "2031-04-30"}, {1}),
        ({"q": "31A"}, {0}),
        ({"payment_status": "not_required"}, {0, 1}),
        ({"overdue": "true"}, set()),
    ],
)
def test_filters_and_search_narrow_the_list(client, staff, bookings, params, expected):
    client.force_login(staff)
    response = client.get(URL, params)
    assert response.status_code == 200
    assert listed(response) == {bookings[i].reference for i in expected}


def test_the_overdue_filter_finds_a_loan_that_is_late(client, staff, bookings, monkeypatch):
    late = bookings[1]
    services.booking_hand_out(actor=staff, booking=late, today=date(2031, 4, 7))
    monkeypatch.setattr("booking.staff.viewset.timezone.localdate", lambda: date(2031, 4, 20))
    client.force_login(staff)
    assert listed(client.get(URL, {"overdue": "true"})) == {late.reference}


def test_export_to_xlsx_holds_the_filtered_bookings(client, staff, bookings):
    client.force_login(staff)
    response = client.get(URL, {"status": "approved", "export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert len(rows) == 2  # headings and the one approved booking
    assert bookings[1].reference in rows[1]


def test_export_to_csv(client, staff, bookings):
    client.force_login(staff)
    response = client.get(URL, {"export": "csv"})
    text = b"".join(response.streaming_content).decode()
    assert bookings[0].reference in text and bookings[2].reference not in text


def test_no_one_adds_or_edits_a_booking_in_the_admin(client, staff, bookings, admin_user):
    for user in (staff, admin_user):
        client.force_login(user)
        assert client.get(f"{URL}new/").status_code in (302, 403)
        response = client.post(f"{URL}edit/{bookings[0].pk}/", {"status": "closed"})
        assert response.status_code in (302, 403)
        assert client.get(f"{URL}delete/{bookings[0].pk}/").status_code in (302, 403)
    bookings[0].refresh_from_db()
    assert bookings[0].status == Booking.Status.REQUESTED


def test_each_row_opens_the_bookings_page_with_its_actions(client, staff, bookings):
    client.force_login(staff)
    page = client.get(URL).content.decode()
    assert f"{URL}{bookings[0].reference}/" in page


@pytest.mark.parametrize("role", ["teacher", "coordinator", "leader"])
def test_other_roles_cannot_open_the_list(client, request, role, bookings):
    client.force_login(request.getfixturevalue(role))
    assert client.get(URL).status_code in (302, 403)
    assert client.get(URL, {"export": "csv"}).status_code in (302, 403)


def test_a_bad_filter_value_is_explained_not_a_500(client, staff, bookings):
    client.force_login(staff)
    for params in ({"starts_on": "31-31-2031"}, {"status": "gone"}, {"organisation": "abc"}, {"period_from": "x"}):
        assert client.get(URL, params).status_code == 200


def test_the_list_needs_a_fixed_number_of_queries(
    client, staff, bookings, teacher, school, lift, django_assert_max_num_queries
):
    client.force_login(staff)
    client.get(URL)
    for n in range(5):
        start = date(2031, 5, 5) + timedelta(days=7 * n)
        services.booking_request(
            actor=teacher, organisation=school, equipment=lift, start_date=start, end_date=start, today=TODAY
        )
    with django_assert_max_num_queries(30):
        assert client.get(URL).status_code == 200
