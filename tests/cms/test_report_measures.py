"""Each measure of the yearly activity list, from known data: what counts, what does not, per year."""

from datetime import date
from decimal import Decimal

import pytest

from booking.models import Booking
from catalogue.models import Unit
from cms.models import (
    DownloadCount,
    EventPage,
    MaterialEvaluation,
    Measure,
    Partner,
    ProjectApplication,
    SchoolRequest,
    Survey,
)
from cms.reports.measures import MEASURES, Computation, Scope
from media.models import Audience, Video, VideoViewCount
from tests.factories import EquipmentFactory, SchoolFactory, UnitFactory, VideoFactory
from videnscenter.models import Organisation

from .helpers import material
from .reports_data import at, event_on, loan, popup_at

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)


def figures(measure, centre, years=(2025, 2026)):
    return Computation(Scope.of(centre), years, today=TODAY)[measure]


def test_every_measure_has_exactly_one_function():
    assert set(MEASURES) == set(Measure.values)


def municipality(slug):
    return Organisation.objects.create(name=slug.title(), slug=slug, kind=Organisation.Kind.MUNICIPALITY)


def test_recruitment_events_and_their_municipalities_count_per_year_of_start(centre, other_centre):
    a, b, c, d = (municipality(s) for s in ("albertslund", "ballerup", "dragoer", "egedal"))
    recruitment = EventPage.EventType.RECRUITMENT
    event_on(date(2025, 3, 1), recruitment, centre=centre, municipalities=[a, b])
    event_on(date(2026, 2, 1), recruitment, centre=centre, municipalities=[b, c])
    event_on(date(2026, 5, 1), recruitment, centre=centre, municipalities=[c])
    event_on(date(2026, 8, 1), recruitment, centre=centre, municipalities=[d])  # after today
    event_on(date(2026, 4, 1), recruitment, centre=other_centre, municipalities=[d])  # the other centre's
    event_on(date(2026, 4, 2), EventPage.EventType.TORSDAGSPANEL, centre=centre, municipalities=[d])
    unpublished = event_on(date(2026, 4, 3), recruitment, centre=centre, municipalities=[d])
    unpublished.unpublish()

    assert figures(Measure.RECRUITMENT_MUNICIPALITIES, centre) == {2025: 2, 2026: 2}
    assert figures(Measure.RECRUITMENT_EVENTS, centre) == {2025: 1, 2026: 2}
    assert figures(Measure.RECRUITMENT_EVENTS, None) == {2025: 1, 2026: 3}  # both centres jointly


def test_downloads_and_views_add_up_the_yearly_counters_of_the_centres_items(centre, other_centre):
    course = material(centre, files=1)
    guide, handout = course.files.all()
    DownloadCount.objects.create(file=guide, year=2025, downloads=10)
    DownloadCount.objects.create(file=guide, year=2026, downloads=4)
    DownloadCount.objects.create(file=handout, year=2026, downloads=3)
    other = material(other_centre, title="Et andet forløb")
    DownloadCount.objects.create(file=other.files.first(), year=2026, downloads=100)
    film = VideoFactory(centre=centre)
    VideoViewCount.objects.create(video=film, year=2026, views=9)
    VideoViewCount.objects.create(video=VideoFactory(centre=other_centre), year=2026, views=50)

    assert figures(Measure.MATERIAL_DOWNLOADS, centre) == {2025: 10, 2026: 7}
    assert figures(Measure.VIDEO_VIEWS, centre) == {2025: 0, 2026: 9}


def test_new_materials_and_videos_count_in_the_year_they_were_first_published(centre):
    course = material(centre)
    type(course).objects.filter(pk=course.pk).update(first_published_at=at(date(2025, 9, 1)))
    VideoFactory(centre=centre, first_published_at=at(date(2026, 1, 2)))
    VideoFactory(centre=centre, first_published_at=at(date(2026, 7, 2)))  # after today
    assert figures(Measure.MATERIALS_PUBLISHED, centre) == {2025: 1, 2026: 1}
    assert Video.objects.count() == 2


