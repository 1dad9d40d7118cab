"""Text helpers shared by importers and demo data."""

from django.utils.text import slugify

# Spelled the way the organisations' own slugs are ("videnscenter-oest"), so URLs stay readable.
_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa", "/": " "})


def danish_slugify(text: str) -> str:
    """An ASCII slug in which æ, ø and å become ae, oe and aa instead of disappearing."""
    return slugify(text.translate(_DANISH_LETTERS))
