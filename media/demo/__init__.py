"""Demo video and podcast library, built in code: ~250 instruction films and the podcast "Livet!".

Posters come from the catalogue's placeholder artwork; captions (WebVTT) and the episodes' audio
(a short, soft WAV tone) are generated here, nothing is downloaded. The films are written with
bulk inserts because there are many of them; that skips ``save()``, the search signals and the
reference index, so the loader fills in what those would have done. Safe to run again: films and
episodes are looked up by slug and only missing ones are created; existing ones are left as the
editors made them.
"""

import math
import re
import time
import wave
from array import array
from datetime import datetime, timedelta
from datetime import time as clock
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends

from catalogue.demo.artwork import placeholder_png, stored_image
from catalogue.demo.data import CENTRE_SLUGS
from catalogue.models import Equipment
from videnscenter.models import Organisation

from ..models import PodcastEpisode, PodcastSeries, Video, VideoCategory, VideoViewCount
from .data import (
    CATEGORIES,
    EPISODES,
    SERIES,
    EpisodeSpec,
    VideoSpec,
    episode_transcript,
    stable_number,
    video_specs,
)

# --- Generated files -------------------------------------------------------------------------------


def _timestamp(seconds: float) -> str:
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(int(minutes), 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:06.3f}"


def captions_vtt(transcript: str, duration: timedelta) -> bytes:
    """A small WebVTT file: one cue per sentence of the transcript, spread over the film."""
    sentences = [part for part in re.split(r"(?<=[.!?])\s+", transcript.strip()) if part]
    slot = duration.total_seconds() / len(sentences)
    lines = ["WEBVTT", "Kind: captions", "Language: da", ""]
    for number, sentence in enumerate(sentences):
        start = number * slot + 0.5
        lines += [str(number + 1), f"{_timestamp(start)} --> {_timestamp(start + min(slot - 1, 7))}", sentence, ""]
    return "\n".join(lines).encode()


def soft_tone_wav(number: int, seconds: float = 2.5, rate: int = 11025) -> bytes:
    """A quiet, fading two-note chime (mono, 16 bit, ~55 KB), a different pitch per episode."""
    base = 220.0 * 2 ** ((number % 7) / 12)
    samples = array("h")
    total = int(seconds * rate)
    for i in range(total):
        t = i / rate
        envelope = min(1.0, t / 0.2) * (1 - i / total) ** 2
        value = math.sin(2 * math.pi * base * t) + 0.5 * math.sin(2 * math.pi * base * 1.5 * t)
        samples.append(int(4000 * envelope * value))
    buf = BytesIO()
    with wave.open(buf, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return buf.getvalue()


def _stored(model, field_name: str, filename: str, render) -> str:
    """The storage name of a generated file: reused when the same bytes are already there."""
    field = model._meta.get_field(field_name)
    name = field.generate_filename(None, filename)
    data = render()
    if field.storage.exists(name):
        with field.storage.open(name) as existing:
            if existing.read() == data:
                return name
    return field.storage.save(name, ContentFile(data))


# --- Loaders -----------------------------------------------------------------------------------------


def _categories() -> dict[str, VideoCategory]:
    categories = {}
    for slug, name, description, _colour, _pictogram in CATEGORIES:
        category = VideoCategory.objects.filter(slug=slug).first() or VideoCategory(slug=slug)
        if (category.name, category.description) != (name, description):
            category.name, category.description = name, description
            category.save()
        categories[slug] = category
    return categories


def _posters() -> dict[str, int]:
    """One placeholder poster per category (image ids by category slug), shared by its films."""
    return {
        slug: stored_image(
            f"Videoplakat: {name}",
            f"videoplakat-{slug}.png",
            lambda name=name, colour=colour, pictogram=pictogram: placeholder_png(
                name, "Instruktionsvideo · Videnscentrene", colour, pictogram
            ),
        ).pk
        for slug, name, _description, colour, pictogram in CATEGORIES
    }


def _published_at(now: datetime, days_ago: int, salt: str) -> datetime:
    return (now - timedelta(days=days_ago)).replace(hour=8 + stable_number(salt) % 8, minute=0, second=0, microsecond=0)


def _new_video(spec: VideoSpec, *, centres, posters, now) -> Video:
    published = _published_at(now, spec.published_days_ago, spec.slug)
    return Video(
        title=spec.title,
        slug=spec.slug,
        description=spec.description,
        youtube_url=spec.youtube_url,
        youtube_id=spec.youtube_id,  # save() would derive it; bulk_create does not call save()
        poster_id=posters[spec.poster_category],
        duration=spec.duration,
        captions=_stored(Video, "captions", f"{spec.slug}.vtt", lambda: captions_vtt(spec.transcript, spec.duration)),
        transcript=spec.transcript,
        audience=spec.audience,
        centre=centres[spec.centre],
        featured=spec.featured,
        live=True,
        has_unpublished_changes=False,
        first_published_at=published,
        last_published_at=published,
    )


def _videos(*, centres, categories, posters, now) -> tuple[list[Video], int]:
    """Create the missing films with their categories and equipment. Returns (new films, total)."""
    specs = video_specs()
    existing = set(Video.objects.filter(slug__in=[spec.slug for spec in specs]).values_list("slug", flat=True))
    missing = [spec for spec in specs if spec.slug not in existing]
    if not missing:
        return [], len(specs)

    Video.objects.bulk_create([_new_video(spec, centres=centres, posters=posters, now=now) for spec in missing])
    created = {video.slug: video for video in Video.objects.filter(slug__in=[spec.slug for spec in missing])}
    equipment = {item.slug: item for item in Equipment.objects.all()}
    category_rows, equipment_rows = [], []
    CategoryLink = Video.categories.through
    EquipmentLink = Video.equipment.through
    for spec in missing:
        video = created[spec.slug]
        video_categories = [categories[slug] for slug in spec.categories]
        video_equipment = [equipment[slug] for slug in spec.equipment if slug in equipment]
        category_rows += [CategoryLink(video_id=video.pk, videocategory_id=item.pk) for item in video_categories]
        equipment_rows += [EquipmentLink(video_id=video.pk, equipment_id=item.pk) for item in video_equipment]
        # Kept in memory too (objects, not ids: ids would write), so the revision and the
        # reference index below need no queries per film.
        video.categories.set(video_categories)
        video.equipment.set(video_equipment)
    CategoryLink.objects.bulk_create(category_rows)
    EquipmentLink.objects.bulk_create(equipment_rows)
    new_videos = [created[spec.slug] for spec in missing]
    for video in new_videos:  # auto_now(_add) stamped them all "now"; match the publishing history instead
        video.created_at = video.updated_at = video.first_published_at
    Video.objects.bulk_update(new_videos, ["created_at", "updated_at"])
    _publish_revisions(new_videos, now=now)
    return new_videos, len(specs)


def _publish_revisions(objects: list, *, now: datetime) -> None:
    """One published revision per object, as publishing in the admin would leave it (history, compare)."""
    if not objects:
        return
    model = type(objects[0])
    content_type, base_content_type = model.get_content_type(), model.get_base_content_type()
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=str(obj.pk),
                created_at=obj.first_published_at or now,
                object_str=str(obj),
                content=obj.serializable_data(),
            )
            for obj in objects
        ]
    )
    for obj, revision in zip(objects, revisions, strict=True):
        obj.latest_revision = obj.live_revision = revision
    model.objects.bulk_update(objects, ["latest_revision", "live_revision"])
    for obj in objects:
        ReferenceIndex.create_or_update_for_object(obj)


