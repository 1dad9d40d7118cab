"""School requests: the portal form for SOSU schools, and the staff's inbox in the admin."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from cms.models import SchoolRequest
from cms.school_requests import services
from videnscenter.errors import ServiceError

pytestmark = pytest.mark.django_db

FORM = reverse("cms:school_request")
MESSAGE = "Vi vil gerne have brobygningsmateriale til 9. klasse."


def send(client, school, **data):
    return client.post(FORM, {"school": school.pk, "topic": "bridge_building", "message": MESSAGE, **data})


def test_a_teacher_sends_a_request_to_the_schools_home_centre(client, teacher, school, centre):
    client.force_login(teacher)
    response = send(client, school)
    assert response.status_code == 302
    request = SchoolRequest.objects.get()
    assert (request.school, request.centre, request.topic, request.sender) == (
        school,
        centre,
        "bridge_building",
        teacher,
    )
    assert request.status == SchoolRequest.Status.NEW and request.email == teacher.email


def test_visitors_must_log_in_and_cannot_send(client, school):
    page = client.get(FORM)
    assert page.status_code == 200 and reverse("accounts:login") in page.content.decode()
    send(client, school)
    assert not SchoolRequest.objects.exists()


def test_a_teacher_cannot_send_for_another_school(client, teacher, other_school):
    client.force_login(teacher)
    response = send(client, other_school)
    assert response.status_code == 200
    assert not SchoolRequest.objects.exists()
    with pytest.raises(ServiceError):
        services.school_request_send(sender=teacher, school=other_school, topic="other", message=MESSAGE)


def test_staff_and_pending_teachers_cannot_send(client, staff, pending_teacher, school):
    for person in (staff, pending_teacher):
        client.force_login(person)
        send(client, school)
    assert not SchoolRequest.objects.exists()


@pytest.mark.parametrize("data", [{"topic": "spam"}, {"message": "Hej"}, {"message": ""}])
def test_bad_input_is_explained_and_changes_nothing(client, teacher, school, data):
    client.force_login(teacher)
    response = send(client, school, **data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not SchoolRequest.objects.exists()


def test_at_most_five_requests_a_day_per_person(teacher, school):
    for _ in range(5):
        services.school_request_send(sender=teacher, school=school, topic="other", message=MESSAGE)
    with translation.override("en"), pytest.raises(ServiceError, match="five requests today"):
        services.school_request_send(sender=teacher, school=school, topic="other", message=MESSAGE)
    assert SchoolRequest.objects.count() == 5


@pytest.fixture
def received(teacher, school):
    return services.school_request_send(sender=teacher, school=school, topic="bridge_building", message=MESSAGE)


def test_the_home_centres_staff_see_it_in_the_inbox_and_mark_it_handled(client, staff, received):
    client.force_login(staff)
    inbox = client.get(reverse("school_requests:index"))
    assert inbox.status_code == 200 and "Kildebakken" in inbox.content.decode()
    url = reverse("school_request_handle", args=[received.pk])
    assert url in inbox.content.decode()
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    received.refresh_from_db()
    assert (received.status, received.handled_by) == (SchoolRequest.Status.HANDLED, staff)
    assert ModelLogEntry.objects.filter(action=services.HANDLED_ACTION, object_id=str(received.pk)).exists()


def test_handling_twice_says_so_and_changes_nothing(staff, received):
    services.school_request_handle(actor=staff, request=received)
    with translation.override("en"), pytest.raises(ServiceError, match="already been handled"):
        services.school_request_handle(actor=staff, request=received)


def test_the_other_centres_staff_and_coordinators_cannot_see_or_handle_it(client, other_staff, coordinator, received):
    client.force_login(other_staff)
    assert "Kildebakken" not in client.get(reverse("school_requests:index")).content.decode()
    client.post(reverse("school_request_handle", args=[received.pk]))
    client.force_login(coordinator)
    client.post(reverse("school_request_handle", args=[received.pk]))
    received.refresh_from_db()
    assert received.status == SchoolRequest.Status.NEW


def test_requests_cannot_be_written_or_edited_in_the_admin(client, staff, received):
    client.force_login(staff)
    assert client.get(reverse("school_requests:add")).status_code == 302
    assert client.get(reverse("school_requests:edit", args=[received.pk])).status_code == 302


def test_the_teaching_materials_section_links_to_the_form(client):
    from cms.models import TeachingMaterialIndexPage

    assert FORM in client.get(TeachingMaterialIndexPage.objects.get().url).content.decode()
