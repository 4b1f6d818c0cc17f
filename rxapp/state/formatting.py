"""Small value formatting shared by the states (what a row or a notice shows of a stored value)."""

from __future__ import annotations

from datetime import datetime


def date_text(value: datetime | None) -> str:
    """A stored date as the pages show it (YYYY-MM-DD), or empty when there is none."""
    return value.strftime("%Y-%m-%d") if value else ""
