"""QR labels for units and packs, and the unit page they lead to."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from booking import services
from catalogue.labels import label_for, qr_svg
from tests.factories import EquipmentFactory, MobilePackFactory, UnitFactory

pytestmark = pytest.mark.django_db


def sheet_url(model: str, ids) -> str:
    query = "&".join(f"id={pk}" for pk in ids)
    return f"/admin/bulk/catalogue/{model}/print_labels/?next=/admin/snippets/catalogue/{model}/&{query}"


def test_a_label_carries_the_tag_the_short_name_and_a_code_to_the_units_page(lift, settings):
    settings.BASE_URL = "https://videnscenter.example"
    unit = lift.units.get(asset_tag="L-1")
    label = label_for(unit)
    assert (label.code, label.name) == ("L-1", "Loftlift")
    assert label.url == "https://videnscenter.example/udstyr/enhed/L-1/"
    assert label.svg.startswith("<svg") and "https://videnscenter.example/udstyr/enhed/L-1/" in label.svg


def test_the_code_is_a_real_qr_code_of_the_text():
    svg = qr_svg("https://videnscenter.example/udstyr/enhed/L-1/")
    assert 'class="segno"' in svg and "<path" in svg
    assert qr_svg("A") != qr_svg("B")


def test_staff_print_a_sheet_of_their_own_units_and_packs(client, staff, lift, centre, other_centre):
    theirs = UnitFactory(equipment=EquipmentFactory(owning_centre=other_centre), asset_tag="VEST-9")
    client.force_login(staff)
    ids = [*lift.units.values_list("pk", flat=True), theirs.pk]
    page = client.get(sheet_url("unit", ids))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('class="label"') == 3  # the other centre's unit is left out, and said so
    assert 'data-code="L-1"' in html and "VEST-9" not in html
    pack = MobilePackFactory(name="Aldringsdragter, 6 stk.", owning_centre=centre)
    assert client.get(sheet_url("mobilepack", [pack.pk])).content.decode().count('class="label"') == 1


def test_the_unit_list_offers_the_print_action(client, staff, lift):
    client.force_login(staff)
    assert "print_labels" in client.get("/admin/snippets/catalogue/unit/").content.decode()


@pytest.mark.parametrize("role", ["teacher", "coordinator", "leader"])
def test_other_roles_print_no_labels(client, request, role, lift):
    client.force_login(request.getfixturevalue(role))
    response = client.get(sheet_url("unit", lift.units.values_list("pk", flat=True)))
    assert response.status_code in (302, 403) or 'class="label"' not in response.content.decode()


def test_anyone_scanning_a_label_sees_the_unit_with_its_equipment_and_manuals(client, lift):
    response = client.get(reverse("catalogue:unit", args=["L-2"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Loftlift" in html and "L-2" in html and lift.get_absolute_url() in html
    assert 'id="desk-heading"' not in html  # the desk is for the centre's staff
    assert client.get(reverse("catalogue:unit", args=["FINDES-IKKE"])).status_code == 404


def test_the_owning_centres_staff_see_the_loan_to_hand_out_from_the_label(
    client, staff, other_staff, teacher, school, lift
):
    soon = timezone.localdate() + timedelta(days=14)
    booking = services.booking_request(
        actor=teacher,
        organisation=school,
        equipment=lift,
        start_date=soon,
        end_date=soon,
        today=soon - timedelta(days=10),
    )
    services.booking_approve(actor=staff, booking=booking)
    unit = booking.reservations.get().unit
    client.force_login(staff)
    html = client.get(reverse("catalogue:unit", args=[unit.asset_tag])).content.decode()
    assert 'id="desk-heading"' in html
    assert reverse("booking_admin:detail", args=[booking.reference]) in html
    client.force_login(other_staff)
    assert 'id="desk-heading"' not in client.get(reverse("catalogue:unit", args=[unit.asset_tag])).content.decode()
