"""The page registry: route, title, the action a page needs and whether it is public.

Pages register themselves with `components.layout.page`; the app adds them all, the root state's
`open_page` event (the guard, then the page's loaders) reads the rules, and the navigation is built from the
same list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rxapp.permissions import Action


@dataclass(frozen=True)
class PageSpec:
    route: str
    title_key: str
    component: Callable
    action: Action | None = None
    public: bool = False
    on_load: tuple = ()


PAGES: list[PageSpec] = []


def public_routes() -> set[str]:
    return {spec.route for spec in PAGES if spec.public}


def _static_prefix(route: str) -> str:
    return route.split("/[")[0] or "/"


def is_public(path: str) -> bool:
    """Whether `path` is a public page (sign-in, enrollment, link landing pages, directory)."""
    for spec in PAGES:
        if not spec.public:
            continue
        prefix = _static_prefix(spec.route)
        if path == prefix or (prefix != "/" and "[" in spec.route and path.startswith(prefix + "/")):
            return True
    return False


def route_action(path: str) -> Action | None:
    """The action the protected page at `path` needs (None: any signed-in user)."""
    best: tuple[int, Action | None] = (-1, None)
    for spec in PAGES:
        prefix = _static_prefix(spec.route)
        if (path == prefix or path.startswith(prefix + "/")) and len(prefix) > best[0]:
            best = (len(prefix), spec.action)
    return best[1]
