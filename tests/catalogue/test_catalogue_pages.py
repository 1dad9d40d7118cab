"""The public catalogue: every filter alone and combined, bad values, sorting, pages, query counts."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from catalogue import availability as availability_module
from catalogue.availability import Availability
from catalogue.models import Equipment, Unit
from tests.factories import CategoryFactory, EquipmentFactory, MobilePackFactory, UnitFactory, put_in_pack

pytestmark = pytest.mark.django_db
URL = reverse("catalogue:index")


@pytest.fixture
def catalogue(centre, other_centre):
    robots = CategoryFactory(name="Pleje- og socialrobotter", slug="robotter")
    lifts = CategoryFactory(name="Løfte- og forflytningshjælpemidler", slug="lifte")
    seal = EquipmentFactory(
        name="Social robot (sæl)", slug="saelrobot", category=robots, owning_centre=centre, summary="Blød robot."
    )
    seal.tags.add("demens")
    seal.save()
    lift = EquipmentFactory(
        name="Loftlift",
        slug="loftlift",
        category=lifts,
        owning_centre=other_centre,
        placement=Equipment.Placement.LAB_ONLY,
        summary="Løfter op til 200 kg.",
    )
    arm = EquipmentFactory(name="Spiserobot", slug="spiserobot", category=robots, owning_centre=other_centre)
    for _ in range(3):
        UnitFactory(equipment=seal)
    UnitFactory(equipment=lift)
    UnitFactory(equipment=arm, status=Unit.Status.MAINTENANCE)
    return {"seal": seal, "lift": lift, "arm": arm}


def names(response):
    return [e.name for e in response.context["page"].object_list]


def test_lists_all_active_equipment_sorted_by_name(client, catalogue):
    EquipmentFactory(name="Skjult", is_active=False)
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == ["Loftlift", "Social robot (sæl)", "Spiserobot"]


def test_card_shows_centre_and_number_of_units_in_service(client, catalogue):
    html = client.get(URL).content.decode()
    assert "3 enheder" in html
    assert "Løfter op til 200 kg." in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "robot"}, ["Social robot (sæl)", "Spiserobot"]),
        ({"q": "200 kg"}, ["Loftlift"]),
        ({"q": "demens"}, ["Social robot (sæl)"]),
        ({"category": "lifte"}, ["Loftlift"]),
        ({"centre": "oest"}, ["Social robot (sæl)"]),
        ({"placement": "lab_only"}, ["Loftlift"]),
        ({"tag": "demens"}, ["Social robot (sæl)"]),
        ({"category": "robotter", "centre": "vest"}, ["Spiserobot"]),
        ({"q": "robot", "centre": "oest", "placement": "mobile", "tag": "demens"}, ["Social robot (sæl)"]),
        ({"category": "lifte", "centre": "oest"}, []),
    ],
)
def test_filters_alone_and_combined(client, catalogue, params, expected):
    assert names(client.get(URL, params)) == expected


def test_free_between_two_dates_counts_units_in_service(client, catalogue):
    first = date.today() + timedelta(days=10)
    response = client.get(URL, {"free_from": first.isoformat(), "free_to": (first + timedelta(days=5)).isoformat()})
    assert names(response) == ["Loftlift", "Social robot (sæl)"]  # the feeding robot's only unit is in maintenance


def test_free_between_asks_the_installed_availability(client, catalogue):
    seal = catalogue["seal"]

    class AllSealsBooked(Availability):
        def bookable(self, equipment, start, end, *, today):
            return super().bookable(equipment, start, end, today=today).exclude(pk=seal.pk)

    previous = availability_module.availability()
    availability_module.set_availability(AllSealsBooked())
    try:
        response = client.get(URL, {"free_from": "2031-03-01", "free_to": "2031-03-05", "category": "robotter"})
    finally:
        availability_module.set_availability(previous)
    assert names(response) == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"category": "findes-ikke"}, "Marker en gyldig valgmulighed"),
        ({"centre": "<script>"}, "Marker en gyldig valgmulighed"),
        ({"placement": "i-rummet"}, "Marker en gyldig valgmulighed"),
        ({"free_from": "2031-13-45", "free_to": "2031-01-02"}, "Indtast en gyldig dato"),
        ({"free_from": "2031-03-05", "free_to": "2031-03-01"}, "Sidste dag skal"),
        ({"free_from": "2031-03-05"}, "Vælg både"),
        ({"free_from": "2031-01-01", "free_to": "2033-01-01"}, "højst et år"),
        ({"sort": "password"}, "Marker en gyldig valgmulighed"),
    ],
)
def test_bad_filter_values_give_a_message_not_an_error_page(client, catalogue, params, message):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert len(names(response)) == 3  # the bad value is ignored, the rest still works


def test_sorting(client, catalogue):
    assert names(client.get(URL, {"sort": "-name"})) == ["Spiserobot", "Social robot (sæl)", "Loftlift"]
    assert names(client.get(URL, {"sort": "-units"}))[0] == "Social robot (sæl)"


def test_pagination_keeps_the_filters_and_survives_bad_page_numbers(client, centre):
    category = CategoryFactory(slug="mange")
    for n in range(30):
        EquipmentFactory(name=f"Sensor {n:02d}", category=category, owning_centre=centre)
    first = client.get(URL, {"category": "mange"})
    assert len(names(first)) == 24
    assert "category=mange&amp;side=2" in first.content.decode()
    second = client.get(URL, {"category": "mange", "side": "2"})
    assert len(names(second)) == 6
    assert client.get(URL, {"side": "abc"}).status_code == 200
    assert client.get(URL, {"side": "999"}).status_code == 200


def _equipment_with_image(category, centre):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from catalogue.models import EquipmentImage

    equipment = EquipmentFactory(category=category, owning_centre=centre)
    image = get_image_model().objects.create(title=equipment.name, file=get_test_image_file())
    EquipmentImage.objects.create(equipment=equipment, image=image)
    UnitFactory(equipment=equipment)
    equipment.tags.add("sensor")
    equipment.save()


def test_query_count_does_not_grow_with_results(client, centre, django_assert_num_queries, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE = False  # the rendering's queries: a cached copy reads none of them

    category = CategoryFactory(slug="maal")

    def queries_for_a_warm_page():
        client.get(URL, {"category": "maal"})  # first view makes the image renditions once
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL, {"category": "maal"})
        return len(captured.captured_queries), len(names(response))

    for _ in range(2):
        _equipment_with_image(category, centre)
    few, shown_few = queries_for_a_warm_page()
    for _ in range(20):
        _equipment_with_image(category, centre)
    many, shown_many = queries_for_a_warm_page()
    assert (shown_few, shown_many) == (2, 22)
    assert many == few


def test_equipment_page_shows_units_packs_rules_and_availability(client, catalogue):
    seal = catalogue["seal"]
    pack = MobilePackFactory(name="Demenspakke", owning_centre=seal.owning_centre)
    put_in_pack(pack, seal.units.first())
    response = client.get(seal.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Social robot (sæl)",
        "Demenspakke",
        "Korteste varsel",
        'id="availability-heading"',
        seal.units.first().asset_tag,
    ]:
        assert text in html
    assert len(response.context["calendar"]["months"]) == 3


def test_availability_overview_shows_blocked_days(client, catalogue):
    seal = catalogue["seal"]
    today = date.today()

    class Busy(Availability):
        def free_per_day(self, equipment, units, first, last, *, today):
            counts = super().free_per_day(equipment, units, first, last, today=today)
            return {**counts, today: 0}

    previous = availability_module.availability()
    availability_module.set_availability(Busy())
    try:
        months = client.get(seal.get_absolute_url()).context["calendar"]["months"]
    finally:
        availability_module.set_availability(previous)
    days = {d["date"]: d for m in months for w in m["weeks"] for d in w if d["in_month"]}
    assert days[today]["state"] == "none"
    assert days[today + timedelta(days=1)]["state"] == "all"


def test_inactive_or_unknown_equipment_is_a_404(client):
    assert client.get(EquipmentFactory(is_active=False).get_absolute_url()).status_code == 404
    assert client.get(reverse("catalogue:equipment", args=["findes-ikke"])).status_code == 404


def test_anonymous_visitors_are_invited_to_log_in_to_book(client, catalogue):
    assert "Log ind for at booke" in client.get(catalogue["seal"].get_absolute_url()).content.decode()


def test_pack_page_shows_contents_location_and_purpose(client, catalogue, school):
    from tests.factories import LocationFactory

    seal = catalogue["seal"]
    place = LocationFactory(name="Kildebakken SOSU-skole", kind="school", organisation=school)
    pack = MobilePackFactory(
        name="Demenspakke",
        summary="Alt til et demensforløb.",
        owning_centre=seal.owning_centre,
        current_location=place,
        accessories="Ladekabler\nVejledning",
    )
    put_in_pack(pack, *seal.units.all())
    response = client.get(pack.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for text in ["Alt til et demensforløb.", "Kildebakken SOSU-skole", "Ladekabler", seal.name]:
        assert text in html
    assert client.get(reverse("catalogue:packs")).status_code == 200


def test_reserved_slug_is_refused():
    from django.core.exceptions import ValidationError

    equipment = EquipmentFactory.build(slug="pakker")
    with pytest.raises(ValidationError):
        equipment.full_clean(exclude=["category", "owning_centre"])


def test_catalogue_is_in_the_main_navigation(client):
    assert f'href="{URL}"' in client.get("/").content.decode()
