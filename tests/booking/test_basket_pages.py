"""The basket as a teacher uses it (no JavaScript), and as staff decide it, and as an attacker tries it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from booking import services
from booking.models import Booking, BookingRequest, Reservation
from booking.workdays import add_working_days
from tests.conftest import member
from tests.factories import CategoryFactory, EquipmentFactory, MobilePackFactory, UnitFactory, put_in_pack
from videnscenter.models import Membership, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def start():
    day = add_working_days(timezone.localdate(), 5)
    return day + timedelta(days=(7 - day.weekday()) % 7)


@pytest.fixture
def seal(other_centre):
    equipment = EquipmentFactory(
        name="Robotsæl", slug="robotsael", owning_centre=other_centre, category=CategoryFactory()
    )
    UnitFactory(equipment=equipment, asset_tag="RS-1")
    return equipment


@pytest.fixture
def pack(centre):
    pack = MobilePackFactory(name="Demenskassen", slug="demenskassen", owning_centre=centre)
    equipment = EquipmentFactory(owning_centre=centre, category=CategoryFactory())
    put_in_pack(
        pack, UnitFactory(equipment=equipment, asset_tag="DK-1"), UnitFactory(equipment=equipment, asset_tag="DK-2")
    )
    return pack


def fill(client, *items):
    for item, quantity in items:
        name = "booking:basket_add_pack" if hasattr(item, "items") else "booking:basket_add"
        response = client.post(reverse(name, args=[item.slug]), {"quantity": quantity})
        assert response.status_code == 302 and response.url.startswith(reverse("booking:basket"))


def period(start, **extra):
    return {
        "start_date": start.isoformat(),
        "end_date": (start + timedelta(days=4)).isoformat(),
        "handover": "pickup",
        "class_name": "SSA 24B",
        "student_count": "20",
        "note": "Temauge",
        **extra,
    }


def test_equipment_and_pack_pages_offer_add_to_basket(client, teacher, lift, pack):
    client.force_login(teacher)
    for item, name in ((lift, "booking:basket_add"), (pack, "booking:basket_add_pack")):
        html = client.get(item.get_absolute_url()).content.decode()
        assert f'action="{reverse(name, args=[item.slug])}"' in html
    client.logout()
    assert reverse("booking:basket_add", args=[lift.slug]) not in client.get(lift.get_absolute_url()).content.decode()


def test_teacher_fills_checks_and_sends_a_basket(client, teacher, school, lift, seal, pack, start, committing):
    client.force_login(teacher)
    fill(client, (lift, 2), (seal, 1), (pack, 1))
    page = client.get(reverse("booking:basket"))
    assert [row.line.item for row in page.context["rows"]] == [lift, seal, pack]
    assert [row.free for row in page.context["rows"]] == [None, None, None]
    # "Check" shows each line's free units for the period and keeps what was typed.
    checked = client.post(
        reverse("booking:basket"), {**period(start), f"quantity-equipment-{lift.pk}": "3", "check": "1"}
    )
    rows = checked.context["rows"]
    assert [(row.line.quantity, row.free, row.total) for row in rows] == [(3, 3, 3), (1, 1, 1), (1, 2, 2)]
    assert checked.context["form"]["class_name"].value() == "SSA 24B"
    assert not Booking.objects.exists()
    sent = committing(client.post, reverse("booking:basket"), {**period(start), "send": "1"})
    assert sent.status_code == 302 and sent.url == reverse("booking:list")
    request = BookingRequest.objects.get()
    assert [(b.item_name, b.quantity) for b in request.lines.order_by("pk")] == [
        ("Loftlift", 3),
        ("Robotsæl", 1),
        ("Demenskassen", 1),
    ]
    assert len([m for m in mail.outbox if m.to == [teacher.email]]) == 1
    # The basket is empty again, and "My bookings" shows the lines together under the basket's reference.
    assert client.get(reverse("booking:basket")).context["rows"] == []
    listing = client.get(reverse("booking:list")).content.decode()
    heading = f"{request.reference}</th>"
    assert listing.count(heading) == 1
    lines = [f">{request.reference}-{n}</a>" for n in (1, 2, 3)]
    assert listing.index(heading) < listing.index(lines[0]) < listing.index(lines[1]) < listing.index(lines[2])


def test_a_line_not_free_books_nothing_and_keeps_the_form(client, teacher, school, lift, seal, start):
    services.booking_request(
        actor=teacher, organisation=school, equipment=seal, start_date=start, end_date=start + timedelta(days=1)
    )
    client.force_login(teacher)
    fill(client, (lift, 1), (seal, 1))
    response = client.post(reverse("booking:basket"), {**period(start), "send": "1"})
    assert response.status_code == 200
    assert not BookingRequest.objects.exists() and Booking.objects.count() == 1
    assert Reservation.objects.count() == 1
    html = response.content.decode()
    assert "Robotsæl" in response.context["unavailable_heading"] and "RS-1" in html
    assert response.context["form"]["note"].value() == "Temauge"
    assert [row.line.item for row in response.context["rows"]] == [lift, seal]  # nothing lost


def test_book_fewer_in_a_basket_keeps_the_other_lines(client, teacher, school, lift, seal, start):
    services.booking_request(
        actor=teacher, organisation=school, equipment=lift, quantity=2, start_date=start, end_date=start
    )
    client.force_login(teacher)
    fill(client, (lift, 3), (seal, 1))
    response = client.post(reverse("booking:basket"), {**period(start), "send": "1"})
    assert response.context["fewer"] == 1
    done = client.post(reverse("booking:basket"), dict(response.context["fewer_values"]))
    assert done.status_code == 302
    request = BookingRequest.objects.get()
    assert [(b.item_name, b.quantity) for b in request.lines.order_by("pk")] == [("Loftlift", 1), ("Robotsæl", 1)]


def test_remove_a_line(client, teacher, lift, seal):
    client.force_login(teacher)
    fill(client, (lift, 1), (seal, 1))
    client.post(reverse("booking:basket_remove"), {"line": f"equipment-{lift.pk}"})
    assert [row.line.item for row in client.get(reverse("booking:basket")).context["rows"]] == [seal]


def test_adding_twice_adds_to_the_quantity(client, teacher, lift):
    client.force_login(teacher)
    fill(client, (lift, 1), (lift, 1))
    rows = client.get(reverse("booking:basket")).context["rows"]
    assert [(row.line.item, row.line.quantity) for row in rows] == [(lift, 2)]


def test_bad_quantities_and_unknown_items_change_nothing(client, teacher, lift):
    client.force_login(teacher)
    for bad in ("0", "51", "mange", "-1"):
        response = client.post(reverse("booking:basket_add", args=[lift.slug]), {"quantity": bad})
        assert response.status_code == 302 and response.url == lift.get_absolute_url()
    assert client.post(reverse("booking:basket_add", args=["findes-ikke"]), {"quantity": 1}).status_code == 404
    lift.is_active = False
    lift.save()
    assert client.post(reverse("booking:basket_add", args=[lift.slug]), {"quantity": 1}).status_code == 404
    assert client.get(reverse("booking:basket")).context["rows"] == []


def test_a_pending_teacher_cannot_fill_a_basket(client, pending_teacher, lift):
    client.force_login(pending_teacher)
    assert client.post(reverse("booking:basket_add", args=[lift.slug]), {"quantity": 1}).status_code == 403
    assert client.get(reverse("booking:basket")).status_code == 403


def test_a_teacher_cannot_send_a_basket_for_another_school(client, teacher, lift, other_school, start):
    client.force_login(teacher)
    fill(client, (lift, 1))
    response = client.post(reverse("booking:basket"), {**period(start), "organisation": other_school.pk, "send": "1"})
    assert not Booking.objects.exists()
    assert response.status_code == 200


def test_a_teacher_who_lost_the_membership_cannot_send_the_basket_filled_before(client, teacher, lift, start):
    client.force_login(teacher)
    fill(client, (lift, 1))
    Membership.objects.filter(user=teacher).update(status=Membership.Status.PENDING)
    assert client.post(reverse("booking:basket"), {**period(start), "send": "1"}).status_code == 403
    assert not Booking.objects.exists()


def test_bulk_approve_of_a_baskets_lines_approves_them_once_without_errors(
    client, teacher, school, lift, pack, staff, start
):
    from booking.basket import services as basket

    request = basket.basket_request(
        actor=teacher,
        organisation=school,
        lines=[basket.Line(lift, 1), basket.Line(pack, 1)],
        start_date=start,
        end_date=start + timedelta(days=2),
    )
    client.force_login(staff)
    queue = client.get(reverse("booking_admin:queue")).content.decode()
    assert queue.count(f">{request.reference}-") == 2  # each line's reference
    assert queue.count(f"{request.reference}</span>") == 2  # and its basket's under it
    response = client.post(
        reverse("booking_admin:bulk_approve"), {"bookings": [b.reference for b in request.lines.all()]}, follow=True
    )
    assert set(request.lines.values_list("status", flat=True)) == {"approved"}
    assert not [m for m in response.context["messages"] if m.level_tag == "error"]


def test_staff_cannot_approve_another_centres_line_from_the_desk(client, teacher, school, lift, seal, staff, start):
    from booking.basket import services as basket

    request = basket.basket_request(
        actor=teacher,
        organisation=school,
        lines=[basket.Line(lift, 1), basket.Line(seal, 1)],
        start_date=start,
        end_date=start + timedelta(days=2),
    )
    foreign = request.lines.get(equipment=seal)
    client.force_login(staff)
    client.post(reverse("booking_admin:approve", args=[foreign.reference]), {})
    client.post(reverse("booking_admin:bulk_approve"), {"bookings": [foreign.reference]})
    assert Booking.objects.get(pk=foreign.pk).status == "requested"
    # Approving their own line leaves the other centre's line to its own staff.
    client.post(reverse("booking_admin:approve", args=[request.lines.get(equipment=lift).reference]), {})
    assert dict(request.lines.values_list("equipment__name", "status")) == {
        "Loftlift": "approved",
        "Robotsæl": "requested",
    }


def test_coordinator_sends_a_basket_on_behalf_of_a_teacher(client, coordinator, school, lift, start):
    teacher = member(school, Role.TEACHER)
    client.force_login(coordinator)
    fill(client, (lift, 1))
    client.post(reverse("booking:basket"), {**period(start), "requester": teacher.pk, "send": "1"})
    booking = Booking.objects.get()
    assert (booking.requester, booking.created_by) == (teacher, coordinator)


def test_a_lines_page_names_the_other_lines_and_staff_link_only_their_own(
    client, teacher, school, lift, seal, staff, start
):
    from booking.basket import services as basket

    request = basket.basket_request(
        actor=teacher,
        organisation=school,
        lines=[basket.Line(lift, 1), basket.Line(seal, 1)],
        start_date=start,
        end_date=start + timedelta(days=2),
    )
    mine, foreign = request.lines.get(equipment=lift), request.lines.get(equipment=seal)
    client.force_login(teacher)
    html = client.get(reverse("booking:detail", args=[mine.reference])).content.decode()
    assert f'href="{reverse("booking:detail", args=[foreign.reference])}"' in html and "Robotsæl" in html
    client.force_login(staff)
    desk = client.get(reverse("booking_admin:detail", args=[mine.reference])).content.decode()
    assert "Robotsæl" in desk and reverse("booking_admin:detail", args=[foreign.reference]) not in desk
