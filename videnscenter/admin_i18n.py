"""The Wagtail admin in Danish: the project's catalogue fills the gaps in Wagtail's own.

Wagtail ships a Danish catalogue that covers only part of its texts. The missing ones are
translated in ``videnscenter/locale/da/LC_MESSAGES/`` (see ``videnscenter/locale/README.md``):
``django.po`` is loaded like every app catalogue (``videnscenter`` comes first in
INSTALLED_APPS, so it wins over Wagtail's; ``locale/`` in LOCALE_PATHS wins over both), and
``djangojs.po`` through :func:`admin_js_catalog`, which Wagtail's admin scripts load.

:func:`missing_danish` answers "which Wagtail texts have no Danish yet?", for the
``wagtail_da_missing`` command and the test that keeps the answer at "none".
"""

from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.utils.translation.trans_real import DjangoTranslation, translation
from django.views.i18n import JavaScriptCatalog
from wagtail.admin.localization import get_localized_response

# Wagtail's admin scripts read only the wagtail.admin package; ours is merged on top of it.
ADMIN_JS_PACKAGES = ["wagtail.admin", "videnscenter"]

_js_catalog = JavaScriptCatalog.as_view(packages=ADMIN_JS_PACKAGES)


def admin_js_catalog(request, *args, **kwargs):
    """Wagtail's ``/admin/jsi18n/``, localised the same way, with the project's Danish added."""
    return get_localized_response(_js_catalog, request, *args, **kwargs)


@dataclass(frozen=True)
class MissingText:
    app: str
    msgid: str
    msgid_plural: str = ""
    msgctxt: str = ""
    flags: tuple[str, ...] = ()


def wagtail_source_catalogues(domain: str = "django") -> list[tuple[str, Path]]:
    """(app, path) of the English .po file of every installed Wagtail app: the full list of texts."""
    found = []
    for app_config in apps.get_app_configs():
        if app_config.name == "wagtail" or app_config.name.startswith("wagtail."):
            path = Path(app_config.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
            if path.exists():
                found.append((app_config.name, path))
    return found


def _danish_catalogue(domain: str):
    # The merged catalogue Django itself uses: Django's own, every app's, LOCALE_PATHS.
    if domain == "django":
        return translation("da")._catalog
    paths = JavaScriptCatalog().get_paths(ADMIN_JS_PACKAGES)
    return DjangoTranslation("da", domain=domain, localedirs=paths)._catalog


def missing_danish(domain: str = "django") -> list[MissingText]:
    """Texts of the installed Wagtail apps that no loaded catalogue translates into Danish."""
    import polib  # a development tool (requirements-dev.txt); the site itself never calls this

    catalogue = _danish_catalogue(domain)
    missing: dict[tuple, MissingText] = {}
    for app, path in wagtail_source_catalogues(domain):
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgid:
                continue
            key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
            if (key, 0) in catalogue if entry.msgid_plural else key in catalogue:
                continue
            identity = (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")
            missing.setdefault(
                identity,
                MissingText(
                    app=app,
                    msgid=entry.msgid,
                    msgid_plural=entry.msgid_plural or "",
                    msgctxt=entry.msgctxt or "",
                    flags=tuple(flag for flag in entry.flags if flag != "fuzzy"),
                ),
            )
    return list(missing.values())
