"""Finding a unit: the chooser searches asset tags and filters by centre, equipment and status,
and offers only units of the centres the person manages."""

import pytest

from catalogue.models import Unit
from tests.factories import EquipmentFactory, UnitFactory

pytestmark = pytest.mark.django_db
URL = "/admin/snippets/choose/catalogue/unit/results/"


@pytest.fixture
def units(centre, other_centre, lift):
    theirs = EquipmentFactory(name="Vestlift", owning_centre=other_centre)
    UnitFactory(equipment=theirs, asset_tag="VEST-1")
    Unit.objects.filter(asset_tag="L-2").update(status=Unit.Status.MAINTENANCE, serial_number="SN-998877")
    return lift


def tags(client, **params) -> set[str]:
    response = client.get(URL, params)
    assert response.status_code == 200
    is_json = response["Content-Type"].startswith("application/json")
    html = response.json()["html"] if is_json else response.content.decode()
    return {tag for tag in ("L-1", "L-2", "L-3", "VEST-1") if f"({tag})" in html}


def test_staff_see_only_their_own_centres_units(client, staff, units):
    client.force_login(staff)
    assert tags(client) == {"L-1", "L-2", "L-3"}


def test_search_by_asset_tag_serial_number_or_equipment(client, staff, units):
    client.force_login(staff)
    assert tags(client, q="l-3") == {"L-3"}
    assert tags(client, q="998877") == {"L-2"}
    assert tags(client, q="loftlift") == {"L-1", "L-2", "L-3"}
    assert tags(client, q="vest") == set()  # another centre's unit is not found either


def test_filter_by_status_and_equipment(client, staff, units):
    client.force_login(staff)
    assert tags(client, status="maintenance") == {"L-2"}
    assert tags(client, equipment=units.pk, status="in_service") == {"L-1", "L-3"}


def test_a_superuser_filters_by_centre(client, admin_user, units, other_centre):
    client.force_login(admin_user)
    assert tags(client) == {"L-1", "L-2", "L-3", "VEST-1"}
    assert tags(client, centre=other_centre.pk) == {"VEST-1"}


@pytest.mark.parametrize("role", ["teacher", "coordinator", "leader"])
def test_people_without_catalogue_access_cannot_open_it(client, request, role, units):
    client.force_login(request.getfixturevalue(role))
    assert client.get(URL).status_code in (302, 403)
