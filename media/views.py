"""The public video library (/videoer/) and the podcast pages."""

import base64

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from videnscenter.helpers.counters import is_counted_visitor, start_visitor_session, visitor_of
from videnscenter.helpers.listing import paginate, query_without
from videnscenter.pagecache import cached_page
from videnscenter.versions import CATALOGUE, VIDEOS

from . import selectors, services
from .filters import VideoFilter
from .models import PodcastEpisode, Video

PAGE_SIZE = 24


@cached_page(VIDEOS, CATALOGUE)  # the equipment filter names equipment
def video_list(request):
    filterset = VideoFilter(request.GET or None, queryset=selectors.library_videos(), request=request)
    page, query = paginate(request, filterset.qs, PAGE_SIZE)
    # The cleaned value: the raw one may hold anything (a NUL byte breaks PostgreSQL).
    equipment = selectors.filtered_equipment(getattr(filterset.form, "cleaned_data", {}).get("equipment"))
    return render(
        request,
        "media/video_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query,
            "equipment": equipment,
            "without_equipment": query_without(request, "equipment"),
        },
    )


def video_detail(request, slug: str):
    try:
        video = selectors.video_detail(slug)
    except Video.DoesNotExist:
        raise Http404
    beacon = False
    if request.method == "GET":
        visitor = visitor_of(request)
        if visitor:
            services.video_view_record(video=video, today=timezone.localdate(), visitor=visitor)
        elif is_counted_visitor(request.headers.get("User-Agent", "")):
            # A first visit: the browser gets a session now and counts through the page's beacon.
            start_visitor_session(request)
            beacon = True
    return render(
        request,
        "media/video_detail.html",
        {
            "video": video,
            "equipment_list": video.shown_equipment,
            "related": selectors.related_videos(video),
            "view_beacon": beacon,
        },
    )


PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@require_GET
@never_cache
def video_seen(request, slug: str):
    """The beacon a video page loads on a first visit: counts the view once the session came back."""
    try:
        video = selectors.video_detail(slug)
    except Video.DoesNotExist:
        raise Http404
    visitor = visitor_of(request)
    if visitor:
        services.video_view_record(video=video, today=timezone.localdate(), visitor=visitor)
    return HttpResponse(PIXEL, content_type="image/gif")


def episode_list(request):
    page, query = paginate(request, selectors.podcast_episodes(), PAGE_SIZE)
    return render(request, "media/episode_list.html", {"page": page, "query": query})


def episode_detail(request, slug: str):
    try:
        episode = selectors.episode_detail(slug)
    except PodcastEpisode.DoesNotExist:
        raise Http404
    return render(request, "media/episode_detail.html", {"episode": episode})
