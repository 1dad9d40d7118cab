"""Reads for the public video and podcast library."""

from django.db.models import Prefetch, QuerySet
from wagtail.images import get_image_model

from catalogue.models import Equipment

from .models import PodcastEpisode, Video, VideoCategory

CARD_POSTER = "fill-480x270"
DETAIL_POSTER = "fill-1280x720"


def _posters(spec: str) -> Prefetch:
    return Prefetch("poster", queryset=get_image_model().objects.prefetch_renditions(spec))


def library_videos() -> QuerySet[Video]:
    """Published videos with what a card shows (poster rendition, categories), newest first."""
    return (
        Video.objects.published()
        .prefetch_related(
            _posters(CARD_POSTER), Prefetch("categories", queryset=VideoCategory.objects.order_by("name"))
        )
        .order_by("-first_published_at", "pk")
    )


def video_detail(slug: str) -> Video:
    """A published video with its poster, categories and the active equipment it shows."""
    return (
        Video.objects.published()
        .filter(slug=slug)
        .select_related("centre")
        .prefetch_related(
            _posters(DETAIL_POSTER),
            "categories",
            Prefetch(
                "equipment",
                queryset=Equipment.objects.filter(is_active=True).select_related("category"),
                to_attr="shown_equipment",
            ),
        )
        .get()
    )


def related_videos(video: Video, limit: int = 4) -> list[Video]:
    """Other published videos about the same equipment, else in the same categories."""
    equipment_ids = [e.pk for e in video.shown_equipment]
    others = library_videos().exclude(pk=video.pk)
    related = list(others.filter(equipment__in=equipment_ids).distinct()[:limit]) if equipment_ids else []
    if len(related) < limit:
        seen = [v.pk for v in related]
        related += list(
            others.filter(categories__in=video.categories.all()).exclude(pk__in=seen).distinct()[: limit - len(related)]
        )
    return related


EQUIPMENT_PAGE_VIDEOS = 8


def equipment_videos(equipment) -> tuple[list[Video], int]:
    """The first videos about ``equipment`` by title, and how many there are in all."""
    videos = library_videos().filter(equipment=equipment)
    return list(videos.order_by("title")[:EQUIPMENT_PAGE_VIDEOS]), videos.count()


def filtered_equipment(slug: str | None) -> Equipment | None:
    """The equipment the library is filtered by, to name it above the results."""
    return Equipment.objects.filter(is_active=True, slug=slug).first() if slug else None


def featured_videos(limit: int = 4) -> list[Video]:
    return list(library_videos().filter(featured=True)[:limit])


def podcast_episodes() -> QuerySet[PodcastEpisode]:
    return PodcastEpisode.objects.published().select_related("series").order_by("-published_on", "-number")


def episode_detail(slug: str) -> PodcastEpisode:
    return podcast_episodes().get(slug=slug)
