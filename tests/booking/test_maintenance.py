"""Maintenance windows block units through the booking engine; a unit taken out of service
lists the bookings that hold it, with substitutes, and staff swap units from the admin."""

from datetime import date, timedelta

import pytest
from django.contrib.messages import ERROR, SUCCESS, get_messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from booking import history
from booking.engine import NotAvailable
from booking.maintenance.services import maintenance_cancel, maintenance_schedule, unit_take_out_of_service
from booking.models import Booking, MaintenanceWindow, PopUpCentre, PopUpItem, Reservation
from booking.popups.services import popup_schedule
from booking.services import booking_approve, booking_cancel, booking_request
from catalogue.models import Unit
from tests.factories import EquipmentFactory, UnitFactory
from videnscenter.errors import ServiceError

pytestmark = pytest.mark.django_db

TODAY = date(2031, 3, 3)  # a Monday with no holidays near it
START, END = date(2031, 3, 17), date(2031, 3, 19)


@pytest.fixture
def hoist(centre):
    """A ceiling hoist with three units, one working day of buffer on each side of a loan."""
    equipment = EquipmentFactory(name="Loftlift", slug="loftlift", owning_centre=centre)
    for n in range(1, 4):
        UnitFactory(equipment=equipment, asset_tag=f"HOIST-{n}")
    return equipment


def unit(tag: str) -> Unit:
    return Unit.objects.get(asset_tag=tag)


def book(teacher, school, equipment, *, start=START, end=END) -> Booking:
    return booking_request(
        actor=teacher, organisation=school, equipment=equipment, start_date=start, end_date=end, today=TODAY
    )


def tags_of(booking: Booking) -> set[str]:
    return set(Reservation.objects.filter(booking=booking, is_active=True).values_list("unit__asset_tag", flat=True))


def schedule(staff, tag, start=START, end=END, reason="Nyt batteri") -> MaintenanceWindow:
    return maintenance_schedule(actor=staff, unit=unit(tag), start_date=start, end_date=end, reason=reason, today=TODAY)


# --- maintenance windows -----------------------------------------------------------------------


def test_a_maintenance_window_blocks_exactly_its_period(staff, teacher, school, hoist):
    for tag in ("HOIST-1", "HOIST-2", "HOIST-3"):
        window = schedule(staff, tag)
    reservation = window.reservations.get()
    assert reservation.kind == Reservation.Kind.MAINTENANCE
    assert (reservation.blocked_start, reservation.blocked_end) == (START, END)
    with pytest.raises(NotAvailable) as refused:
        book(teacher, school, hoist)
    assert {reason.kind for reason in refused.value.reasons} == {"maintenance"}
    # The week after (buffer included) the units are free again.
    assert book(teacher, school, hoist, start=END + timedelta(days=6), end=END + timedelta(days=8))


def test_maintenance_is_refused_over_a_booking_and_names_it(staff, teacher, school, hoist):
    booking = book(teacher, school, hoist)
    (tag,) = tags_of(booking)
    with pytest.raises(ServiceError) as refused:
        schedule(staff, tag, start=END, end=END + timedelta(days=2))
    assert booking.reference in " ".join(refused.value.messages)
    assert not MaintenanceWindow.objects.exists()


def test_maintenance_is_refused_over_a_popup_and_names_it(staff, centre, school, hoist):
    popup = PopUpCentre.objects.create(
        title="PopUp med lift", slug="lift-popup", host=school, owning_centre=centre, start_date=START, end_date=END
    )
    PopUpItem.objects.create(popup=popup, equipment=hoist, quantity=3)
    popup_schedule(actor=staff, popup=popup, today=TODAY)
    with pytest.raises(ServiceError) as refused:
        schedule(staff, "HOIST-2")
    assert "PopUp med lift" in " ".join(refused.value.messages)


def test_a_cancelled_booking_does_not_block_maintenance(staff, teacher, school, hoist):
    booking = book(teacher, school, hoist)
    (tag,) = tags_of(booking)
    booking_cancel(actor=teacher, booking=booking)
    assert schedule(staff, tag).reservations.get().is_active


