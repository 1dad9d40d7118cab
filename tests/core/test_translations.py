"""Danish is the default language: every text has a Danish translation, compiled and shipped."""

import gettext
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def test_every_text_is_translated_to_danish():
    po = polib.pofile(str(LOCALE / "da/LC_MESSAGES/django.po"))
    missing = [entry.msgid for entry in po if not entry.translated() and not entry.obsolete]
    assert missing == []


def test_compiled_danish_catalogue_matches_the_po_file():
    po = polib.pofile(str(LOCALE / "da/LC_MESSAGES/django.po"))
    with open(LOCALE / "da/LC_MESSAGES/django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)

    def compiled_text(entry):
        if entry.msgid_plural:
            return [compiled.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
        if entry.msgctxt:
            return compiled.pgettext(entry.msgctxt, entry.msgid)
        return compiled.gettext(entry.msgid)

    def source_text(entry):
        return [entry.msgstr_plural[0], entry.msgstr_plural[1]] if entry.msgid_plural else entry.msgstr

    stale = [e.msgid for e in po.translated_entries() if compiled_text(e) != source_text(e)]
    assert stale == [], "run `make messages` to compile the translations"
