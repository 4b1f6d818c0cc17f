"""Fewer, larger JavaScript chunks for a first page load: a Reflex plugin that adds two chunk groups to the
Vite (Rolldown) build.

Every page loads all of Radix Themes (Reflex's root imports the whole library), but Rolldown cut it into one
chunk per set of importing routes: /customers fetched 14 Radix chunks of 0.4-9 KB, and each icon in a chunk of
its own (200-400 B). Each response carries ~0.8 KB of headers (rxapp/web/headers.py) and the browser opens at
most 6 connections, so these ~20 small requests cost a fifth of the bytes above the empty app's and a few
round trips. Radix goes into one chunk (the same code, which every page needed anyway), the Lucide icons into
another (all of the app's icons, ~5 KB compressed, fetched once).
"""

from __future__ import annotations

from typing import Unpack

from reflex_base.plugins.base import Plugin, PreCompileContext

VITE_CONFIG = "vite.config.js"
_GROUPS_MARKER = "codeSplitting: {\n          groups: ["
CHUNK_GROUPS = (
    ("radix", r"/node_modules[\\/](@radix-ui|radix-ui)[\\/]/"),
    ("icons", r"/node_modules[\\/]lucide-react[\\/]/"),
)


def add_chunk_groups(config: str) -> str:
    """`vite.config.js` with the groups added to Reflex's `codeSplitting.groups`; a Reflex whose template no
    longer has that list fails the build here rather than silently shipping the small chunks again."""
    if _GROUPS_MARKER not in config:
        msg = f"{VITE_CONFIG}: no `codeSplitting.groups` list to extend (Reflex's template changed)"
        raise RuntimeError(msg)
    groups = "".join(f'\n            {{ name: "{name}", test: {test} }},' for name, test in CHUNK_GROUPS)
    return config.replace(_GROUPS_MARKER, _GROUPS_MARKER + groups, 1)


class ChunkGroupsPlugin(Plugin):
    """Registered in rxconfig.py."""

    def pre_compile(self, **context: Unpack[PreCompileContext]) -> None:
        context["add_modify_task"](VITE_CONFIG, add_chunk_groups)
