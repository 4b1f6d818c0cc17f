"""The partner network registry (the Partner Membership Center stand-in), kept by platform staff:
PMC accounts, organization profiles (MPN IDs) and which PMC users may act for which profiles.

Nothing is deleted: accounts and profiles are deactivated. A profile linked to a Partner Center account
keeps its country/region.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from rxapp.boundary import column_length
from rxapp.errors import DomainError, NotFound, RuleViolation, ValidationFailed
from rxapp.models import MpnProfile, Organization, PmcAccess, PmcAccount, ProfileStatus
from rxapp.models.rows import saved_id
from rxapp.permissions import Action, Actor, require
from rxapp.services import attempts, audit, signin_guard
from rxapp.services.passwords import check_password_policy, hash_password
from rxapp.services.validation import require_country, require_text

_USER_NAME = re.compile(r"^[a-z0-9][a-z0-9._\-]{2,99}$")
_MPN_ID = re.compile(r"^\d{6,10}$")
MAX_IMPORT_BYTES = 1_000_000
MAX_IMPORT_ROWS = 2000
PROFILE_NAME_MAX = column_length(MpnProfile, "name")
CSV_COLUMNS = ("mpn_id", "name", "country", "status", "pmc_users")


@dataclass(frozen=True, slots=True)
class PmcAccountEntry:
    """A PMC sign-in as the registry lists it."""

    id: int
    user_name: str
    active: bool
    mpn_ids: str  # the MPN IDs it may act for, sorted, joined by ", "


@dataclass(frozen=True, slots=True)
class ProfileEntry:
    """An organization profile as the registry lists it."""

    id: int
    mpn_id: str
    name: str
    country: str
    status: str  # ProfileStatus's value
    active: bool
    linked_to: str  # the linked organization's name, "" when none


@dataclass(frozen=True, slots=True)
class ImportRowResult:
    """One data row of a CSV import: imported, or refused with the refusal's code, parameters and field."""

    row: int  # its line in the file (the header is line 1)
    mpn_id: str
    ok: bool
    code: str  # "registry.imported", or the refusal's
    params: dict[str, Any]  # the refusal's message parameters
    field: str  # the refused field, "" when none


def _user_name(value: str) -> str:
    name = (value or "").strip().lower()
    if not _USER_NAME.match(name):
        raise ValidationFailed("registry.user_name_invalid", field="pmc_user_name")
    return name


def _mpn_id(value: str) -> str:
    mpn = (value or "").strip()
    if not _MPN_ID.match(mpn):
        raise ValidationFailed("registry.mpn_id_invalid", field="mpn_id")
    return mpn


def _status(value: str | None) -> ProfileStatus:
    text = (value or "active").strip().lower() or "active"
    if text not in (ProfileStatus.ACTIVE.value, ProfileStatus.INACTIVE.value):
        raise ValidationFailed("registry.status_invalid", field="status")
    return ProfileStatus(text)


def _profiles_by_mpn(session: Session, mpn_ids: list[str]) -> list[MpnProfile]:
    wanted = []
    for raw in mpn_ids:
        mpn = (raw or "").strip()
        if mpn and mpn not in wanted:
            wanted.append(_mpn_id(mpn))
    profiles = list(session.exec(select(MpnProfile).where(col(MpnProfile.mpn_id).in_(wanted)))) if wanted else []
    missing = sorted(set(wanted) - {p.mpn_id for p in profiles})
    if missing:
        raise ValidationFailed("registry.mpn_unknown", field="mpn_ids", mpn_ids=", ".join(missing))
    return profiles


def _pmc_accounts_by_name(session: Session, names: list[str]) -> list[PmcAccount]:
    wanted = sorted({_user_name(n) for n in names if (n or "").strip()})
    accounts = list(session.exec(select(PmcAccount).where(col(PmcAccount.user_name).in_(wanted)))) if wanted else []
    missing = sorted(set(wanted) - {a.user_name for a in accounts})
    if missing:
        raise ValidationFailed("registry.pmc_unknown", field="pmc_users", names=", ".join(missing))
    return accounts


# ------------------------------------------------------------------------------------------- PMC accounts


def list_pmc_accounts(session: Session, actor: Actor) -> list[PmcAccountEntry]:
    require(actor, Action.MANAGE_REGISTRY, read=True)
    accounts = session.exec(select(PmcAccount).order_by(PmcAccount.user_name)).all()
    access = session.exec(
        select(PmcAccess.pmc_account_id, MpnProfile.mpn_id).join(
            MpnProfile, col(MpnProfile.id) == PmcAccess.mpn_profile_id
        )
    ).all()
    mpn_by_account: dict[int, list[str]] = {}
    for account_id, mpn in access:
        mpn_by_account.setdefault(account_id, []).append(mpn)
    return [
        PmcAccountEntry(
            id=saved_id(a.id),
            user_name=a.user_name,
            active=a.is_active,
            mpn_ids=", ".join(sorted(mpn_by_account.get(saved_id(a.id), []))),
        )
        for a in accounts
    ]


