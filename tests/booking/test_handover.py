"""Hand-over at the desk: every unit scanned out, every unit checked back in; a missing part keeps
the return open and flags the unit."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from booking import handover, services
from booking.models import Booking
from catalogue.models import Unit
from tests.booking.conftest import TODAY
from tests.factories import MobilePackFactory, UnitFactory, put_in_pack
from videnscenter.errors import ServiceError

pytestmark = pytest.mark.django_db


@pytest.fixture
def pack_loan(teacher, school, staff, centre, lift):
    """A pack of three parts (two lifts and a sling), approved for a class week."""
    pack = MobilePackFactory(name="Løftekassen", owning_centre=centre)
    sling = UnitFactory(equipment=lift, asset_tag="SLING-1")
    put_in_pack(pack, *lift.units.filter(asset_tag__in=["L-1", "L-2"]), sling)
    booking = services.booking_request(
        actor=teacher,
        organisation=school,
        pack=pack,
        start_date=date(2031, 3, 10),
        end_date=date(2031, 3, 14),
        today=TODAY,
    )
    services.booking_approve(actor=staff, booking=booking, today=TODAY)
    return booking


def test_hand_out_needs_every_unit_scanned(staff, pack_loan):
    with pytest.raises(ServiceError) as refused:
        handover.booking_hand_out_scanned(
            actor=staff, booking=pack_loan, scanned="L-1\nL-2\nL-3", today=date(2031, 3, 10)
        )
    message = refused.value.messages[0]
    assert "SLING-1" in message and "L-3" in message  # what is missing, and what does not belong
    assert Booking.objects.get(pk=pack_loan.pk).status == Booking.Status.APPROVED
    handover.booking_hand_out_scanned(
        actor=staff, booking=pack_loan, scanned="l-2, sling-1 L-1", today=date(2031, 3, 10)
    )
    assert Booking.objects.get(pk=pack_loan.pk).status == Booking.Status.HANDED_OUT


def test_a_missing_part_keeps_the_return_open_and_flags_the_unit(staff, pack_loan):
    handover.booking_hand_out_scanned(
        actor=staff, booking=pack_loan, scanned="L-1 L-2 SLING-1", today=date(2031, 3, 10)
    )
    back = list(Unit.objects.filter(asset_tag__in=["L-1", "L-2"]))
    missing = handover.booking_receive(actor=staff, booking=pack_loan, received=back, today=date(2031, 3, 14))
    assert [u.asset_tag for u in missing] == ["SLING-1"]
    booking = Booking.objects.get(pk=pack_loan.pk)
    assert booking.status == Booking.Status.HANDED_OUT  # still out: it keeps blocking the sling
    sling = Unit.objects.get(asset_tag="SLING-1")
    assert booking.reference in sling.condition_notes
    assert ModelLogEntry.objects.for_instance(sling).get().action == "unit.missing"
    # The sling turns up: now everything is back.
    assert (
        handover.booking_receive(actor=staff, booking=booking, received=[*back, sling], today=date(2031, 3, 17)) == []
    )
    assert Booking.objects.get(pk=pack_loan.pk).status == Booking.Status.RETURNED


def test_the_desk_checks_off_the_parts_and_says_what_is_missing(client, staff, pack_loan):
    handover.booking_hand_out_scanned(
        actor=staff, booking=pack_loan, scanned="L-1 L-2 SLING-1", today=date(2031, 3, 10)
    )
    client.force_login(staff)
    url = f"/admin/bookinger/{pack_loan.reference}/"
    page = client.get(url).content.decode()
    assert "SLING-1" in page and 'name="received_units"' in page
    l1 = Unit.objects.get(asset_tag="L-1")
    response = client.post(f"{url}modtag/", {"received_units": [l1.pk], "scanned": "L-2"})
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("SLING-1" in t for t in texts)
    assert Booking.objects.get(pk=pack_loan.pk).status == Booking.Status.HANDED_OUT


def test_staff_of_another_centre_can_neither_hand_out_nor_receive(client, other_staff, pack_loan):
    client.force_login(other_staff)
    url = f"/admin/bookinger/{pack_loan.reference}/"
    assert client.post(f"{url}udlever/", {"scanned": "L-1 L-2 SLING-1"}).status_code == 403
    with pytest.raises(PermissionDenied):
        handover.booking_receive(actor=other_staff, booking=pack_loan, received=[])
    assert Booking.objects.get(pk=pack_loan.pk).status == Booking.Status.APPROVED


def test_a_tag_of_another_loan_cannot_be_received_into_this_one(staff, pack_loan):
    handover.booking_hand_out_scanned(
        actor=staff, booking=pack_loan, scanned="L-1 L-2 SLING-1", today=date(2031, 3, 10)
    )
    stranger = Unit.objects.get(asset_tag="L-3")
    with pytest.raises(ServiceError):
        handover.booking_receive(actor=staff, booking=pack_loan, received=[stranger])
