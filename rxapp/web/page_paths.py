"""A page's address without its trailing slash is served the page itself, not a redirect to the address with one.

The build writes each page as `<route>/index.html`, and Starlette's static files answer `/customers` with a 307
to `/customers/`: every first load or reload of a page typed, bookmarked or sent by the app (`/signin`,
`/customers`) paid a round trip and ~3.6 KB (the redirect carries the documents' headers) before the page.
React Router matches both forms to the same route, and so does the app (`AppState._path` strips the slash).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send

from rxapp.web.headers import STATIC_DIR, build_stamp

_PAGE_PATH = re.compile(r"/[A-Za-z0-9_\-]+(?:/[A-Za-z0-9_\-]+)*")  # no dot: neither a file nor `..`


@lru_cache(maxsize=1)
def _pages_of_build(static_dir: str, stamp: float) -> frozenset[str]:  # noqa: ARG001 (the build stamp is the cache key)
    root = Path(static_dir)
    return frozenset("/" + index.parent.relative_to(root).as_posix() for index in root.rglob("index.html"))


def built_pages(static_dir: Path = STATIC_DIR) -> frozenset[str]:
    """The paths (`/customers`, `/account/users`) with an `index.html` in the build being served."""
    return _pages_of_build(str(static_dir), build_stamp(static_dir))


class PagePathMiddleware:
    """Hands a GET or HEAD of `/<page>` on as `/<page>/` when the build has that page."""

    def __init__(self, app: ASGIApp, static_dir: Path = STATIC_DIR) -> None:
        self.app = app
        self.static_dir = static_dir

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] == "http"
            and scope.get("method") in ("GET", "HEAD")
            and _PAGE_PATH.fullmatch(path)
            and path in built_pages(self.static_dir)
        ):
            scope = {**scope, "path": path + "/"}
            if scope.get("raw_path"):
                scope["raw_path"] += b"/"
        await self.app(scope, receive, send)


def serve_pages_without_redirect(asgi_app: ASGIApp) -> ASGIApp:
    """Reflex's `api_transformer` (inside the security headers)."""
    return PagePathMiddleware(asgi_app)
