"""Security headers on every HTTP response (pages, static files, /_upload, /api/v1, /_test); the full
Content-Security-Policy on HTML documents, `default-src 'none'` on everything else.

One ASGI middleware, installed last through the app's `api_transformer`, so it wraps everything Starlette
serves in `reflex run --env prod --single-port`: the compiled frontend, Reflex's own endpoints and the
mounted partner API. Websocket traffic passes untouched (its origin is checked by Reflex).

The Content-Security-Policy allows no third-party source. Scripts: `'self'` plus the SHA-256 of each inline
script of the served page (React Router's hydration context and module loader), read once from the static
folder, so `'unsafe-inline'` is not needed for scripts. Two exceptions remain because Reflex needs them (see
README, Security): `'unsafe-eval'` (Reflex's client runs `rx.set_clipboard`, `rx.download` and `call_script`
results through `eval`) and `'unsafe-inline'` for styles (Radix and Emotion write `style` attributes and
`<style>` elements at run time).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rxapp.settings import PROJECT_ROOT, get_settings

STATIC_DIR = PROJECT_ROOT / ".web" / "build" / "client"
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)
# Only features the browser knows: an unknown one (Chromium: "bluetooth") is a console warning on every page.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
    "midi=(), magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), "
    "clipboard-read=(self), clipboard-write=(self), fullscreen=(self)"
)
HSTS = "max-age=31536000; includeSubDomains"


def inline_script_hashes(html_files: Iterable[Path]) -> list[str]:
    """CSP source expressions (`'sha256-...'`) for every distinct inline script in these HTML files."""
    hashes: set[str] = set()
    for path in html_files:
        for body in _INLINE_SCRIPT.findall(path.read_text(encoding="utf-8", errors="replace")):
            if body.strip():
                digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
                hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def content_security_policy(script_hashes: Iterable[str]) -> str:
    scripts = " ".join(["'self'", "'unsafe-eval'", *script_hashes])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


FALLBACK_PAGE = "404.html"  # what the static files answer for a path without a file (dynamic routes too)


def page_key(path: str) -> str:
    """The page a document path names: "/customers", "/customers/", "customers/index.html" and
    "customers.html" are all "customers" (the build writes both files), the root is ""."""
    key = path.strip("/")
    if key == "index.html" or key.endswith("/index.html"):
        key = key[: -len("index.html")].rstrip("/")
    elif key.endswith(".html"):
        key = key[: -len(".html")]
    return key


def build_stamp(static_dir: Path) -> float:
    """The served build's stamp (its index's modification time, 0 without one): the key under which what is
    read from a build is kept, so a new build is read again."""
    index = static_dir / "index.html"
    return index.stat().st_mtime if index.exists() else 0.0


@lru_cache(maxsize=1)
def _hashes_for_build(static_dir: str, stamp: float) -> dict[str, frozenset[str]]:  # noqa: ARG001 (cache key)
    """Each built page's inline-script hashes, by `page_key`; computed once per build."""
    pages: dict[str, set[str]] = {}
    root = Path(static_dir)
    for html in root.rglob("*.html"):
        pages.setdefault(page_key(html.relative_to(root).as_posix()), set()).update(inline_script_hashes([html]))
    return {key: frozenset(hashes) for key, hashes in pages.items()}


@lru_cache(maxsize=512)
def _policy_for_hashes(hashes: frozenset[str]) -> str:
    return content_security_policy(sorted(hashes))


def current_policy(static_dir: Path = STATIC_DIR, path: str | None = None) -> str:
    """The policy for a document of the frontend build being served (recomputed when the build's index
    changes). With `path`, only the hashes of that page and of the fallback page (served for a path without a
    file): a page's ~9 instead of the build's ~50, 2.4 KB less on each document; without, every page's."""
    pages = _hashes_for_build(str(static_dir), build_stamp(static_dir))
    if path is None:
        hashes = frozenset().union(*pages.values())
    else:
        hashes = pages.get(page_key(path), frozenset()) | pages.get(page_key(FALLBACK_PAGE), frozenset())
    return _policy_for_hashes(hashes)


# Scripts, styles, fonts and JSON run no policy of their own: they get this one (what OWASP gives APIs), not the
# documents' policy with a hash per inline script of the build, which repeated ~3.5 KB on each of the ~30
# responses of a first page load.
SUBRESOURCE_POLICY = "default-src 'none'; frame-ancestors 'none'"


def _is_document(content_type: bytes | None, path: str) -> bool:
    """Whether a response gets the documents' policy. Without a content type (a 304 Not Modified, a redirect)
    the path decides: a 304's headers replace the cached page's, so a revalidated page must keep its policy."""
    if content_type is not None:
        return content_type.startswith(b"text/html")
    return not path.rsplit("/", 1)[-1].endswith(ASSET_SUFFIXES)


ASSET_SUFFIXES = (
    ".js",
    ".mjs",
    ".css",
    ".map",
    ".json",
    ".woff",
    ".woff2",
    ".ttf",
    ".png",
    ".svg",
    ".ico",
    ".jpg",
    ".jpeg",
    ".webp",
    ".txt",
    ".gz",
)


def security_headers(*, https: bool, policy: str) -> list[tuple[bytes, bytes]]:
    headers = {
        "content-security-policy": policy,
        "x-frame-options": "DENY",
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
        "permissions-policy": PERMISSIONS_POLICY,
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-resource-policy": "same-origin",
    }
    if https:
        headers["strict-transport-security"] = HSTS
    return [(name.encode(), value.encode()) for name, value in headers.items()]


class SecurityHeadersMiddleware:
    """Adds the headers to every HTTP response; a response's own CSP (the API docs page) is kept."""

    def __init__(self, app: ASGIApp, static_dir: Path = STATIC_DIR) -> None:
        self.app = app
        self.static_dir = static_dir

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = get_settings().public_url.startswith("https://")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                own = list(message.get("headers", []))
                present = {name.lower() for name, _ in own}
                kind = next((value for name, value in own if name.lower() == b"content-type"), None)
                document = _is_document(kind, scope["path"])
                policy = current_policy(self.static_dir, scope["path"]) if document else SUBRESOURCE_POLICY
                extra = security_headers(https=https, policy=policy)
                message = {**message, "headers": own + [(n, v) for n, v in extra if n not in present]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def add_security_headers(asgi_app: ASGIApp) -> ASGIApp:
    """Reflex's `api_transformer` (the outermost one)."""
    return SecurityHeadersMiddleware(asgi_app)