def test_cancelling_maintenance_frees_the_unit(staff, teacher, school, hoist):
    windows = [schedule(staff, tag) for tag in ("HOIST-1", "HOIST-2", "HOIST-3")]
    maintenance_cancel(actor=staff, window=windows[1])
    assert not MaintenanceWindow.objects.filter(pk=windows[1].pk).exists()
    assert tags_of(book(teacher, school, hoist)) == {"HOIST-2"}


@pytest.mark.parametrize(
    "start, end, reason",
    [(END, START, "Service"), (TODAY - timedelta(days=5), TODAY - timedelta(days=1), "Service"), (START, END, " ")],
    ids=["ends-before-it-starts", "in-the-past", "no-reason"],
)
def test_maintenance_checks_its_input(staff, hoist, start, end, reason):
    with pytest.raises(ServiceError):
        schedule(staff, "HOIST-1", start=start, end=end, reason=reason)
    assert not MaintenanceWindow.objects.exists()


@pytest.mark.parametrize("role", ["other_staff", "teacher", "coordinator"])
def test_only_the_owning_centres_staff_plan_maintenance(request, role, staff, hoist):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        schedule(actor, "HOIST-1")
    window = schedule(staff, "HOIST-1")
    with pytest.raises(PermissionDenied):
        maintenance_cancel(actor=actor, window=window)
    assert MaintenanceWindow.objects.filter(pk=window.pk).exists()


# --- taking a unit out of service --------------------------------------------------------------


@pytest.fixture
def bookings(staff, teacher, school, hoist):
    """Two loans on HOIST-1 (one approved), one on HOIST-2 overlapping the first, one cancelled."""
    first = book(teacher, school, hoist)
    later = book(teacher, school, hoist, start=START + timedelta(days=14), end=END + timedelta(days=14))
    overlapping = book(teacher, school, hoist)
    gone = book(teacher, school, hoist, start=START + timedelta(days=28), end=END + timedelta(days=28))
    booking_cancel(actor=teacher, booking=gone)
    booking_approve(actor=staff, booking=first, today=TODAY)
    assert tags_of(first) == tags_of(later) == {"HOIST-1"} and tags_of(overlapping) == {"HOIST-2"}
    return {"first": first, "later": later, "overlapping": overlapping, "gone": gone}


def test_taking_a_unit_out_of_service_lists_the_bookings_and_their_substitutes(staff, bookings):
    broken = unit_take_out_of_service(
        actor=staff, unit=unit("HOIST-1"), status=Unit.Status.MAINTENANCE, note="Motoren larmer"
    )
    assert [b.booking.reference for b in broken] == [bookings["first"].reference, bookings["later"].reference]
    substitutes = {b.booking.reference: [u.asset_tag for u in b.substitutes] for b in broken}
    assert substitutes[bookings["first"].reference] == ["HOIST-3"]  # HOIST-2 is lent at the same time
    assert substitutes[bookings["later"].reference] == ["HOIST-2", "HOIST-3"]
    hoist_1 = unit("HOIST-1")
    assert hoist_1.status == Unit.Status.MAINTENANCE
    assert hoist_1.condition_notes.endswith("Motoren larmer")
    assert tags_of(bookings["first"]) == {"HOIST-1"}  # the bookings themselves are not changed


def test_retiring_a_unit_without_bookings_lists_nothing(staff, hoist):
    assert (
        unit_take_out_of_service(actor=staff, unit=unit("HOIST-3"), status=Unit.Status.RETIRED, note="Kasseret") == []
    )
    assert unit("HOIST-3").status == Unit.Status.RETIRED


@pytest.mark.parametrize("status, note", [(Unit.Status.IN_SERVICE, "Fin"), (Unit.Status.RETIRED, "  ")])
def test_taking_out_of_service_needs_a_status_and_a_note(staff, hoist, status, note):
    with pytest.raises(ServiceError):
        unit_take_out_of_service(actor=staff, unit=unit("HOIST-1"), status=status, note=note)
    assert unit("HOIST-1").status == Unit.Status.IN_SERVICE


