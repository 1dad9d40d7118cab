"""Page types: where each may be created, how they are routed, and who may publish them."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from cms.models import (
    ContentPage,
    EventIndexPage,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PartnerIndexPage,
    TeachingMaterialIndexPage,
    TeachingMaterialPage,
)
from tests.factories import add_page

from .helpers import event, home, material, news

pytestmark = pytest.mark.django_db

ALLOWED = {
    HomePage: set(),  # only the one created by the migration, at the root
    ContentPage: {HomePage, ContentPage},
    NewsIndexPage: {HomePage},
    NewsPage: {NewsIndexPage},
    EventIndexPage: {HomePage},
    EventPage: {EventIndexPage},
    PartnerIndexPage: {HomePage},
    TeachingMaterialIndexPage: {HomePage},
    TeachingMaterialPage: {TeachingMaterialIndexPage},
}


def _parents() -> dict[type, Page]:
    about = add_page(home(), ContentPage(title="Om os"))
    return {
        HomePage: home(),
        ContentPage: about,
        NewsIndexPage: NewsIndexPage.objects.get(),
        EventIndexPage: EventIndexPage.objects.get(),
        PartnerIndexPage: PartnerIndexPage.objects.get(),
        TeachingMaterialIndexPage: TeachingMaterialIndexPage.objects.get(),
    }


def test_each_page_type_can_only_be_created_where_it_belongs():
    parents = _parents()
    # The sections exist once, so a second index may not be added even under the home page.
    singletons = {NewsIndexPage, EventIndexPage, PartnerIndexPage, TeachingMaterialIndexPage, HomePage}
    for page_type, allowed_parents in ALLOWED.items():
        for parent_type, parent in parents.items():
            expected = parent_type in allowed_parents and page_type not in singletons
            assert page_type.can_create_at(parent) is expected, (page_type.__name__, parent_type.__name__)


def test_sections_are_allowed_under_home_by_type():
    assert {NewsIndexPage, EventIndexPage, PartnerIndexPage, TeachingMaterialIndexPage} <= set(
        HomePage.allowed_subpage_models()
    )


def test_the_admin_refuses_a_news_article_outside_the_news_section(client, staff):
    client.force_login(staff)
    url = reverse("wagtailadmin_pages:add", args=["cms", "newspage", home().pk])
    assert client.get(url).status_code in (302, 403)  # Wagtail sends the editor back with a message
    assert client.post(url, {"title": "Forkert sted", "slug": "forkert"}).status_code in (302, 403)
    assert not NewsPage.objects.filter(slug="forkert").exists()
    ok = reverse("wagtailadmin_pages:add", args=["cms", "newspage", NewsIndexPage.objects.get().pk])
    assert client.get(ok).status_code == 200


def test_sections_are_routed_under_danish_slugs(client):
    for path in ("/", "/nyheder/", "/arrangementer/", "/partnere/", "/undervisningsmaterialer/"):
        assert client.get(path).status_code == 200, path


def test_pages_are_routed_under_their_section(client, centre):
    article = news()
    coming = event()
    course = material(centre)
    assert article.url == f"/nyheder/{article.slug}/" and article.slug.isascii()
    assert coming.url.startswith("/arrangementer/")
    assert course.url.startswith("/undervisningsmaterialer/")
    for page in (article, coming, course):
        assert client.get(page.url).status_code == 200


def test_a_draft_page_is_not_public(client):
    article = news("Hemmelig nyhed")
    article.unpublish()
    assert client.get("/nyheder/hemmelig-nyhed/").status_code == 404
    assert "Hemmelig nyhed" not in client.get("/nyheder/").content.decode()


def test_the_main_navigation_links_to_the_sections(client):
    html = client.get("/").content.decode()
    for url in ("/udstyr/", "/videoer/", "/nyheder/", "/arrangementer/", "/partnere/", "/undervisningsmaterialer/"):
        assert f'href="{url}"' in html, url


def test_the_navigation_leaves_out_an_unpublished_section(client):
    NewsIndexPage.objects.get().unpublish()
    assert 'href="/nyheder/"' not in client.get("/").content.decode()


def test_home_shows_latest_news_and_coming_events(client):
    news("Nyhed nummer et")
    event("Torsdagspanel om robotter", event_type=EventPage.EventType.TORSDAGSPANEL)
    event("Gammelt arrangement", days=-30)
    html = client.get("/").content.decode()
    assert "Nyhed nummer et" in html
    assert "Torsdagspanel om robotter" in html
    assert "Gammelt arrangement" not in html


def test_event_must_end_after_it_starts_and_have_a_place():
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    start = timezone.now()
    page = EventPage(title="x", event_type="webinar", intro="x", start=start, end=start)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert {"end", "location"} <= set(error.value.message_dict)


# --- who may publish -------------------------------------------------------------------------------


def _edit(client, page, action: str | None):
    data = {"title": page.title + " (rettet)", "slug": page.slug, "intro": page.intro, "date": "2031-01-01"}
    data.update({"body-count": "0"})
    if action:
        data[action] = "1"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_centre_staff_publish_pages(client, staff):
    article = news()
    client.force_login(staff)
    response = _edit(client, article, "action-publish")
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.live and article.title.endswith("(rettet)")


def test_coordinators_save_drafts_and_submit_but_cannot_publish(client, coordinator):
    article = news()
    client.force_login(coordinator)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).status_code == 200
    _edit(client, article, "action-publish")
    article.refresh_from_db()
    assert article.title == "Ny robot på besøg"  # the live version is untouched
    assert article.has_unpublished_changes
    assert article.get_latest_revision().content["title"].endswith("(rettet)")
    _edit(client, article, "action-submit")
    article.refresh_from_db()
    assert article.workflow_in_progress
    assert article.title == "Ny robot på besøg"


def test_teachers_and_leaders_cannot_edit_pages(client, teacher, leader):
    article = news()
    for person in (teacher, leader):
        client.force_login(person)
        response = _edit(client, article, "action-publish")
        assert response.status_code in (302, 403)
        article.refresh_from_db()
        assert article.title == "Ny robot på besøg"


def test_losing_the_staff_role_takes_away_publishing(staff, centre):
    from videnscenter.models import Membership
    from videnscenter.services import editor_groups_sync

    assert staff.groups.filter(name="Redaktører").exists()
    Membership.objects.filter(user=staff).delete()
    editor_groups_sync(user=staff)
    assert not staff.groups.exists()
