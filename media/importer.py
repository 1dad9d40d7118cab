"""Bulk import of YouTube films into the video library from a CSV file, all or nothing.

The layout is described with an example in ``docs/import_videos.md``. In short: UTF-8 (an Excel
BOM is fine), commas or semicolons, one header row with all of ``COLUMNS`` in any order, at most
``MAX_ROWS`` rows, one video per row. ``youtube_url``, ``title`` and ``centre`` are required.
A row whose YouTube video is already in the library updates that video (changing only the
columns that are filled in); any other row creates a video, with a slug made from the title
when none is given. ``categories`` and ``equipment`` (``|``-separated) and ``centre`` must exist.

Every row is checked before anything is written; errors carry the row as a spreadsheet shows
it (header = row 1, row 0 = the file as a whole) and the column. Every video gets a new
revision, published when ``publish`` says so, otherwise a draft that leaves a live video's
published version as it is.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.actions.create import CreateAction
from wagtail.actions.edit import EditAction

from catalogue.models import Equipment
from videnscenter.helpers.csv_import import (
    CellError,
    Parser,
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
from videnscenter.helpers.text import danish_slugify
from videnscenter.models import Organisation

from .models import RESERVED_SLUGS, Audience, Video, VideoCategory, youtube_id_from_url

COLUMNS = (
    "youtube_url",
    "title",
    "slug",
    "description",
    "duration",
    "categories",
    "audience",
    "equipment",
    "centre",
    "publish",
)
REQUIRED = ("youtube_url", "title", "centre")
MANY_TO_MANY = ("categories", "equipment")
MAX_ROWS = 5_000
# Accepted spellings (compared in lower case): the stored values, which are also the English
# labels, and the Danish words.
AUDIENCES = {
    **{audience.value: audience.value for audience in Audience},
    **{"alle": "everyone", "elever": "students", "lærere": "teachers", "ledere": "leaders"},
}
PUBLISH = {"ja": True, "nej": False, "yes": True, "no": False, "1": True, "0": False}
_DURATION = re.compile(r"^(?:(?P<hours>\d{1,2}):(?P<minutes>[0-5]\d)|(?P<only_minutes>\d{1,3})):(?P<seconds>[0-5]\d)$")

# The example offered for download: semicolons, so that Danish Excel opens it in columns.
EXAMPLE_CSV = (
    "youtube_url;title;slug;description;duration;categories;audience;equipment;centre;publish\r\n"
    "https://www.youtube.com/watch?v=Xq1a2b3c4d5;Sådan bruger du loftliften;;"
    "Forflytning fra seng til kørestol med loftlift, trin for trin.;4:35;forflytning;elever;"
    "loftlift-med-200-kg-loeft;videnscenter-oest;nej\r\n"
    "https://youtu.be/Yr6e7f8g9h0;Robotsælen i demensplejen;robotsaelen;"
    "Hvordan robotsælen skaber ro og kontakt hos borgere med demens.;6:10;Sociale robotter|Demens;alle;"
    "social-robot-sael-type;videnscenter-oest;nej\r\n"
)


@dataclass
class ImportResult(BaseImportResult):
    videos_created: int = 0
    videos_updated: int = 0
    videos_published: int = 0

    def counts(self) -> str:
        drafts = self.videos_created + self.videos_updated - self.videos_published
        return _(
            "Videos: %(created)s created, %(updated)s updated; %(published)s published, %(drafts)s saved as drafts."
        ) % {
            "created": self.videos_created,
            "updated": self.videos_updated,
            "published": self.videos_published,
            "drafts": drafts,
        }


@dataclass
class VideoPlan:
    row: int
    existing: Video | None
    values: dict[str, Any] = field(default_factory=dict)  # field -> parsed value, only the cells filled in
    publish: bool = False


@dataclass
class Lookups:
    """Everything the rows refer to, read with a fixed number of queries."""

    categories: dict[str, VideoCategory]  # by slug and by name
    equipment: dict[str, Equipment]  # by slug
    organisations: dict[str, Organisation]  # by slug and by name
    videos: dict[str, list[Video]]  # by YouTube id; not unique in the library
    slugs: dict[str, str]  # every video slug in the library -> that video's title


def _load_lookups(rows: list[Row]) -> Lookups:
    youtube_ids = {youtube_id_from_url(url) for url in given(rows, "youtube_url")} - {None}
    equipment_slugs = {slug for text in given(rows, "equipment") for slug in split_values(text)}
    centres = given(rows, "centre")
    videos: dict[str, list[Video]] = {}
    for video in Video.objects.filter(youtube_id__in=youtube_ids).order_by("pk"):
        videos.setdefault(video.youtube_id, []).append(video)
    return Lookups(
        categories=by_name_and_slug(VideoCategory.objects.all()),
        equipment={e.slug: e for e in Equipment.objects.filter(slug__in=equipment_slugs)},
        organisations=by_name_and_slug(Organisation.objects.filter(Q(slug__in=centres) | Q(name__in=centres))),
        videos=videos,
        slugs=dict(Video.objects.values_list("slug", "title")),
    )


def import_videos_csv(*, file, actor=None, dry_run: bool = False) -> ImportResult:
    """Create and update YouTube videos of the library from the CSV ``file`` (binary or text).

    Each video gets a new revision as ``actor``: published where the row asks for it, else a
    draft. With ``actor``, new videos need ``media.add_video``, existing ones
    ``media.change_video`` and publishing ``media.publish_video``; without it (the management
    command) everything is allowed. Nothing is written when there is any error, or with
    ``dry_run``. Returns the errors, warnings and the counts.
    """
    result = ImportResult(dry_run=dry_run)
    rows = read_rows(file, result, columns=COLUMNS, max_rows=MAX_ROWS)
    if not result.ok:
        return result
    plans = _plan(rows, _load_lookups(rows), result)
    if actor is not None:
        _check_permissions(actor, plans, result)
    result.errors.sort(key=lambda e: e.row)
    if not result.ok:
        return result
    result.videos_created = sum(plan.existing is None for plan in plans)
    result.videos_updated = len(plans) - result.videos_created
    result.videos_published = sum(plan.publish for plan in plans)
    if not dry_run:
        try:
            _write(plans, actor)
        except (IntegrityError, ValidationError, PermissionDenied):
            # Someone changed, locked or took a slug since the checks: the rows no longer hold.
            result.error(0, "", _("The library changed during the import. Nothing was saved; please try again."))
    return result


def _plan(rows: list[Row], lookups: Lookups, result: ImportResult) -> list[VideoPlan]:
    plans: list[VideoPlan] = []
    rows_by_youtube_id: dict[str, int] = {}
    rows_by_slug: dict[str, int] = {}
    for row in rows:
        values = _parse_cells(row, lookups, result)
        if "youtube_url" not in values:
            continue
        youtube_id = youtube_id_from_url(values["youtube_url"])
        if youtube_id in rows_by_youtube_id:
            message = _("The same YouTube video is also on row %(row)s.")
            result.error(row.number, "youtube_url", message % {"row": rows_by_youtube_id[youtube_id]})
            continue
        rows_by_youtube_id[youtube_id] = row.number
        existing = _existing_video(row, lookups.videos.get(youtube_id, []), result)
        slug = values.get("slug")
        if slug is not None:
            _check_slug(row, slug, existing, lookups, rows_by_slug, result)
        publish = values.pop("publish", False)
        plans.append(VideoPlan(row.number, existing, values, publish))
    # Made-up slugs last, so that they give way to every slug the file asks for.
    taken = set(lookups.slugs) | set(rows_by_slug) | RESERVED_SLUGS
    for plan in plans:
        if plan.existing is None and "slug" not in plan.values and "title" in plan.values:
            plan.values["slug"] = _free_slug(plan.values["title"], taken)
            taken.add(plan.values["slug"])
    return plans


def _parse_cells(row: Row, lookups: Lookups, result: ImportResult) -> dict[str, Any]:
    values = {}
    for column in COLUMNS:
        text = row.values[column]
        if not text and column not in REQUIRED:
            continue
        try:
            values[column] = PARSERS[column](text, lookups)
        except CellError as exc:
            result.error(row.number, column, str(exc))
    return values


def _existing_video(row: Row, matches: list[Video], result: ImportResult) -> Video | None:
    if len(matches) > 1:
        message = _("Several videos in the library show this YouTube video (%(slugs)s); remove the extra ones first.")
        result.error(row.number, "youtube_url", message % {"slugs": ", ".join(video.slug for video in matches)})
    return matches[0] if matches else None


def _check_slug(
    row: Row, slug: str, existing: Video | None, lookups: Lookups, rows_by_slug: dict[str, int], result: ImportResult
) -> None:
    if slug in rows_by_slug:
        result.error(row.number, "slug", _("The slug is also on row %(row)s.") % {"row": rows_by_slug[slug]})
    elif slug in lookups.slugs and (existing is None or existing.slug != slug):
        message = _("The slug “%(slug)s” belongs to another video, “%(title)s”.")
        result.error(row.number, "slug", message % {"slug": slug, "title": lookups.slugs[slug]})
    rows_by_slug.setdefault(slug, row.number)


def _free_slug(title: str, taken: set[str]) -> str:
    """The title as a slug, with -2, -3 … appended until it is not ``taken``."""
    max_length = Video._meta.get_field("slug").max_length
    base = danish_slugify(title)[:max_length].strip("-") or "video"
    slug, number = base, 1
    while slug in taken:
        number += 1
        suffix = f"-{number}"
        slug = base[: max_length - len(suffix)].rstrip("-") + suffix
    return slug


def _check_permissions(actor, plans: list[VideoPlan], result: ImportResult) -> None:
    may_add, may_change, may_publish = (
        actor.has_perm(f"media.{action}_video") for action in ("add", "change", "publish")
    )
    for plan in plans:
        if plan.existing is None and not may_add:
            result.error(plan.row, "youtube_url", _("You may not add videos to the library."))
        elif plan.existing is not None and not may_change:
            message = _("The video is already in the library as “%(title)s”, and you may not change videos.")
            result.error(plan.row, "youtube_url", message % {"title": plan.existing.title})
        elif plan.existing is not None and (lock := plan.existing.get_lock()) and lock.for_user(actor):
            message = _(
                "The video “%(title)s” is locked, or waits for approval or publishing; it cannot be changed now."
            )
            result.error(plan.row, "youtube_url", message % {"title": plan.existing.title})
        if plan.publish and not may_publish:
            result.error(
                plan.row,
                "publish",
                _("Only centre staff can publish videos. Write “nej” to save a draft that centre staff can publish."),
            )


def _write(plans: list[VideoPlan], actor) -> None:
    with transaction.atomic():
        for plan in plans:
            # Edit what an editor would edit: the latest draft, not only the published version.
            video = Video() if plan.existing is None else plan.existing.get_latest_revision_as_object()
            for name, value in plan.values.items():
                if name in MANY_TO_MANY:
                    getattr(video, name).set(value)
                else:
                    setattr(video, name, value)
            action = CreateAction if plan.existing is None else EditAction
            # Wagtail's own actions: save (a live video stays as it is), add a revision, log, publish.
            action(video, user=actor, publish=plan.publish).execute()


# Cell parsers: (text, lookups) -> value, raising CellError with a message for the person.

_youtube_link = text_parser(Video, "youtube_url")


def _youtube_url(text: str, lookups: Lookups) -> str:
    if not text:
        raise CellError(_("This column must be filled in."))
    return _youtube_link(text)


def _description(text: str, lookups: Lookups) -> str:
    """Plain text as rich text: every line a paragraph, HTML escaped."""
    return "".join(format_html("<p>{}</p>", line.strip()) for line in text.splitlines() if line.strip())


def _duration(text: str, lookups: Lookups) -> timedelta:
    match = _DURATION.match(text)
    duration = None
    if match:
        minutes = int(match["minutes"] or match["only_minutes"])
        duration = timedelta(hours=int(match["hours"] or 0), minutes=minutes, seconds=int(match["seconds"]))
    if not duration:
        message = _("“%(value)s” is not a duration; write minutes:seconds (4:30) or hours:minutes:seconds (1:02:30).")
        raise CellError(message % {"value": text})
    return duration


def _categories(text: str, lookups: Lookups) -> list[VideoCategory]:
    return parse_list(text, lookups.categories, _("Unknown video category: %(values)s."))


def _equipment(text: str, lookups: Lookups) -> list[Equipment]:
    return parse_list(text, lookups.equipment, _("Unknown equipment: %(values)s."))


PARSERS: dict[str, Parser] = {
    "youtube_url": _youtube_url,
    "title": text_parser(Video, "title"),
    "slug": text_parser(Video, "slug"),
    "description": _description,
    "duration": _duration,
    "categories": _categories,
    "audience": choice_parser(AUDIENCES),
    "equipment": _equipment,
    "centre": parse_centre,
    "publish": choice_parser(PUBLISH),
}
