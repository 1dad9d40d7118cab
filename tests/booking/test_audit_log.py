"""One audit log on Wagtail's log entries: bookings, PopUps, maintenance and units, shown per object."""

from datetime import date

import pytest
from wagtail.models import ModelLogEntry

from booking import history, services
from booking.maintenance.services import maintenance_schedule, unit_return_to_service, unit_take_out_of_service
from booking.models import Booking, PopUpCentre, PopUpItem
from booking.popups.services import popup_schedule
from catalogue.models import Unit
from tests.booking.conftest import TODAY

pytestmark = pytest.mark.django_db


def request(teacher, school, lift, **extra):
    """A teacher's request for the lift on 10–11 March 2031, made on TODAY."""
    return services.booking_request(
        actor=teacher,
        organisation=school,
        equipment=lift,
        start_date=date(2031, 3, 10),
        end_date=date(2031, 3, 11),
        today=TODAY,
        **extra,
    )


def actions(instance) -> list[str]:
    return list(
        ModelLogEntry.objects.for_instance(instance).order_by("timestamp", "pk").values_list("action", flat=True)
    )


def test_every_booking_transition_is_a_log_entry_with_who_and_why(teacher, school, staff, lift):
    booking = request(teacher, school, lift, note="Til SSA 31A")
    services.booking_reject(actor=staff, booking=booking, reason="Reserveret til messe")
    assert actions(booking) == ["booking.requested", "booking.rejected"]
    lines = history.booking_history(Booking.objects.get(pk=booking.pk))
    assert [(line.from_status, line.to_status, line.note) for line in lines] == [
        ("", "requested", "Til SSA 31A"),
        ("requested", "rejected", "Reserveret til messe"),
    ]
    assert lines[1].actor == staff


def test_the_teacher_reads_the_log_on_the_booking_page(client, teacher, school, staff, lift):
    booking = request(teacher, school, lift)
    services.booking_approve(actor=staff, booking=booking, note="Hent i Praksis Lab", today=TODAY)
    client.force_login(teacher)
    page = client.get(f"/booking/{booking.reference}/").content.decode()
    assert "Hent i Praksis Lab" in page


def test_staff_see_a_bookings_history_in_the_admin(client, teacher, school, staff, lift):
    booking = request(teacher, school, lift)
    services.booking_approve(actor=staff, booking=booking, note="Husk opladeren", today=TODAY)
    client.force_login(staff)
    response = client.get(f"/admin/bookinger/history/{booking.pk}/")
    assert response.status_code == 200
    assert "Husk opladeren" in response.content.decode()


def test_staff_of_another_centre_cannot_read_the_bookings_history(client, teacher, school, other_staff, lift):
    booking = request(teacher, school, lift)
    client.force_login(other_staff)
    for view in ("history", "history-results", "usage"):
        assert client.get(f"/admin/bookinger/{view}/{booking.pk}/").status_code in (302, 403, 404), view


def test_a_units_status_changes_are_logged_and_shown_in_its_history(client, staff, lift):
    unit = lift.units.get(asset_tag="L-1")
    unit_take_out_of_service(actor=staff, unit=unit, status=Unit.Status.MAINTENANCE, note="Knækket hjul")
    unit_return_to_service(actor=staff, unit=unit, note="Nyt hjul monteret")
    unit_take_out_of_service(actor=staff, unit=unit, status=Unit.Status.RETIRED, note="Udtjent")
    assert actions(unit) == ["unit.out_of_service", "unit.back_in_service", "unit.retired"]
    client.force_login(staff)
    page = client.get(f"/admin/snippets/catalogue/unit/history/{unit.pk}/").content.decode()
    assert "Knækket hjul" in page and "Nyt hjul monteret" in page and "Udtjent" in page


def test_a_damaged_return_sends_the_unit_to_maintenance_in_its_log(teacher, school, staff, lift):
    booking = request(teacher, school, lift)
    services.booking_approve(actor=staff, booking=booking, today=TODAY)
    services.booking_hand_out(actor=staff, booking=booking, today=date(2031, 3, 10))
    unit = booking.reservations.get().unit
    services.booking_return(
        actor=staff, booking=booking, damaged_units=[unit], condition_note="Revnet skinne", today=date(2031, 3, 11)
    )
    entry = ModelLogEntry.objects.for_instance(unit).get()
    assert (entry.action, entry.user) == ("unit.out_of_service", staff)
    assert booking.reference in entry.data["note"] and "Revnet skinne" in entry.data["note"]


