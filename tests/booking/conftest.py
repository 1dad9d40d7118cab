from datetime import date

import pytest

from catalogue.models import Location
from tests.factories import CategoryFactory, EquipmentFactory, UnitFactory

# A Monday with no holidays near it; services take ``today`` so tests do not depend on the calendar.
TODAY = date(2031, 3, 3)


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
