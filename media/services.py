"""Writes of the video library that the public triggers (editors publish through the admin)."""

import re
from datetime import date

from videnscenter.counters import increment_yearly

from .models import Video, VideoViewCount

# Crawlers and link previews are not viewers; counting them would inflate the yearly report.
_NOT_A_VIEWER = re.compile(
    (
        r"bot|crawl|spider|slurp|preview|monitor|curl|wget|python-requests|headless|"
        r"facebookexternalhit|whatsapp|embedly|iframely|skypeuripreview|outlook-ios-linkpreview"
    ),
    re.I,
)


def is_counted_visitor(user_agent: str) -> bool:
    return bool(user_agent) and not _NOT_A_VIEWER.search(user_agent)


def video_view_record(*, video: Video, today: date) -> None:
    """Count one view of ``video`` in ``today``'s year (a row per video and year)."""
    increment_yearly(VideoViewCount, year=today.year, field="views", video=video)
