"""Reads for the portal's pages: home sections, lists, material pages and the site search."""

from datetime import date

from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from booking.popups.selectors import public_popups
from catalogue.models import Equipment
from media.models import PodcastEpisode, Video
from media.selectors import featured_videos, library_videos
from videnscenter.helpers.listing import paginate
from videnscenter.helpers.search import clean_query, find

from .filters import EventFilter, PartnerFilter
from .models import (
    EventPage,
    HomePage,
    MaterialEvaluation,
    NewsPage,
    Partner,
    TeachingMaterialFile,
    TeachingMaterialPage,
)
from .services import respondent_key

CARD_IMAGE = "fill-480x270"
NEWS_PAGE_SIZE = 12
EVENT_PAGE_SIZE = 20
PARTNER_PAGE_SIZE = 30
SEARCH_LIMIT = 20
DOWNLOADED_KEY = "downloaded_materials"


def _card_images() -> Prefetch:
    return Prefetch("image", queryset=get_image_model().objects.prefetch_renditions(CARD_IMAGE))


def latest_news() -> QuerySet[NewsPage]:
    return NewsPage.objects.live().public().prefetch_related(_card_images()).order_by("-date", "-pk")


def coming_events() -> QuerySet[EventPage]:
    return (
        EventPage.objects.live()
        .public()
        .filter(end__gte=timezone.now())
        .select_related("host_school")
        .order_by("start")
    )


def home_context(home: HomePage, request) -> dict:
    """The home page's context: its sections as of today."""
    return home_sections(today=timezone.localdate())


def home_sections(*, today: date) -> dict:
    """What the home page shows besides its own text."""
    return {
        "popups": list(public_popups(today)[:3]),
        "videos": featured_videos(4),
        "news": list(latest_news()[:3]),
        "events": list(coming_events()[:4]),
    }


def news_context(index: Page, request) -> dict:
    page, query = paginate(request, latest_news().child_of(index), NEWS_PAGE_SIZE)
    return {"page_obj": page, "query": query}


def event_context(index: Page, request) -> dict:
    events = EventPage.objects.live().public().child_of(index).select_related("host_school").order_by("start", "pk")
    # Always bound: with no parameters the filter still limits the list to coming events.
    filterset = EventFilter(request.GET, queryset=events, request=request)
    page, query = paginate(request, filterset.qs, EVENT_PAGE_SIZE)
    return {"filter": filterset, "page_obj": page, "query": query}


def partner_context(index: Page, request) -> dict:
    partners = Partner.objects.select_related("centre").prefetch_related("schools").order_by("name")
    filterset = PartnerFilter(request.GET or None, queryset=partners, request=request)
    page, query = paginate(request, filterset.qs, PARTNER_PAGE_SIZE)
    return {"filter": filterset, "page_obj": page, "query": query}


def material_index_context(index: Page, request) -> dict:
    return {"materials": material_list(index)}


def published_materials() -> QuerySet[TeachingMaterialPage]:
    """Teaching materials the public may see: live, and behind no login or password."""
    return TeachingMaterialPage.objects.live().public()


def material_list(index: Page) -> QuerySet[TeachingMaterialPage]:
    return (
        published_materials()
        .child_of(index)
        .select_related("centre")
        .annotate(
            # Only counted evaluations (one per logged-in person): anonymous ones could be repeated.
            rating=Avg("evaluations__rating", filter=Q(evaluations__counted=True)),
            ratings=Count("evaluations", filter=Q(evaluations__counted=True), distinct=True),
        )
        .order_by("title")
    )


def downloaded_materials(session) -> set[int]:
    return set(session.get(DOWNLOADED_KEY, []))


def material_context(material: TeachingMaterialPage, request) -> dict:
    """A material page's files, its rating, and whether this visitor has downloaded and evaluated it."""
    files = list(material.files.select_related("document").order_by("sort_order"))
    evaluated = MaterialEvaluation.objects.filter(
        material=material, respondent=respondent_key(user=request.user, session_key=request.session.session_key)
    ).exists()
    summary = material.evaluations.filter(counted=True).aggregate(rating=Avg("rating"), count=Count("pk"))
    return {
        "guides": [f for f in files if f.kind == TeachingMaterialFile.Kind.TEACHER_GUIDE],
        "files": [f for f in files if f.kind != TeachingMaterialFile.Kind.TEACHER_GUIDE],
        "downloaded": material.pk in downloaded_materials(request.session),
        "evaluated": evaluated,
        "rating": summary,
    }


def material_file(file_id: int) -> TeachingMaterialFile:
    """A file of a live, public material page. Raises DoesNotExist."""
    return TeachingMaterialFile.objects.select_related("document").get(pk=file_id, page__in=published_materials())


def site_search(query: str) -> dict:
    """Pages, videos, podcast episodes and equipment matching ``query`` (the search backend ranks them)."""
    query = clean_query(query)
    if not query:
        return {"query": "", "total": 0, "groups": []}
    pages = find(query, Page.objects.live().public().not_type(HomePage).specific(), SEARCH_LIMIT)
    video_ids = [v.pk for v in find(query, Video.objects.published(), SEARCH_LIMIT)]
    videos = sorted(library_videos().filter(pk__in=video_ids), key=lambda v: video_ids.index(v.pk))
    groups = [
        ("pages", pages),
        ("videos", videos),
        ("episodes", find(query, PodcastEpisode.objects.published(), SEARCH_LIMIT)),
        ("equipment", find(query, Equipment.objects.filter(is_active=True), SEARCH_LIMIT)),
    ]
    return {
        "query": query,
        "total": sum(len(items) for _, items in groups),
        "groups": [(name, items) for name, items in groups if items],
    }