def _set_access(session: Session, account: PmcAccount, profiles: list[MpnProfile]) -> None:
    current = {
        row.mpn_profile_id: row for row in session.exec(select(PmcAccess).where(PmcAccess.pmc_account_id == account.id))
    }
    wanted = {saved_id(p.id) for p in profiles}
    for profile_id, row in current.items():
        if profile_id not in wanted:
            session.delete(row)
    for profile_id in wanted - current.keys():
        session.add(PmcAccess(pmc_account_id=saved_id(account.id), mpn_profile_id=profile_id))


def create_pmc_account(session: Session, actor: Actor, *, user_name: str, password: str, mpn_ids: list[str]) -> int:
    """A new PMC sign-in that may act for the given MPN IDs."""
    require(actor, Action.MANAGE_REGISTRY)
    name = _user_name(user_name)
    check_password_policy(password or "", context_words=[name])
    profiles = _profiles_by_mpn(session, mpn_ids)
    if session.exec(select(PmcAccount.id).where(PmcAccount.user_name == name)).first() is not None:
        raise ValidationFailed("registry.pmc_taken", field="pmc_user_name")
    account = PmcAccount(user_name=name, password_hash=hash_password(password))
    session.add(account)
    try:
        session.flush()
    except IntegrityError as exc:
        raise ValidationFailed("registry.pmc_taken", field="pmc_user_name") from exc
    _set_access(session, account, profiles)
    audit.record(
        session,
        action="registry.pmc_created",
        actor=actor,
        target_type="pmc_account",
        target_id=account.id,
        detail=name,
    )
    return saved_id(account.id)


def update_pmc_account(
    session: Session, actor: Actor, *, pmc_account_id: int, mpn_ids: list[str], password: str = ""
) -> None:
    """Change which profiles a PMC user may act for and, when given, its password."""
    require(actor, Action.MANAGE_REGISTRY)
    account = session.get(PmcAccount, pmc_account_id)
    if account is None:
        raise NotFound()
    profiles = _profiles_by_mpn(session, mpn_ids)
    if password:
        check_password_policy(password, context_words=[account.user_name])
        account.password_hash = hash_password(password)
        attempts.get_attempts(session).clear(signin_guard.PMC, account.user_name)
    session.add(account)
    _set_access(session, account, profiles)
    audit.record(
        session,
        action="registry.pmc_updated",
        actor=actor,
        target_type="pmc_account",
        target_id=account.id,
        detail=account.user_name + ("; password changed" if password else ""),
    )


def set_pmc_active(session: Session, actor: Actor, *, pmc_account_id: int, active: bool) -> None:
    require(actor, Action.MANAGE_REGISTRY)
    account = session.get(PmcAccount, pmc_account_id)
    if account is None:
        raise NotFound()
    account.is_active = bool(active)
    session.add(account)
    audit.record(
        session,
        action="registry.pmc_activated" if active else "registry.pmc_deactivated",
        actor=actor,
        target_type="pmc_account",
        target_id=account.id,
        detail=account.user_name,
    )


# ------------------------------------------------------------------------------------------- profiles


def list_profiles(session: Session, actor: Actor) -> list[ProfileEntry]:
    require(actor, Action.MANAGE_REGISTRY, read=True)
    rows = session.exec(
        select(MpnProfile, Organization.name)
        .join(Organization, col(Organization.id) == MpnProfile.linked_org_id, isouter=True)
        .order_by(MpnProfile.mpn_id)
    ).all()
    return [
        ProfileEntry(
            id=saved_id(p.id),
            mpn_id=p.mpn_id,
            name=p.name,
            country=p.country,
            status=p.status.value,
            active=p.status == ProfileStatus.ACTIVE,
            linked_to=org_name or "",
        )
        for p, org_name in rows
    ]


