"""The audit log made readable: each entry's codes split into what the page words through the catalogs
(action, refused permission and the roles it needs, outcome, record kind, detail pieces) and the names of the
records it touched, looked up in one query per kind of record. No words here: the page and the CSV export
put them in the reader's language; the codes stay available beside them."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from rxapp.db_reads import Prepared, read
from rxapp.models import (
    ApiClient,
    AuditEvent,
    CustomerUser,
    DelegatedAdminGrant,
    Enrollment,
    Lead,
    Link,
    MpnProfile,
    Order,
    Organization,
    PmcAccount,
    Product,
    Relationship,
    ServiceHealthEntry,
    Subscription,
    SupportTicket,
    User,
    WebhookDelivery,
    WebhookEndpoint,
)
from rxapp.models.enums import AdminRole, AgentRole, LinkPurpose
from rxapp.models.rows import saved_id
from rxapp.permissions import MATRIX, Action

ROLES = {role.value for role in AgentRole} | {role.value for role in AdminRole}
PURPOSES = {purpose.value for purpose in LinkPurpose}
# Permissions refused outside the matrix (services raise them with their own rule).
EXTRA_REFUSALS = {"enroll": ["global_admin"], "manage_global_admins": ["global_admin"]}
RECORD_KINDS = {"customer_user": "customeruser"}  # one word for two spellings of the same record
_PAIR = re.compile(r"^([a-z_]+)=(.*)$")
LABELS = {"reseller", "provider", "to", "voided", "with", "by", "roles"}  # `key=value` keys with words


@dataclass
class EventView:
    """One entry as codes and names: `action` is the code the page words ("refused" for a refusal, whose
    permission is `refused` and needed roles `roles`); `detail` is a list of pieces (kind, value)."""

    id: int
    at: str
    org: str
    actor: str
    code: str
    action: str
    refused: str
    roles: list[str]
    outcome: str
    record_kind: str
    record_name: str
    detail: list[dict[str, str]] = field(default_factory=list)
    detail_raw: str = ""


def refusal_roles(permission: str) -> list[str]:
    """The roles that would have allowed a refused permission (empty when unknown)."""
    if permission in EXTRA_REFUSALS:
        return EXTRA_REFUSALS[permission]
    try:
        return sorted(role.value for role in MATRIX[Action(permission)].roles)
    except (KeyError, ValueError):
        return []


def _word(token: str) -> list[dict[str, str]]:
    """A token of a detail: role combinations ("helpdesk_agent+not_an_admin") and link purposes become codes
    the page words; anything else (names, emails, numbers) is kept as written."""
    parts = token.split("+")
    if all(part in ROLES for part in parts):
        pieces: list[dict[str, str]] = []
        for index, part in enumerate(parts):
            if index:
                pieces.append({"kind": "text", "value": ", "})
            pieces.append({"kind": "role", "value": part})
        return pieces
    if token in PURPOSES:
        return [{"kind": "purpose", "value": token}]
    return [{"kind": "text", "value": token}]


def _label(key: str) -> list[dict[str, str]]:
    return [{"kind": "label", "value": key}, {"kind": "text", "value": ": "}]


def detail_pieces(detail: str, *, refused: bool = False) -> list[dict[str, str]]:
    """The detail as pieces: `key=value` pairs become a worded label and their value, codes become words;
    a refusal's error code is left out (the action already says what was refused and why)."""
    text = (detail or "").strip()
    if not text or (refused and text.startswith("error.")):
        return []
    pieces: list[dict[str, str]] = []
    for index, part in enumerate(segment.strip() for segment in text.split(";")):
        if index:
            pieces.append({"kind": "text", "value": "; "})
        pair = _PAIR.match(part)
        if pair and pair.group(1) in LABELS:  # "reseller=Contoso Cloud Partners": the value may have spaces
            pieces.extend(_label(pair.group(1)))
            part = pair.group(2)
        for position, token in enumerate(part.split(" ")):
            if position:
                pieces.append({"kind": "text", "value": " "})
            pair = _PAIR.match(token)
            if pair and pair.group(1) in LABELS:  # "admin@x.example roles=helpdesk_agent+not_an_admin"
                pieces.extend(_label(pair.group(1)))
                token = pair.group(2)
            pieces.extend(_word(token))
    merged: list[dict[str, str]] = []  # adjacent text pieces in one
    for piece in pieces:
        if merged and piece["kind"] == "text" and merged[-1]["kind"] == "text":
            merged[-1] = {"kind": "text", "value": merged[-1]["value"] + piece["value"]}
        else:
            merged.append(piece)
    return merged


