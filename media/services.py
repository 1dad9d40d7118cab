"""Writes of the video library that the public triggers (editors publish through the admin)."""

from datetime import date

from videnscenter.helpers.counters import Visitor, first_visit_today, increment_yearly

from .models import Video, VideoViewCount

COUNTER = "media.video"


def video_view_record(*, video: Video, today: date, visitor: Visitor) -> bool:
    """Count a view of ``video`` in ``today``'s year, once per ``visitor`` and day.

    Returns whether it counted. Who is a visitor at all is ``counters.visitor_of``'s answer.
    """
    if not first_visit_today(counter=COUNTER, object_id=video.pk, visitor=visitor, day=today):
        return False
    increment_yearly(VideoViewCount, year=today.year, field="views", video=video)
    return True
