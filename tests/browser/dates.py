"""Loan dates for the journeys: far enough ahead to be free in the demo data, on working days."""

from datetime import date, timedelta

from booking.workdays import is_working_day


def working_day_from(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def loan_period(weeks_ahead: int, days: int = 3) -> tuple[date, date]:
    """A loan of ``days`` working days that starts ``weeks_ahead`` weeks from today."""
    first = working_day_from(date.today() + timedelta(weeks=weeks_ahead))
    last = first
    for _ in range(days - 1):
        last = working_day_from(last + timedelta(days=1))
    return first, last
