"""Years as the report counts them (pure).

A year runs from 1 January to 31 December, but the current year only up to and including the
report's day: what is planned for later this year has not happened yet.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

Period = tuple[date, date]


def year_period(year: int, today: date) -> Period:
    """The first and last day of ``year`` that count on ``today`` (the last is never after today)."""
    return date(year, 1, 1), min(date(year, 12, 31), today)


def periods(years, today: date) -> dict[int, Period]:
    """The counted period of each year that has begun by ``today``."""
    return {year: year_period(year, today) for year in years if date(year, 1, 1) <= today}


def moments(period: Period) -> tuple[datetime, datetime]:
    """The period as aware datetimes in Copenhagen: from its first midnight up to (excluding) the next day's."""
    first, last = period
    return (
        datetime.combine(first, time.min, tzinfo=COPENHAGEN),
        datetime.combine(last + timedelta(days=1), time.min, tzinfo=COPENHAGEN),
    )


def days(period: Period) -> int:
    first, last = period
    return max(0, (last - first).days + 1)


MONTHS = range(1, 13)


def month_period(year: int, month: int, today: date) -> Period:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, min(following - timedelta(days=1), today)