@pytest.mark.parametrize("role", ["other_staff", "teacher"])
def test_only_the_owning_centres_staff_take_units_out_of_service(request, role, hoist):
    with pytest.raises(PermissionDenied):
        unit_take_out_of_service(
            actor=request.getfixturevalue(role), unit=unit("HOIST-1"), status=Unit.Status.RETIRED, note="Væk"
        )
    assert unit("HOIST-1").status == Unit.Status.IN_SERVICE


# --- the admin -------------------------------------------------------------------------------------


def refused(response) -> bool:
    """403, or Wagtail's answer to someone who may not use the admin (or this part of it) at all."""
    return response.status_code == 403 or (
        response.status_code == 302 and (response.url == "/admin/" or response.url.startswith("/admin/login/"))
    )


def levels(response) -> list[int]:
    return [m.level for m in get_messages(response.wsgi_request)]


def window_url(name, *args):
    return reverse(f"booking_maintenance:{name}", args=args)


def window_data(tag, start=START, end=END, reason="Eftersyn"):
    return {"unit": unit(tag).pk, "start_date": start.isoformat(), "end_date": end.isoformat(), "reason": reason}


def test_staff_plan_maintenance_in_the_admin_through_the_service(client, staff, other_centre, hoist):
    foreign = UnitFactory(equipment=EquipmentFactory(owning_centre=other_centre), asset_tag="VEST-1")
    client.force_login(staff)
    form = client.get(window_url("add")).context["form"]
    assert foreign not in form.fields["unit"].queryset and unit("HOIST-1") in form.fields["unit"].queryset
    response = client.post(window_url("add"), window_data("HOIST-1"))
    assert response.status_code == 302, response.content.decode()[:3000]
    window = MaintenanceWindow.objects.get()
    assert window.created_by == staff
    assert window.reservations.get().kind == Reservation.Kind.MAINTENANCE
    # Someone else's unit cannot be chosen.
    assert client.post(window_url("add"), window_data("VEST-1")).status_code == 200
    assert MaintenanceWindow.objects.count() == 1


def test_the_admin_shows_the_clashing_booking_instead_of_saving(client, staff, teacher, school, hoist):
    booking = book(teacher, school, hoist)
    (tag,) = tags_of(booking)
    client.force_login(staff)
    response = client.post(window_url("add"), window_data(tag))
    assert response.status_code == 200
    assert booking.reference in response.content.decode()
    assert not MaintenanceWindow.objects.exists()