def test_popups_and_maintenance_are_logged(staff, school, centre, lift):
    popup = PopUpCentre.objects.create(
        title="PopUp i Roskilde",
        slug="popup-roskilde",
        host=school,
        owning_centre=centre,
        start_date=date(2031, 5, 5),
        end_date=date(2031, 5, 9),
    )
    PopUpItem.objects.create(popup=popup, equipment=lift, quantity=1)
    popup_schedule(actor=staff, popup=popup, today=TODAY)
    window = maintenance_schedule(
        actor=staff,
        unit=lift.units.get(asset_tag="L-3"),
        start_date=date(2031, 6, 2),
        end_date=date(2031, 6, 3),
        reason="Eftersyn",
        today=TODAY,
    )
    assert actions(popup) == ["popup.scheduled"]
    assert actions(window) == ["maintenance.scheduled"]


def test_back_in_service_is_for_the_owning_centres_staff_only(client, staff, other_staff, teacher, lift):
    unit = lift.units.get(asset_tag="L-1")
    unit_take_out_of_service(actor=staff, unit=unit, status=Unit.Status.MAINTENANCE, note="Knækket hjul")
    url = f"/admin/vedligehold/enhed/{unit.pk}/i-drift/"
    for intruder in (other_staff, teacher):
        client.force_login(intruder)
        assert client.post(url, {"note": "Fikset"}).status_code in (302, 403)
    unit.refresh_from_db()
    assert unit.status == Unit.Status.MAINTENANCE
    client.force_login(staff)
    assert client.post(url, {"note": ""}).status_code == 200  # a note is required
    unit.refresh_from_db()
    assert unit.status == Unit.Status.MAINTENANCE
    assert client.post(url, {"note": "Fikset"}).status_code == 302
    unit.refresh_from_db()
    assert unit.status == Unit.Status.IN_SERVICE


def test_a_retired_unit_stays_retired(staff, lift):
    from videnscenter.errors import ServiceError

    unit = lift.units.get(asset_tag="L-1")
    unit_take_out_of_service(actor=staff, unit=unit, status=Unit.Status.RETIRED, note="Udtjent")
    with pytest.raises(ServiceError):
        unit_return_to_service(actor=staff, unit=unit, note="Prøver igen")
    with pytest.raises(ServiceError):
        unit_take_out_of_service(actor=staff, unit=unit, status=Unit.Status.MAINTENANCE, note="Igen")


def test_the_unit_editor_cannot_change_the_status(client, staff, lift):
    unit = lift.units.get(asset_tag="L-1")
    client.force_login(staff)
    form = client.get(f"/admin/snippets/catalogue/unit/edit/{unit.pk}/").content.decode()
    assert 'name="status"' not in form
    client.post(
        f"/admin/snippets/catalogue/unit/edit/{unit.pk}/",
        {"equipment": lift.pk, "asset_tag": "L-1", "serial_number": "", "status": "retired", "condition_notes": ""},
    )
    unit.refresh_from_db()
    assert unit.status == Unit.Status.IN_SERVICE


def test_membership_changes_are_in_the_schools_history_without_names(client, coordinator, staff, school):
    from tests.conftest import member
    from videnscenter import services as people
    from videnscenter.models import Membership, Role

    newcomer = member(school, Role.TEACHER, status=Membership.Status.PENDING, email="ny@kildebakken.example")
    membership = Membership.objects.get(user=newcomer)
    people.membership_confirm(actor=coordinator, membership=membership)
    people.membership_remove(actor=coordinator, membership=membership)
    entries = ModelLogEntry.objects.for_instance(school).order_by("timestamp", "pk")
    assert list(entries.values_list("action", flat=True)) == ["membership.confirmed", "membership.removed"]
    assert all(entry.data == {"person": newcomer.pk, "role": "teacher"} for entry in entries)
    assert "ny@kildebakken.example" not in str(list(entries.values_list("data", "label")))
    client.force_login(staff)
    history_page = client.get(f"/admin/organisation/history/{school.pk}/")
    assert history_page.status_code == 200
    assert str(newcomer) in history_page.content.decode()
