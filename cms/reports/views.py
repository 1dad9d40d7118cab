"""The reports in the Wagtail admin: Wagtail report views with a year and a centre to choose.

Who sees what (``videnscenter.rules``): leaders and staff see their own centre's reports and the
joint one of both centres; coordinators see only their own school's usage report. A centre or a
school a person may not see is refused (403), not quietly replaced. Every figure comes from
``cms.reports.selectors``; the views only choose the scope and hand the rows to the templates.
"""

from datetime import date

import django_filters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import Button

from videnscenter import rules
from videnscenter.models import Membership, Organisation, Role

from . import charts, documents, selectors
from .measures import Scope
from .periods import MONTHS

JOINT = selectors.JOINT


class ReportFilterSet(WagtailFilterSet):
    """The year and the scope of a report; the choices are the ones the person may see."""

    year = django_filters.ChoiceFilter(label=gettext_lazy("Year"), choices=[], empty_label=None, method="keep")
    centre = django_filters.ChoiceFilter(label=gettext_lazy("Centre"), choices=[], empty_label=None, method="keep")

    class Meta:
        model = Organisation
        fields = []

    def __init__(self, *args, choices: dict[str, list], **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.filters):
            if name in choices and choices[name]:
                self.filters[name].extra["choices"] = choices[name]
            else:
                del self.filters[name]

    def keep(self, queryset, name, value):
        return queryset  # the view reads the choice; there is no queryset to narrow


class ScopedReportView(ReportView):
    """A report over one year and one scope (a centre, both centres jointly, or one school)."""

    permission = "cms.view_activity_report"
    filterset_class = ReportFilterSet
    paginate_by = None
    header_icon = "table"
    extra_filters: dict[str, list] = {}

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def today(self) -> date:
        return timezone.localdate()

    # --- the choices -------------------------------------------------------------------------

    def centre_choices(self) -> list[tuple[str, str]]:
        choices = [(centre.slug, centre.name) for centre in selectors.report_centres(self.request.user)]
        if rules.allowed(self.request.user, "report.view_joint"):
            choices.append((JOINT, _("Both centres jointly")))
        return choices

    def filter_choices(self) -> dict[str, list]:
        return {
            "year": [(str(y), str(y)) for y in selectors.years(self.today)],
            "centre": self.centre_choices(),
            **self.extra_filters,
        }

    @cached_property
    def choices(self) -> dict[str, list]:
        return self.filter_choices()

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "choices": self.choices}

    def chosen(self, name: str) -> str:
        """The valid choice of ``name``, or the first one. A centre one may not see is refused."""
        allowed = [value for value, _label in self.choices.get(name, [])]
        value = self.request.GET.get(name, "")
        if value and value not in allowed:
            if name in ("centre", "school"):
                raise PermissionDenied(name)
            return allowed[0] if allowed else ""
        return value or (allowed[0] if allowed else "")

    @cached_property
    def year(self) -> int:
        return int(self.chosen("year") or self.today.year)

    @cached_property
    def scope(self) -> Scope:
        slug = self.chosen("centre")
        if not slug:
            raise PermissionDenied("centre")
        return Scope.of(None if slug == JOINT else Organisation.objects.centres().get(slug=slug))

    def filter_queryset(self, queryset):
        return queryset  # the choices select what the rows are made of; they narrow nothing afterwards

    def get_page_subtitle(self):
        return f"{self.scope.label}, {self.year}"

    def get_filename(self):
        return f"{self.export_filename}-{self.year}"


# --- the yearly activity list --------------------------------------------------------------------


