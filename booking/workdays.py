"""Working days: weekdays that are not Danish public holidays. Pure functions, no database."""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("DK", years=year).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(day: date, count: int) -> date:
    """The date ``count`` working days after (or, if negative, before) ``day``.

    ``count == 0`` returns ``day`` itself, working day or not.
    """
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(first: date, last: date) -> int:
    """How many working days lie in ``first``..``last`` (inclusive)."""
    count, day = 0, first
    while day <= last:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later, or the month's last day if it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    next_month = date(year + month // 12, month % 12 + 1, 1)
    return min(day.replace(year=year, month=month, day=1) + timedelta(days=day.day - 1), next_month - timedelta(days=1))


# Danish schools close over Christmas (about 21 December to 1 January); a loan suggested for a
# school week should not fall there. (month, day) of the first and the last closed day;
# ``settings.SCHOOL_CHRISTMAS_HOLIDAYS`` overrides it.
CHRISTMAS_HOLIDAYS = ((12, 21), (1, 1))


def is_school_holiday(day: date) -> bool:
    from django.conf import settings

    (first_month, first_day), (last_month, last_day) = getattr(
        settings, "SCHOOL_CHRISTMAS_HOLIDAYS", CHRISTMAS_HOLIDAYS
    )
    key, first, last = (day.month, day.day), (first_month, first_day), (last_month, last_day)
    return first <= key <= last if first <= last else (key >= first or key <= last)


def touches_school_holiday(first: date, last: date) -> bool:
    """Whether any day of ``first``..``last`` falls in the schools' Christmas holidays."""
    return any(is_school_holiday(first + timedelta(days=n)) for n in range(min((last - first).days + 1, 366)))
