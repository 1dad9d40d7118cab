"""Every admin listing with a search box finds what staff type, on SQLite and on PostgreSQL.

Searching the equipment, pack, video, partner or podcast lists used to answer 500 on SQLite
(the search backend was asked for fields it had not indexed), so typing did nothing.
"""

from datetime import date

import pytest
from wagtail.models import Page

from booking.models import MaintenanceWindow, PopUpCentre
from booking.services import booking_request
from cms.models import Partner
from media.models import PodcastEpisode
from tests.booking.conftest import TODAY
from tests.factories import (
    MobilePackFactory,
    PodcastSeriesFactory,
    UnitFactory,
    VideoCategoryFactory,
    VideoFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def findable(centre, staff, teacher, school, lift):
    """One record with the word "Zebra" (or a known tag) in each searchable listing."""
    MobilePackFactory(name="Zebrakassen", owning_centre=centre)
    UnitFactory(equipment=lift, asset_tag="ZEBRA-7")
    VideoFactory(title="Zebra-løft i praksis", centre=centre)
    VideoCategoryFactory(name="Zebrafilm")
    PodcastEpisode.objects.create(
        series=PodcastSeriesFactory(),
        number=99,
        title="Zebraepisoden",
        slug="zebraepisoden",
        audio_url="https://example.org/zebra.mp3",
        published_on=date(2026, 1, 5),
        centre=centre,
    )
    Partner.objects.create(
        name="Zebra Kommune", slug="zebra-kommune", partner_type="municipality", centre=centre, start=date(2025, 1, 1)
    )
    lift.name = "Zebralift"
    lift.save()
    booking = booking_request(
        actor=teacher,
        organisation=school,
        equipment=lift,
        start_date=date(2031, 3, 10),
        end_date=date(2031, 3, 11),
        today=TODAY,
        class_name="Zebraholdet",
    )
    PopUpCentre.objects.create(
        title="PopUp Zebra",
        slug="popup-zebra",
        host=school,
        owning_centre=centre,
        start_date=date(2031, 4, 1),
        end_date=date(2031, 4, 5),
    )
    MaintenanceWindow.objects.create(
        unit=lift.units.first(),
        start_date=date(2031, 5, 1),
        end_date=date(2031, 5, 2),
        reason="Zebra-service",
        created_by=staff,
    )
    return booking


LISTINGS = [
    ("/admin/snippets/catalogue/equipment/", "Zebralift"),
    ("/admin/snippets/catalogue/unit/", "ZEBRA-7"),
    ("/admin/snippets/catalogue/mobilepack/", "Zebrakassen"),
    ("/admin/snippets/media/video/", "Zebra-løft i praksis"),
    ("/admin/snippets/media/videocategory/", "Zebrafilm"),
    ("/admin/snippets/media/podcastepisode/", "Zebraepisoden"),
    ("/admin/snippets/cms/partner/", "Zebra Kommune"),
    ("/admin/popupcentre/", "PopUp Zebra"),
    ("/admin/vedligehold/", "Zebra-service"),
    ("/admin/bookinger/", "Zebraholdet"),
    ("/admin/snippets/choose/catalogue/equipment/", "Zebralift"),
    ("/admin/snippets/choose/media/video/", "Zebra-løft i praksis"),
]


@pytest.mark.parametrize(("url", "expected"), LISTINGS)
def test_admin_search_answers_with_results(client, staff, findable, url, expected):
    client.force_login(staff)
    word = "ebra" if "choose" not in url else "Zebra"  # a part of a word is enough in the listings
    response = client.get(url, {"q": word})
    assert response.status_code == 200
    is_json = response["Content-Type"].startswith("application/json")  # choosers answer in JSON
    page = response.json()["html"] if is_json else response.content.decode()
    if expected == "Zebraholdet":  # bookings are found by their class, and listed by reference
        assert findable.reference in page
    else:
        assert expected in page
    assert "Lift-1" not in page  # nothing unrelated sneaks in


def test_admin_search_finds_nothing_for_a_word_that_is_nowhere(client, staff, findable):
    client.force_login(staff)
    response = client.get("/admin/snippets/catalogue/equipment/", {"q": "xylofon"})
    assert response.status_code == 200
    assert "Zebralift" not in response.content.decode()


def test_page_search_answers(client, staff, findable):
    client.force_login(staff)
    assert Page.objects.exists()
    assert client.get("/admin/pages/search/", {"q": "ebra"}).status_code == 200