def test_only_counted_evaluations_count(centre, teacher):
    course = material(centre)

    def evaluation(day, *, counted, who):
        row = MaterialEvaluation.objects.create(
            material=course, rating=4, usable="yes", respondent=who, counted=counted, user=teacher if counted else None
        )
        MaterialEvaluation.objects.filter(pk=row.pk).update(created_at=at(day))

    evaluation(date(2026, 2, 1), counted=True, who="a" * 64)
    evaluation(date(2026, 2, 2), counted=False, who="b" * 64)
    evaluation(date(2026, 2, 3), counted=False, who="c" * 64)
    evaluation(date(2025, 2, 3), counted=True, who="d" * 64)
    assert figures(Measure.EVALUATIONS, centre) == {2025: 1, 2026: 1}


def test_bridge_building_requests_from_schools_count_per_year(centre, school, teacher):
    def request(day, topic, school=school):
        row = SchoolRequest.objects.create(
            school=school, centre=centre, topic=topic, message="Vi har brug for materiale.", name="A", email="a@b.dk"
        )
        SchoolRequest.objects.filter(pk=row.pk).update(created_at=at(day))

    request(date(2026, 1, 5), SchoolRequest.Topic.BRIDGE_BUILDING)
    request(date(2026, 3, 5), SchoolRequest.Topic.BRIDGE_BUILDING)
    request(date(2026, 3, 6), SchoolRequest.Topic.NEW_MATERIAL)
    request(date(2025, 12, 31), SchoolRequest.Topic.BRIDGE_BUILDING)
    vocational = SchoolFactory(kind=Organisation.Kind.VOCATIONAL_SCHOOL, home_centre=centre)
    request(date(2026, 3, 7), SchoolRequest.Topic.BRIDGE_BUILDING, school=vocational)  # not a SOSU school
    assert figures(Measure.BRIDGE_REQUESTS, centre) == {2025: 1, 2026: 2}


def test_surveys_and_the_share_rating_material_relevant(centre, other_centre):
    Survey.objects.create(
        centre=centre, held_on=date(2026, 3, 1), topic="Materialer", respondents=40, rated_relevant=30
    )
    Survey.objects.create(centre=centre, held_on=date(2026, 5, 1), topic="Brobygning", respondents=10, rated_relevant=5)
    Survey.objects.create(centre=centre, held_on=date(2026, 6, 1), topic="Kurser", respondents=80)
    Survey.objects.create(centre=other_centre, held_on=date(2026, 6, 1), topic="Vest", respondents=8, rated_relevant=0)
    assert figures(Measure.SURVEYS, centre) == {2025: 0, 2026: 3}
    assert figures(Measure.RELEVANCE_SHARE, centre) == {2025: None, 2026: Decimal("70.0")}


def partner(centre, slug, start, *, partner_type=Partner.Type.KNOWLEDGE, status=Partner.Status.ACTIVE, end=None):
    return Partner.objects.create(
        name=slug, slug=slug, partner_type=partner_type, start=start, end=end, status=status, centre=centre
    )


def test_new_partnerships_count_when_they_start_but_not_suppliers_or_plans(centre):
    partner(centre, "uc-syd", date(2026, 2, 1))
    partner(centre, "kommune", date(2025, 2, 1), partner_type=Partner.Type.MUNICIPALITY, status=Partner.Status.ENDED)
    partner(centre, "leverandoer", date(2026, 2, 1), partner_type=Partner.Type.SUPPLIER)
    partner(centre, "planlagt", date(2026, 3, 1), status=Partner.Status.PLANNED)
    assert figures(Measure.NEW_PARTNERSHIPS, centre) == {2025: 1, 2026: 1}


def test_project_applications_and_the_international_ones(centre):
    for title, year, status, international in (
        ("A", 2026, ProjectApplication.Status.SUBMITTED, True),
        ("B", 2026, ProjectApplication.Status.REJECTED, False),
        ("C", 2026, ProjectApplication.Status.PLANNED, True),  # not sent yet
        ("D", 2025, ProjectApplication.Status.GRANTED, False),
    ):
        ProjectApplication.objects.create(
            centre=centre, title=title, year=year, status=status, international=international
        )
    assert figures(Measure.PROJECT_APPLICATIONS, centre) == {2025: 1, 2026: 2}
    assert figures(Measure.INTERNATIONAL_APPLICATIONS, centre) == {2025: 0, 2026: 1}


