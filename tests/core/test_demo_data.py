import pytest
from django.core.management import call_command

from videnscenter import rules
from videnscenter.models import Membership, Organisation, Role, User

pytestmark = pytest.mark.django_db


def test_demo_data_builds_the_organisations_and_is_safe_to_run_twice():
    call_command("load_demo_data")
    counts = (User.objects.count(), Organisation.objects.count(), Membership.objects.count())
    call_command("load_demo_data")
    assert (User.objects.count(), Organisation.objects.count(), Membership.objects.count()) == counts

    assert Organisation.objects.centres().count() == 2
    schools = Organisation.objects.schools()
    assert schools.count() == 13
    assert set(schools.values_list("region", flat=True)) == set(Organisation.Region.values)
    for school in schools:
        assert Membership.objects.confirmed().filter(organisation=school, role=Role.COORDINATOR).exists()
        assert Membership.objects.confirmed().filter(organisation=school, role=Role.TEACHER).count() >= 3
        assert school.email_domains.exists()
    assert User.objects.filter(is_superuser=True, email="admin@videnscenter.example").exists()


def test_demo_logins_work_with_the_documented_password(client):
    from videnscenter.demo import DEMO_PASSWORD

    call_command("load_demo_data")
    readme = (__import__("pathlib").Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert DEMO_PASSWORD in readme
    for email in [
        "koordinator@kildebakken.example",
        "laerer1@kildebakken.example",
        "personale@oest.videnscenter.example",
    ]:
        assert email in readme
        response = client.post("/konto/log-ind/", {"username": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        client.post("/konto/log-ud/")
    teacher = User.objects.get(email="laerer1@kildebakken.example")
    assert rules.allowed(teacher, "organisation.book", Organisation.objects.get(slug="kildebakken"))
