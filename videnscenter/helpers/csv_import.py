"""What every all-or-nothing CSV import shares: reading the file, the errors and the result,
the cell parsers several importers need, the example download and the management command.

An importer reads the rows with ``read_rows``, checks every cell (a parser raises
``CellError`` with a message for the person), collects every problem in an ``ImportResult``
and writes only when there is none. Rows are numbered as a spreadsheet shows them: the header
is row 1, the first data row is row 2, and row 0 means the file as a whole.
"""

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import models
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from videnscenter.models import Organisation

# A cell parser: (the cell's text, the importer's lookups) -> the value, or raises CellError.
Parser = Callable[[str, Any], Any]


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def describe(self) -> str:
        if not self.row:
            return self.message
        if not self.column:
            return _("row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _('row %(row)s, column "%(column)s": %(message)s') % vars(self)


@dataclass
class ImportResult:
    """Errors and warnings of one import; subclasses add their counts and say them in ``counts``."""

    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row=row, column=column, message=message))

    def counts(self) -> str:
        raise NotImplementedError

    def summary(self) -> str:
        text = self.counts()
        return _("Dry run, nothing was saved. %(text)s") % {"text": text} if self.dry_run else text


class CellError(Exception):
    """A cell's value cannot be used; the message says why."""


@dataclass
class Row:
    number: int
    values: dict[str, str]  # every one of the importer's columns, stripped; "" when empty


def read_rows(file, result: ImportResult, *, columns: Sequence[str], max_rows: int) -> list[Row]:
    """The non-empty rows of the CSV ``file`` (binary or text), or [] with the errors in ``result``.

    UTF-8 with or without a BOM; comma or semicolon, whichever the header row uses more. The
    header must name each of ``columns`` once, in any order and case; other columns are
    ignored with a warning.
    """
    data = file.read()
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.removeprefix("\ufeff")
    except UnicodeDecodeError:
        result.error(0, "", _("The file is not UTF-8 text. In Excel, save it as “CSV UTF-8”."))
        return []
    if not text.strip():
        result.error(0, "", _("The file is empty."))
        return []
    # Danish Excel separates with semicolons; the header row shows which one this file uses.
    header_line = text.splitlines()[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        result.error(0, "", _("The file cannot be read as CSV: %(error)s") % {"error": exc})
        return []
    header = [name.strip().lower() for name in records[0]]
    for column in columns:
        if column not in header:
            result.error(1, column, _("The header row lacks the column “%(column)s”.") % {"column": column})
        elif header.count(column) > 1:
            result.error(1, column, _("The column “%(column)s” appears more than once.") % {"column": column})
    for name in header:
        if name and name not in columns:
            result.warnings.append(_("The unknown column “%(column)s” was ignored.") % {"column": name})
    if len(records) - 1 > max_rows:
        message = _("The file has %(count)s rows; at most %(max)s are allowed.")
        result.error(0, "", message % {"count": len(records) - 1, "max": max_rows})
    if not result.ok:
        return []
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if any(cell.strip() for cell in record):
            cells = dict(zip(header, (cell.strip() for cell in record), strict=False))
            rows.append(Row(number=number, values={column: cells.get(column, "") for column in columns}))
    if not rows:
        result.error(0, "", _("The file has no rows below the header."))
    return rows


def given(rows: Iterable[Row], column: str) -> set[str]:
    """The distinct non-empty values of ``column``, e.g. to look them all up in one query."""
    return {row.values[column] for row in rows if row.values[column]}


def split_values(text: str) -> list[str]:
    """The ``|``-separated parts of a cell, without blanks and repeats (``|`` is free in both separators)."""
    return list(dict.fromkeys(part.strip() for part in text.split("|") if part.strip()))


def by_name_and_slug(objects: Iterable[models.Model]) -> dict[str, Any]:
    """Objects keyed by their name and by their slug; a slug wins over another object's name."""
    objects = list(objects)
    return {**{o.name: o for o in objects}, **{o.slug: o for o in objects}}


# Parsers that several importers use.


def text_parser(model: type[models.Model], name: str) -> Parser:
    """Text checked by the model field's own validators (length, slug format and so on)."""
    model_field = model._meta.get_field(name)

    def parse(text: str, lookups: Any = None) -> str:
        if not text and not model_field.blank:
            raise CellError(_("This column must be filled in."))
        try:
            model_field.run_validators(text)
        except ValidationError as exc:
            raise CellError(" ".join(exc.messages))
        return text

    return parse


def choice_parser(choices: dict[str, Any]) -> Parser:
    """One of the spellings in ``choices`` (lower case, single spaces), mapped to its value."""

    def parse(text: str, lookups: Any = None) -> Any:
        try:
            return choices[" ".join(text.lower().split())]
        except KeyError:
            message = _("Unknown value “%(value)s”; use one of: %(allowed)s.")
            raise CellError(message % {"value": text, "allowed": ", ".join(choices)})

    return parse


def parse_list(text: str, known: dict[str, Any], unknown_message: str) -> list[Any]:
    """The objects that the ``|``-separated names in ``text`` stand for in ``known``.

    ``unknown_message`` names the ones ``known`` lacks through ``%(values)s``.
    """
    names = split_values(text)
    unknown = [name for name in names if name not in known]
    if unknown:
        raise CellError(unknown_message % {"values": ", ".join(f"“{name}”" for name in unknown)})
    return [known[name] for name in names]


def parse_centre(text: str, lookups: Any) -> Organisation:
    """The knowledge centre ``lookups.organisations`` has under ``text``."""
    organisation = lookups.organisations.get(text)
    if organisation is None:
        raise CellError(_("Unknown organisation “%(value)s”.") % {"value": text})
    if not organisation.is_centre:
        raise CellError(_("“%(value)s” is not a knowledge centre.") % {"value": organisation.name})
    return organisation


def csv_download(text: str, *, filename: str) -> HttpResponse:
    """``text`` as a CSV attachment, with the BOM that makes Excel read it as UTF-8."""
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ImportCommand(BaseCommand):
    """``manage.py <command> FILE.csv [--dry-run]``: run an importer and report like the admin page.

    Subclasses give ``help`` and ``run_import``; the command fails (exit status 1) on any error.
    """

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The CSV file, UTF-8, comma or semicolon separated.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report, but save nothing.")

    def run_import(self, file, *, dry_run: bool) -> ImportResult:
        raise NotImplementedError

    def handle(self, *args, file: Path, dry_run: bool, **options):
        try:
            with file.open("rb") as handle:
                result = self.run_import(handle, dry_run=dry_run)
        except OSError as exc:
            raise CommandError(_("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc.strerror})
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(warning))
        if not result.ok:
            for error in result.errors:
                self.stderr.write(error.describe())
            count = len(result.errors)
            raise CommandError(
                ngettext("%(count)s error; nothing was imported.", "%(count)s errors; nothing was imported.", count)
                % {"count": count}
            )
        self.stdout.write(self.style.SUCCESS(result.summary()))
