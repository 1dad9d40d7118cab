"""The demo video library and podcast: ~250 films over every category, captions, the podcast "Livet!"."""

import io
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Revision
from wagtail.search.backends import get_search_backend

from catalogue.demo import load_catalogue
from catalogue.models import Equipment
from media.demo import load_library
from media.models import (
    Audience,
    PodcastEpisode,
    PodcastSeries,
    Video,
    VideoCategory,
    VideoViewCount,
    validate_webvtt,
    youtube_id_from_url,
)
from videnscenter.demo import load_people
from videnscenter.models import User

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        "videos": Video.objects.count(),
        "categories": VideoCategory.objects.count(),
        "video_categories": Video.categories.through.objects.count(),
        "video_equipment": Video.equipment.through.objects.count(),
        "views": VideoViewCount.objects.count(),
        "series": PodcastSeries.objects.count(),
        "episodes": PodcastEpisode.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load people, catalogue and library once for the module (twice, to see the second run change nothing)."""
    media_root = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root), transaction.atomic():
        load_people()
        load_catalogue()
        load_library()
        first, files = _counts(), sorted(path for path in media_root.rglob("*") if path.is_file())
        stdout = io.StringIO()
        load_library(stdout=stdout)
        second = _counts()
        yield SimpleNamespace(media_root=media_root, first=first, second=second, files=files, stdout=stdout.getvalue())
        transaction.set_rollback(True)


def test_running_the_loader_again_creates_nothing(demo):
    assert demo.second == demo.first
    assert "(0 new)" in demo.stdout
    assert sorted(path for path in demo.media_root.rglob("*") if path.is_file()) == demo.files


def test_about_250_live_videos_spread_over_all_twelve_categories(demo):
    assert 240 <= Video.objects.count() <= 260
    assert VideoCategory.objects.count() == 12
    per_category = dict(VideoCategory.objects.annotate(n=Count("videos")).values_list("slug", "n"))
    assert min(per_category.values()) >= 5, per_category
    assert Video.objects.filter(live=True, has_unpublished_changes=False).count() == Video.objects.count()
    assert not Video.objects.filter(first_published_at=None).exists()
    assert not Video.objects.filter(poster=None).exists()
    assert Video.objects.values("poster").distinct().count() == 12
    assert 6 <= Video.objects.filter(featured=True).count() <= 10
    assert set(Video.objects.values_list("audience", flat=True)) == set(Audience.values)
    assert set(Video.objects.values_list("centre__slug", flat=True)) == {"videnscenter-oest", "videnscenter-vest"}


def test_every_video_has_a_youtube_link_a_transcript_and_one_or_two_pieces_of_equipment(demo):
    for video in Video.objects.annotate(n=Count("equipment")):
        assert re.fullmatch(r"[A-Za-z0-9_-]{11}", video.youtube_id), video
        assert youtube_id_from_url(video.youtube_url) == video.youtube_id, video
        assert video.description.startswith("<p>") and video.transcript.count(".") >= 3, video
        assert timedelta(minutes=2) <= video.duration <= timedelta(minutes=10), video
        assert 1 <= video.n <= 2, video
    assert Video.objects.annotate(n=Count("equipment")).filter(n=2).count() >= 5


def test_every_demo_equipment_has_at_least_one_video(demo):
    assert Equipment.objects.count() >= 40
    assert not Equipment.objects.filter(videos=None).exists()


def test_captions_are_small_webvtt_files_with_four_to_six_cues(demo, settings):
    settings.MEDIA_ROOT = demo.media_root
    assert not Video.objects.filter(captions="").exists()
    for video in Video.objects.order_by("pk")[::25]:
        with video.captions.open("rb") as captions:
            data = captions.read()
        validate_webvtt(ContentFile(data, name="x.vtt"))
        assert data.startswith(b"WEBVTT\n")
        assert 4 <= data.count(b" --> ") <= 6, video


def test_the_podcast_livet_has_ten_short_episodes_from_the_last_year(demo, settings):
    settings.MEDIA_ROOT = demo.media_root
    series = PodcastSeries.objects.get(name="Livet!")
    assert series.description and series.cover_id
    episodes = list(series.episodes.order_by("number"))
    assert [episode.number for episode in episodes] == list(range(1, 11))
    today = timezone.localdate()
    for episode in episodes:
        assert episode.live and episode.transcript.count("\n") >= 5, episode
        assert today - timedelta(days=366) <= episode.published_on <= today, episode
        with episode.audio_file.open("rb") as audio:
            data = audio.read()
        assert data[:4] == b"RIFF" and data[8:12] == b"WAVE", episode
        assert len(data) < 100 * 1024, episode
    assert len({episode.published_on for episode in episodes}) == 10


def test_views_are_counted_this_year_and_last_year(demo):
    year = timezone.localdate().year
    assert set(VideoViewCount.objects.values_list("year", flat=True)) == {year - 1, year}
    assert (
        VideoViewCount.objects.filter(video__featured=True, year=year).count()
        == Video.objects.filter(featured=True).count()
    )


def test_bulk_created_videos_are_searchable(demo):
    results = list(get_search_backend().search("loftlift", Video))
    assert results and all("oftlift" in video.title for video in results[:5])


def test_staff_can_open_edit_and_publish_a_demo_video(demo, client, settings):
    settings.MEDIA_ROOT = demo.media_root  # publishing validates the captions file
    video = Video.objects.get(slug="spiserobot-start")
    assert video.live_revision_id and video.latest_revision_id == video.live_revision_id
    client.force_login(User.objects.get(email="admin@videnscenter.example"))
    for url in (f"/admin/snippets/media/video/edit/{video.pk}/", f"/admin/snippets/media/video/history/{video.pk}/"):
        assert client.get(url).status_code == 200, url

    video.title = "Spiserobot: Sådan kommer du godt i gang"
    video.save_revision().publish()

    video.refresh_from_db()
    assert video.title == "Spiserobot: Sådan kommer du godt i gang" and video.live
    assert list(video.categories.values_list("slug", flat=True)) == [
        "rehabilitering",
        "sociale-robotter",
        "spiseteknologi",
    ]