class ActivityReportView(ScopedReportView):
    page_title = gettext_lazy("Yearly activity list")
    results_template_name = "cms/reports/activity_results.html"
    index_url_name = "reports:activity"
    index_results_url_name = "reports:activity_results"
    export_filename = "aktivitetsopgoerelse"
    list_export = ["area", "label", "target", "value", "last_year", "baseline", "met_label"]

    @cached_property
    def export_headings(self):
        return {
            "area": _("Area"),
            "label": _("Measure"),
            "target": _("Target"),
            "value": str(self.year),
            "last_year": str(self.year - 1),
            "baseline": _("Baseline"),
            "met_label": _("Met"),
        }

    @cached_property
    def report(self) -> selectors.ActivityList:
        return selectors.activity_list(scope=self.scope, year=self.year, today=self.today)

    def get_queryset(self):
        return self.report.rows

    def document_url(self, kind: str) -> str:
        query = self.request.GET.copy()
        for name in ("export", "p", "_w_filter_fragment"):
            query.pop(name, None)
        return reverse("reports:activity_document", args=[kind]) + ("?" + query.urlencode() if query else "")

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(_("Document for sending (XLSX)"), url=self.document_url("xlsx"), icon_name="download", priority=80),
            Button(_("Document for sending (PDF)"), url=self.document_url("pdf"), icon_name="doc-full", priority=85),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = self.report
        context["charts"] = [
            (row, charts.line_chart(row.history, percent=row.info.percent)) for row in self.report.rows
        ]
        return context


def activity_document(request, kind: str):
    """The activity list as XLSX or PDF, for the scope and year the page shows."""
    view = ActivityReportView()
    view.setup(request)
    if not request.user.has_perm(view.permission):
        raise PermissionDenied
    report = view.report
    if kind == "pdf":
        body, content_type = documents.activity_pdf(report), "application/pdf"
    else:
        body = documents.activity_xlsx(report)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{documents.filename(report, kind)}"'
    return response


# --- bookings and utilisation --------------------------------------------------------------------

GROUPS = {
    "school": gettext_lazy("Per school"),
    "equipment": gettext_lazy("Per equipment"),
    "month": gettext_lazy("Per month"),
}


class UsageFilterSet(ReportFilterSet):
    school = django_filters.ChoiceFilter(label=gettext_lazy("School"), choices=[], empty_label=None, method="keep")
    group = django_filters.ChoiceFilter(label=gettext_lazy("Show"), choices=[], empty_label=None, method="keep")


class UsageReportView(ScopedReportView):
    """Bookings, loan days and utilisation per school, equipment or month. Coordinators see their school's."""

    permission = "cms.view_usage_report"
    filterset_class = UsageFilterSet
    page_title = gettext_lazy("Bookings and utilisation")
    results_template_name = "cms/reports/usage_results.html"
    index_url_name = "reports:usage"
    index_results_url_name = "reports:usage_results"
    export_filename = "bookinger-og-udnyttelse"
    paginate_by = 50

    @cached_property
    def schools(self) -> list[Organisation]:
        """The schools whose own usage report this person may see (as their coordinator)."""
        ids = (
            Membership.objects.confirmed()
            .filter(user=self.request.user, role=Role.COORDINATOR)
            .values_list("organisation_id", flat=True)
        )
        return list(Organisation.objects.filter(pk__in=ids).order_by("name"))

    @cached_property
    def is_school_report(self) -> bool:
        return not rules.report_centre_ids(self.request.user)

    def filter_choices(self) -> dict[str, list]:
        choices = super().filter_choices()
        groups = [(key, label) for key, label in GROUPS.items() if not (key == "school" and self.is_school_report)]
        choices["group"] = groups
        if self.is_school_report:
            choices["centre"] = []
            choices["school"] = [(school.slug, school.name) for school in self.schools]
        return choices

    @cached_property
    def school(self) -> Organisation | None:
        if not self.is_school_report:
            return None
        if self.request.GET.get("centre"):
            raise PermissionDenied("centre")  # a coordinator has no centre report to choose
        school = next((s for s in self.schools if s.slug == self.chosen("school")), None)
        if school is None or not rules.allowed(self.request.user, "report.view_school_usage", school):
            raise PermissionDenied("school")
        return school

    @cached_property
    def centre_ids(self):
        if self.is_school_report:
            return Scope.of(None).centre_ids  # the school's bookings of every centre's equipment
        return self.scope.centre_ids

    def get_page_subtitle(self):
        return f"{self.school.name if self.school else self.scope.label}, {self.year}"

    @cached_property
    def group(self) -> str:
        return self.chosen("group")

    @cached_property
    def list_export(self):
        return ["label", "bookings", "students", "loan_days", "utilisation"] + (
            [f"month_{m}" for m in MONTHS] if self.group == "equipment" else []
        )

    @cached_property
    def export_headings(self):
        first = {"school": _("School"), "equipment": _("Equipment"), "month": _("Month")}[self.group]
        return {
            "label": first,
            "bookings": _("Bookings"),
            "students": _("Students"),
            "loan_days": _("Loan days"),
            "utilisation": _("Utilisation (%)"),
            **{f"month_{m}": f"{MONTHS_3[m].capitalize()} (%)" for m in MONTHS},
        }

    def get_queryset(self):
        arguments = {
            "centre_ids": self.centre_ids,
            "school_id": self.school.pk if self.school else None,
            "year": self.year,
            "today": self.today,
        }
        rows = {
            "school": selectors.usage_by_school,
            "equipment": selectors.usage_by_equipment,
            "month": selectors.usage_by_month,
        }[self.group](**arguments)
        for row in rows:
            for index, share in enumerate(row.months, start=1):
                setattr(row, f"month_{index}", share)
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["group"] = self.group
        context["months"] = [MONTHS_3[m].capitalize() for m in MONTHS]
        if self.group == "equipment":
            rows = context["object_list"]
            context["heat_map"] = charts.heat_map([(row.label[:34], row.months) for row in rows], context["months"])
        return context


