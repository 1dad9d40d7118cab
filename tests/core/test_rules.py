"""Every permission rule, from both sides: who it allows and who it refuses."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.conftest import member
from tests.factories import MembershipFactory, UserFactory
from videnscenter import rules
from videnscenter.models import Membership, Role

pytestmark = pytest.mark.django_db


def test_unknown_action_is_refused_even_for_superusers(school):
    admin = UserFactory(is_superuser=True)
    assert not rules.allowed(admin, "organisation.delete_everything", school)


def test_anonymous_and_inactive_users_are_refused(school, coordinator):
    assert not rules.allowed(AnonymousUser(), "organisation.manage_members", school)
    coordinator.is_active = False
    assert not rules.allowed(coordinator, "organisation.manage_members", school)


def test_confirmed_teacher_may_book_for_own_school(teacher, school):
    assert rules.allowed(teacher, "organisation.book", school)


def test_teacher_may_not_book_for_another_school(teacher, other_school):
    assert not rules.allowed(teacher, "organisation.book", other_school)


def test_pending_teacher_may_not_book(pending_teacher, school):
    assert not rules.allowed(pending_teacher, "organisation.book", school)


def test_coordinator_may_book_for_own_school(coordinator, school):
    assert rules.allowed(coordinator, "organisation.book", school)


def test_centre_staff_may_not_book_as_a_school(staff, school):
    assert not rules.allowed(staff, "organisation.book", school)


def test_coordinator_manages_own_school_only(coordinator, school, other_school):
    assert rules.allowed(coordinator, "organisation.manage_members", school)
    assert not rules.allowed(coordinator, "organisation.manage_members", other_school)


def test_home_centre_staff_manage_the_school_other_centre_staff_do_not(staff, other_staff, school):
    assert rules.allowed(staff, "organisation.manage_members", school)
    assert not rules.allowed(other_staff, "organisation.manage_members", school)


def test_teacher_may_not_manage_or_invite(teacher, school):
    assert not rules.allowed(teacher, "organisation.manage_members", school)
    assert not rules.allowed(teacher, "organisation.invite_teacher", school)


def test_coordinator_may_invite_teachers_to_own_school_only(coordinator, school, other_school):
    assert rules.allowed(coordinator, "organisation.invite_teacher", school)
    assert not rules.allowed(coordinator, "organisation.invite_teacher", other_school)


def test_nobody_invites_teachers_to_a_centre(staff, centre):
    assert not rules.allowed(staff, "organisation.invite_teacher", centre)


def test_only_home_centre_staff_appoint_coordinators(staff, other_staff, coordinator, school):
    assert rules.allowed(staff, "organisation.appoint_coordinator", school)
    assert not rules.allowed(other_staff, "organisation.appoint_coordinator", school)
    assert not rules.allowed(coordinator, "organisation.appoint_coordinator", school)


def test_coordinator_confirms_pending_teacher_of_own_school(coordinator, pending_teacher, school):
    membership = Membership.objects.get(user=pending_teacher)
    assert rules.allowed(coordinator, "membership.confirm", membership)


def test_coordinator_of_another_school_cannot_confirm(other_coordinator, pending_teacher):
    membership = Membership.objects.get(user=pending_teacher)
    assert not rules.allowed(other_coordinator, "membership.confirm", membership)


def test_nobody_confirms_themself(school):
    user = member(school, Role.COORDINATOR)
    own = MembershipFactory(user=user, organisation=school, role=Role.TEACHER, status=Membership.Status.PENDING)
    assert not rules.allowed(user, "membership.confirm", own)


def test_coordinator_removes_teachers_but_not_other_coordinators(coordinator, teacher, school):
    second = member(school, Role.COORDINATOR)
    assert rules.allowed(coordinator, "membership.remove", Membership.objects.get(user=teacher))
    assert not rules.allowed(coordinator, "membership.remove", Membership.objects.get(user=second))


def test_home_centre_staff_remove_coordinators(staff, coordinator, other_staff):
    membership = Membership.objects.get(user=coordinator)
    assert rules.allowed(staff, "membership.remove", membership)
    assert not rules.allowed(other_staff, "membership.remove", membership)


def test_nobody_removes_their_own_membership_through_the_rule(coordinator):
    assert not rules.allowed(coordinator, "membership.remove", Membership.objects.get(user=coordinator))


@pytest.mark.parametrize("role_fixture", ["staff", "coordinator", "leader"])
def test_staff_coordinators_and_leaders_reach_the_admin(request, role_fixture):
    user = request.getfixturevalue(role_fixture)
    assert rules.allowed(user, "admin.access")
    assert user.has_perm("wagtailadmin.access_admin")


@pytest.mark.parametrize("role_fixture", ["teacher", "pending_teacher"])
def test_teachers_do_not_reach_the_admin(request, role_fixture):
    user = request.getfixturevalue(role_fixture)
    assert not rules.allowed(user, "admin.access")
    assert not user.has_perm("wagtailadmin.access_admin")


def test_pending_coordinator_has_no_admin_access(school):
    user = member(school, Role.COORDINATOR, status=Membership.Status.PENDING)
    assert not user.has_perm("wagtailadmin.access_admin")


def test_require_raises_permission_denied(teacher, school):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        rules.require(teacher, "organisation.manage_members", school)
