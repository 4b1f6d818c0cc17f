"""Both languages have every message; every key the UI or the services use exists."""

from __future__ import annotations

import re
from pathlib import Path

from rxapp.i18n import catalogs, translate

RXAPP = Path(__file__).resolve().parents[2] / "rxapp"
UI_KEY = re.compile(r"""\bT\[\s*["']([a-z0-9_.]+)["']\s*\]""")
ERROR_KEY = re.compile(
    r"""(?:DomainError|ValidationFailed|PermissionDenied|NotFound|Conflict|Throttled|LinkInvalid|NotAuthenticated)"""
    r"""\(\s*["']([a-z0-9_]+\.[a-z0-9_.]+)["']"""
)


def _used(pattern: re.Pattern) -> set[str]:
    return {key for path in RXAPP.rglob("*.py") for key in pattern.findall(path.read_text())}


def test_english_and_korean_have_the_same_keys():
    english, korean = catalogs()["en"], catalogs()["ko"]
    assert sorted(english.keys() - korean.keys()) == []
    assert sorted(korean.keys() - english.keys()) == []


def test_korean_is_really_translated():
    english, korean = catalogs()["en"], catalogs()["ko"]
    same = [key for key in english if english[key] == korean[key] and re.search(r"[a-z]{4}", english[key])]
    assert len(same) <= len(english) // 20, same[:20]


def test_every_key_the_pages_use_exists():
    assert sorted(_used(UI_KEY) - catalogs()["en"].keys()) == []


def test_every_error_the_services_raise_has_a_message():
    assert sorted(_used(ERROR_KEY) - catalogs()["en"].keys()) == []


def test_translate_formats_and_falls_back():
    assert translate("ko", "auth.throttled_seconds", seconds=15) == (
        "로그인 시도가 너무 많습니다. 15초 후에 다시 시도하세요."
    )
    assert translate("xx", "nav.dashboard") == "Dashboard"
    assert translate("en", "no.such.key") == "no.such.key"
