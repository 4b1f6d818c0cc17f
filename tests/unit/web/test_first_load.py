"""What a first page load fetches (issue 11: within 1.2x of an empty Reflex app): the Korean font's stylesheet
only for Korean, Radix and the icons in one chunk each, no redirect to a page's trailing slash, and a page's
policy listing only that page's inline scripts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reflex_base.compiler.templates import vite_config_template
from starlette.applications import Starlette
from starlette.staticfiles import StaticFiles
from starlette.testclient import TestClient

from rxapp.components.document import KOREAN_FONT_STYLESHEET, language_effect
from rxapp.i18n import LANGUAGES
from rxapp.web import headers
from rxapp.web.bundling import CHUNK_GROUPS, add_chunk_groups
from rxapp.web.page_paths import PagePathMiddleware

ASSETS = Path(__file__).resolve().parents[3] / "assets"
FONT_DIR = ASSETS / "fonts" / "noto-sans-kr"
_RULE = re.compile(r"@font-face\{[^}]*\}")


def _covers(rule: str, char: str) -> bool:
    ranges = re.search(r"unicode-range:([^;}]*)", rule).group(1)
    for part in ranges.split(","):
        low, _, high = part.strip().removeprefix("U+").partition("-")
        if int(low, 16) <= ord(char) <= int(high or low, 16):
            return True
    return False


def test_the_global_stylesheets_hold_only_the_korean_rules_of_the_language_names():
    """Every page's stylesheet has the @font-face rules of the Hangul in the language picker's names, exactly
    as the full stylesheet has them, and no other: the full one (86 rules) is added only for Korean."""
    from rxapp.rxapp import app

    assert KOREAN_FONT_STYLESHEET.lstrip("/") not in " ".join(app.stylesheets)
    assert "/fonts/noto-sans-kr/noto-sans-kr-names.css" in app.stylesheets
    full = _RULE.findall((FONT_DIR / "noto-sans-kr.css").read_text())
    hangul = {char for name in LANGUAGES.values() for char in name if "\uac00" <= char <= "\ud7a3"}
    assert hangul
    needed = [rule for rule in full if any(_covers(rule, char) for char in hangul)]
    assert _RULE.findall((FONT_DIR / "noto-sans-kr-names.css").read_text()) == needed
    assert (ASSETS / KOREAN_FONT_STYLESHEET.lstrip("/")).is_file()


def test_the_korean_stylesheet_is_added_for_korean_only():
    effect = language_effect("lang")
    assert "document.documentElement.lang = lang" in effect
    assert 'if (lang === "ko" && !document.getElementById("font-noto-sans-kr"))' in effect
    assert f'link.href = "{KOREAN_FONT_STYLESHEET}"' in effect


def test_radix_and_the_icons_are_one_chunk_each_in_reflex_s_vite_config():
    config = vite_config_template(base="/", hmr=False, force_full_reload=False, experimental_hmr=False, sourcemap=False)
    grouped = add_chunk_groups(config)
    for name, test in CHUNK_GROUPS:
        assert f'{{ name: "{name}", test: {test} }},' in grouped
    assert grouped.count("codeSplitting") == 1
    assert "reflex-env" in grouped
    with pytest.raises(RuntimeError, match="codeSplitting"):
        add_chunk_groups(config.replace("codeSplitting", "manualChunks"))


def test_chunk_groups_plugin_is_registered():
    import rxconfig

    assert any(type(plugin).__name__ == "ChunkGroupsPlugin" for plugin in rxconfig.config.plugins)


@pytest.fixture
def build(tmp_path):
    for page, script in (("", "home()"), ("customers", "customers()"), ("account/users", "users()")):
        folder = tmp_path / page
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(f"<html><script>{script}</script><p>{page or 'home'}</p></html>")
    (tmp_path / "404.html").write_text("<html><script>fallback()</script><p>fallback</p></html>")
    (tmp_path / "app.css").write_text("body{}")
    return tmp_path


def _client(build):
    pages = Starlette()
    pages.mount("/", StaticFiles(directory=build, html=True))
    return TestClient(headers.SecurityHeadersMiddleware(PagePathMiddleware(pages, build), static_dir=build))


@pytest.mark.parametrize(("path", "shown"), [("/customers", "customers"), ("/account/users", "account/users")])
def test_a_page_without_its_trailing_slash_is_served_not_redirected(build, path, shown):
    client = _client(build)
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 200
    assert f"<p>{shown}</p>" in response.text
    assert client.get(path + "/", follow_redirects=False).text == response.text
    assert client.head(path, follow_redirects=False).status_code == 200


@pytest.mark.parametrize("path", ["/app.css", "/nothing", "/customers/../app.css", "/customers.html"])
def test_other_paths_are_left_alone(build, path):
    before = TestClient(StaticFiles(directory=build, html=True)).get(path, follow_redirects=False)
    after = _client(build).get(path, follow_redirects=False)
    assert (after.status_code, after.text) == (before.status_code, before.text)


def test_a_page_s_policy_lists_its_own_and_the_fallback_s_inline_scripts_only(build):
    def hashes(path):
        csp = _client(build).get(path, follow_redirects=False).headers["content-security-policy"]
        return set(re.findall(r"'sha256-[^']+'", csp))

    customers = headers.inline_script_hashes([build / "customers" / "index.html"])
    fallback = headers.inline_script_hashes([build / "404.html"])
    home = headers.inline_script_hashes([build / "index.html"])
    assert hashes("/customers") == hashes("/customers/") == {*customers, *fallback}
    assert hashes("/") == {*home, *fallback}
    assert hashes("/accept/some-token") == set(fallback)  # a dynamic route: the fallback page is served
    assert set(re.findall(r"'sha256-[^']+'", headers.current_policy(build))) == {
        *customers,
        *fallback,
        *home,
        *(headers.inline_script_hashes([build / "account" / "users" / "index.html"])),
    }
