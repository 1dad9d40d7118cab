"""Who sees which report: the rules from both sides, and the admin pages from the attacker's side."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from cms.models import Survey, Target
from tests.conftest import member
from tests.factories import EquipmentFactory, UnitFactory, UserFactory
from videnscenter import rules
from videnscenter.models import Role

from .reports_data import loan

pytestmark = pytest.mark.django_db

ACTIVITY = reverse("reports:activity")
USAGE = reverse("reports:usage")


def refused(response) -> bool:
    """Wagtail's admin answers a refusal with a redirect to the dashboard (and a message), or 403."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


@pytest.fixture
def other_leader(other_centre):
    return member(other_centre, Role.LEADER, email="leder@vest.example")


# --- the rules -----------------------------------------------------------------------------------


def test_leaders_and_staff_may_see_their_own_centres_report_not_the_others(
    leader, staff, other_leader, centre, other_centre
):
    for person in (leader, staff):
        assert rules.allowed(person, "report.view_centre", centre)
        assert not rules.allowed(person, "report.view_centre", other_centre)
    assert rules.allowed(other_leader, "report.view_centre", other_centre)
    assert not rules.allowed(other_leader, "report.view_centre", centre)


def test_coordinators_teachers_and_strangers_see_no_centre_report(coordinator, teacher, centre):
    for person in (coordinator, teacher, UserFactory(), AnonymousUser()):
        assert not rules.allowed(person, "report.view_centre", centre)
        assert not rules.allowed(person, "report.view_joint")


def test_the_joint_report_is_for_leaders_and_staff_of_either_centre(leader, other_staff, coordinator):
    assert rules.allowed(leader, "report.view_joint")
    assert rules.allowed(other_staff, "report.view_joint")
    assert not rules.allowed(coordinator, "report.view_joint")


def test_a_schools_usage_report_is_for_its_own_coordinators_only(
    coordinator, other_coordinator, teacher, staff, school, other_school
):
    assert rules.allowed(coordinator, "report.view_school_usage", school)
    assert not rules.allowed(coordinator, "report.view_school_usage", other_school)
    assert not rules.allowed(other_coordinator, "report.view_school_usage", school)
    assert not rules.allowed(teacher, "report.view_school_usage", school)
    assert not rules.allowed(staff, "report.view_school_usage", school)


def test_report_data_is_kept_by_its_centres_leaders_and_staff(leader, staff, other_leader, coordinator, centre):
    survey = Survey(centre=centre, held_on=date(2026, 1, 1), topic="X", respondents=1)
    joint_target = Target(centre=None, measure="surveys", year=2021, minimum=2)
    for person in (leader, staff):
        assert rules.allowed(person, "report.manage_data", survey)
        assert rules.allowed(person, "report.manage_data", joint_target)
    assert not rules.allowed(other_leader, "report.manage_data", survey)
    assert rules.allowed(other_leader, "report.manage_data", joint_target)
    assert not rules.allowed(coordinator, "report.manage_data", survey)
    assert not rules.allowed(coordinator, "report.manage_data", joint_target)


def test_report_permissions_come_with_the_roles(leader, staff, coordinator, teacher):
    for person in (leader, staff):
        assert person.has_perm("cms.view_activity_report")
        assert person.has_perm("cms.view_usage_report")
        assert person.has_perm("cms.change_target")
    assert coordinator.has_perm("cms.view_usage_report")
    assert not coordinator.has_perm("cms.view_activity_report")
    assert not coordinator.has_perm("cms.change_target")
    assert not teacher.has_perm("cms.view_usage_report")


# --- the admin pages -----------------------------------------------------------------------------


def test_a_leader_sees_the_own_centres_activity_list(client, leader, centre):
    client.force_login(leader)
    response = client.get(ACTIVITY)
    assert response.status_code == 200
    assert response.context["report"].scope.centre == centre
    assert "<svg" in response.content.decode()


def test_a_leader_asking_for_the_other_centre_is_refused(client, leader, other_centre):
    client.force_login(leader)
    assert refused(client.get(ACTIVITY, {"centre": other_centre.slug}))
    for kind in ("xlsx", "pdf"):
        url = reverse("reports:activity_document", args=[kind])
        assert refused(client.get(url, {"centre": other_centre.slug}))


def test_a_leader_may_choose_the_joint_report(client, leader):
    client.force_login(leader)
    response = client.get(ACTIVITY, {"centre": "faelles"})
    assert response.status_code == 200
    assert response.context["report"].scope.is_joint


