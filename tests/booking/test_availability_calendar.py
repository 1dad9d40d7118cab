"""The availability calendar (equipment and pack pages) and the booking form's availability, as a user sees them."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from booking import services
from booking.models import Booking
from booking.workdays import add_working_days
from catalogue.selectors import calendar_start
from tests.factories import EquipmentFactory, MobilePackFactory, UnitFactory, put_in_pack

pytestmark = pytest.mark.django_db


def month_after(day: date, months: int) -> date:
    index = day.month - 1 + months
    return date(day.year + index // 12, index % 12 + 1, 1)


@pytest.fixture
def start():
    day = add_working_days(timezone.localdate(), 5)
    day += timedelta(days=(7 - day.weekday()) % 7)
    while date(day.year, 12, 14) <= day or day <= date(day.year, 1, 8):
        day += timedelta(days=7)
    return day


def cell(response, day: date) -> dict:
    for month in response.context["calendar"]["months"]:
        for week in month["weeks"]:
            for d in week:
                if d["in_month"] and d["date"] == day:
                    return d
    raise AssertionError(f"{day} is not shown")


def cell_html(html: str, label: str) -> str:
    """The HTML of the day cell whose label is ``label``."""
    match = re.search(r'<td class="day[^"]*">((?:(?!</td>).)*' + re.escape(label) + r"(?:(?!</td>).)*)</td>", html)
    assert match, label
    return match.group(1)


def test_a_day_shows_its_free_units_as_visible_text(client, teacher, school, lift, start):
    services.booking_request(
        actor=teacher, organisation=school, equipment=lift, quantity=2, start_date=start, end_date=start
    )
    response = client.get(lift.get_absolute_url(), {"maaned": start.strftime("%Y-%m")})
    day = cell(response, start)
    assert (day["free"], day["state"]) == (1, "some")
    assert day["label"].endswith("1 of 3 free") or day["label"].endswith("1 af 3 ledige")
    html = cell_html(response.content.decode(), day["label"])
    assert '<span class="day-free">1</span>' in html  # visible, not only for screen readers
    later = cell(response, start + timedelta(days=7))
    assert later["free"] == 3 and '<span class="day-free">3</span>' in cell_html(
        response.content.decode(), later["label"]
    )


def test_the_calendar_steps_month_by_month_for_a_year(client, lift):
    today = timezone.localdate()
    this_month = today.replace(day=1)
    first = client.get(lift.get_absolute_url())
    calendar = first.context["calendar"]
    assert calendar["months"][0]["month"] == this_month and calendar["previous"] is None
    html = first.content.decode()
    next_link = f'href="?maaned={month_after(this_month, 1):%Y-%m}#availability"'
    assert next_link in html
    stepped = client.get(lift.get_absolute_url(), {"maaned": month_after(this_month, 1).strftime("%Y-%m")})
    assert stepped.context["calendar"]["months"][0]["month"] == month_after(this_month, 1)
    assert stepped.context["calendar"]["previous"] == this_month
    # The last step shows the month a year ahead; there is no step beyond it.
    last = client.get(lift.get_absolute_url(), {"maaned": month_after(this_month, 10).strftime("%Y-%m")})
    shown = [m["month"] for m in last.context["calendar"]["months"]]
    assert shown[-1] == month_after(this_month, 12) and last.context["calendar"]["next"] is None


@pytest.mark.parametrize("value", ["2099-01", "1999-12", "2027-13", "marts", "2027-03-01", "", "0-0"])
def test_bad_or_far_months_are_kept_within_the_year(client, lift, value):
    response = client.get(lift.get_absolute_url(), {"maaned": value})
    assert response.status_code == 200
    first = response.context["calendar"]["months"][0]["month"]
    this_month = timezone.localdate().replace(day=1)
    assert this_month <= first <= month_after(this_month, 10)


def test_calendar_start_clamps():
    today = date(2026, 11, 30)
    assert calendar_start(today, "2027-03") == date(2027, 3, 1)
    assert calendar_start(today, "2026-01") == date(2026, 11, 1)
    assert calendar_start(today, "2030-01") == date(2027, 9, 1)


def test_a_free_day_starts_a_booking_with_that_day(client, teacher, lift, start):
    client.force_login(teacher)
    response = client.get(lift.get_absolute_url(), {"maaned": start.strftime("%Y-%m")})
    day = cell(response, start)
    url = reverse("booking:new", args=[lift.slug]) + f"?fra={start.isoformat()}"
    assert day["url"] == url and f'href="{url}"' in response.content.decode()
    form = client.get(url).context["form"]
    assert str(form["start_date"].value()) == start.isoformat()
    # Past days and days with nothing free lead nowhere.
    past = [d for m in response.context["calendar"]["months"] for w in m["weeks"] for d in w if d["past"]]
    assert all(d["url"] is None for d in past)


def test_visitors_see_the_counts_but_no_booking_links(client, lift, start):
    response = client.get(lift.get_absolute_url(), {"maaned": start.strftime("%Y-%m")})
    assert cell(response, start)["url"] is None
    assert reverse("booking:new", args=[lift.slug]) not in response.content.decode()


def test_a_pack_has_a_calendar_that_counts_its_units(client, teacher, school, centre, start):
    equipment = EquipmentFactory(owning_centre=centre)
    pack = MobilePackFactory(name="Demenskassen", slug="demenskassen", owning_centre=centre)
    put_in_pack(pack, UnitFactory(equipment=equipment), UnitFactory(equipment=equipment))
    services.booking_request(actor=teacher, organisation=school, pack=pack, start_date=start, end_date=start)
    client.force_login(teacher)
    response = client.get(pack.get_absolute_url(), {"maaned": start.strftime("%Y-%m")})
    assert response.context["calendar"]["total"] == 2
    assert cell(response, start)["free"] == 0
    later = cell(response, start + timedelta(days=7))
    assert later["free"] == 2
    assert later["url"] == reverse("booking:new_pack", args=[pack.slug]) + f"?fra={later['date'].isoformat()}"


def test_the_calendar_costs_the_same_queries_in_any_month(client, lift, django_assert_max_num_queries, settings):
    settings.PAGE_CACHE = False  # this counts the rendering, not the cached copy
    far = month_after(timezone.localdate(), 9).strftime("%Y-%m")
    for value in ("", far):
        # 12 for the page, 2 for the footer's site and contact details.
        with django_assert_max_num_queries(14):
            client.get(lift.get_absolute_url(), {"maaned": value})


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_day_cell_meets_wcag_aa_contrast():
    css = (Path(settings.BASE_DIR) / "videnscenter/static/videnscenter/css/site.css").read_text()
    variables = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", css))

    def colour(selector: str, prop: str) -> str:
        rule = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css).group(1)
        value = re.search(rf"(?<![-\w]){prop}:\s*([^;]+);", rule).group(1).strip()
        return variables[value[6:-1]] if value.startswith("var(--") else value

    ink = variables["ink"]
    for state in ("all", "some", "none"):
        assert contrast(ink, colour(f".day-{state}", "background")) >= 4.5
    past_text, past_background = colour(".day-past > span", "color"), colour(".day-past", "background")
    assert contrast(past_text, past_background) >= 4.5
    assert "opacity" not in re.search(r"\.day-past\s*\{([^}]*)\}", css).group(1)


# --- the booking form --------------------------------------------------------------------------


def test_date_inputs_start_at_the_first_bookable_day(client, teacher, lift):
    client.force_login(teacher)
    response = client.get(reverse("booking:new", args=[lift.slug]))
    earliest = response.context["earliest"]
    html = response.content.decode()
    assert f'name="start_date" min="{earliest.isoformat()}"' in html or re.search(
        rf'<input[^>]*name="start_date"[^>]*min="{earliest.isoformat()}"', html
    )


def test_a_past_first_day_is_refused_in_danish(client, teacher, lift):
    client.force_login(teacher)
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(
        reverse("booking:new", args=[lift.slug]),
        {
            "start_date": yesterday.isoformat(),
            "end_date": (yesterday + timedelta(days=2)).isoformat(),
            "quantity": 1,
            "handover": "pickup",
            "send": "1",
        },
    )
    assert response.status_code == 200
    assert "Første dag kan ikke ligge i fortiden." in response.content.decode()
    assert not Booking.objects.exists()


def test_the_form_lists_free_periods_for_the_chosen_quantity(client, teacher, school, lift, start):
    services.booking_request(
        actor=teacher,
        organisation=school,
        equipment=lift,
        quantity=2,
        start_date=start,
        end_date=start + timedelta(days=2),
    )
    client.force_login(teacher)
    url = reverse("booking:new", args=[lift.slug])
    data = {
        "start_date": start.isoformat(),
        "end_date": (start + timedelta(days=2)).isoformat(),
        "handover": "pickup",
        "class_name": "SSA 24B",
        "check": "1",
    }
    one = client.post(url, {**data, "quantity": 1}).context["free"]
    assert one["needed"] == 1 and one["length"] == 3 and one["periods"][0][:2] == (start, start + timedelta(days=2))
    three = client.post(url, {**data, "quantity": 3})
    free = three.context["free"]
    assert free["needed"] == 3 and free["periods"]
    first, last, link = free["periods"][0]
    assert first > start + timedelta(days=2) and (last - first).days == 2
    assert "class_name=SSA+24B" in link and "quantity=3" in link  # choosing a period keeps the rest
    assert not Booking.objects.filter(quantity=3).exists()  # "check" books nothing
