"""``manage.py wagtail_da_missing [--domain djangojs] [--po FILE] [--check]``.

Lists the Wagtail admin texts that have no Danish translation, neither in Wagtail's own
catalogue nor in the project's (``videnscenter/locale``). Run it after a Wagtail upgrade;
``--po`` writes the gap as a .po file to translate and merge (videnscenter/locale/README.md).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from videnscenter.admin_i18n import MissingText, missing_danish

PO_HEADER = {
    "Project-Id-Version": "videnscenter",
    "Language": "da",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}


class Command(BaseCommand):
    help = "List the Wagtail texts that have no Danish translation (Wagtail's catalogue or the project's)."

    def add_arguments(self, parser):
        parser.add_argument("--domain", choices=["django", "djangojs"], default="django")
        parser.add_argument("--po", metavar="FILE", help="also write the missing texts as an untranslated .po file")
        parser.add_argument("--check", action="store_true", help="exit with an error when anything is missing")

    def handle(self, *args, domain, po, check, **options):
        missing = missing_danish(domain)
        for text in missing:
            context = f" [{text.msgctxt}]" if text.msgctxt else ""
            self.stdout.write(f"{text.app}{context}: {text.msgid!r}")
        if po:
            write_po(Path(po), missing)
            self.stderr.write(f"Wrote {len(missing)} entries to {po}")
        if check and missing:
            raise CommandError(f"{len(missing)} Wagtail texts ({domain}) have no Danish translation.")
        self.stderr.write(f"{len(missing)} Wagtail texts ({domain}) without Danish.")


def write_po(path: Path, missing: list[MissingText]) -> None:
    import polib

    po = polib.POFile(wrapwidth=79)
    po.metadata = PO_HEADER
    for text in missing:
        entry = polib.POEntry(msgid=text.msgid, msgctxt=text.msgctxt or None, comment=text.app, flags=list(text.flags))
        if text.msgid_plural:
            entry.msgid_plural = text.msgid_plural
            entry.msgstr_plural = {0: "", 1: ""}
        po.append(entry)
    po.save(str(path))