# --- downloads and views per item and year -----------------------------------------------------------

KINDS = {"materials": gettext_lazy("Teaching material files"), "videos": gettext_lazy("Videos")}


class ItemsFilterSet(ReportFilterSet):
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Show"), choices=[], empty_label=None, method="keep")


class ItemUsageReportView(ScopedReportView):
    """Downloads of each material file and views of each video, one column per year."""

    filterset_class = ItemsFilterSet
    page_title = gettext_lazy("Downloads and views per item")
    results_template_name = "cms/reports/items_results.html"
    index_url_name = "reports:items"
    index_results_url_name = "reports:items_results"
    export_filename = "downloads-og-visninger"
    paginate_by = 50
    extra_filters = {"kind": list(KINDS.items())}

    @cached_property
    def kind(self) -> str:
        return self.chosen("kind")

    @cached_property
    def years_shown(self) -> list[int]:
        return list(range(max(self.year - 4, selectors.years(self.today)[-1]), self.year + 1))

    @cached_property
    def list_export(self):
        first = ["page.title", "title"] if self.kind == "materials" else ["title"]
        return first + [f"y{y}" for y in self.years_shown] + ["total"]

    @cached_property
    def export_headings(self):
        return {
            "page.title": _("Teaching material"),
            "title": _("File") if self.kind == "materials" else _("Video"),
            "total": _("Total"),
            **{f"y{y}": str(y) for y in self.years_shown},
        }

    def get_page_subtitle(self):
        return f"{self.scope.label}, {self.years_shown[0]}–{self.years_shown[-1]}"

    def get_queryset(self):
        if self.kind == "videos":
            return selectors.video_views_per_year(centre_ids=self.scope.centre_ids, years_shown=self.years_shown)
        return selectors.material_downloads_per_year(centre_ids=self.scope.centre_ids, years_shown=self.years_shown)

    def decorate_paginated_queryset(self, object_list):
        for item in object_list:
            item.per_year = [getattr(item, f"y{y}") or 0 for y in self.years_shown]
        return object_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(kind=self.kind, years_shown=self.years_shown)
        return context


# --- evaluations per material ------------------------------------------------------------------------


class EvaluationReportView(ScopedReportView):
    """Per material: counted evaluations of the year, average stars, "usable?" answers, anonymous ones."""

    page_title = gettext_lazy("Evaluations per material")
    results_template_name = "cms/reports/evaluations_results.html"
    index_url_name = "reports:evaluations"
    index_results_url_name = "reports:evaluations_results"
    export_filename = "evalueringer"
    paginate_by = 50
    list_export = ["title", "counted", "rating", "usable_yes", "usable_partly", "usable_no", "anonymous"]

    @cached_property
    def export_headings(self):
        return {
            "title": _("Teaching material"),
            "counted": _("Counted evaluations"),
            "rating": _("Average stars"),
            "usable_yes": _("Usable: yes"),
            "usable_partly": _("Usable: partly"),
            "usable_no": _("Usable: no"),
            "anonymous": _("Anonymous (not counted)"),
        }

    def get_queryset(self):
        return selectors.evaluation_summary(centre_ids=self.scope.centre_ids, year=self.year, today=self.today)
