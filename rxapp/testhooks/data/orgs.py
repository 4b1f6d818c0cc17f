"""A run's organizations and their users (the default users of each kind, or those the request names)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pyotp
from sqlmodel import Session, select

from rxapp.models import AdminRole, AgentRole, MpnProfile, Organization, OrgKind, OrgStatus, User, utcnow
from rxapp.models.rows import saved_id
from rxapp.services import mfa
from rxapp.services.passwords import hash_password
from rxapp.testhooks.data.runs import KINDS, LOCAL_PART, HookError, free_mpn_id, new_password, run_org, slug, unique_id


def _user_row(session: Session, org: Organization, spec: dict[str, Any]) -> dict[str, Any]:
    local = str(spec.get("local") or "user").lower()
    if not LOCAL_PART.match(local):
        raise HookError(f"bad email local part {local!r}")
    email = f"{local}@{org.domain}"
    if session.exec(select(User.id).where(User.email == email)).first() is not None:
        raise HookError(f"{email} exists already")
    try:
        agent, admin = AgentRole(spec.get("agent", "not_an_agent")), AdminRole(spec.get("admin", "not_an_admin"))
    except ValueError as error:
        raise HookError(str(error)) from error
    password = str(spec.get("password") or new_password())
    temporary = bool(spec.get("must_change_password"))
    user = User(
        org_id=saved_id(org.id),
        email=email,
        full_name=str(spec.get("name") or local)[:200],
        password_hash=hash_password(password),
        agent_role=agent,
        admin_role=admin,
        must_change_password=temporary,
        temporary_password_expires_at=utcnow() + timedelta(days=7) if temporary else None,
        language=spec.get("language") if spec.get("language") in ("en", "ko") else None,
    )
    session.add(user)
    session.flush()
    totp_key = None
    if org.kind == OrgKind.PLATFORM or spec.get("mfa"):  # platform staff always sign in with a second factor
        totp_key = pyotp.random_base32()
        mfa.set_key(session, user, totp_key)
    return {
        "id": user.id,
        "email": email,
        "password": password,
        "name": user.full_name,
        "agent": agent.value,
        "admin": admin.value,
        "totp_key": totp_key,
    }


DEFAULT_USERS: dict[str, list[dict[str, str]]] = {
    "platform": [{"local": "ops", "name": "Platform Operations", "agent": "admin_agent", "admin": "global_admin"}],
    "provider": [{"local": "admin", "name": "Provider Admin", "agent": "admin_agent", "admin": "global_admin"}],
    "reseller": [{"local": "admin", "name": "Reseller Admin", "agent": "admin_agent", "admin": "global_admin"}],
    "customer": [{"local": "admin", "name": "Customer Admin", "agent": "not_an_agent", "admin": "global_admin"}],
    "work_account": [
        {"local": "admin", "name": "Work Account Admin", "agent": "not_an_agent", "admin": "global_admin"}
    ],
}


def create_org(session: Session, run: str, spec: dict[str, Any]) -> dict[str, Any]:
    """An organization named "<name> <unique id>", domain "<name>-<unique id>.example", with its users
    (`users`: local part, name, agent, admin, optional password / must_change_password / language)."""
    kind = spec.get("kind")
    if kind not in KINDS:
        raise HookError(f"kind must be one of {sorted(KINDS)}")
    uid = unique_id(run)
    label = str(spec.get("name") or kind.replace("_", " ").title())[:150]
    name, domain = f"{label} {uid}", f"{slug(label)}-{uid}.example"
    country = str(spec.get("country") or "KR").upper()[:2]
    fields: dict[str, Any] = {
        "kind": OrgKind.RESELLER if kind == "work_account" else OrgKind(kind),
        "name": name,
        "country": country,
        "domain": domain,
        "status": OrgStatus.UNENROLLED if kind == "work_account" else OrgStatus.ACTIVE,
        "contact_first_name": "Test",
        "contact_last_name": "Contact",
        "contact_email": f"contact@{domain}",
    }
    if kind in ("provider", "reseller"):
        fields.update(
            mpn_id=free_mpn_id(session),
            legal_name=f"{name} Ltd.",
            address_line1="1 Test-ro",
            city="Seoul",
            postal_code="04524",
            contact_phone="+82 2 555 0100",
            support_email=f"support@{domain}",
            support_phone="+82 2 555 0199",
            support_website=f"https://{domain}/support",
        )
    if kind == "provider" and spec.get("directory_published"):
        fields.update(
            directory_published=True,
            directory_programs=str(spec.get("directory_programs") or "CSP indirect provider; Azure"),
        )
    org = Organization(**fields)
    session.add(org)
    session.flush()
    if kind == "reseller" and spec.get("registry_profile", True):
        assert org.mpn_id is not None, "a reseller is made with an MPN ID (above)"
        session.add(MpnProfile(mpn_id=org.mpn_id, name=name, country=country, linked_org_id=org.id))
    users = [_user_row(session, org, user) for user in (spec.get("users") or DEFAULT_USERS[kind])]
    if users and fields["contact_email"] and spec.get("contact_is_first_user", True):
        org.contact_email = users[0]["email"]
        session.add(org)
    return {
        "id": org.id,
        "kind": kind,
        "name": name,
        "domain": domain,
        "country": country,
        "mpn_id": org.mpn_id,
        "users": users,
    }


def add_user(session: Session, run: str, spec: dict[str, Any]) -> dict[str, Any]:
    return _user_row(session, run_org(session, run, spec.get("org_id")), spec)
