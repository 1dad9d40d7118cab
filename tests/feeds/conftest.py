"""The feed tests need parsers from npm and Debian (tests/feeds/install.sh installs them).

Where they are missing the tests skip and say why, so a laptop without Node still runs the rest
of the suite; with REQUIRE_FEED_PARSERS=1 (CI) a missing parser fails the tests instead, so the
feeds can never go untested there without anyone noticing.
"""

import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.feeds import parsers

VDIRSYNCER = Path(sys.executable).parent / "vdirsyncer"


def require(reasons: list[str]) -> None:
    if not reasons:
        return
    message = "; ".join(reasons)
    if os.environ.get("REQUIRE_FEED_PARSERS") == "1":
        pytest.fail(f"REQUIRE_FEED_PARSERS=1 but {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _feed_parsers_installed():
    require(parsers.missing_parsers())


@pytest.fixture
def vdirsyncer() -> Path:
    """The virtualenv's vdirsyncer executable."""
    if not VDIRSYNCER.exists() or not shutil.which(str(VDIRSYNCER)):
        require([f"vdirsyncer: {VDIRSYNCER} is missing; pip install -r requirements-dev.txt"])
    return VDIRSYNCER