def _names(session: Session, ids: dict[str, set[int]]) -> dict[tuple[str, int], str]:
    """The records' names, one query per kind."""
    names: dict[tuple[str, int], str] = {}

    def put(kind: str, rows) -> None:
        for record_id, name in rows:
            names[(kind, record_id)] = str(name or "")

    for kind, wanted in ids.items():
        if not wanted:
            continue
        if kind in _NAME_OF:
            put(kind, read(session, _NAME_OF[kind], {"ids": list(wanted)}).all())
        elif kind == "subscription":
            put(
                kind,
                session.exec(
                    select(Subscription.id, Product.name)
                    .join(Product, col(Product.id) == Subscription.product_id)
                    .where(col(Subscription.id).in_(wanted))
                ).all(),
            )
        elif kind == "relationship":
            rows = session.exec(
                select(Relationship.id, Relationship.partner_org_id, Relationship.client_org_id).where(
                    col(Relationship.id).in_(wanted)
                )
            ).all()
            orgs = _org_names(session, {org for _, a, b in rows for org in (a, b)})
            put(kind, [(rid, f"{orgs.get(a, '')} → {orgs.get(b, '')}") for rid, a, b in rows])
        elif kind == "delegatedadmin":
            rows = session.exec(
                select(
                    DelegatedAdminGrant.id, DelegatedAdminGrant.reseller_org_id, DelegatedAdminGrant.customer_org_id
                ).where(col(DelegatedAdminGrant.id).in_(wanted))
            ).all()
            orgs = _org_names(session, {org for _, a, b in rows for org in (a, b)})
            put(kind, [(rid, f"{orgs.get(a, '')} → {orgs.get(b, '')}") for rid, a, b in rows])
        elif kind == "enrollment":
            rows = session.exec(select(Enrollment.id, Enrollment.org_id).where(col(Enrollment.id).in_(wanted))).all()
            orgs = _org_names(session, {org for _, org in rows})
            put(kind, [(rid, orgs.get(org, "")) for rid, org in rows])
        elif kind == "order":
            rows = session.exec(select(Order.id, Order.customer_org_id).where(col(Order.id).in_(wanted))).all()
            orgs = _org_names(session, {org for _, org in rows})
            put(kind, [(rid, orgs.get(org, "")) for rid, org in rows])
        elif kind == "link":
            rows = session.exec(
                select(Link.id, Link.target_email, Link.target_org_id).where(col(Link.id).in_(wanted))
            ).all()
            orgs = _org_names(session, {org for _, _, org in rows if org})
            put(kind, [(rid, email or (orgs.get(org, "") if org else "")) for rid, email, org in rows])
        elif kind == "webhookdelivery":
            put(
                kind,
                session.exec(
                    select(WebhookDelivery.id, WebhookDelivery.event_type).where(col(WebhookDelivery.id).in_(wanted))
                ).all(),
            )
    return names


def _org_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(read(session, _NAME_OF["organization"], {"ids": list(ids)}).all())


def _name_query(model: Any, column: Any) -> Prepared:
    return Prepared(select(model.id, column).where(model.id.in_(sa.bindparam("ids", expanding=True))))


# (id, name) of the records of a kind, built once with a bound list of ids (each page of the log runs them).
_NAME_OF = {
    kind: _name_query(model, column)
    for kind, (model, column) in {
        "user": (User, User.email),
        "organization": (Organization, Organization.name),
        "customeruser": (CustomerUser, CustomerUser.user_principal_name),
        "lead": (Lead, Lead.company_name),
        "ticket": (SupportTicket, SupportTicket.subject),
        "apiclient": (ApiClient, ApiClient.name),
        "webhookendpoint": (WebhookEndpoint, WebhookEndpoint.url),
        "mpn_profile": (MpnProfile, MpnProfile.mpn_id),
        "pmc_account": (PmcAccount, PmcAccount.user_name),
        "service_health": (ServiceHealthEntry, ServiceHealthEntry.title),
    }.items()
}


def readable(session: Session, events: list[AuditEvent]) -> list[EventView]:
    """The entries of one page (or an export) as codes and names."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for event in events:
        if event.target_type and event.target_id is not None:
            wanted[RECORD_KINDS.get(event.target_type, event.target_type)].add(event.target_id)
    names = _names(session, wanted)
    orgs = _org_names(session, {event.org_id for event in events if event.org_id})
    views = []
    for event in events:
        refused = event.action.removeprefix("refused.") if event.action.startswith("refused.") else ""
        kind = RECORD_KINDS.get(event.target_type or "", event.target_type or "")
        name = names.get((kind, event.target_id), "") if kind and event.target_id is not None else ""
        views.append(
            EventView(
                id=saved_id(event.id),
                at=event.at.isoformat(" ", "seconds")[:19],  # (isoformat: a third of strftime's time)
                org=orgs.get(event.org_id, "") if event.org_id else "",
                actor=event.actor_email or "",
                code=event.action,
                action="refused" if refused else event.action,
                refused=refused,
                roles=refusal_roles(refused) if refused else [],
                outcome=event.outcome.value,
                record_kind=kind,
                record_name=name or (f"#{event.target_id}" if event.target_id is not None else ""),
                detail=detail_pieces(event.detail, refused=bool(refused)),
                detail_raw=event.detail or "",
            )
        )
    return views


def words(view: EventView, text: Any) -> dict[str, str]:
    """The entry in words for the CSV export: `text(key, **params)` translates in the reader's language."""
    if view.refused:
        action = text(
            "audit.refused",
            what=text(f"audit.perm.{view.refused}"),
            roles=text("audit.or").join(text(f"role.{role}") for role in view.roles) or "-",
        )
    else:
        action = text(f"audit.action.{view.code}")
    detail = "".join(
        text(f"role.{p['value']}")
        if p["kind"] == "role"
        else text(f"invitations.purpose.{p['value']}")
        if p["kind"] == "purpose"
        else text(f"audit.detail.{p['value']}")
        if p["kind"] == "label"
        else p["value"]
        for p in view.detail
    )
    record = f"{text(f'audit.record.{view.record_kind}')} {view.record_name}".strip() if view.record_kind else ""
    return {"action": action, "outcome": text(f"audit.outcome.{view.outcome}"), "record": record, "detail": detail}
