"""Bulk onboarding of equipment and units from a CSV file, all or nothing.

The layout is described with an example in ``docs/import_equipment.md``. In short: UTF-8 (an
Excel BOM is fine), commas or semicolons, one header row with all of ``COLUMNS`` in any order
(unknown columns are ignored with a warning), at most ``MAX_ROWS`` rows. ``equipment_slug`` is
required on every row; a row without ``asset_tag`` describes the equipment, a row with one
also creates or updates that unit. Equipment columns may be repeated or left empty on later
rows of the same slug, but never contradict. New equipment needs a name, category, owning
centre and summary; existing equipment changes only in the columns given (``programmes`` and
``tags``, ``|``-separated, replace the old ones). References (category, centre, programmes,
location) must exist. An asset tag appears once per file and never moves a unit to other
equipment.

Every row is checked before anything is written. Errors carry the row number as a
spreadsheet shows it (header = row 1; row 0 means the file as a whole) and the column name.
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from videnscenter import rules
from videnscenter.helpers.csv_import import (
    CellError,
    Row,
    by_name_and_slug,
    choice_parser,
    given,
    parse_centre,
    parse_list,
    read_rows,
    split_values,
    text_parser,
)
from videnscenter.helpers.csv_import import ImportResult as BaseImportResult
from videnscenter.models import Organisation

from .models import Category, Equipment, EquipmentTag, Location, Programme, Unit

NUMBER_COLUMNS = ("buffer_before_days", "buffer_after_days", "max_loan_days", "min_notice_days")
EQUIPMENT_COLUMNS = ("equipment_name", "category", "owning_centre", "placement", "summary", *NUMBER_COLUMNS)
EQUIPMENT_COLUMNS += ("programmes", "tags")
UNIT_COLUMNS = ("serial_number", "unit_status", "unit_location")
COLUMNS = ("equipment_slug", *EQUIPMENT_COLUMNS, "asset_tag", *UNIT_COLUMNS)
# The model field of each column whose name differs from it.
FIELD_NAMES = {"equipment_name": "name", "unit_status": "status", "unit_location": "current_location"}
MAX_ROWS = 10_000
NEW_EQUIPMENT_NEEDS = ("equipment_name", "category", "owning_centre", "summary")
# Accepted spellings (compared in lower case): the stored values and the Danish words.
PLACEMENTS = {
    **{p.value: p.value for p in Equipment.Placement},
    **{"mobil": "mobile", "stationeret": "stationed", "lab": "lab_only"},
}
STATUSES = {
    **{s.value: s.value for s in Unit.Status},
    **{"i drift": "in_service", "vedligehold": "maintenance", "udfaset": "retired"},
}

# The example offered for download: semicolons, so that Danish Excel opens it in columns.
EXAMPLE_CSV = (
    "equipment_slug;equipment_name;category;owning_centre;placement;summary;buffer_before_days;buffer_after_days;"
    "max_loan_days;min_notice_days;programmes;tags;asset_tag;serial_number;unit_status;unit_location\r\n"
    "loftestol;Mobil loftestol;loefte-og-forflytningshjaelpemidler;videnscenter-oest;mobil;"
    "Mobil personløfter til træning;"
    "1;2;30;5;sosu-hjaelper|sosu-assistent;løft|forflytning;;;;\r\n"
    "loftestol;;;;;;;;;;;;VVØ-9001;SN-1234;i drift;Praksis Lab Øst\r\n"
    "loftestol;;;;;;;;;;;;VVØ-9002;SN-1235;vedligehold;\r\n"
)


@dataclass
class ImportResult(BaseImportResult):
    equipment_created: int = 0
    equipment_updated: int = 0
    units_created: int = 0
    units_updated: int = 0

    def counts(self) -> str:
        return _(
            "Equipment: %(equipment_created)s created, %(equipment_updated)s updated. "
            "Units: %(units_created)s created, %(units_updated)s updated."
        ) % vars(self)


@dataclass
class EquipmentPlan:
    slug: str
    row: int
    existing: Equipment | None
    values: dict[str, Any] = field(default_factory=dict)  # column -> parsed value
    sources: dict[str, tuple[int, str]] = field(default_factory=dict)  # column -> (row, text) of the value
    mentioned: set[str] = field(default_factory=set)


@dataclass
class UnitPlan:
    row: int
    slug: str
    asset_tag: str
    existing: Unit | None
    values: dict[str, Any]


@dataclass
class Lookups:
    """Everything the rows refer to, read with a fixed number of queries."""

    categories: dict[str, Category]  # by slug and by name
    programmes: dict[str, Programme]  # by slug and by name
    organisations: dict[str, Organisation]  # by slug
    locations: dict[str, list[Location]]  # by name, which is not unique
    equipment: dict[str, Equipment]  # by slug
    units: dict[str, Unit]  # by asset tag


def _load_lookups(rows: list[Row]) -> Lookups:
    locations: dict[str, list[Location]] = {}
    for location in Location.objects.filter(name__in=given(rows, "unit_location")):
        locations.setdefault(location.name, []).append(location)
    equipment = Equipment.objects.select_related("owning_centre").filter(slug__in=given(rows, "equipment_slug"))
    units = Unit.objects.select_related("equipment").filter(asset_tag__in=given(rows, "asset_tag"))
    return Lookups(
        categories=by_name_and_slug(Category.objects.all()),
        programmes=by_name_and_slug(Programme.objects.all()),
        organisations={o.slug: o for o in Organisation.objects.filter(slug__in=given(rows, "owning_centre"))},
        locations=locations,
        equipment={e.slug: e for e in equipment},
        units={u.asset_tag: u for u in units},
    )


def import_equipment_csv(*, file, actor=None, dry_run: bool = False) -> ImportResult:
    """Create and update equipment and units from the CSV ``file`` (binary or text).

    With ``actor`` every equipment must belong to a centre the actor may manage; without it
    (the management command) everything is allowed. Nothing is written when there is any
    error, or with ``dry_run``. Returns the errors, warnings and the counts.
    """
    result = ImportResult(dry_run=dry_run)
    rows = read_rows(file, result, columns=COLUMNS, max_rows=MAX_ROWS)
    if not result.ok:
        return result
    lookups = _load_lookups(rows)
    equipment_plans, unit_plans = _plan(rows, lookups, result)
    if actor is not None:
        _check_permissions(actor, equipment_plans, result)
    result.errors.sort(key=lambda e: e.row)
    if not result.ok:
        return result
    result.equipment_created = sum(p.existing is None for p in equipment_plans)
    result.equipment_updated = sum(p.existing is not None and bool(p.values) for p in equipment_plans)
    result.units_created = sum(p.existing is None for p in unit_plans)
    result.units_updated = sum(p.existing is not None and bool(p.values) for p in unit_plans)
    if not dry_run:
        try:
            _write(equipment_plans, unit_plans)
        except IntegrityError:
            result.error(0, "", _("The catalogue changed during the import. Nothing was saved; please try again."))
    return result


def _plan(rows: list[Row], lookups: Lookups, result: ImportResult) -> tuple[list[EquipmentPlan], list[UnitPlan]]:
    equipment: dict[str, EquipmentPlan] = {}
    units: dict[str, UnitPlan] = {}
    for row in rows:
        slug = row.values["equipment_slug"]
        try:
            PARSERS["equipment_slug"](slug, lookups)
        except CellError as exc:
            result.error(row.number, "equipment_slug", str(exc))
            continue
        plan = equipment.setdefault(
            slug, EquipmentPlan(slug=slug, row=row.number, existing=lookups.equipment.get(slug))
        )
        _merge_equipment_cells(plan, row, lookups, result)
        _plan_unit(row, lookups, result, units)
    for plan in equipment.values():
        if plan.existing is None:
            for column in NEW_EQUIPMENT_NEEDS:
                if column not in plan.mentioned:
                    result.error(plan.row, column, _("New equipment needs a value here."))
    return list(equipment.values()), list(units.values())


def _merge_equipment_cells(plan: EquipmentPlan, row: Row, lookups: Lookups, result: ImportResult) -> None:
    for column in EQUIPMENT_COLUMNS:
        text = row.values[column]
        if not text:
            continue
        plan.mentioned.add(column)
        try:
            value = PARSERS[column](text, lookups)
        except CellError as exc:
            result.error(row.number, column, str(exc))
            continue
        if column not in plan.values:
            plan.values[column], plan.sources[column] = value, (row.number, text)
        elif _comparable(plan.values[column]) != _comparable(value):
            first_row, first_text = plan.sources[column]
            message = _("“%(value)s” differs from “%(other)s” on row %(row)s.")
            result.error(row.number, column, message % {"value": text, "other": first_text, "row": first_row})


def _plan_unit(row: Row, lookups: Lookups, result: ImportResult, units: dict[str, UnitPlan]) -> None:
    tag, slug = row.values["asset_tag"], row.values["equipment_slug"]
    if not tag:
        for column in UNIT_COLUMNS:
            if row.values[column]:
                result.error(row.number, column, _("Unit columns need an asset tag on the same row."))
        return
    if tag in units:
        result.error(row.number, "asset_tag", _("The asset tag is also on row %(row)s.") % {"row": units[tag].row})
        return
    existing = lookups.units.get(tag)
    if existing is not None and existing.equipment.slug != slug:
        message = _("The asset tag belongs to “%(name)s” (%(slug)s); a unit cannot move to other equipment.")
        result.error(
            row.number, "asset_tag", message % {"name": existing.equipment.name, "slug": existing.equipment.slug}
        )
    values = {}
    for column in ("asset_tag", *UNIT_COLUMNS):
        try:
            values[column] = PARSERS[column](row.values[column], lookups) if row.values[column] else None
        except CellError as exc:
            result.error(row.number, column, str(exc))
    values = {column: value for column, value in values.items() if value is not None and column != "asset_tag"}
    units[tag] = UnitPlan(row=row.number, slug=slug, asset_tag=tag, existing=existing, values=values)


def _check_permissions(actor, plans: list[EquipmentPlan], result: ImportResult) -> None:
    refused = _("You may not manage the equipment of %(centre)s.")
    for plan in plans:
        if plan.existing is not None and not rules.allowed(actor, "catalogue.manage", plan.existing):
            result.error(plan.row, "equipment_slug", refused % {"centre": plan.existing.owning_centre.name})
            continue
        centre = plan.values.get("owning_centre")
        if centre is not None and not rules.allowed(actor, "catalogue.manage", centre):
            result.error(plan.sources["owning_centre"][0], "owning_centre", refused % {"centre": centre.name})


def _write(equipment_plans: list[EquipmentPlan], unit_plans: list[UnitPlan]) -> None:
    with transaction.atomic():
        saved: dict[str, Equipment] = {}
        for plan in equipment_plans:
            equipment = saved[plan.slug] = plan.existing or Equipment(slug=plan.slug)
            if plan.existing is not None and not plan.values:
                continue
            for column, value in plan.values.items():
                if column == "tags":
                    equipment.tags.set(value)
                elif column != "programmes":
                    setattr(equipment, FIELD_NAMES.get(column, column), value)
            equipment.save()
            if "programmes" in plan.values:
                equipment.programmes.set(plan.values["programmes"])
        for plan in unit_plans:
            unit = plan.existing or Unit(asset_tag=plan.asset_tag, equipment=saved[plan.slug])
            for column, value in plan.values.items():
                setattr(unit, FIELD_NAMES.get(column, column), value)
            if plan.existing is None or plan.values:
                unit.save()


def _comparable(value: Any) -> Any:
    if isinstance(value, list):
        return frozenset(_comparable(v) for v in value)
    return value.pk if isinstance(value, models.Model) else value


# Cell parsers: (text, lookups) -> value, raising CellError with a message for the person.


def _number(name: str):
    validators = Equipment._meta.get_field(name).validators
    low = max([0, *(v.limit_value for v in validators if isinstance(v, MinValueValidator))])
    high = min(v.limit_value for v in validators if isinstance(v, MaxValueValidator))

    def parse(text: str, lookups: Lookups) -> int:
        if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
            message = _("“%(value)s” is not a whole number from %(low)s to %(high)s.")
            raise CellError(message % {"value": text, "low": low, "high": high})
        return int(text)

    return parse


def _category(text: str, lookups: Lookups) -> Category:
    if text not in lookups.categories:
        raise CellError(_("Unknown category “%(value)s”.") % {"value": text})
    return lookups.categories[text]


def _programmes(text: str, lookups: Lookups) -> list[Programme]:
    return parse_list(text, lookups.programmes, _("Unknown programme: %(values)s."))


def _tags(text: str, lookups: Lookups) -> list[str]:
    parse_tag = text_parser(EquipmentTag.tag_model(), "name")
    return [parse_tag(tag, lookups) for tag in split_values(text)]


def _location(text: str, lookups: Lookups) -> Location:
    found = lookups.locations.get(text, [])
    if len(found) != 1:
        message = _("Unknown location “%(value)s”.") if not found else _("Several locations are called “%(value)s”.")
        raise CellError(message % {"value": text})
    return found[0]


PARSERS = {
    "equipment_slug": text_parser(Equipment, "slug"),
    "equipment_name": text_parser(Equipment, "name"),
    "category": _category,
    "owning_centre": parse_centre,
    "placement": choice_parser(PLACEMENTS),
    "summary": text_parser(Equipment, "summary"),
    **{column: _number(column) for column in NUMBER_COLUMNS},
    "programmes": _programmes,
    "tags": _tags,
    "asset_tag": text_parser(Unit, "asset_tag"),
    "serial_number": text_parser(Unit, "serial_number"),
    "unit_status": choice_parser(STATUSES),
    "unit_location": _location,
}
