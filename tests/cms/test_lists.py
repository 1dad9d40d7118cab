"""The event list and the partner directory: every filter, and bad input."""

from datetime import date

import pytest

from cms.models import EventPage, Partner
from media.models import Audience

from .helpers import event

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    return {
        "tech": event("Tech Timen om sensorer", days=3, audience=Audience.STUDENTS),
        "panel": event(
            "Torsdagspanel om etik",
            days=10,
            event_type=EventPage.EventType.TORSDAGSPANEL,
            audience=Audience.LEADERS,
            location="Kildebakken SOSU-skole",
        ),
        "course": event("Kursus i loftlifte", days=20, event_type=EventPage.EventType.COURSE),
        "past": event("Sidste års webinar", days=-40, event_type=EventPage.EventType.WEBINAR),
    }


def _titles(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return [page.title for page in response.context["page_obj"].object_list]


def test_events_list_coming_events_soonest_first(client, events):
    assert _titles(client, "/arrangementer/") == [
        "Tech Timen om sensorer",
        "Torsdagspanel om etik",
        "Kursus i loftlifte",
    ]


def test_events_filter_by_type(client, events):
    assert _titles(client, "/arrangementer/?type=torsdagspanel") == ["Torsdagspanel om etik"]


def test_events_filter_by_audience_includes_events_for_everyone(client, events):
    assert _titles(client, "/arrangementer/?audience=leaders") == ["Torsdagspanel om etik", "Kursus i loftlifte"]


def test_past_events_are_on_request_newest_first(client, events):
    assert _titles(client, "/arrangementer/?when=past") == ["Sidste års webinar"]


def test_event_filters_with_junk_give_a_danish_message_not_an_error(client, events):
    response = client.get("/arrangementer/?type=<script>&audience=x&when=1&side=abc")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()
    assert "Marker en gyldig valgmulighed" in response.content.decode()


def test_event_page_shows_when_where_and_for_whom(client, events, school):
    page = events["panel"]
    page.host_school = school
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Kildebakken SOSU-skole" in html
    assert "Torsdagspanel" in html


@pytest.fixture
def partners(centre, other_centre, school):
    def make(name, **fields):
        fields.setdefault("partner_type", Partner.Type.KNOWLEDGE)
        fields.setdefault("centre", centre)
        return Partner.objects.create(name=name, slug=name.lower().replace(" ", "-"), start=date(2024, 1, 1), **fields)

    made = {
        "uni": make("Professionshøjskolen Nord", description="Forskning i velfærdsteknologi"),
        "firm": make(
            "Robotfirmaet",
            partner_type=Partner.Type.SUPPLIER,
            engagement=Partner.Engagement.PROJECT,
            project="Robotter i ældreplejen",
        ),
        "eu": make(
            "Nordic Care Lab",
            partner_type=Partner.Type.INTERNATIONAL,
            scope=Partner.Scope.INTERNATIONAL,
            centre=other_centre,
            status=Partner.Status.ENDED,
            end=date(2025, 6, 30),
        ),
    }
    made["uni"].schools.add(school)
    made["uni"].save()  # a ParentalManyToManyField is stored on save
    return made


def _partners(client, query: str = "") -> list[str]:
    response = client.get("/partnere/" + query)
    assert response.status_code == 200
    return [p.name for p in response.context["page_obj"].object_list]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Nordic Care Lab", "Professionshøjskolen Nord", "Robotfirmaet"]),
        ("?type=supplier", ["Robotfirmaet"]),
        ("?scope=international", ["Nordic Care Lab"]),
        ("?engagement=project", ["Robotfirmaet"]),
        ("?status=ended", ["Nordic Care Lab"]),
        ("?centre=oest", ["Professionshøjskolen Nord", "Robotfirmaet"]),
        ("?q=ældreplejen", ["Robotfirmaet"]),
        ("?q=forskning+velfærdsteknologi", ["Professionshøjskolen Nord"]),
        ("?type=supplier&status=ended", []),
    ],
)
def test_partner_directory_filters(client, partners, query, expected):
    assert _partners(client, query) == expected


def test_partner_directory_shows_project_period_and_schools(client, partners):
    html = client.get("/partnere/").content.decode()
    assert "Robotter i ældreplejen" in html
    assert "Kildebakken SOSU-skole" in html


def test_partner_directory_with_an_unknown_centre_says_so(client, partners):
    response = client.get("/partnere/?centre=findes-ikke")
    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed" in response.content.decode()


def test_partner_must_name_its_project_and_end_after_it_starts(centre):
    from django.core.exceptions import ValidationError

    partner = Partner(
        name="X",
        slug="x",
        partner_type=Partner.Type.SECTOR,
        engagement=Partner.Engagement.PROJECT,
        centre=centre,
        start=date(2025, 1, 1),
        end=date(2024, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        partner.full_clean()
    assert {"project", "end"} <= set(error.value.message_dict)
