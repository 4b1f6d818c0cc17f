"""The automatic accessibility check of the E2E suite: axe-core (bundled with `axe-playwright-python`,
nothing fetched at run time) on every page a test shows, failing on any violation of any impact.

Page objects call `check_page(page)` when their page is on screen (`BasePage.shown`); each address is checked
once per browser page, language and colour mode, so a test that comes back to a page does not pay twice.
`E2E_AXE=0` turns the automatic check off (the dedicated test in test_accessibility.py still runs it)."""

from __future__ import annotations

import os
import weakref
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

AXE = Axe()
# WCAG 2.0/2.1/2.2 A and AA, plus axe's best practices (landmarks, headings, skip links).
OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
}
ENABLED = os.environ.get("E2E_AXE", "1") != "0"

_checked: weakref.WeakKeyDictionary[Page, set[tuple[str, str, str]]] = weakref.WeakKeyDictionary()


class AccessibilityViolations(AssertionError):
    pass


def violations(page: Page) -> list[dict]:
    """axe's violations on the page as it is now. axe-core (570 KB) goes into each document once, not on every
    check as `Axe.run` sends it, and only the violations come back."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.axe_script)
    return page.evaluate("options => axe.run(document, options).then(results => results.violations)", OPTIONS)


def describe(found: list[dict]) -> str:
    lines = []
    for violation in found:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} — {len(violation['nodes'])} element(s)"
        )
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node.get('failureSummary', '')[:300]}")
    return "\n".join(lines)


def expect_accessible(page: Page, where: str = "") -> None:
    """Fail with axe's findings when the page has any violation."""
    found = violations(page)
    if found:
        raise AccessibilityViolations(
            f"axe found {len(found)} accessibility violation(s) on {where or page.url}:\n{describe(found)}"
        )


def _mode(page: Page) -> tuple[str, str]:
    return tuple(
        page.evaluate(
            "() => [localStorage.getItem('pc_lang') || 'en', "
            "matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light']"
        )
    )


def check_page(page: Page) -> None:
    """The automatic check: axe once per address, language and colour mode of this browser page."""
    if not ENABLED:
        return
    lang, scheme = _mode(page)
    key = (urlsplit(page.url).path, lang, scheme)
    seen = _checked.setdefault(page, set())
    if key in seen:
        return
    seen.add(key)
    expect_accessible(page, f"{key[0]} ({lang}, {scheme})")
