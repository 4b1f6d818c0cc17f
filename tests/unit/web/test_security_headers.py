"""Security headers on every HTTP response: pages, static files, the partner API, errors; HSTS only on https."""

from __future__ import annotations

import base64
import hashlib

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.staticfiles import StaticFiles
from starlette.testclient import TestClient

from rxapp.api.app import mount_api
from rxapp.settings import get_settings
from rxapp.web import headers
from rxapp.web.headers import SecurityHeadersMiddleware, inline_script_hashes

INLINE = 'window.__ctx = {"a": 1};'


@pytest.fixture(autouse=True)
def _fresh_settings():
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def build(tmp_path):
    (tmp_path / "index.html").write_text(
        f'<html><head><script>{INLINE}</script><script type="module" src="/assets/x.js"></script>'
        "</head><body></body></html>"
    )
    (tmp_path / "app.css").write_text("body{}")
    return tmp_path


def _client(build, monkeypatch, public_url="http://localhost:3000"):
    monkeypatch.setenv("PUBLIC_URL", public_url)
    get_settings.cache_clear()
    pages = Starlette(routes=[Route("/boom", lambda _r: PlainTextResponse("no", status_code=500))])
    pages.mount("/", StaticFiles(directory=build, html=True))
    return TestClient(SecurityHeadersMiddleware(mount_api(pages), static_dir=build))


def _expected_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


@pytest.mark.parametrize("path", ["/", "/app.css", "/missing.js", "/boom", "/api/v1/openapi.json", "/api/v1/me"])
def test_every_response_carries_the_headers(build, monkeypatch, path):
    response = _client(build, monkeypatch).get(path)
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "camera=()" in response.headers["permissions-policy"]
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert "strict-transport-security" not in response.headers


def test_page_policy_allows_only_own_sources_and_the_built_inline_scripts(build, monkeypatch):
    csp = _client(build, monkeypatch).get("/").headers["content-security-policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert _expected_hash(INLINE) in directives["script-src"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "http" not in csp  # no third-party origin anywhere
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"


@pytest.mark.parametrize("path", ["/app.css", "/missing.js", "/api/v1/openapi.json"])
def test_other_responses_get_the_short_policy_not_the_documents(build, monkeypatch, path):
    """The documents' policy lists a hash per inline script of the build; a stylesheet or JSON answer has no use
    for it and gets `default-src 'none'` (what OWASP gives APIs) instead of repeating it."""
    csp = _client(build, monkeypatch).get(path).headers["content-security-policy"]
    assert csp == headers.SUBRESOURCE_POLICY
    assert "sha256" not in csp


def test_a_revalidated_page_keeps_the_documents_policy(build, monkeypatch):
    """A 304 Not Modified has no content type and its headers replace the cached page's: it must carry the
    page's policy, not the short one (or the cached page would be refused its own scripts and styles)."""
    client = _client(build, monkeypatch)
    first = client.get("/")
    again = client.get("/", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.headers["content-security-policy"] == first.headers["content-security-policy"]
    assert "sha256" in again.headers["content-security-policy"]
    css = client.get("/app.css")
    css_again = client.get("/app.css", headers={"If-None-Match": css.headers["etag"]})
    assert css_again.status_code == 304
    assert css_again.headers["content-security-policy"] == headers.SUBRESOURCE_POLICY


def test_hsts_only_when_public_url_is_https(build, monkeypatch):
    response = _client(build, monkeypatch, "https://partner.example").get("/")
    assert response.headers["strict-transport-security"].startswith("max-age=31536000")


def test_api_docs_keep_their_own_policy(build, monkeypatch):
    response = _client(build, monkeypatch).get("/api/v1/docs")
    assert "swagger" in response.text.lower()
    assert response.headers["content-security-policy"].startswith("default-src 'self'; script-src 'self';")
    assert response.headers["x-frame-options"] == "DENY"


def test_hashes_skip_external_and_empty_scripts(tmp_path):
    page = tmp_path / "a.html"
    page.write_text("<script src=\"/x.js\"></script><script> </script><SCRIPT type='module'>import('/y')</SCRIPT>")
    assert inline_script_hashes([page]) == [_expected_hash("import('/y')")]


def test_policy_follows_a_rebuilt_frontend(tmp_path):
    import os

    (tmp_path / "index.html").write_text("<script>one()</script>")
    first = headers.current_policy(tmp_path)
    index = tmp_path / "index.html"
    index.write_text("<script>two()</script>")
    os.utime(index, (index.stat().st_atime, index.stat().st_mtime + 5))
    second = headers.current_policy(tmp_path)
    assert _expected_hash("one()") in first
    assert _expected_hash("two()") in second
    assert _expected_hash("one()") not in second
