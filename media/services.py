"""Writes of the video library that the public triggers (editors publish through the admin)."""

from datetime import date

from videnscenter.helpers.counters import increment_yearly

from .models import Video, VideoViewCount


def video_view_record(*, video: Video, today: date) -> None:
    """Count one view of ``video`` in ``today``'s year (a row per video and year)."""
    increment_yearly(VideoViewCount, year=today.year, field="views", video=video)
