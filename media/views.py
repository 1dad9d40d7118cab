"""The public video library (/videoer/) and the podcast pages."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from videnscenter.helpers.counters import is_counted_visitor
from videnscenter.helpers.listing import paginate, query_without

from . import selectors, services
from .filters import VideoFilter
from .models import PodcastEpisode, Video

PAGE_SIZE = 24


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
    if request.method == "GET" and is_counted_visitor(request.headers.get("User-Agent", "")):
        services.video_view_record(video=video, today=timezone.localdate())
    return render(
        request,
        "media/video_detail.html",
        {"video": video, "equipment_list": video.shown_equipment, "related": selectors.related_videos(video)},
    )


def episode_list(request):
    page, query = paginate(request, selectors.podcast_episodes(), PAGE_SIZE)
    return render(request, "media/episode_list.html", {"page": page, "query": query})


def episode_detail(request, slug: str):
    try:
        episode = selectors.episode_detail(slug)
    except PodcastEpisode.DoesNotExist:
        raise Http404
    return render(request, "media/episode_detail.html", {"episode": episode})
