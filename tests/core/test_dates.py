"""Dates as each language writes them, and plurals that agree with their number."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

MONDAY = date(2026, 12, 7)


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load days %}" + source).render(Context(context)).strip()


@pytest.mark.parametrize(
    ("style", "danish", "english"),
    [
        ("long", "mandag 7. december 2026", "Monday 7 December 2026"),
        ("medium", "7. december 2026", "7 December 2026"),
        ("short", "7. dec. 2026", "7 Dec 2026"),
        ("day_month", "7. december", "7 December"),
        ("day_mon", "7. dec.", "7 Dec"),
        ("mon_year", "dec. 2026", "Dec 2026"),
    ],
)
def test_each_style_reads_right_in_danish_and_english(style, danish, english):
    assert render(f'{{{{ d|day:"{style}" }}}}', "da", d=MONDAY) == danish
    assert render(f'{{{{ d|day:"{style}" }}}}', "en", d=MONDAY) == english


def test_danish_month_abbreviations_are_lower_case_with_a_full_stop_and_short_months_whole():
    months = [render('{{ d|day:"day_mon" }}', "da", d=date(2026, m, 14)) for m in (1, 3, 5, 6, 9, 12)]
    assert months == ["14. jan.", "14. marts", "14. maj", "14. juni", "14. sept.", "14. dec."]


def test_times_are_shown_in_copenhagen_time():
    moment = datetime(2026, 12, 7, 13, 5, tzinfo=ZoneInfo("UTC"))
    assert render('{{ t|day:"short_time" }}', "da", t=moment) == "7. dec. 2026 14:05"


def test_an_empty_date_shows_nothing_and_an_unknown_style_is_a_template_error():
    assert render('{{ d|day:"long" }}', "da", d=None) == ""
    with pytest.raises(TemplateSyntaxError):
        render('{{ d|day:"shouting" }}', "da", d=MONDAY)


@pytest.mark.django_db
def test_the_booking_list_writes_dates_in_the_readers_language(client, settings, teacher, school, lift):
    from booking.services import booking_request

    booking_request(
        actor=teacher, requester=teacher, organisation=school, equipment=lift, quantity=1,
        start_date=date(2031, 3, 3), end_date=date(2031, 3, 7), today=date(2031, 1, 6),
    )  # fmt: skip
    client.force_login(teacher)
    danish = client.get("/booking/").content.decode()
    assert "3. marts 2031" in danish and "7. marts 2031" in danish  # March is short enough to write whole
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/booking/").content.decode()
    assert "3 Mar 2031" in english and "7 Mar 2031" in english and "3. Mar" not in english


@pytest.mark.django_db
@pytest.mark.parametrize(("days", "text"), [(1, "1 working day before"), (2, "2 working days before")])
def test_the_buffer_days_agree_with_their_number(client, settings, lift, days, text):
    # In English: the Danish of this new text ("1 arbejdsdag før") arrives with the merged
    # translations (TRANSLATIONS.browser.json); the plural rule is the same.
    lift.buffer_before_days = days
    lift.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(lift.get_absolute_url()).content.decode()
    assert text in html
    assert "1 working days" not in html
