import pytest
from django.db import connection

from catalogue.models import Location
from tests.factories import (
    CategoryFactory,
    CentreFactory,
    EquipmentFactory,
    MembershipFactory,
    SchoolFactory,
    UnitFactory,
    UserFactory,
)
from videnscenter.models import Membership, Role
from videnscenter.services import editor_groups_sync

# ``fake_stripe``: a loopback fake Stripe API for any test that pays.
pytest_plugins = ["tests.fake_stripe_plugin"]


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` run only against PostgreSQL (CI runs the suite there too)."""
    on_postgres = connection.vendor == "postgresql"
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL; run with make test-postgres"))


@pytest.fixture(autouse=True)
def _isolated_settings(settings, tmp_path):
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


@pytest.fixture
def centre():
    return CentreFactory(name="Videnscenter Øst", slug="oest")


@pytest.fixture
def other_centre():
    return CentreFactory(name="Videnscenter Vestdanmark", slug="vest")


@pytest.fixture
def school(centre):
    return SchoolFactory(name="Kildebakken SOSU-skole", slug="kildebakken", home_centre=centre)


@pytest.fixture
def other_school(other_centre):
    return SchoolFactory(name="Klitrosen SOSU-skole", slug="klitrosen", home_centre=other_centre)


def member(org, role, status=Membership.Status.CONFIRMED, **user_kwargs):
    user = MembershipFactory(organisation=org, role=role, status=status, user=UserFactory(**user_kwargs)).user
    editor_groups_sync(user=user)  # what the membership services do
    return user


@pytest.fixture
def teacher(school):
    return member(school, Role.TEACHER, email="laerer@kildebakken.example")


@pytest.fixture
def pending_teacher(school):
    return member(school, Role.TEACHER, status=Membership.Status.PENDING, email="ny@kildebakken.example")


@pytest.fixture
def coordinator(school):
    return member(school, Role.COORDINATOR, email="koordinator@kildebakken.example")


@pytest.fixture
def other_coordinator(other_school):
    return member(other_school, Role.COORDINATOR, email="koordinator@klitrosen.example")


@pytest.fixture
def staff(centre):
    return member(centre, Role.CENTRE_STAFF, email="personale@oest.example")


@pytest.fixture
def other_staff(other_centre):
    return member(other_centre, Role.CENTRE_STAFF, email="personale@vest.example")


@pytest.fixture
def leader(centre):
    return member(centre, Role.LEADER, email="leder@oest.example")


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Run a call as if its transaction committed, so that e-mails queued on commit go out."""

    def run(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(*args, **kwargs)

    return run


@pytest.fixture
def lift(centre):
    """A lift with three units, 1 working day buffer each side, 3 working days notice, max 30 days."""
    equipment = EquipmentFactory(
        name="Loftlift",
        slug="loftlift",
        owning_centre=centre,
        category=CategoryFactory(slug="lifte"),
        buffer_before_days=1,
        buffer_after_days=1,
        min_notice_days=3,
        max_loan_days=30,
    )
    for tag in ("L-1", "L-2", "L-3"):
        UnitFactory(equipment=equipment, asset_tag=tag)
    return equipment


@pytest.fixture
def school_location(school):
    return Location.objects.create(name=school.name, kind=Location.Kind.SCHOOL, organisation=school)