def create_profile(
    session: Session,
    actor: Actor,
    *,
    mpn_id: str,
    name: str,
    country: str,
    status: str = "active",
    pmc_users: list[str] | None = None,
) -> int:
    """A new organization profile; `pmc_users` may act for it."""
    require(actor, Action.MANAGE_REGISTRY)
    mpn = _mpn_id(mpn_id)
    profile_name = require_text(name, field="profile_name", max_length=PROFILE_NAME_MAX)
    country_code = require_country(country)
    profile_status = _status(status)
    accounts = _pmc_accounts_by_name(session, pmc_users or [])
    if session.exec(select(MpnProfile.id).where(MpnProfile.mpn_id == mpn)).first() is not None:
        raise ValidationFailed("registry.mpn_taken", field="mpn_id", mpn_id=mpn)
    profile = MpnProfile(mpn_id=mpn, name=profile_name, country=country_code, status=profile_status)
    session.add(profile)
    try:
        session.flush()
    except IntegrityError as exc:
        raise ValidationFailed("registry.mpn_taken", field="mpn_id", mpn_id=mpn) from exc
    for account in accounts:
        session.add(PmcAccess(pmc_account_id=saved_id(account.id), mpn_profile_id=saved_id(profile.id)))
    audit.record(
        session,
        action="registry.profile_created",
        actor=actor,
        target_type="mpn_profile",
        target_id=profile.id,
        detail=mpn,
    )
    return saved_id(profile.id)


def update_profile(session: Session, actor: Actor, *, profile_id: int, name: str, country: str, status: str) -> None:
    """Edit a profile; the country/region of a profile linked to an account stays as it is."""
    require(actor, Action.MANAGE_REGISTRY)
    profile = session.get(MpnProfile, profile_id)
    if profile is None:
        raise NotFound()
    country_code = require_country(country)
    if profile.linked_org_id is not None and country_code != profile.country:
        raise RuleViolation("registry.country_locked", mpn_id=profile.mpn_id)
    profile.name = require_text(name, field="profile_name", max_length=PROFILE_NAME_MAX)
    profile.country = country_code
    profile.status = _status(status)
    session.add(profile)
    audit.record(
        session,
        action="registry.profile_updated",
        actor=actor,
        target_type="mpn_profile",
        target_id=profile.id,
        detail=profile.mpn_id,
    )


def set_profile_active(session: Session, actor: Actor, *, profile_id: int, active: bool) -> None:
    require(actor, Action.MANAGE_REGISTRY)
    profile = session.get(MpnProfile, profile_id)
    if profile is None:
        raise NotFound()
    profile.status = ProfileStatus.ACTIVE if active else ProfileStatus.INACTIVE
    session.add(profile)
    audit.record(
        session,
        action="registry.profile_activated" if active else "registry.profile_deactivated",
        actor=actor,
        target_type="mpn_profile",
        target_id=profile.id,
        detail=profile.mpn_id,
    )


def import_profiles_csv(session: Session, actor: Actor, *, text: str) -> list[ImportRowResult]:
    """Create profiles from CSV (header `mpn_id,name,country[,status][,pmc_users]`, `pmc_users` separated by
    `;`). Each row stands alone: a refused row is reported with its reason and the others are kept.
    Returns one ImportRowResult per data row."""
    require(actor, Action.MANAGE_REGISTRY)
    if len(text.encode("utf-8", errors="replace")) > MAX_IMPORT_BYTES:
        raise ValidationFailed("registry.csv_too_large", field="csv")
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if not {"mpn_id", "name", "country"} <= set(header):
        raise ValidationFailed("registry.csv_header", field="csv", columns=", ".join(CSV_COLUMNS))
    reader.fieldnames = header
    report: list[ImportRowResult] = []
    for number, row in enumerate(reader, start=2):
        if len(report) >= MAX_IMPORT_ROWS:
            raise ValidationFailed("registry.csv_too_large", field="csv")
        values = {k: (v or "").strip() if isinstance(v, str) else "" for k, v in row.items() if k}
        if not any(values.values()):
            continue
        entry = ImportRowResult(
            row=number, mpn_id=values.get("mpn_id", "")[:20], ok=True, code="registry.imported", params={}, field=""
        )
        savepoint = session.begin_nested()
        try:
            create_profile(
                session,
                actor,
                mpn_id=values.get("mpn_id", ""),
                name=values.get("name", ""),
                country=values.get("country", ""),
                status=values.get("status") or "active",
                pmc_users=[u for u in values.get("pmc_users", "").split(";") if u.strip()],
            )
            savepoint.commit()
        except DomainError as refusal:
            savepoint.rollback()
            entry = ImportRowResult(
                row=entry.row,
                mpn_id=entry.mpn_id,
                ok=False,
                code=refusal.code,
                params=dict(refusal.params),
                field=getattr(refusal, "field", None) or "",
            )
        report.append(entry)
    imported = sum(1 for e in report if e.ok)
    audit.record(
        session,
        action="registry.csv_imported",
        actor=actor,
        target_type="mpn_profile",
        detail=f"{imported} of {len(report)} rows imported",
    )
    return report