def test_debates_and_courses_for_teachers_and_leaders(centre):
    event_on(date(2026, 2, 5), EventPage.EventType.TORSDAGSPANEL, centre=centre)
    event_on(date(2026, 2, 19), EventPage.EventType.TORSDAGSPANEL, centre=centre)
    event_on(date(2026, 3, 1), EventPage.EventType.COURSE, centre=centre, audience=Audience.TEACHERS)
    event_on(date(2026, 3, 2), EventPage.EventType.COURSE, centre=centre, audience=Audience.STUDENTS)
    assert figures(Measure.TORSDAGSPANEL, centre) == {2025: 0, 2026: 2}
    assert figures(Measure.COURSES, centre) == {2025: 0, 2026: 1}


def test_share_of_schools_with_a_partnership_or_a_project(centre, other_centre):
    s1, s2, s3, s4 = (SchoolFactory(home_centre=centre) for _ in range(4))
    west = SchoolFactory(home_centre=other_centre)
    active = partner(centre, "netvaerk", date(2025, 1, 1))
    active.schools.set([s1, west])
    active.save()  # parental many-to-many fields are written on save
    planned = partner(centre, "plan", date(2025, 1, 1), status=Partner.Status.PLANNED)
    planned.schools.set([s3])
    planned.save()  # parental many-to-many fields are written on save
    ended = partner(centre, "slut", date(2020, 1, 1), end=date(2024, 12, 31), status=Partner.Status.ENDED)
    ended.schools.set([s4])
    ended.save()  # parental many-to-many fields are written on save
    application = ProjectApplication.objects.create(centre=centre, title="Fælles projekt", year=2026)
    application.schools.set([s2])
    application.save()  # parental many-to-many fields are written on save

    assert figures(Measure.SCHOOLS_TAKING_PART, centre) == {2025: Decimal("25.0"), 2026: Decimal("50.0")}
    assert figures(Measure.SCHOOLS_TAKING_PART, None) == {2025: Decimal("40.0"), 2026: Decimal("60.0")}


@pytest.fixture
def lift_units(centre):
    equipment = EquipmentFactory(owning_centre=centre)
    units = [UnitFactory(equipment=equipment), UnitFactory(equipment=equipment)]
    UnitFactory(equipment=equipment, status=Unit.Status.RETIRED)
    return units


def test_bookings_loan_days_utilisation_and_students_from_the_bookings(centre, school, teacher, lift_units):
    first, second = lift_units
    loan(first, school, teacher, date(2025, 12, 30), date(2026, 1, 2), students=12)  # 2 days in each year
    loan(second, school, teacher, date(2026, 3, 1), date(2026, 3, 10), students=20)
    loan(first, school, teacher, date(2026, 4, 1), date(2026, 4, 5), status=Booking.Status.CANCELLED, active=False)
    loan(second, school, teacher, date(2026, 6, 28), date(2026, 7, 5), students=5)  # 3 days up to today

    assert figures(Measure.BOOKINGS, centre) == {2025: 1, 2026: 2}
    assert figures(Measure.LOAN_DAYS, centre) == {2025: 2, 2026: 15}
    assert figures(Measure.STUDENTS_REACHED, centre) == {2025: 12, 2026: 25}
    # two units not retired; 2025 has 365 days, 2026 up to 30 June has 181
    assert figures(Measure.UTILISATION, centre) == {2025: Decimal("0.3"), 2026: Decimal("4.1")}


def test_scheduled_popups_count_in_the_year_they_open(centre, other_centre, school, other_school):
    popup_at(school, centre, date(2026, 5, 4), date(2026, 5, 29))
    popup_at(school, centre, date(2026, 9, 1), date(2026, 9, 20))  # after today
    popup_at(school, centre, date(2026, 2, 1), date(2026, 2, 20), status="draft", slug="udkast")
    popup_at(other_school, other_centre, date(2025, 5, 4), date(2025, 5, 29))
    assert figures(Measure.POPUPS, centre) == {2025: 0, 2026: 1}
    assert figures(Measure.POPUPS, None) == {2025: 1, 2026: 1}


def test_a_year_that_has_not_begun_has_no_figures(centre):
    assert Computation(Scope.of(centre), [2026, 2027], today=TODAY)[Measure.BOOKINGS] == {2026: 0}