@pytest.mark.parametrize("role", ["coordinator", "teacher"])
def test_coordinators_and_teachers_cannot_open_the_activity_list(client, request, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(ACTIVITY)
    assert response.status_code == 302  # coordinators to the dashboard, teachers (no admin) to the login
    url = reverse("reports:activity_document", args=["xlsx"])
    assert client.get(url).status_code == 302


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get(ACTIVITY).status_code == 302
    assert client.get(USAGE).status_code == 302


@pytest.fixture
def school_loans(centre, school, other_school, teacher):
    unit = UnitFactory(equipment=EquipmentFactory(owning_centre=centre, name="Loftlift"))
    other_teacher = member(other_school, Role.TEACHER, email="laerer@klitrosen.example")
    today = timezone.localdate()
    loan(unit, school, teacher, today - timedelta(days=3), today - timedelta(days=2), students=11)
    loan(unit, other_school, other_teacher, today - timedelta(days=1), today, students=22)


def test_a_coordinator_sees_only_the_own_schools_usage(client, coordinator, school, school_loans):
    client.force_login(coordinator)
    response = client.get(USAGE, {"group": "month"})
    assert response.status_code == 200
    rows = response.context["object_list"]
    assert sum(row.students for row in rows) == 11
    assert client.get(USAGE, {"group": "school"}).status_code == 200  # not offered: falls back
    assert "Klitrosen" not in client.get(USAGE, {"group": "school"}).content.decode()


def test_a_coordinator_asking_for_another_school_or_a_centre_is_refused(
    client, coordinator, other_school, centre, school_loans
):
    client.force_login(coordinator)
    assert refused(client.get(USAGE, {"school": other_school.slug}))
    assert refused(client.get(USAGE, {"centre": centre.slug}))


def test_staff_see_every_schools_usage_of_their_centres_equipment(client, staff, school_loans):
    client.force_login(staff)
    response = client.get(USAGE, {"group": "school"})
    assert response.status_code == 200
    assert {row.label: row.students for row in response.context["object_list"]} == {
        "Kildebakken SOSU-skole": 11,
        "Klitrosen SOSU-skole": 22,
    }


def test_the_other_centres_staff_cannot_see_this_centres_usage(client, other_staff, centre, school_loans):
    client.force_login(other_staff)
    assert refused(client.get(USAGE, {"centre": centre.slug}))
    response = client.get(USAGE, {"group": "school"})
    assert response.context["object_list"] == []


# --- the report data they type in --------------------------------------------------------------------


def test_a_leader_adds_a_target_for_the_own_centre(client, leader, centre):
    client.force_login(leader)
    response = client.post(
        reverse("report_targets:add"),
        {"centre": centre.pk, "measure": "bridge_requests", "year": "2026", "minimum": "5", "note": ""},
    )
    assert response.status_code == 302
    assert Target.objects.get().centre == centre


def test_a_leader_cannot_add_or_change_the_other_centres_targets(client, leader, other_centre):
    client.force_login(leader)
    response = client.post(
        reverse("report_targets:add"),
        {"centre": other_centre.pk, "measure": "bridge_requests", "year": "2026", "minimum": "5"},
    )
    assert response.status_code == 200 and "centre" in response.context["form"].errors
    theirs = Target.objects.create(centre=other_centre, measure="surveys", year=2021, minimum=2)
    assert refused(client.get(reverse("report_targets:edit", args=[theirs.pk])))
    assert str(theirs) not in client.get(reverse("report_targets:index")).content.decode()


def test_a_target_without_any_lower_end_is_explained(client, leader, centre):
    client.force_login(leader)
    response = client.post(
        reverse("report_targets:add"), {"centre": centre.pk, "measure": "surveys", "year": "2026", "maximum": "3"}
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert not Target.objects.exists()


def test_a_survey_cannot_have_more_relevant_answers_than_respondents(client, staff, centre):
    client.force_login(staff)
    response = client.post(
        reverse("report_surveys:add"),
        {
            "centre": centre.pk,
            "held_on": "2026-03-01",
            "topic": "Materialer",
            "respondents": "10",
            "rated_relevant": "11",
        },
    )
    assert response.status_code == 200 and "rated_relevant" in response.context["form"].errors
    assert not Survey.objects.exists()


def test_coordinators_cannot_open_the_report_data(client, coordinator):
    client.force_login(coordinator)
    assert refused(client.get(reverse("report_targets:index")))
    assert refused(client.get(reverse("report_surveys:add")))


def test_the_admin_menu_offers_each_role_its_reports(client, leader, coordinator):
    client.force_login(leader)
    menu = client.get("/admin/").content.decode()
    assert ACTIVITY in menu and USAGE in menu and reverse("report_targets:index") in menu
    client.force_login(coordinator)
    menu = client.get("/admin/").content.decode()
    assert USAGE in menu
    assert ACTIVITY not in menu and reverse("report_targets:index") not in menu
