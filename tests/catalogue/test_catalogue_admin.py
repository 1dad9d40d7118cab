"""Staff manage the catalogue in the Wagtail admin; only the owning centre's staff may change an item."""

import pytest
from django.urls import reverse

from catalogue.models import Equipment, Unit
from tests.factories import CategoryFactory, EquipmentFactory, MobilePackFactory, UnitFactory

pytestmark = pytest.mark.django_db


DRAFTAIL_TEXT = (
    '{"blocks":[{"key":"a1b2c","type":"unstyled","text":"Beskrivelse","depth":0,'
    '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}'
)


def refused(response) -> bool:
    """Wagtail answers a refused admin action with a redirect to the dashboard (or 403)."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


def url(model, action, *args):
    return reverse(f"wagtailsnippets_catalogue_{model}:{action}", args=args)


@pytest.fixture
def seal(centre):
    return EquipmentFactory(name="Social robot (sæl)", owning_centre=centre)


def edit_data(equipment, **changes):
    data = {
        "name": equipment.name,
        "slug": equipment.slug,
        "summary": equipment.summary,
        "description": DRAFTAIL_TEXT,
        "category": equipment.category_id,
        "owning_centre": equipment.owning_centre_id,
        "placement": equipment.placement,
        "home_location": "",
        "buffer_before_days": 1,
        "buffer_after_days": 1,
        "min_notice_days": 3,
        "max_loan_days": 30,
        "booking_horizon_months": 18,
        "external_price": "0",
        "delivery_fee": "0",
        "tags": "",
        "is_active": "on",
        "images-TOTAL_FORMS": 0,
        "images-INITIAL_FORMS": 0,
        "images-MIN_NUM_FORMS": 0,
        "images-MAX_NUM_FORMS": 1000,
        "manuals-TOTAL_FORMS": 0,
        "manuals-INITIAL_FORMS": 0,
        "manuals-MIN_NUM_FORMS": 0,
        "manuals-MAX_NUM_FORMS": 1000,
    }
    data.update(changes)
    return data


def test_owning_centre_staff_edit_their_equipment(client, staff, seal):
    client.force_login(staff)
    assert client.get(url("equipment", "edit", seal.pk)).status_code == 200
    response = client.post(url("equipment", "edit", seal.pk), edit_data(seal, name="Sælrobot Paro-typen"))
    assert response.status_code == 302, response.content.decode()[:3000]
    seal.refresh_from_db()
    assert seal.name == "Sælrobot Paro-typen"


def test_staff_of_another_centre_cannot_edit_or_delete(client, other_staff, seal):
    client.force_login(other_staff)
    assert refused(client.get(url("equipment", "edit", seal.pk)))
    assert refused(client.post(url("equipment", "edit", seal.pk), edit_data(seal, name="Hacket")))
    assert refused(client.post(url("equipment", "delete", seal.pk)))
    seal.refresh_from_db()
    assert seal.name == "Social robot (sæl)"
    assert Equipment.objects.filter(pk=seal.pk).exists()


def test_staff_of_another_centre_may_look_but_not_touch_units_and_packs(client, other_staff, seal):
    unit = UnitFactory(equipment=seal)
    pack = MobilePackFactory(owning_centre=seal.owning_centre)
    client.force_login(other_staff)
    assert client.get(url("unit", "list")).status_code == 200
    assert refused(client.get(url("unit", "edit", unit.pk)))
    assert refused(client.post(url("unit", "delete", unit.pk)))
    assert refused(client.get(url("mobilepack", "edit", pack.pk)))
    assert Unit.objects.filter(pk=unit.pk).exists()


def test_staff_cannot_create_equipment_for_another_centre(client, staff, other_centre):
    category = CategoryFactory()
    client.force_login(staff)
    form = client.get(url("equipment", "add")).context["form"]
    assert list(form.fields["owning_centre"].queryset) == [staff.memberships.get().organisation]
    data = edit_data(EquipmentFactory.build(category=category, owning_centre=other_centre, slug="ny-robot"))
    response = client.post(url("equipment", "add"), data)
    assert response.status_code == 200  # the form is shown again with an error
    assert not Equipment.objects.filter(slug="ny-robot").exists()


@pytest.mark.parametrize("role_fixture", ["teacher", "coordinator"])
def test_teachers_and_coordinators_cannot_edit_the_catalogue(client, request, role_fixture, seal):
    client.force_login(request.getfixturevalue(role_fixture))
    response = client.get(url("equipment", "edit", seal.pk))
    assert response.status_code in (302, 403)
    assert client.post(url("equipment", "edit", seal.pk), edit_data(seal, name="x")).status_code in (302, 403)
    seal.refresh_from_db()
    assert seal.name == "Social robot (sæl)"


def test_equipment_list_exports_csv_and_xlsx(client, staff, seal):
    client.force_login(staff)
    csv_response = client.get(url("equipment", "list"), {"export": "csv"})
    assert csv_response.status_code == 200
    assert "Social robot (sæl)" in b"".join(csv_response.streaming_content).decode()
    xlsx = client.get(url("equipment", "list"), {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert "spreadsheetml" in xlsx["Content-Type"]


def test_unit_list_is_searchable_and_filterable(client, staff, seal):
    UnitFactory(equipment=seal, asset_tag="VVØ-0042")
    UnitFactory(equipment=seal, asset_tag="VVØ-0043", status=Unit.Status.MAINTENANCE)
    client.force_login(staff)
    found = client.get(url("unit", "list"), {"q": "0042"}).content.decode()
    assert "VVØ-0042" in found and "VVØ-0043" not in found
    filtered = client.get(url("unit", "list"), {"status": "maintenance"}).content.decode()
    assert "VVØ-0043" in filtered and "VVØ-0042" not in filtered