def test_editing_a_window_changes_only_its_reason(client, staff, hoist):
    window = schedule(staff, "HOIST-1")
    client.force_login(staff)
    data = window_data("HOIST-2", start=START + timedelta(days=7), end=END + timedelta(days=7), reason="Ny lynlås")
    response = client.post(window_url("edit", window.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    window.refresh_from_db()
    assert window.reason == "Ny lynlås"
    assert (window.unit.asset_tag, window.start_date, window.end_date) == ("HOIST-1", START, END)


def test_deleting_a_window_in_the_admin_cancels_it(client, staff, hoist):
    window = schedule(staff, "HOIST-1")
    client.force_login(staff)
    assert client.post(window_url("delete", window.pk)).status_code == 302
    assert not MaintenanceWindow.objects.exists()
    assert not Reservation.objects.filter(kind=Reservation.Kind.MAINTENANCE).exists()


def test_staff_of_another_centre_cannot_change_or_delete_a_window(client, staff, other_staff, hoist):
    window = schedule(staff, "HOIST-1")
    client.force_login(other_staff)
    assert client.get(window_url("index")).status_code == 200
    assert client.get(window_url("index"), {"centre": window.unit.equipment.owning_centre_id}).status_code == 200
    assert refused(client.get(window_url("edit", window.pk)))
    assert refused(client.post(window_url("edit", window.pk), window_data("HOIST-1", reason="Hacket")))
    assert refused(client.post(window_url("delete", window.pk)))
    window.refresh_from_db()
    assert window.reason == "Nyt batteri"


def out_of_service_url(tag):
    return reverse("booking_unit_out_of_service", args=[unit(tag).pk])


def swap_url(tag):
    return reverse("booking_unit_swap", args=[unit(tag).pk])


def test_staff_take_a_unit_out_of_service_and_swap_the_broken_bookings(client, staff, bookings):
    first = bookings["first"]
    client.force_login(staff)
    assert "HOIST-1" in client.get(reverse("booking_unit_pick")).content.decode()
    assert client.get(reverse("booking_unit_pick"), {"unit": unit("HOIST-1").pk}).url == out_of_service_url("HOIST-1")
    assert client.get(out_of_service_url("HOIST-1")).status_code == 200
    response = client.post(out_of_service_url("HOIST-1"), {"status": "maintenance", "note": "Remmen er flosset"})
    assert response.status_code == 302 and response.url == out_of_service_url("HOIST-1")
    assert unit("HOIST-1").status == Unit.Status.MAINTENANCE

    page = client.get(out_of_service_url("HOIST-1"))
    assert [b.booking.reference for b in page.context["broken"]] == [first.reference, bookings["later"].reference]
    content = page.content.decode()
    assert first.reference in content and "HOIST-3" in content and swap_url("HOIST-1") in content

    response = client.post(swap_url("HOIST-1"), {"booking": first.pk, "new_unit": unit("HOIST-3").pk})
    assert response.status_code == 302 and SUCCESS in levels(response)
    assert tags_of(first) == {"HOIST-3"}
    first.refresh_from_db()
    assert first.sequence >= 1
    assert any("HOIST-3" in line.note for line in history.booking_history(first))
    remaining = client.get(out_of_service_url("HOIST-1")).context["broken"]
    assert [b.booking.reference for b in remaining] == [bookings["later"].reference]


def test_swapping_to_a_busy_unit_is_refused(client, staff, bookings):
    unit_take_out_of_service(actor=staff, unit=unit("HOIST-1"), status=Unit.Status.MAINTENANCE, note="Defekt")
    client.force_login(staff)
    response = client.post(swap_url("HOIST-1"), {"booking": bookings["first"].pk, "new_unit": unit("HOIST-2").pk})
    assert response.status_code == 302 and ERROR in levels(response)
    assert tags_of(bookings["first"]) == {"HOIST-1"}


@pytest.mark.parametrize("role", ["other_staff", "coordinator", "teacher"])
def test_only_the_owning_centres_staff_use_the_out_of_service_pages(client, request, role, staff, bookings):
    client.force_login(request.getfixturevalue(role))
    assert refused(client.get(out_of_service_url("HOIST-1")))
    if role != "other_staff":
        assert refused(client.get(reverse("booking_unit_pick")))
    assert refused(client.post(out_of_service_url("HOIST-1"), {"status": "retired", "note": "Væk"}))
    assert unit("HOIST-1").status == Unit.Status.IN_SERVICE
    unit_take_out_of_service(actor=staff, unit=unit("HOIST-1"), status=Unit.Status.MAINTENANCE, note="Defekt")
    response = client.post(swap_url("HOIST-1"), {"booking": bookings["first"].pk, "new_unit": unit("HOIST-3").pk})
    assert refused(response)
    assert tags_of(bookings["first"]) == {"HOIST-1"}


def test_the_unit_list_offers_taking_a_unit_out_of_service_to_its_centres_staff(client, staff, other_staff, hoist):
    units_url = reverse("wagtailsnippets_catalogue_unit:list")
    client.force_login(staff)
    assert out_of_service_url("HOIST-1") in client.get(units_url).content.decode()
    client.force_login(other_staff)
    assert out_of_service_url("HOIST-1") not in client.get(units_url).content.decode()
