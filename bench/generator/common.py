"""What the generator's parts share: the bench prefix, the password, progress lines, batching."""

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

PREFIX = "bench-"  # organisations, equipment, categories and videos of the bench data set
ASSET_PREFIX = "BENCH-"
PASSWORD = "bench-password"  # noqa: S105 - benchmark data only, written to the fixture on purpose
EMAIL_DOMAIN = "bench.example"
BATCH = 5000

T = TypeVar("T")


class Progress:
    """Prints one line per step with the time it took and the time since the start."""

    def __init__(self, quiet: bool = False):
        self.began = self.last = time.perf_counter()
        self.quiet = quiet

    def __call__(self, message: str) -> None:
        now = time.perf_counter()
        if not self.quiet:
            print(f"[{now - self.began:7.1f} s] {message} ({now - self.last:.1f} s)", flush=True)
        self.last = now

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.began


def batched(items: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@contextmanager
def explicit_timestamps(*models):
    """Let bulk_create store the created/updated times we set instead of "now".

    ``auto_now``/``auto_now_add`` would stamp 200,000 bookings with the same second, which makes
    the calendar feeds' 30-day window for cancelled bookings and "last changed" sorting unrealistic.
    """
    fields = [
        field
        for model in models
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add
