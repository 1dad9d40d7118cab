from datetime import date

from booking.workdays import add_working_days, is_working_day, working_days_between


def test_weekends_and_danish_holidays_are_not_working_days():
    assert is_working_day(date(2026, 4, 1))  # Wednesday before Easter
    assert not is_working_day(date(2026, 4, 2))  # Maundy Thursday
    assert not is_working_day(date(2026, 4, 6))  # Easter Monday
    assert not is_working_day(date(2026, 5, 14))  # Ascension Day
    assert not is_working_day(date(2026, 12, 26))
    assert not is_working_day(date(2026, 11, 21))  # Saturday


def test_adding_working_days_skips_easter_and_weekends():
    assert add_working_days(date(2026, 4, 1), 1) == date(2026, 4, 7)
    assert add_working_days(date(2026, 4, 7), -1) == date(2026, 4, 1)
    assert add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 23)  # Friday -> Monday
    assert add_working_days(date(2026, 11, 21), 0) == date(2026, 11, 21)


def test_counting_working_days():
    assert working_days_between(date(2026, 3, 30), date(2026, 4, 10)) == 7  # Easter week and the week after
