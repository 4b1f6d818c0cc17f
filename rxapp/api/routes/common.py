"""What the partner API's resource modules share: path and query parameters, the 201 answer, text and
date-time checks and reading back a row the call has just written."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, TypeVar

from fastapi import Path, Query
from sqlmodel import Session, select

from rxapp.api import paging
from rxapp.errors import NotFound, ValidationFailed
from rxapp.models import Link
from rxapp.models.base import as_utc
from rxapp.services import links

Id = Annotated[int, Path(ge=1, le=2_147_483_647)]
Limit = Annotated[int, Query(ge=1, le=paging.MAX_LIMIT, description="Rows per page.")]
CursorParam = Annotated[str | None, Query(max_length=2000, description="`next_cursor` of the previous page.")]
CREATED: dict[int | str, dict[str, Any]] = {
    201: {
        "description": "Created. Repeating the call with the same `Idempotency-Key` and body returns this response "
        "again (header `Idempotent-Replayed: true`) and creates nothing."
    }
}
Row = TypeVar("Row")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")


def checked_text(value: str, field: str) -> str:
    if _UNSAFE.search(value or ""):
        raise ValidationFailed("api.text_invalid", field=field)
    return value


def utc(value: datetime | None) -> datetime | None:
    """A query date-time; one without a zone is UTC."""
    return None if value is None else as_utc(value)


def stored(session: Session, model: type[Row], row_id: int | None) -> Row:
    """A row the call has just read or written (the actor's client, a link, its organization): gone only if a
    concurrent request deleted it, which answers 404."""
    row = session.get(model, row_id) if row_id is not None else None
    if row is None:
        raise NotFound()
    return row


def link_by_url(session: Session, url: str) -> Link:
    return session.exec(select(Link).where(Link.token_hash == links.hash_token(url.rsplit("/", 1)[-1]))).one()
