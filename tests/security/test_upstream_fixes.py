"""Wagtail's admin given hand-made input (videnscenter/helpers/upstream.py): a form error, not a 500."""

import pytest
from django.urls import reverse

from tests.factories import EquipmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client, staff):
    client.raise_request_exception = False
    client.force_login(staff)
    return client


@pytest.mark.parametrize("query", ["lift", '" OR 1=1 --', "name:lift", "😀😀", "*"])
def test_searching_the_equipment_list_works_for_any_text(admin, centre, query):
    EquipmentFactory(name="Loftlift", owning_centre=centre)
    response = admin.get(reverse("wagtailsnippets_catalogue_equipment:list"), {"q": query})
    assert response.status_code == 200


def test_a_chooser_posted_with_something_else_than_an_id_is_a_form_error(admin, centre):
    data = {"asset_tag": "X-1", "equipment": "true", "status": "in_service", "current_location": "../x"}
    response = admin.post(reverse("wagtailsnippets_catalogue_unit:add"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["equipment"]


@pytest.mark.parametrize("description", ["1", "not json", "[]", '{"blocks": 5}'])
def test_rich_text_that_is_not_the_editors_json_counts_as_empty(admin, centre, description):
    data = {"name": "Pakke", "slug": "pakke-x", "summary": "", "description": description, "owning_centre": centre.pk}
    data |= {"items-TOTAL_FORMS": 0, "items-INITIAL_FORMS": 0, "external_price": "0", "delivery_fee": "0"}
    response = admin.post(reverse("wagtailsnippets_catalogue_mobilepack:add"), data)
    assert response.status_code == 200  # shown again: the summary is required


def test_an_id_too_large_for_the_database_is_refused_not_a_server_error(admin):
    response = admin.post(reverse("wagtailsnippets_media_video:add"), {"title": "x", "equipment": "9" * 40})
    assert response.status_code in (200, 400)
