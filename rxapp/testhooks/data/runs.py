"""A QA run's ids and names: the run id check, refused requests (`HookError`), names, passwords and MPN IDs
made for the run, and the run's own organizations."""

from __future__ import annotations

import re
import secrets
from typing import Any

from sqlmodel import Session, select

from rxapp.models import MpnProfile, Organization

RUN_ID = re.compile(r"^[a-z0-9]{8,32}$")
KINDS = {"platform", "provider", "reseller", "customer", "work_account"}
SLUG_GAPS = re.compile(r"[^a-z0-9]+")
LOCAL_PART = re.compile(r"^[a-z0-9][a-z0-9._+-]{0,40}$")


class HookError(ValueError):
    """A refused hook request (HTTP 400, or 404 when `missing`)."""

    def __init__(self, message: str, *, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing


def check_run(run: Any) -> str:
    if not isinstance(run, str) or not RUN_ID.match(run):
        raise HookError("run must be 8-32 lower-case letters and digits")
    return run


def slug(text: str) -> str:
    return SLUG_GAPS.sub("-", text.lower()).strip("-")[:40] or "org"


def new_password() -> str:
    """A password the policy accepts (random, long, no context words)."""
    return f"Qa-{secrets.token_urlsafe(15)}"


def unique_id(run: str) -> str:
    return f"{run}{secrets.token_hex(3)}"


def run_org(session: Session, run: str, org_id: Any) -> Organization:
    """An organization this run made (anything else is refused as not found)."""
    org = session.get(Organization, int(org_id)) if str(org_id).isdigit() else None
    if org is None or run not in org.name:
        raise HookError(f"organization {org_id} is not one of run {run}'s", missing=True)
    return org


def free_mpn_id(session: Session) -> str:
    for _ in range(20):
        candidate = str(secrets.randbelow(9 * 10**8) + 10**8)  # 9 digits, apart from the demo's 7
        taken = (
            session.exec(select(Organization.id).where(Organization.mpn_id == candidate)).first()
            or session.exec(select(MpnProfile.id).where(MpnProfile.mpn_id == candidate)).first()
        )
        if not taken:
            return candidate
    raise HookError("no free MPN ID found")
