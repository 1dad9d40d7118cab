"""Roles are mirrored into the Wagtail editor groups by the membership services."""

import pytest

from tests.factories import UserFactory
from videnscenter import services
from videnscenter.models import Membership, Role

pytestmark = pytest.mark.django_db


def _groups(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_an_appointed_coordinator_becomes_a_contributor_and_loses_it_when_removed(staff, school):
    person = UserFactory(email="ny-koordinator@kildebakken.example")
    membership = services.coordinator_appoint(actor=staff, organisation=school, email=person.email)
    assert _groups(person) == {"Bidragydere"}
    services.membership_remove(actor=staff, membership=membership)
    assert _groups(person) == set()


def test_centre_staff_are_publishers(staff):
    assert _groups(staff) == {"Redaktører"}


def test_teachers_get_no_editor_group_even_when_confirmed(coordinator, pending_teacher):
    membership = Membership.objects.get(user=pending_teacher)
    services.membership_confirm(actor=coordinator, membership=membership)
    assert _groups(pending_teacher) == set()


def test_sync_removes_only_the_editor_groups(staff):
    from django.contrib.auth.models import Group

    other = Group.objects.create(name="Eksterne konsulenter")
    staff.groups.add(other)
    Membership.objects.filter(user=staff, role=Role.CENTRE_STAFF).delete()
    services.editor_groups_sync(user=staff)
    assert _groups(staff) == {"Eksterne konsulenter"}
