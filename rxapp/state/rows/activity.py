"""The rows of the invitations sent and of the audit log."""

from __future__ import annotations

from typing import TypedDict


class InvitationRow(TypedDict):
    id: str
    purpose: str
    detail: str
    status: str
    created: str
    expires: str
    opened: str
    created_by: str
    can_revoke: str  # "yes" or ""
    can_renew: str  # "yes" or ""


class AuditRow(TypedDict, total=False):
    at: str
    org: str
    actor: str
    action: str
    refused: str
    roles: list[str]
    outcome: str
    kind: str
    record: str
    detail: list[dict[str, str]]  # pieces: {"kind": ..., "value": ...}
