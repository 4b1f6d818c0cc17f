"""Cursor paging: every list answers `{"data": [...], "next_cursor": ...}`; pass `next_cursor` back as `cursor`
for the next page. A cursor is opaque (base64url JSON of the last row's sort key and the list it belongs to);
a cursor of another list, or a damaged one, is a 422 problem. `next_cursor` is null on the last page."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from rxapp.errors import ValidationFailed

R = TypeVar("R")
DEFAULT_LIMIT = 25
MAX_LIMIT = 100


def encode(kind: str, key: Sequence[Any]) -> str:
    raw = json.dumps({"k": kind, "v": list(key)}, separators=(",", ":"), ensure_ascii=False, default=str)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(cursor: str | None, kind: str, *, size: int) -> list[Any] | None:
    """The sort key a cursor holds (None without a cursor); `ValidationFailed` for a bad one."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        document = json.loads(raw)
        values = document["v"]
        if document["k"] != kind or not isinstance(values, list) or len(values) != size:
            raise ValueError(kind)
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ValidationFailed("api.cursor_invalid", field="cursor") from None
    return values


def page(rows: list[R], kind: str, key: Callable[[R], Sequence[Any]], limit: int) -> dict[str, Any]:
    """A page of `rows` read with limit + 1 (the extra row only says that there is a next page)."""
    more = len(rows) > limit
    rows = rows[:limit]
    return {"data": rows, "next_cursor": encode(kind, key(rows[-1])) if more and rows else None}


def slice_after(
    rows: list[R],
    kind: str,
    key: Callable[[R], Sequence[Any]],
    cursor: str | None,
    limit: int,
    *,
    descending: bool = False,
) -> dict[str, Any]:
    """Cursor paging over a short list already in memory and sorted by `key` (ascending, or `descending`)."""
    if not rows:
        decode(cursor, kind, size=len(decode_any(cursor))) if cursor else None
        return {"data": [], "next_cursor": None}
    after = decode(cursor, kind, size=len(key(rows[0]))) if cursor else None
    if after is not None:
        rows = [row for row in rows if (list(key(row)) < after if descending else list(key(row)) > after)]
    return page(rows[: limit + 1], kind, key, limit)


def decode_any(cursor: str) -> list[Any]:
    """The values of any well-formed cursor (to check one against an empty list)."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))["v"]
        return values if isinstance(values, list) else []
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ValidationFailed("api.cursor_invalid", field="cursor") from None
