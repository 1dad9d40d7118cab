"""What every page a journey visits must pass, at desktop (1280×800) and phone (390×844) size.

- axe-core: no violation of WCAG 2.1 A and AA;
- no control (link, button, field) without an accessible name;
- no horizontal scrolling on a 390 px wide phone.

Allowances are few, named by rule and place, each with its reason, and each use is printed
(``pytest -rP`` shows them). Today there are none: every page the journeys visit passes, the
Wagtail admin pages included; should a Wagtail upgrade bring a violation in Wagtail's own
markup, it goes here with its rule, the admin path and the reason.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@dataclass(frozen=True)
class Allowance:
    path: str  # a regular expression matched against the page's path
    rule: str  # the axe rule id
    target: str  # a regular expression matched against the failing node's CSS selector
    reason: str


ALLOWANCES: list[Allowance] = []

# Each control must have a name a screen reader can say. axe checks most of these already;
# this catches what its rules skip (e.g. controls hidden from axe by a custom role).
UNNAMED_CONTROLS_JS = """
() => {
  const controls = document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link]');
  const unnamed = [];
  for (const el of controls) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    if (el.closest('[hidden], [aria-hidden=true]')) continue;
    const labelled = (el.labels && Array.from(el.labels).some(l => l.textContent.trim()))
      || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.getAttribute('title')
      || (el.textContent || '').trim() || (el.value && ['submit', 'button', 'reset'].includes(el.type))
      || el.querySelector('img[alt]:not([alt=""]), svg[aria-label], [aria-label]');
    if (!labelled) unnamed.push(el.outerHTML.slice(0, 160));
  }
  return unnamed;
}
"""

# The innermost elements that reach past the right edge: what to fix when a page scrolls sideways.
OVERFLOWING_JS = """
width => {
  const over = el => el.getBoundingClientRect().right > width + 1;
  return Array.from(document.querySelectorAll('body *'))
    .filter(el => over(el) && !Array.from(el.children).some(over))
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '')
      + ' (' + Math.round(el.getBoundingClientRect().right) + ' px): ' + (el.textContent || '').trim().slice(0, 40));
}
"""


def allowed(path: str, rule: str, target: str) -> bool:
    return any(re.search(a.path, path) and a.rule == rule and re.search(a.target, target, re.I) for a in ALLOWANCES)


class Auditor:
    """``audit()`` runs every check on the page as it is; each URL once per test."""

    def __init__(self, page, axe_path: Path):
        self.page = page
        self.axe_source = axe_path.read_text(encoding="utf-8")
        self.seen: set[str] = set()

    def __call__(self) -> None:
        page = self.page
        page.wait_for_load_state()
        if page.url in self.seen:
            return
        self.seen.add(page.url)
        path = re.sub(r"^https?://[^/]+", "", page.url).split("?")[0]
        problems: list[str] = []
        try:
            for size_name, size in (("desktop", DESKTOP), ("phone", PHONE)):
                page.set_viewport_size(size)
                problems += [f"{size_name}: {p}" for p in self._axe(path)]
                problems += [f"{size_name}: control without a name: {c}" for c in page.evaluate(UNNAMED_CONTROLS_JS)]
                if size is PHONE:
                    width = page.evaluate("document.documentElement.scrollWidth")
                    if width > PHONE["width"]:
                        culprits = page.evaluate(OVERFLOWING_JS, PHONE["width"])
                        problems.append(f"phone: the page is {width} px wide at 390 px; too wide: {culprits}")
        finally:
            page.set_viewport_size(DESKTOP)
        assert not problems, f"{path}:\n  " + "\n  ".join(problems)

    def _axe(self, path: str) -> list[str]:
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            self.page.add_script_tag(content=self.axe_source)
        result = self.page.evaluate("options => window.axe.run(document, options)", AXE_OPTIONS)
        problems = []
        for violation in result["violations"]:
            allowed_here = 0
            for node in violation["nodes"]:
                target = json.dumps(node["target"])
                if allowed(path, violation["id"], target + node["html"]):
                    allowed_here += 1
                else:
                    problems.append(f"axe {violation['id']} ({violation['help']}) at {target}: {node['html'][:160]}")
            if allowed_here:  # shown with -rP: an allowance is never silent
                print(f"allowed: {path} {violation['id']} on {allowed_here} element(s)")
        return problems
