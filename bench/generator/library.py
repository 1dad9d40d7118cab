"""5,000 published instruction films over ~15 categories, linked to the bench equipment, in the search index."""

import random
import string
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from wagtail.search.backends import get_search_backends

from catalogue.models import Equipment
from media.models import Audience, Video, VideoCategory, VideoViewCount
from videnscenter.models import Organisation

from .common import BATCH, PREFIX, batched, explicit_timestamps
from .words import TRANSCRIPT, VIDEO_CATEGORIES, VIDEO_TITLES, capitalise, slugify_da

INDEX_BATCH = 500  # the search backends build one statement per batch
YOUTUBE_ALPHABET = string.ascii_letters + string.digits + "-_"
AUDIENCES = [Audience.EVERYONE, Audience.STUDENTS, Audience.TEACHERS, Audience.LEADERS]


def video_count(scale: float) -> int:
    return max(1, round(5000 * scale))


def create_categories() -> list[VideoCategory]:
    taken = set(VideoCategory.objects.values_list("name", flat=True))
    return VideoCategory.objects.bulk_create(
        [
            VideoCategory(
                name=name if name not in taken else f"{name} (bench)",
                slug=f"{PREFIX}{slugify_da(name)}",
                description=f"Instruktionsfilm om {name.lower()}.",
            )
            for name in VIDEO_CATEGORIES
        ]
    )


def create_videos(
    *,
    rng: random.Random,
    scale: float,
    today: date,
    centres: list[Organisation],
    categories: list[VideoCategory],
    equipment: list[Equipment],
) -> list[Video]:
    """Published films (live, with first_published_at) and their category and equipment links."""
    videos, links = [], []
    for number in range(video_count(scale)):
        shown = rng.sample(equipment, min(len(equipment), rng.choice([1, 1, 1, 2, 3])))
        item = shown[0].name.lower() if rng.random() < 0.5 else shown[0].name
        pattern = rng.choice(VIDEO_TITLES)
        title = pattern.format(item=item, Item=capitalise(item))
        youtube_id = "".join(rng.choices(YOUTUBE_ALPHABET, k=11))
        published = timezone.make_aware(
            datetime.combine(today - timedelta(days=rng.randrange(1, 3 * 365)), time(rng.randint(8, 15)))
        )
        videos.append(
            Video(
                title=title,
                slug=f"{PREFIX}video-{number + 1:05d}-{slugify_da(title)}"[:200].rstrip("-"),
                description=f"<p>{capitalise(title)}. {rng.choice(TRANSCRIPT)}</p>",
                youtube_url=f"https://www.youtube.com/watch?v={youtube_id}",
                youtube_id=youtube_id,  # save() would derive it; bulk_create does not call save()
                duration=timedelta(seconds=rng.randint(60, 900)),
                transcript=" ".join(rng.sample(TRANSCRIPT, rng.randint(4, len(TRANSCRIPT)))),
                audience=rng.choices(AUDIENCES, [50, 25, 20, 5])[0],
                centre=rng.choice(centres),
                featured=rng.random() < 0.01,
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                created_at=published,
                updated_at=published,
            )
        )
        links.append(([rng.choice(categories)] + ([rng.choice(categories)] if rng.random() < 0.3 else []), shown))
    with explicit_timestamps(Video):
        Video.objects.bulk_create(videos, batch_size=BATCH)
    category_through, equipment_through = Video.categories.through, Video.equipment.through
    category_rows = [
        category_through(video_id=video.pk, videocategory_id=category.pk)
        for video, (in_categories, _) in zip(videos, links, strict=True)
        for category in {c.pk: c for c in in_categories}.values()
    ]
    equipment_rows = [
        equipment_through(video_id=video.pk, equipment_id=item.pk)
        for video, (_, shown) in zip(videos, links, strict=True)
        for item in shown
    ]
    category_through.objects.bulk_create(category_rows, batch_size=BATCH)
    equipment_through.objects.bulk_create(equipment_rows, batch_size=BATCH)
    return videos


def create_view_counts(*, rng: random.Random, videos: list[Video], today: date) -> int:
    """Yearly view counts of every film from the year it was published, as the yearly report reads them."""
    rows = [
        VideoViewCount(video_id=video.pk, year=year, views=rng.randint(5, 900))
        for video in videos
        for year in range(video.first_published_at.year, today.year + 1)
    ]
    VideoViewCount.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def index(model, objects: list) -> None:
    """Bulk inserts skip the search signals: add the objects to every auto-updated index in one go per batch."""
    for backend in get_search_backends(with_auto_update=True):
        for batch in batched(objects, INDEX_BATCH):
            backend.add_bulk(model, batch)
