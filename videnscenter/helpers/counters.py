"""Yearly counters (video views, material downloads) that stay right under concurrent requests."""

import re

from django.db import IntegrityError, models, transaction
from django.db.models import F

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


def increment_yearly(model: type[models.Model], *, year: int, field: str, **lookup) -> None:
    """Add one to ``field`` of the row for ``lookup`` and ``year``, creating the row on first use.

    The update is a single ``UPDATE … SET n = n + 1``, so parallel requests never lose a count;
    two requests racing to create the first row of a year meet the unique constraint, and the
    loser retries as an update.
    """
    rows = model.objects.filter(year=year, **lookup)
    if rows.update(**{field: F(field) + 1}):
        return
    try:
        with transaction.atomic():
            model.objects.create(year=year, **{field: 1}, **lookup)
    except IntegrityError:
        rows.update(**{field: F(field) + 1})
