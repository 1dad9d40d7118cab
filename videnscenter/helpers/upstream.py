"""Where Wagtail 8.0 answers hand-made input with a 500, it is mended here, once, at start-up.

Found by the hostile-input sweep (tests/security/test_hostile_input.py); each patch is the
smallest change at the place the error starts, so every form and listing benefits:

- A chooser field (an equipment, a unit, a location ...) posted with a value that is not an id:
  the form says "select a valid choice", but re-rendering it looked the value up as an id and
  failed (``BaseChooser.get_instance``). Now such a value shows an empty chooser.
- A rich-text field posted with something that is not the editor's JSON: the Draftail widget
  failed to parse it (``DraftailRichTextArea.value_from_datadict``). Now it counts as empty, so
  a required field says so and nothing unparsed is ever stored as HTML.
- Any search in the admin listings of indexed models (equipment, packs, partners, videos) on
  SQLite: the listing restricts the search to its ``search_fields``, which the SQLite FTS5
  backend turns into column filters its index does not have ("no such column: name"), and
  FTS5 syntax typed into the box (``"``, ``:``, ``OR`` ...) failed the same way. On SQLite a
  search now runs over all indexed fields, with the text reduced to its words first, as the
  site's own search box already does (``helpers.search.clean_query``). PostgreSQL is unchanged.
"""

from .search import clean_query

INVALID_INPUT = (ValueError, TypeError, OverflowError, AttributeError)


def _safe_get_instance(original):
    def get_instance(self, value):
        try:
            return original(self, value)
        except INVALID_INPUT:
            return None

    return get_instance


def _safe_rich_text(original):
    def value_from_datadict(self, data, files, name):
        try:
            return original(self, data, files, name)
        except INVALID_INPUT:
            return None

    return value_from_datadict


def _clean_text_query(original):
    def search(self, query, model_or_queryset, *args, **kwargs):
        kwargs.pop("fields", None)
        if isinstance(query, str):
            query = clean_query(query)
            if not query:  # nothing searchable was typed (only signs or emoji): nothing matches
                none = getattr(model_or_queryset, "objects", model_or_queryset).none()
                return original(self, "ingenting", none, *args, **kwargs)
        return original(self, query, model_or_queryset, *args, **kwargs)

    return search


def install() -> None:
    """Called once from ``VidenscenterConfig.ready``."""
    from django.conf import settings
    from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea
    from wagtail.admin.widgets.chooser import BaseChooser

    BaseChooser.get_instance = _safe_get_instance(BaseChooser.get_instance)
    DraftailRichTextArea.value_from_datadict = _safe_rich_text(DraftailRichTextArea.value_from_datadict)
    # The SQLite backend's module can only be imported where SQLite is the database.
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        SQLiteSearchBackend.search = _clean_text_query(SQLiteSearchBackend.search)
        SQLiteSearchBackend.autocomplete = _clean_text_query(SQLiteSearchBackend.autocomplete)
