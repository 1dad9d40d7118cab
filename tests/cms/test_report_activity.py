"""The yearly activity list: targets against figures, baselines, charts and the documents to send."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from cms.models import Baseline, DownloadCount, EventPage, Measure, Target
from cms.reports import charts, targets
from cms.reports.measures import Scope
from cms.reports.selectors import activity_list
from tests.factories import EquipmentFactory, UnitFactory

from .helpers import material
from .reports_data import event_on, loan

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)
ACTIVITY = reverse("reports:activity")


# --- targets (pure) --------------------------------------------------------------------------------


def test_growth_on_last_year_is_rounded_up_to_a_whole_count():
    goal = targets.Goal(growth_percent=Decimal("10"))
    assert targets.lower_bound(goal, last_year=7, baseline=None) == 8
    assert targets.lower_bound(goal, last_year=10, baseline=None) == 11
    assert targets.lower_bound(goal, last_year=None, baseline=None) is None  # no basis yet


def test_the_lower_bound_is_the_largest_part_that_applies():
    goal = targets.Goal(minimum=Decimal("5"), growth_percent=Decimal("10"), at_least_baseline=True)
    assert targets.lower_bound(goal, last_year=3, baseline=Decimal("4")) == 5
    assert targets.lower_bound(goal, last_year=9, baseline=Decimal("4")) == 10
    assert targets.lower_bound(goal, last_year=3, baseline=Decimal("12")) == 12
    assert targets.lower_bound(None, last_year=3, baseline=1) is None


def test_a_figure_meets_its_target_at_the_lower_end_and_beyond_the_range():
    assert targets.is_met(8, Decimal("8")) is True
    assert targets.is_met(13, Decimal("8")) is True  # "8–12 per year": 13 debates are not a failure
    assert targets.is_met(7, Decimal("8")) is False
    assert targets.is_met(None, Decimal("8")) is None
    assert targets.is_met(3, None) is None


def test_targets_are_described_in_words():
    with translation.override("en"):
        assert targets.describe(targets.Goal(minimum=Decimal(8), maximum=Decimal(12))) == "8–12"
        assert targets.describe(targets.Goal(minimum=Decimal(50)), percent=True) == "at least 50 %"
        assert targets.describe(targets.Goal(growth_percent=Decimal(10))) == "+10 % on last year"
        assert targets.describe(targets.Goal(at_least_baseline=True)) == "at least the baseline"


# --- the list ----------------------------------------------------------------------------------------


def rows_by_measure(report):
    return {row.info.measure: row for row in report.rows}


@pytest.fixture
def east_figures(centre):
    """Recruitment events: 3 in 2025 and 3 in 2026; downloads 7 in 2026."""
    for day in (date(2025, 2, 1), date(2025, 3, 1), date(2025, 4, 1), date(2026, 2, 1), date(2026, 3, 1)):
        event_on(day, EventPage.EventType.RECRUITMENT, centre=centre)
    event_on(date(2026, 4, 1), EventPage.EventType.RECRUITMENT, centre=centre)
    course = material(centre)
    DownloadCount.objects.create(file=course.files.first(), year=2026, downloads=7)


def test_each_row_has_target_value_last_year_baseline_and_verdict(centre, east_figures):
    Target.objects.create(centre=centre, measure=Measure.RECRUITMENT_EVENTS, year=2021, growth_percent=10)
    Target.objects.create(centre=centre, measure=Measure.BRIDGE_REQUESTS, year=2021, minimum=5)
    Target.objects.create(centre=centre, measure=Measure.MATERIAL_DOWNLOADS, year=2021, at_least_baseline=True)
    Baseline.objects.create(centre=centre, measure=Measure.MATERIAL_DOWNLOADS, value=5)

    rows = rows_by_measure(activity_list(scope=Scope.of(centre), year=2026, today=TODAY))

    events = rows[Measure.RECRUITMENT_EVENTS]
    assert (events.value, events.last_year, events.bound, events.met) == (3, 3, Decimal(4), False)
    bridge = rows[Measure.BRIDGE_REQUESTS]
    assert (bridge.value, bridge.bound, bridge.met) == (0, Decimal(5), False)
    downloads = rows[Measure.MATERIAL_DOWNLOADS]
    assert (downloads.value, downloads.baseline, downloads.baseline_entered, downloads.met) == (7, 5, True, True)
    surveys = rows[Measure.SURVEYS]
    assert (surveys.target, surveys.met) == ("", None)  # no target for this centre
    assert surveys.baseline is None and not surveys.baseline_entered  # nothing counted in 2021: none to compute
    assert [year for year, _v, _b in events.history] == [2025, 2026]  # no zeros before the first figure


def test_without_a_typed_in_baseline_the_figure_of_2021_is_the_baseline(centre):
    from cms.models import Survey

    Survey.objects.create(centre=centre, held_on=date(2021, 5, 1), topic="Første", respondents=10)
    Survey.objects.create(centre=centre, held_on=date(2026, 5, 1), topic="Nyeste", respondents=10)
    Target.objects.create(centre=centre, measure=Measure.SURVEYS, year=2021, at_least_baseline=True)
    row = rows_by_measure(activity_list(scope=Scope.of(centre), year=2026, today=TODAY))[Measure.SURVEYS]
    assert (row.baseline, row.baseline_entered, row.bound, row.met) == (1, False, 1, True)
    assert [year for year, _v, _b in row.history] == [2021, 2022, 2023, 2024, 2025, 2026]


def test_a_newer_target_replaces_the_older_from_its_year(centre, east_figures):
    Target.objects.create(centre=centre, measure=Measure.RECRUITMENT_EVENTS, year=2021, minimum=10)
    Target.objects.create(centre=centre, measure=Measure.RECRUITMENT_EVENTS, year=2026, minimum=3)
    report = activity_list(scope=Scope.of(centre), year=2026, today=TODAY)
    row = rows_by_measure(report)[Measure.RECRUITMENT_EVENTS]
    assert row.met is True
    assert [(year, bound) for year, _value, bound in row.history][-2:] == [(2025, Decimal(10)), (2026, Decimal(3))]


def test_the_joint_list_uses_the_joint_targets_and_both_centres_figures(centre, other_centre, east_figures):
    event_on(date(2026, 5, 1), EventPage.EventType.RECRUITMENT, centre=other_centre)
    Target.objects.create(centre=centre, measure=Measure.RECRUITMENT_EVENTS, year=2021, minimum=100)
    Target.objects.create(centre=None, measure=Measure.RECRUITMENT_EVENTS, year=2021, minimum=4)
    row = rows_by_measure(activity_list(scope=Scope.of(None), year=2026, today=TODAY))[Measure.RECRUITMENT_EVENTS]
    assert (row.value, row.bound, row.met) == (4, Decimal(4), True)


def test_popups_held_and_where(centre, school):
    from .reports_data import popup_at

    popup_at(school, centre, date(2026, 5, 4), date(2026, 5, 29))
    report = activity_list(scope=Scope.of(centre), year=2026, today=TODAY)
    assert [(p.host, p.start_date) for p in report.popups] == [(school, date(2026, 5, 4))]


def test_the_list_takes_a_bounded_number_of_queries(centre, east_figures, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        activity_list(scope=Scope.of(centre), year=2026, today=TODAY)


# --- the page and its documents --------------------------------------------------------------------


def test_the_page_shows_each_measure_with_an_accessible_chart_and_a_table(client, leader, centre, east_figures):
    client.force_login(leader)
    html = client.get(ACTIVITY).content.decode()
    assert html.count('role="img"') == len(Measure.values) - html.count("No figures yet") - html.count(
        "Ingen tal endnu"
    )
    assert 'aria-labelledby="chart-recruitment_events-title chart-recruitment_events-desc"' in html
    assert "<desc" in html and "<details>" in html
    assert "cdn" not in html.lower().split("<svg", 1)[1]  # nothing loaded from elsewhere


def test_the_built_in_csv_export_holds_the_rows(client, leader, east_figures):
    client.force_login(leader)
    response = client.get(ACTIVITY, {"export": "csv", "year": str(timezone.localdate().year)})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1 + len(Measure.values)


def test_the_xlsx_document_is_a_titled_workbook_with_the_definitions(client, leader, centre, east_figures):
    client.force_login(leader)
    year = timezone.localdate().year
    response = client.get(reverse("reports:activity_document", args=["xlsx"]), {"year": str(year)})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="aktivitetsopgoerelse-{year}-oest.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    assert str(year) in sheet["A1"].value and centre.name in sheet["A1"].value
    assert sheet.max_row == 4 + len(Measure.values)
    assert len(book.worksheets) == 3  # the list, the PopUp centres, the definitions


def test_the_pdf_document_is_a_pdf(client, leader, east_figures):
    client.force_login(leader)
    response = client.get(reverse("reports:activity_document", args=["pdf"]), {"centre": "faelles"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 2000
    assert "faelles.pdf" in response["Content-Disposition"]


def test_a_bad_year_falls_back_to_this_year(client, leader):
    client.force_login(leader)
    response = client.get(ACTIVITY, {"year": "tusind"})
    assert response.status_code == 200
    assert response.context["report"].year == timezone.localdate().year


# --- charts (pure) -----------------------------------------------------------------------------------


def test_a_line_chart_puts_values_and_targets_on_one_scale():
    chart = charts.line_chart([(2024, 2, None), (2025, 4, Decimal(3)), (2026, None, Decimal(5))])
    assert [p.label for p in chart.values] == ["2024: 2", "2025: 4"]
    assert [p.label for p in chart.targets] == ["2025: 3", "2026: 5"]
    assert chart.values[1].y < chart.values[0].y  # higher value, higher on the page
    assert chart.ticks[-1].label == "5"  # the axis ends at a round number
    assert charts.line_chart([(2026, None, None)]) is None


def test_the_heat_map_shades_by_utilisation_and_names_every_cell():
    heat = charts.heat_map([("Loftlift", [Decimal(0), Decimal(100), None])], ["jan", "feb", "mar"])
    shades = [cell.shade for cell in heat.cells]
    assert shades[0] == "#ffffff" and shades[1] == "#113e78" and shades[2] == "#eeeeee"
    assert heat.cells[1].title == "Loftlift, feb: 100 %"


# --- the other reports -------------------------------------------------------------------------------


def test_usage_per_equipment_splits_loan_days_by_month(client, staff, centre, school, teacher):
    today = timezone.localdate()
    if today.month == 1:
        pytest.skip("needs two months of this year behind today")
    equipment = EquipmentFactory(owning_centre=centre, name="Loftlift")
    unit = UnitFactory(equipment=equipment)
    first = date(today.year, today.month, 1)
    loan(unit, school, teacher, first - timedelta(days=2), first + timedelta(days=1))
    client.force_login(staff)
    response = client.get(reverse("reports:usage"), {"group": "equipment"})
    row = response.context["object_list"][0]
    assert row.label == "Loftlift" and row.loan_days == 4
    assert row.months[today.month - 2] is not None and row.months[today.month - 1] is not None
    assert 'class="heat-map"' in response.content.decode()


def test_downloads_per_item_and_year(client, staff, centre):
    course = material(centre)
    year = timezone.localdate().year
    DownloadCount.objects.create(file=course.files.first(), year=year, downloads=4)
    DownloadCount.objects.create(file=course.files.first(), year=year - 1, downloads=6)
    client.force_login(staff)
    response = client.get(reverse("reports:items"), {"kind": "materials"})
    item = response.context["object_list"][0]
    assert item.per_year[-2:] == [6, 4] and item.total == 10
    videos = client.get(reverse("reports:items"), {"kind": "videos"})
    assert videos.status_code == 200


def test_the_evaluation_summary_counts_only_counted_evaluations(client, staff, centre, teacher):
    from cms.models import MaterialEvaluation

    course = material(centre)
    MaterialEvaluation.objects.create(material=course, rating=5, usable="yes", respondent="a", counted=True)
    MaterialEvaluation.objects.create(material=course, rating=3, usable="partly", respondent="b", counted=True)
    MaterialEvaluation.objects.create(material=course, rating=1, usable="no", respondent="c", counted=False)
    client.force_login(staff)
    row = client.get(reverse("reports:evaluations")).context["object_list"][0]
    assert (row.counted, row.rating, row.usable_yes, row.usable_partly, row.usable_no, row.anonymous) == (
        2,
        4.0,
        1,
        1,
        0,
        1,
    )
