"""API clients (Account settings › API access): machine identities of an organization for the partner API.

- A Global admin creates one with a name, the agent and admin roles it acts with and an expiry. Its rights never
  exceed the creating admin's: checked when it is created or rotated, and again on every use (a client of an
  admin who was deactivated or lost rights stops working).
- The secret (`pcs_` + 256 random bits) is shown once; only its SHA-256 is stored, with its first characters
  (`secret_prefix`) so that people can recognise it. Rotating issues a new secret (the old one stops at once);
  revoking ends the client for good.
- A client acts as an `Actor` of its organization with its own roles, so the permission matrix applies
  unchanged; every use is audited as the client. Clients of an organization that is not active stop.
No Reflex here.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from rxapp.boundary import column_length, record_id
from rxapp.errors import Conflict, DomainError, NotAuthenticated, NotFound, ValidationFailed
from rxapp.models import AdminRole, AgentRole, ApiClient, AuditOutcome, Organization, OrgStatus, User, utcnow
from rxapp.models.rows import rowcount, saved_id
from rxapp.permissions import Action, Actor, allowed_actions, require
from rxapp.services import audit
from rxapp.services.auth import actor_for
from rxapp.services.validation import require_text

SECRET_MARK = "pcs_"  # noqa: S105 (the marker that starts every secret, not a secret)
PREFIX_LENGTH = 12  # "pcs_" + 8 characters of the random part
NAME_MAX = column_length(ApiClient, "name")
EXPIRY_CHOICES = (30, 90, 180, 365)
MAX_EXPIRY_DAYS = 730
MAX_CLIENTS = 200


class ClientRefused(DomainError):
    """A usable secret whose client may not act now (organization not active, creator's rights gone): 403."""

    code = "api.client_suspended"


def hash_secret(secret: str) -> str:
    """The stored form of a client secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_secret() -> str:
    return SECRET_MARK + secrets.token_urlsafe(32)


@dataclass(frozen=True)
class ClientSummary:
    id: int
    name: str
    prefix: str
    agent_role: str
    admin_role: str
    status: str  # active | expired | revoked
    created_at: datetime
    created_by: str
    expires_at: datetime
    last_used_at: datetime | None
    last_used_address: str
    rotated_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class IssuedSecret:
    """A client and its secret, to be shown once (never logged: the repr hides it)."""

    client: ClientSummary
    secret: str = field(repr=False)


def status_of(client: ApiClient, now: datetime | None = None) -> str:
    if client.revoked_at is not None:
        return "revoked"
    if client.expires_at <= (now or utcnow()):
        return "expired"
    return "active"


def _summary(client: ApiClient, creator: User | None, now: datetime | None = None) -> ClientSummary:
    return ClientSummary(
        id=saved_id(client.id),
        name=client.name,
        prefix=client.secret_prefix,
        agent_role=client.agent_role.value,
        admin_role=client.admin_role.value,
        status=status_of(client, now),
        created_at=client.created_at,
        created_by=(creator.full_name or creator.email) if creator else "",
        expires_at=client.expires_at,
        last_used_at=client.last_used_at,
        last_used_address=client.last_used_address or "",
        rotated_at=client.rotated_at,
        revoked_at=client.revoked_at,
    )


def _parse_roles(agent_role: str, admin_role: str) -> tuple[AgentRole, AdminRole]:
    try:
        agent = AgentRole(str(agent_role))
    except ValueError:
        raise ValidationFailed("validation.required", field="agent_role") from None
    try:
        admin = AdminRole(str(admin_role))
    except ValueError:
        raise ValidationFailed("validation.required", field="admin_role") from None
    return agent, admin


def client_rights_within(client_actor: Actor, creator: Actor) -> bool:
    """Whether everything the client's roles allow, the creator's roles allow too."""
    return allowed_actions(client_actor) <= allowed_actions(creator)


def _check_roles(actor: Actor, agent: AgentRole, admin: AdminRole) -> None:
    as_client = replace(actor, agent_role=agent, admin_role=admin)
    if not client_rights_within(as_client, actor):
        raise ValidationFailed("api.roles_exceed_yours", field="admin_role")
    if not allowed_actions(as_client):
        raise ValidationFailed("api.roles_give_nothing", field="agent_role")


def _expiry(expires_in_days: object) -> timedelta:
    try:
        days = int(expires_in_days)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValidationFailed("api.expiry_invalid", field="api_expiry", max=MAX_EXPIRY_DAYS) from None
    if not 1 <= days <= MAX_EXPIRY_DAYS:
        raise ValidationFailed("api.expiry_invalid", field="api_expiry", max=MAX_EXPIRY_DAYS)
    return timedelta(days=days)


def _own_client(session: Session, actor: Actor, client_id: object) -> ApiClient:
    client = session.get(ApiClient, record_id(client_id))
    if client is None or client.org_id != actor.org_id:
        raise NotFound()
    return client


# ------------------------------------------------------------------------------------------ management


def list_clients(session: Session, actor: Actor) -> list[ClientSummary]:
    """The organization's API clients, newest first (revoked ones stay listed as history)."""
    require(actor, Action.MANAGE_API_CLIENTS, read=True)
    rows = session.exec(
        select(ApiClient, User)
        .join(User, col(User.id) == ApiClient.created_by_user_id, isouter=True)
        .where(ApiClient.org_id == actor.org_id)
        .order_by(col(ApiClient.created_at).desc(), col(ApiClient.id).desc())
        .limit(MAX_CLIENTS)
    ).all()
    now = utcnow()
    return [_summary(client, creator, now) for client, creator in rows]


def create_client(
    session: Session, actor: Actor, *, name: str, agent_role: str, admin_role: str, expires_in_days: object = 90
) -> IssuedSecret:
    """A new client acting with `agent_role` + `admin_role` (never more than the actor may do)."""
    require(actor, Action.MANAGE_API_CLIENTS)
    if actor.api_client_id is not None:  # an API client never makes another one
        raise ValidationFailed("api.roles_exceed_yours", field="admin_role")
    name = require_text(name, field="api_client_name", max_length=NAME_MAX)
    agent, admin = _parse_roles(agent_role, admin_role)
    _check_roles(actor, agent, admin)
    lifetime = _expiry(expires_in_days)
    secret = new_secret()
    now = utcnow()
    client = ApiClient(
        org_id=actor.org_id,
        name=name,
        agent_role=agent,
        admin_role=admin,
        secret_hash=hash_secret(secret),
        secret_prefix=secret[:PREFIX_LENGTH],
        created_by_user_id=actor.user_id,
        created_at=now,
        expires_at=now + lifetime,
    )
    session.add(client)
    session.flush()
    audit.record(
        session,
        action="api_client.created",
        actor=actor,
        target_type="apiclient",
        target_id=client.id,
        detail=f"{name} ({client.secret_prefix}…); {agent.value} + {admin.value}; expires {client.expires_at:%Y-%m-%d}",
    )
    return IssuedSecret(client=_summary(client, session.get(User, actor.user_id), now), secret=secret)


def rotate_secret(session: Session, actor: Actor, *, client_id: object) -> IssuedSecret:
    """A new secret for an active client; the old one stops working at once."""
    require(actor, Action.MANAGE_API_CLIENTS)
    client = _own_client(session, actor, client_id)
    if status_of(client) != "active":
        raise Conflict("api.client_not_active")
    _check_roles(actor, client.agent_role, client.admin_role)
    secret = new_secret()
    now = utcnow()
    changed = session.execute(
        sa.update(ApiClient)
        .where(
            col(ApiClient.id) == client.id,
            col(ApiClient.secret_hash) == client.secret_hash,
            col(ApiClient.revoked_at).is_(None),
        )
        .values(secret_hash=hash_secret(secret), secret_prefix=secret[:PREFIX_LENGTH], rotated_at=now)
        .execution_options(synchronize_session=False)
    )
    if rowcount(changed) != 1:
        raise Conflict("api.client_not_active")
    session.refresh(client)
    audit.record(
        session,
        action="api_client.rotated",
        actor=actor,
        target_type="apiclient",
        target_id=client.id,
        detail=f"{client.name} ({client.secret_prefix}…)",
    )
    return IssuedSecret(client=_summary(client, session.get(User, client.created_by_user_id), now), secret=secret)


def revoke_client(session: Session, actor: Actor, *, client_id: object) -> None:
    """End a client for good: its next call is refused."""
    require(actor, Action.MANAGE_API_CLIENTS)
    client = _own_client(session, actor, client_id)
    changed = session.execute(
        sa.update(ApiClient)
        .where(col(ApiClient.id) == client.id, col(ApiClient.revoked_at).is_(None))
        .values(revoked_at=utcnow(), revoked_by_user_id=actor.user_id)
        .execution_options(synchronize_session=False)
    )
    if rowcount(changed) != 1:
        raise Conflict("api.client_not_active")
    audit.record(
        session,
        action="api_client.revoked",
        actor=actor,
        target_type="apiclient",
        target_id=client.id,
        detail=f"{client.name} ({client.secret_prefix}…)",
    )


# ------------------------------------------------------------------------------------------ use


def actor_for_client(client: ApiClient, org: Organization) -> Actor:
    """The acting identity of a client: its organization and its own two roles."""
    return Actor(
        user_id=client.created_by_user_id,
        org_id=saved_id(org.id),
        org_kind=org.kind,
        agent_role=client.agent_role,
        admin_role=client.admin_role,
        email=f"API client {client.name} ({client.secret_prefix}…)",
        full_name=f"API client {client.name}",
        org_name=org.name,
        org_active=org.status == OrgStatus.ACTIVE,
        suspension=(org.suspension_reason or "") if org.suspended_at is not None else None,
        api_client_id=client.id,
    )


def authenticate(session: Session, secret: str | None, *, now: datetime | None = None) -> tuple[ApiClient, Actor]:
    """The client behind a bearer secret and its actor. Unknown, malformed, revoked and expired secrets raise
    `NotAuthenticated("api.invalid_token")` alike; a client that may not act now raises `ClientRefused`."""
    now = now or utcnow()
    if not secret or not secret.startswith(SECRET_MARK) or len(secret) > 200:
        raise NotAuthenticated("api.invalid_token")
    client = session.exec(select(ApiClient).where(ApiClient.secret_hash == hash_secret(secret))).first()
    if client is None or status_of(client, now) != "active":
        raise NotAuthenticated("api.invalid_token")
    org = session.get(Organization, client.org_id)
    if org is None:
        raise NotAuthenticated("api.invalid_token")
    actor = actor_for_client(client, org)
    creator = session.get(User, client.created_by_user_id)
    if org.status != OrgStatus.ACTIVE or creator is None or not creator.is_active or creator.org_id != org.id:
        raise ClientRefused()
    if not client_rights_within(actor, actor_for(creator, org)):  # the creator's rights, as of now
        raise ClientRefused()
    return client, actor


def record_use(
    session: Session,
    client: ApiClient,
    actor: Actor,
    *,
    method: str,
    path: str,
    status: int,
    client_address: str | None = None,
    outcome: AuditOutcome = AuditOutcome.OK,
    now: datetime | None = None,
) -> None:
    """Audit one API request as the client and note the client's last use (in the caller's transaction)."""
    now = now or utcnow()
    session.execute(
        sa.update(ApiClient)
        .where(col(ApiClient.id) == client.id)
        .values(last_used_at=now, last_used_address=(client_address or None) and client_address[:64])
        .execution_options(synchronize_session=False)
    )
    audit.record(
        session,
        action="api.request",
        actor=actor,
        target_type="apiclient",
        target_id=client.id,
        detail=f"{method} {path[:300]} → {status}",
        outcome=outcome,
        client_address=client_address,
    )
