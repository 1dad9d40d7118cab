"""Icons in the project's admin templates carry a size.

Wagtail 8 sizes an ``{% icon %}`` only inside its own components; a bare one in a button
rendered at the browser's default 300 × 150 px and covered the button's text ("Godkend valgte",
the day list's arrows, the import pages). Measured in Chromium; this keeps it from coming back.
"""

import re
from pathlib import Path

from django.conf import settings

BARE_ICON = re.compile(r"{%\s*icon\s+name=(?:\"[^\"]*\"|'[^']*'|\S+)\s*%}")


def project_templates():
    roots = [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("*/templates")]
    for root in roots:
        yield from root.rglob("*.html")


def test_no_admin_icon_without_a_size():
    bare = [
        f"{path.relative_to(settings.BASE_DIR)}: {match.group(0)}"
        for path in project_templates()
        for match in BARE_ICON.finditer(path.read_text())
    ]
    assert bare == []


def test_the_check_finds_a_bare_icon():
    assert BARE_ICON.search('<button>{% icon name="check" %}Godkend</button>')
    assert not BARE_ICON.search('{% icon name="check" classname="w-w-4 w-h-4" %}')
