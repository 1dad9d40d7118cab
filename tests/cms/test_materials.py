"""Teaching materials: downloads counted per year, and the evaluation offered after a download."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from cms import services
from cms.models import DownloadCount, MaterialEvaluation
from videnscenter.helpers.counters import Visitor

from .helpers import home, material

pytestmark = pytest.mark.django_db

BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (Windows NT 10.0) Firefox/130.0"}


@pytest.fixture
def course(centre):
    return material(centre, files=2)


def _download(client, file, **headers):
    return client.get(reverse("cms:material_download", args=[file.pk]), **{**BROWSER, **headers})


def _downloads(file) -> int:
    row = DownloadCount.objects.filter(file=file, year=timezone.localdate().year).first()
    return row.downloads if row else 0


def _evaluate(client, page, **data):
    url = reverse("cms:material_evaluate", args=[page.pk])
    return client.post(url, {"rating": "4", "usable": "yes", "comment": "Godt forløb", **data}, **BROWSER)


def test_material_page_lists_teacher_guide_and_files(client, course):
    html = client.get(course.url).content.decode()
    assert "Lærervejledning" in html and "Opgave 0" in html and "Opgave 1" in html
    for file in course.files.all():
        assert reverse("cms:material_download", args=[file.pk]) in html


def test_download_sends_the_file_and_counts_it_once_per_visitor_and_day(client, course):
    file = course.files.first()
    client.get(course.url, **BROWSER)  # the page starts the visitor's session
    response = _download(client, file)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert _downloads(file) == 1
    _download(client, file)
    assert _downloads(file) == 1
    _download(client, course.files.last())
    assert _downloads(course.files.last()) == 1


def test_a_script_without_a_session_downloads_but_is_not_counted(course):
    from django.test import Client

    file = course.files.first()
    for _ in range(5):
        assert _download(Client(), file).status_code == 200
    assert _downloads(file) == 0


def test_downloads_are_counted_per_file_and_per_year(course):
    first, second = course.files.all()[:2]
    for day, visitor in (
        (date(2030, 12, 31), "a"),
        (date(2031, 1, 1), "a"),
        (date(2031, 6, 1), "a"),
        (date(2031, 6, 1), "a"),
    ):
        services.material_download_record(file=first, today=day, visitor=Visitor(visitor * 64))
    counts = dict(DownloadCount.objects.filter(file=first).values_list("year", "downloads"))
    assert counts == {2030: 1, 2031: 2}
    assert not DownloadCount.objects.filter(file=second).exists()


def test_crawlers_do_not_count_as_downloads(client, course):
    file = course.files.first()
    client.get(course.url, **BROWSER)
    _download(client, file, HTTP_USER_AGENT="Googlebot/2.1 (+http://www.google.com/bot.html)")
    assert _downloads(file) == 0


def test_files_of_unpublished_materials_cannot_be_downloaded(client, course):
    file = course.files.first()
    course.unpublish()
    assert _download(client, file).status_code == 404
    assert _download(client, type("F", (), {"pk": 999999})()).status_code == 404
    assert _downloads(file) == 0


def test_evaluation_is_offered_only_after_a_download(client, course):
    before = client.get(course.url).content.decode()
    assert 'id="evaluering"' in before and "data-offer-after-download" in before  # hidden until a download
    _download(client, course.files.first())
    after = client.get(course.url).content.decode()
    assert "data-offer-after-download" not in after
    assert 'name="rating"' in after


def test_the_evaluation_form_posts_to_its_own_url(client, course):
    _download(client, course.files.first())
    html = client.get(course.url).content.decode()
    assert f'action="{reverse("cms:material_evaluate", args=[course.pk])}#evaluering"' in html


def test_a_valid_evaluation_is_stored(client, course):
    _download(client, course.files.first())
    response = _evaluate(client, course)
    assert response.status_code == 302
    evaluation = MaterialEvaluation.objects.get()
    assert (evaluation.material_id, evaluation.rating, evaluation.usable, evaluation.comment) == (
        course.pk,
        4,
        "yes",
        "Godt forløb",
    )
    page = client.get(response["Location"]).content.decode()
    assert "Tak for din evaluering" in page
    assert "allerede evalueret" in page  # the form is not offered again


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rating": "7"}, "Vælg mellem 1 og 5 stjerner"),
        ({"rating": ""}, "Vælg mellem 1 og 5 stjerner"),
        ({"rating": "fire"}, "Vælg mellem 1 og 5 stjerner"),
        ({"usable": "maybe"}, "Fortæl os, om du kan bruge det"),
        ({"comment": "x" * 2001}, "2000"),
    ],
)
def test_an_invalid_evaluation_is_refused_in_danish_and_changes_nothing(client, course, data, message):
    _download(client, course.files.first())
    response = _evaluate(client, course, **data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert not MaterialEvaluation.objects.exists()
    # The material page itself is shown again, with the answers kept for correcting.
    assert "cms/teaching_material_page.html" in [t.name for t in response.templates]
    assert course.title in html and "Opgave 0" in html
    assert data.get("comment", "Godt forløb") in html


def test_an_evaluation_of_a_page_that_is_not_a_published_material_is_not_found(client, course):
    _download(client, course.files.first())
    assert _evaluate(client, home()).status_code == 404
    assert _evaluate(client, type("P", (), {"pk": 999999})()).status_code == 404
    course.unpublish()
    assert _evaluate(client, course).status_code == 404
    assert not MaterialEvaluation.objects.exists()


def test_the_evaluation_url_takes_only_posts(client, course):
    assert client.get(reverse("cms:material_evaluate", args=[course.pk])).status_code == 405


def test_an_evaluation_submitted_twice_counts_once(client, course):
    _download(client, course.files.first())
    _evaluate(client, course)
    response = _evaluate(client, course, rating="1", comment="Dobbeltklik")
    assert MaterialEvaluation.objects.count() == 1
    assert MaterialEvaluation.objects.get().rating == 4
    assert "allerede evalueret" in client.get(response["Location"]).content.decode()


def test_an_evaluation_without_a_download_is_refused(client, course):
    response = _evaluate(client, course)
    assert not MaterialEvaluation.objects.exists()
    assert "Hent materialet" in client.get(response["Location"]).content.decode()


def test_a_logged_in_teacher_evaluates_once_across_browsers(client, course, teacher, django_user_model):
    from django.test import Client

    for browser in (client, Client()):
        browser.force_login(teacher)
        _download(browser, course.files.first())
        _evaluate(browser, course)
    assert MaterialEvaluation.objects.filter(user=teacher).count() == 1


def test_two_people_may_each_evaluate_and_both_count(client, course, teacher, coordinator):
    from django.test import Client

    for browser, person in ((client, teacher), (Client(), coordinator)):
        browser.force_login(person)
        _download(browser, course.files.first())
        _evaluate(browser, course)
    assert MaterialEvaluation.objects.filter(counted=True).count() == 2
    html = client.get(course.url).content.decode()
    assert "4,0 af 5 stjerner (2 evalueringer)" in html


def test_anonymous_evaluations_are_kept_but_never_counted(course):
    """A fresh browser session may evaluate again; so anonymous answers count neither in the report nor in the stars."""
    from django.test import Client

    for _ in range(3):
        browser = Client()
        _download(browser, course.files.first())
        _evaluate(browser, course, rating="1")
    assert MaterialEvaluation.objects.count() == 3
    assert not MaterialEvaluation.objects.filter(counted=True).exists()
    assert "af 5 stjerner" not in Client().get(course.url).content.decode()


def test_staff_read_evaluations_in_the_admin_but_cannot_write_them(client, course, staff, teacher):
    MaterialEvaluation.objects.create(material=course, rating=2, usable="partly", comment="For langt", respondent="a")
    client.force_login(staff)
    listing = client.get(reverse("evaluations:index"))
    assert listing.status_code == 200 and "For langt" in listing.content.decode()
    assert client.get(reverse("evaluations:add")).status_code in (302, 403)
    evaluation = MaterialEvaluation.objects.get()
    assert client.get(reverse("evaluations:edit", args=[evaluation.pk])).status_code in (302, 403)
    client.force_login(teacher)
    assert client.get(reverse("evaluations:index")).status_code == 302  # teachers have no admin