def _view_counts(videos: list[Video], *, year: int) -> int:
    """Views this year and last year for every third film and every featured one (yearly report)."""
    rows = []
    for number, video in enumerate(videos):
        if number % 3 and not video.featured:
            continue
        popularity = 3 if video.featured else 1
        for when in (year - 1, year):
            rows.append(
                VideoViewCount(
                    video=video, year=when, views=popularity * (40 + stable_number(f"{video.slug}{when}") % 400)
                )
            )
    existing = set(VideoViewCount.objects.filter(video__in=videos).values_list("video_id", "year"))
    missing = [row for row in rows if (row.video.pk, row.year) not in existing]
    VideoViewCount.objects.bulk_create(missing)
    return len(missing)


def _episode(spec: EpisodeSpec, *, series, centres, today) -> PodcastEpisode:
    published_on = today - timedelta(days=(len(EPISODES) - spec.number) * 36 + 5)
    published = timezone.make_aware(datetime.combine(published_on, clock(6)))
    return PodcastEpisode(
        series=series,
        number=spec.number,
        title=spec.title,
        slug=spec.slug,
        description=f"<p>{escape(spec.lead)}</p><p>Gæst: {escape(spec.guest)}.</p>",
        audio_file=_stored(PodcastEpisode, "audio_file", f"{spec.slug}.wav", lambda: soft_tone_wav(spec.number)),
        duration=timedelta(minutes=spec.minutes, seconds=stable_number(spec.slug) % 60),
        transcript=episode_transcript(spec),
        published_on=published_on,
        centre=centres[spec.centre],
        live=True,
        has_unpublished_changes=False,
        first_published_at=published,
        last_published_at=published,
    )


def _podcast(*, centres, today) -> tuple[PodcastSeries, list[PodcastEpisode]]:
    series = PodcastSeries.objects.filter(slug=SERIES["slug"]).first() or PodcastSeries(slug=SERIES["slug"])
    if series.pk is None:
        series.name, series.description = SERIES["name"], SERIES["description"]
        series.cover = stored_image(
            "Podcast: Livet!",
            "podcast-livet.png",
            lambda: placeholder_png("Livet!", "Podcast fra videnscentrene", "#c0504d", "speech"),
        )
        series.save()
    existing = set(series.episodes.values_list("number", flat=True))
    new = [
        _episode(spec, series=series, centres=centres, today=today) for spec in EPISODES if spec.number not in existing
    ]
    for episode in new:  # ten rows: save() keeps the search index and signals as usual
        episode.save()
    _publish_revisions(new, now=timezone.now())
    return series, new


def _index(model, objects: list) -> None:
    """Bulk inserts skip the search signals: add the new objects to the search index in one go."""
    if objects:
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, objects)


@transaction.atomic
def load_library(stdout=None) -> dict[str, Video]:
    """Create the demo films, their categories, posters, captions and views, and the podcast "Livet!".

    Needs the centres of ``load_people``; links films to the equipment of ``load_catalogue`` when it
    exists. Returns the films by slug.
    """
    started = time.monotonic()
    now = timezone.now()
    centres = {key: Organisation.objects.get(slug=slug) for key, slug in CENTRE_SLUGS.items()}
    categories = _categories()
    posters = _posters()
    new_videos, total = _videos(centres=centres, categories=categories, posters=posters, now=now)
    _index(Video, new_videos)
    videos = list(Video.objects.filter(slug__in=[spec.slug for spec in video_specs()]).order_by("pk"))
    views = _view_counts(videos, year=timezone.localdate().year)
    series, episodes = _podcast(centres=centres, today=timezone.localdate())
    if stdout:
        stdout.write(
            f"Library: {total} videos ({len(new_videos)} new) in {len(categories)} categories, "
            f"{views} new view counts, {series.episodes.count()} episodes of {series.name} "
            f"({time.monotonic() - started:.1f} s)."
        )
    return {video.slug: video for video in videos}
