"""Site search across pages, videos, podcast episodes and equipment."""

import pytest

from tests.factories import EquipmentFactory, PodcastEpisodeFactory, VideoFactory

from .helpers import news

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(centre):
    lift = EquipmentFactory(name="Loftlift Molift", slug="loftlift-molift", summary="Loftlift til forflytning")
    return {
        "news": news("Loftliften kommer til Kildebakken", slug="loftlift-nyhed", intro="Nyt udstyr til forflytning."),
        "video": VideoFactory(title="Sådan bruger du en loftlift", equipment=[lift]),
        "draft": VideoFactory(title="Loftlift kladde", live=False),
        "episode": PodcastEpisodeFactory(title="Livet med en loftlift"),
        "hidden": EquipmentFactory(name="Loftlift gammel", slug="loftlift-gammel", is_active=False),
        "lift": lift,
    }


def _search(client, query: str):
    response = client.get("/soeg/", {"q": query})
    assert response.status_code == 200
    return dict(response.context["groups"]), response


def test_search_finds_pages_videos_episodes_and_equipment(client, content):
    groups, response = _search(client, "loftlift")
    assert content["news"].title in [p.title for p in groups["pages"]]
    assert [v.title for v in groups["videos"]] == ["Sådan bruger du en loftlift"]
    assert [e.title for e in groups["episodes"]] == ["Livet med en loftlift"]
    assert [e.name for e in groups["equipment"]] == ["Loftlift Molift"]
    html = response.content.decode()
    assert content["video"].get_absolute_url() in html and "/udstyr/loftlift-molift/" in html


def test_search_leaves_out_drafts_and_hidden_equipment(client, content):
    groups, response = _search(client, "loftlift")
    html = response.content.decode()
    assert "Loftlift kladde" not in html
    assert "Loftlift gammel" not in html


def test_unpublished_pages_are_not_found(client, content):
    content["news"].unpublish()
    groups, _ = _search(client, "Kildebakken")
    assert "pages" not in groups


def test_an_empty_search_shows_the_form_only(client, content):
    groups, response = _search(client, "   ")
    assert groups == {}
    assert 'name="q"' in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ['"loftlift', "loftlift AND OR NOT", "-", "*", "' OR 1=1 --", "<script>alert(1)</script>", "x" * 5000, "ø:æ&|!"],
)
def test_hostile_queries_never_break_the_search(client, content, query):
    response = client.get("/soeg/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_header_search_box_is_on_every_page(client):
    html = client.get("/udstyr/").content.decode()
    assert 'role="search"' in html and 'action="/soeg/"' in html


@pytest.mark.postgres
def test_postgres_search_understands_danish_word_forms(client, centre):
    VideoFactory(title="Robotten hjælper ved måltidet")
    groups, _ = _search(client, "robotter")
    assert [v.title for v in groups["videos"]] == ["Robotten hjælper ved måltidet"]
