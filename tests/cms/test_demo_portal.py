"""The demo portal: content pages using every block, news, a year of events, partners and materials."""

import io
from datetime import time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision
from wagtail.search.backends import get_search_backend

from catalogue.demo import load_catalogue
from cms.blocks import BodyBlock
from cms.demo import load_portal
from cms.models import (
    ContentPage,
    DownloadCount,
    EventPage,
    HomePage,
    MaterialEvaluation,
    NewsPage,
    Partner,
    TeachingMaterialFile,
    TeachingMaterialPage,
)
from media.demo import load_library
from media.models import Audience
from videnscenter.demo import load_people
from videnscenter.models import Organisation, User

pytestmark = pytest.mark.django_db
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def _counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "partners": Partner.objects.count(),
        "partner_schools": Partner.schools.through.objects.count(),
        "event_municipalities": EventPage.municipalities.through.objects.count(),
        "files": TeachingMaterialFile.objects.count(),
        "documents": get_document_model().objects.count(),
        "downloads": DownloadCount.objects.count(),
        "evaluations": MaterialEvaluation.objects.count(),
        "organisations": Organisation.objects.count(),
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load everything the portal needs once for the module, then the portal a second time."""
    media_root = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root), transaction.atomic():
        load_people()
        load_catalogue()
        load_library()
        load_portal()
        first = _counts()
        stdout = io.StringIO()
        load_portal(stdout=stdout)
        yield SimpleNamespace(media_root=media_root, first=first, second=_counts(), stdout=stdout.getvalue())
        transaction.set_rollback(True)


def _block_types(pages) -> set[str]:
    return {block.block_type for page in pages for block in page.body}


def test_running_the_loader_again_creates_nothing(demo):
    assert demo.second == demo.first
    assert demo.stdout.startswith("Portal: 0 content pages, 0 news, 0 events, 0 teaching materials created; 0 partners")


def test_every_demo_page_is_published_through_a_revision(demo):
    pages = Page.objects.type(ContentPage, NewsPage, EventPage, TeachingMaterialPage)
    assert pages.count() >= 4 + 12 + 24 + 12
    assert not pages.filter(live=False).exists()
    assert not pages.filter(live_revision=None).exists()
    assert not pages.filter(has_unpublished_changes=True).exists()


def test_home_page_has_an_introduction_and_a_body(demo):
    home = HomePage.objects.get()
    assert home.intro and "<h2>" in home.body and home.live_revision_id


def test_content_pages_use_every_block_type_and_images_have_alt_text(demo):
    pages = list(ContentPage.objects.child_of(HomePage.objects.get()).live())
    assert 3 <= len(pages) <= 5
    assert _block_types(pages) == set(BodyBlock().child_blocks)
    for page in pages:
        for block in page.body:
            if block.block_type == "image":
                assert block.value["image"].contextual_alt_text, page
            if block.block_type == "call_to_action":
                assert block.value["page"] is not None and not block.value["url"], page
            if block.block_type in ("video", "equipment"):
                assert next(iter(block.value.values())) is not None, page
        Page.objects.get(pk=page.pk).specific.full_clean()


def test_about_a_dozen_news_articles_from_the_last_months_some_with_images(demo):
    news = NewsPage.objects.live()
    today = timezone.localdate()
    assert news.count() == 12
    assert all(today - timedelta(days=180) <= page.date <= today for page in news)
    assert news.exclude(image=None).count() >= 4
    assert not news.filter(centre=None).exists()
    for page in news.exclude(image=None):
        assert page.image.description  # used as alt text


def test_a_year_of_tech_timen_and_torsdagspanel_with_coming_events(demo):
    now = timezone.now()
    tech = list(EventPage.objects.filter(event_type=EventPage.EventType.TECH_TIMEN).order_by("start"))
    panels = list(EventPage.objects.filter(event_type=EventPage.EventType.TORSDAGSPANEL).order_by("start"))
    assert len(tech) >= 10 and len(panels) >= 18 and len(tech) + len(panels) >= 24
    for series in (tech, panels):
        assert (series[-1].start - series[0].start).days >= 300
        assert sum(event.start > now for event in series) >= 5
        assert sum(event.start < now for event in series) >= 5
    for event in tech:
        local = event.start.astimezone(COPENHAGEN)
        assert local.weekday() == 1 and local.day <= 7 and local.time() == time(14), event
        assert event.online_url and event.end - event.start == timedelta(hours=1), event
    for event in panels:
        local = event.start.astimezone(COPENHAGEN)
        assert local.weekday() == 3 and local.time() == time(15), event
        assert event.host_school.kind == Organisation.Kind.SCHOOL and event.location and event.online_url, event
        assert event.host_school.name in event.location and event.municipalities.exists(), event
        assert event.centre_id == event.host_school.home_centre_id, event


def test_events_cover_every_type_audience_and_have_valid_times(demo):
    events = EventPage.objects.all()
    assert set(events.values_list("event_type", flat=True)) == set(EventPage.EventType.values)
    assert set(events.values_list("audience", flat=True)) == set(Audience.values)
    assert EventPage.objects.filter(municipalities__kind=Organisation.Kind.MUNICIPALITY).distinct().count() >= 10
    for event in events:
        assert timezone.is_aware(event.start) and event.end > event.start, event
        assert event.location or event.online_url, event
        assert event.centre_id, event


def test_fifteen_partners_of_every_type_scope_form_and_status(demo):
    partners = Partner.objects.all()
    assert partners.count() == 15
    assert set(partners.values_list("partner_type", flat=True)) == set(Partner.Type.values)
    assert set(partners.values_list("scope", flat=True)) == set(Partner.Scope.values)
    assert set(partners.values_list("engagement", flat=True)) == set(Partner.Engagement.values)
    assert set(partners.values_list("status", flat=True)) == set(Partner.Status.values)
    assert set(partners.values_list("centre__slug", flat=True)) == {"videnscenter-oest", "videnscenter-vest"}
    assert partners.exclude(schools=None).distinct().count() >= 8
    today = timezone.localdate()
    for partner in partners:
        partner.full_clean()
        assert partner.logo_id
        if partner.status == Partner.Status.ENDED:
            assert partner.end < today, partner
        if partner.status == Partner.Status.PLANNED:
            assert partner.start > today, partner


def test_twelve_materials_each_with_a_teacher_guide_and_pdf_files(demo, settings):
    settings.MEDIA_ROOT = demo.media_root
    materials = TeachingMaterialPage.objects.live()
    assert materials.count() == 12
    assert set(materials.values_list("audience", flat=True)) >= {Audience.STUDENTS, Audience.TEACHERS, Audience.LEADERS}
    for material in materials:
        files = list(material.files.select_related("document"))
        assert [f.kind for f in files].count(TeachingMaterialFile.Kind.TEACHER_GUIDE) == 1, material
        assert 2 <= len(files) <= 4, material
        assert material.lessons and material.programmes.exists(), material
        with files[0].document.open_file() as pdf:
            assert pdf.read(8) == b"%PDF-1.4"
    assert DownloadCount.objects.filter(year=timezone.localdate().year).count() >= 12
    assert MaterialEvaluation.objects.count() == 20
    assert MaterialEvaluation.objects.values("material").distinct().count() >= 10
    assert {len(respondent) for respondent in MaterialEvaluation.objects.values_list("respondent", flat=True)} == {64}


def test_demo_pages_render_for_the_public_and_open_in_the_admin(demo, client):
    samples = [
        HomePage.objects.get(),
        *ContentPage.objects.all(),
        NewsPage.objects.exclude(image=None).first(),
        EventPage.objects.filter(event_type=EventPage.EventType.TORSDAGSPANEL).first(),
        TeachingMaterialPage.objects.first(),
    ]
    for url in [page.url for page in samples] + [
        "/nyheder/",
        "/arrangementer/",
        "/partnere/",
        "/undervisningsmaterialer/",
    ]:
        assert client.get(url).status_code == 200, url
    client.force_login(User.objects.get(email="admin@videnscenter.example"))
    for page in samples:
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200, page
    partner = Partner.objects.first()
    assert client.get(f"/admin/snippets/cms/partner/edit/{partner.pk}/").status_code == 200


def test_demo_pages_are_in_the_search_index(demo):
    results = get_search_backend().search("Torsdagspanel", EventPage)
    assert len(list(results)) >= 10
