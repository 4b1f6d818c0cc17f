"""The rows of the suspension page (partner organizations) and of the user list."""

from __future__ import annotations

from typing import TypedDict


class PartnerOrgRow(TypedDict):
    id: str
    name: str
    kind: str
    mpn_id: str
    status: str  # "active" or "suspended"
    reason: str
    suspended_on: str


class UserRow(TypedDict, total=False):
    """A row of the user list (compacted: no status while active)."""

    id: int
    full_name: str
    email: str
    agent_role: str
    admin_role: str
    status: str  # "inactive" or "temporary"
