"""The desk: the dashboard shows each role its work, and logging in takes each role to it."""

from datetime import date

import pytest

from booking import services
from catalogue.models import Unit
from tests.booking.conftest import TODAY
from tests.conftest import member
from tests.factories import PASSWORD, EquipmentFactory, UnitFactory
from videnscenter.models import Membership, Role

pytestmark = pytest.mark.django_db


def desk(client, user) -> dict[str, tuple[int, str]]:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    items = response.context["panels"]
    panel = next((p for p in items if getattr(p, "name", "") == "booking_desk"), None)
    if panel is None:
        return {}
    context = panel.get_context_data()
    return {item.key: (item.count, item.url) for item in context["items"]}


@pytest.fixture
def work(teacher, school, staff, lift, monkeypatch):
    """Today (fixed) there is one request, one loan to hand out, one to receive, one overdue, one damaged unit."""
    today = date(2031, 3, 17)
    monkeypatch.setattr("booking.staff.dashboard.timezone.localdate", lambda: today)
    extra = EquipmentFactory(owning_centre=lift.owning_centre, min_notice_days=0)
    for n in range(4):
        UnitFactory(equipment=extra, asset_tag=f"EX-{n}")

    def loan(start, end, *steps, equipment=extra):
        booking = services.booking_request(
            actor=teacher, organisation=school, equipment=equipment, start_date=start, end_date=end, today=TODAY
        )
        for step in steps:
            step(booking)
        return booking

    approve = lambda b: services.booking_approve(actor=staff, booking=b, today=TODAY)  # noqa: E731
    hand_out = lambda b: services.booking_hand_out(actor=staff, booking=b, today=b.start_date)  # noqa: E731
    loan(date(2031, 4, 1), date(2031, 4, 2))  # to approve
    loan(today, date(2031, 3, 18), approve)  # to hand out today
    loan(date(2031, 3, 10), today, approve, hand_out)  # to receive today
    loan(date(2031, 3, 5), date(2031, 3, 7), approve, hand_out)  # overdue
    Unit.objects.filter(asset_tag="L-1").update(status=Unit.Status.MAINTENANCE)
    return today


def test_staff_see_the_work_waiting_with_links_to_the_filtered_lists(client, staff, work):
    items = desk(client, staff)
    assert {key: count for key, (count, _url) in items.items()} == {
        "to_approve": 1,
        "hand_out": 1,
        "receive": 1,
        "overdue": 1,
        "damaged": 1,
    }
    assert items["hand_out"][1] == "/admin/bookinger/?status=approved&starts_on=2031-03-17"
    assert items["overdue"][1] == "/admin/bookinger/?overdue=true"
    # The links lead to lists that hold exactly that work.
    for key in ("hand_out", "receive"):
        assert client.get(items[key][1]).status_code == 200


def test_staff_of_the_other_centre_see_none_of_it(client, other_staff, work):
    items = desk(client, other_staff)
    assert all(count == 0 for count, _url in items.values())


def test_the_site_summary_gives_way_to_the_work(client, staff, work):
    client.force_login(staff)
    page = client.get("/admin/").content.decode()
    assert "w-summary" not in page
    assert 'id="booking-desk' in page


@pytest.mark.parametrize("role", ["coordinator", "leader"])
def test_people_without_the_desk_do_not_get_it(client, request, role, work):
    assert desk(client, request.getfixturevalue(role)) == {}


def test_a_coordinator_sees_the_teachers_waiting_for_confirmation(client, coordinator, school):
    member(school, Role.TEACHER, status=Membership.Status.PENDING, email="ny1@kildebakken.example")
    member(school, Role.TEACHER, status=Membership.Status.PENDING, email="ny2@kildebakken.example")
    client.force_login(coordinator)
    page = client.get("/admin/").content.decode()
    assert 'id="waiting-teachers' in page
    assert f"/konto/organisation/{school.slug}/" in page
    assert "2" in page.split('id="waiting-teachers')[1][:2000]


def test_staff_without_a_school_get_no_waiting_teachers_panel(client, staff):
    client.force_login(staff)
    assert 'id="waiting-teachers' not in client.get("/admin/").content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("teacher", "/booking/"),
        ("coordinator", "/konto/organisation/kildebakken/"),
        ("staff", "/admin/"),
        ("leader", "/admin/"),
    ],
)
def test_logging_in_takes_each_role_to_its_work(client, request, role, expected):
    user = request.getfixturevalue(role)
    response = client.post("/konto/log-ind/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(response["Location"]).url == expected


def test_a_next_parameter_still_wins(client, teacher):
    response = client.post("/konto/log-ind/?next=/kalender/", {"username": teacher.email, "password": PASSWORD})
    assert response["Location"] == "/kalender/"
