"""Data versions: named tokens that change whenever data of that name changes.

Every cached page and every ETag is keyed by the versions of what it shows (``videnscenter.
pagecache``), so a page is never served from before a change: the change replaces the token, the
key changes, the old copy is simply never asked for again. Reading the versions is one small
query; nothing reads the rows a page shows to find out whether they changed.

The tokens live in the database (``DataVersion``), not in the cache, so several app servers
sharing one cache agree on them, and flushing the cache can only cause misses. A token is random
(not a counter), so a database restored from a backup can never meet a cached page of the same
version made from other data.

Who raises them:
- the writers themselves, explicitly: ``booking.engine.reserve``/``release`` (the only writers of
  reservations, so PopUps, maintenance and every booking change), booking status changes;
- for data edited through the Wagtail admin (equipment, units, packs, videos, pages, people), a
  model signal limited to cache invalidation (``install``): it raises the version of the app the
  saved or deleted model belongs to. It holds no business rule.

A raise is written after the transaction commits (``on_commit``): the writers of one transaction
never queue behind each other on the version row, and no lock order between units and versions
can deadlock. A reader reads the versions before the data, so a page cached in the instant
between the commit and the raise holds the new data under the old key, never the reverse. The
writer's own response is sent after the raise, so its very next request sees the change. Tests
(``DATA_VERSIONS_ON_COMMIT = False``) raise at once, inside the test's transaction.
"""

import secrets
from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

BOOKINGS = "bookings"  # reservations, bookings, PopUp centres, maintenance windows
CATALOGUE = "catalogue"  # equipment, units, packs, categories, locations
VIDEOS = "videos"  # the video and podcast library
PAGES = "pages"  # Wagtail pages (events, news, navigation), images, documents
PEOPLE = "people"  # users, organisations, memberships: names shown and who may do what
NAMES = (BOOKINGS, CATALOGUE, VIDEOS, PAGES, PEOPLE)
# Every page of the site shows the navigation (pages) and the person's name and rights (people).
FRAME = (PAGES, PEOPLE)

# Which version an app's models belong to, for edits the services do not make (the admin).
APP_VERSIONS: dict[str, str | tuple[str, ...]] = {
    "booking": BOOKINGS,
    "catalogue": CATALOGUE,
    "taggit": (CATALOGUE, VIDEOS),  # tags of equipment and of videos
    "media": VIDEOS,
    "cms": PAGES,
    "wagtailcore": PAGES,
    "wagtailimages": PAGES,
    "wagtaildocs": PAGES,
    "videnscenter": PEOPLE,
}
# Models that change all the time without changing any cached page (counters, logs, the
# versions themselves), or whose writers raise the version explicitly (reservations).
NOT_WATCHED = {
    "booking.reservation",  # booking.engine raises BOOKINGS itself
    "media.videoviewcount",
    "cms.downloadcount",
    "cms.materialevaluation",
    "cms.schoolrequest",
    "videnscenter.dataversion",
    "videnscenter.countedvisit",
    "videnscenter.anonymisationrecord",
    "videnscenter.invitation",
    "videnscenter.erasurerequest",
    "wagtailimages.rendition",
}
# A subscription's name, token and revocation change what its feed answers; fetches are
# counted with update(), which sends no signal.
MODEL_VERSIONS = {"booking.calendarsubscription": (PEOPLE,)}
WAGTAILCORE_WATCHED = {"page", "site", "locale", "pageviewrestriction", "collection"}


def current(names: Iterable[str] = NAMES) -> dict[str, tuple[str, object]]:
    """``{name: (token, changed_at)}`` for ``names``, in one query. A name never raised is ``("0", None)``."""
    from .models import DataVersion

    wanted = list(names)
    found = {
        n: (t, c) for n, t, c in DataVersion.objects.filter(name__in=wanted).values_list("name", "token", "changed_at")
    }
    return {name: found.get(name, ("0", None)) for name in wanted}


def bump(*names: str) -> None:
    """Replace the tokens of ``names`` once the current transaction commits (at once outside one)."""
    unknown = set(names) - set(NAMES)
    if unknown:
        raise ValueError(f"Unknown data versions: {sorted(unknown)}")
    if getattr(settings, "DATA_VERSIONS_ON_COMMIT", True):
        transaction.on_commit(lambda: _write(names))
    else:
        _write(names)


def _write(names: Iterable[str]) -> None:
    from .models import DataVersion

    now = timezone.now()
    for name in sorted(set(names)):
        token = secrets.token_hex(8)
        if not DataVersion.objects.filter(name=name).update(token=token, changed_at=now):
            try:
                with transaction.atomic():
                    DataVersion.objects.create(name=name, token=token, changed_at=now)
            except IntegrityError:  # created by another server meanwhile: replace its token
                DataVersion.objects.filter(name=name).update(token=token, changed_at=now)


# --- cache invalidation for edits outside the services (model signals, nothing else) ---------------


def versions_of(model: type[models.Model]) -> tuple[str, ...]:
    """The versions an edit of ``model`` changes; empty when no cached page shows it."""
    meta = model._meta
    if meta.label_lower in NOT_WATCHED:
        return ()
    if meta.label_lower in MODEL_VERSIONS:
        return MODEL_VERSIONS[meta.label_lower]
    if meta.app_label == "wagtailcore" and meta.model_name not in WAGTAILCORE_WATCHED:
        return ()
    if meta.app_label == "wagtailimages" and meta.model_name != "image":
        return ()
    if meta.app_label == "wagtaildocs" and meta.model_name != "document":
        return ()
    names = APP_VERSIONS.get(meta.app_label, ())
    return (names,) if isinstance(names, str) else names


def _on_saved(sender, instance=None, update_fields=None, created=False, **kwargs) -> None:
    # A login only stamps last_login: nothing a page shows.
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    # A site setting made with its defaults the first time a page reads it (Wagtail's
    # ``for_site`` get_or_create) changes nothing shown: the page was rendered from that row.
    if created and _is_site_setting(sender):
        return
    names = versions_of(sender)
    if names:
        bump(*names)


def _is_site_setting(model) -> bool:
    from wagtail.contrib.settings.models import BaseSiteSetting

    return issubclass(model, BaseSiteSetting)


def _on_m2m(sender, action=None, instance=None, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        names = versions_of(type(instance))
        if names:
            bump(*names)


def install() -> None:
    """Connect the invalidation signals, model by model (a receiver for every sender would stop
    Django's fast deletes everywhere); called once from ``VidenscenterConfig.ready``."""
    from django.apps import apps

    for model in apps.get_models():
        if versions_of(model):
            post_save.connect(_on_saved, sender=model, dispatch_uid=f"versions-save-{model._meta.label_lower}")
            post_delete.connect(_on_saved, sender=model, dispatch_uid=f"versions-delete-{model._meta.label_lower}")
    m2m_changed.connect(_on_m2m, dispatch_uid="versions-m2m")
    from wagtail.signals import page_published, page_unpublished

    page_published.connect(_on_page, dispatch_uid="versions-page-published")
    page_unpublished.connect(_on_page, dispatch_uid="versions-page-unpublished")


def _on_page(sender, **kwargs) -> None:
    bump(PAGES)
