"""The browser suite: Debian's Chromium, driven by Playwright, against a real server with demo data.

The site runs as a subprocess (``manage.py runserver``) on a free port with its own SQLite
database under ``var/browser/site/``, filled by ``load_demo_data`` once per run: the journeys
log in with the README's demo accounts and see what a person would see. Nothing here touches
the test database of the rest of the suite, and Playwright never shares a thread with Django.

Run with ``make test-browser`` (it installs Chromium and axe-core first). Outside that target
the tests are deselected (``-m "not browser"`` in pyproject.toml). A failing test leaves a
screenshot and the page's HTML in ``var/browser/``.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .audit import Auditor
from .demo import PASSWORD as DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "browser"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).parent / "js" / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.failed_call = report.failed
    return report


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The test server stopped at start-up (exit {process.returncode}); see its log.")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (our own server on localhost)
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"The test server did not answer at {url} within {timeout} s.")


@pytest.fixture(scope="session")
def site_url():
    """The base URL of a fresh server with the demo data; stopped at the end of the run."""
    site = OUT / "site"
    shutil.rmtree(site, ignore_errors=True)
    for old in [*OUT.glob("*.png"), *OUT.glob("*.html")]:  # only this run's failures stay
        old.unlink()
    site.mkdir(parents=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "videnscenter.settings.dev",
        "VAR_DIR": str(site),
        "DATABASE_URL": "",
        "DEBUG": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    log = (site / "server.log").open("w")
    snapshot = OUT / "demo.sqlite3"
    if os.environ.get("BROWSER_REUSE_DEMO") and snapshot.exists():
        # A shortcut while writing journeys: a copy of the last run's fresh demo database.
        shutil.copy(snapshot, site / "videnscenter.sqlite3")
    else:
        for command in (["migrate", "--noinput"], ["load_demo_data"]):
            subprocess.run([*manage, *command], env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, check=True)
        shutil.copy(site / "videnscenter.sqlite3", snapshot)
    port = _free_port()
    process = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url + "/", process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}; run `make test-browser` (as root it installs it).")
    if not AXE.exists():
        pytest.fail("axe-core is missing; run `make test-browser` (it runs tests/browser/install.sh).")
    from playwright.sync_api import expect, sync_playwright

    # The machines that run this are small and shared: wait as long for an assertion as for an action.
    expect.set_options(timeout=15_000)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(request, chromium, site_url):
    context = chromium.new_context(
        base_url=site_url,
        viewport={"width": 1280, "height": 800},
        locale="da-DK",
        timezone_id="Europe/Copenhagen",
        bypass_csp=True,  # axe is injected as a script; the site's CSP would refuse it
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    if getattr(request.node, "failed_call", False):
        OUT.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        try:
            page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
            (OUT / f"{name}.html").write_text(page.content(), encoding="utf-8")
        except Exception as exc:  # a crashed page must not hide the test's own failure
            print(f"No screenshot of {name}: {exc}", file=sys.stderr)
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def audit(page):
    """``audit()`` checks the page as it is now: axe at desktop and phone size, names, overflow."""
    return Auditor(page, AXE)


@pytest.fixture
def login(page, audit):
    def log_in(email: str) -> None:
        page.goto("/konto/log-ind/")
        audit()
        page.get_by_label(re.compile("e-mail", re.I)).fill(email)
        page.get_by_label(re.compile("adgangskode|password", re.I)).fill(DEMO_PASSWORD)
        page.locator("main form").get_by_role("button").click()
        page.wait_for_load_state()
        assert "/konto/log-ind/" not in page.url, f"Could not log in as {email}"

    return log_in
