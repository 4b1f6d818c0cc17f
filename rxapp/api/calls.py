"""One API call as an API client: the API's doorway into the services, as `services.runner` is the pages'.

`perform(call, work)` authenticates the bearer secret, applies the client's rate limit, replays or refuses a
repeated `Idempotency-Key`, runs `work(session, actor)` in one transaction, and audits the call as the client
(refusals too: a refused call's changes are rolled back, its audit entry is kept). Endpoints are plain `def`
functions, so FastAPI runs all this in its thread pool, off the event loop.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from fastapi import Depends, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from rxapp import db
from rxapp.api.problems import Problem, RateLimited, status_of
from rxapp.errors import DomainError, PermissionDenied
from rxapp.models import ApiClient, ApiIdempotencyKey, AuditOutcome, Organization, utcnow
from rxapp.models.rows import saved_id
from rxapp.permissions import Actor
from rxapp.services import api_clients, audit
from rxapp.services.throttle import get_throttle
from rxapp.settings import get_settings

IDEMPOTENCY_TTL = timedelta(hours=24)
_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")

bearer_scheme = HTTPBearer(
    auto_error=False, description="The API client's secret (`pcs_...`), as a bearer token.", scheme_name="ClientSecret"
)


@dataclass(frozen=True)
class Call:
    """What an endpoint knows of its request (the secret never leaves this object)."""

    secret: str
    method: str
    path: str
    address: str
    idempotency_key: str | None
    body: bytes


def caller(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer_scheme)) -> Call:
    """The bearer secret of the request (401 problem when there is none)."""
    if credentials is None or not credentials.credentials:
        raise Problem(401, "api.invalid_token", headers={"www-authenticate": 'Bearer realm="partner-center"'})
    return Call(
        secret=credentials.credentials,
        method=request.method,
        path=request.url.path,
        address=(request.client.host if request.client else "-")[:64],
        idempotency_key=request.headers.get("idempotency-key"),
        body=b"",
    )


async def creating_caller(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer_scheme)
) -> Call:
    """`caller` for a creating call: also the raw body, for the idempotency check."""
    call = caller(request, credentials)
    body = await request.body()
    return Call(
        secret=call.secret,
        method=call.method,
        path=call.path,
        address=call.address,
        idempotency_key=call.idempotency_key,
        body=body,
    )


def _request_hash(call: Call) -> str:
    try:  # the same JSON however it is spaced
        canonical = json.dumps(json.loads(call.body or b"null"), sort_keys=True, separators=(",", ":"))
    except (ValueError, UnicodeDecodeError):
        canonical = call.body.decode("utf-8", "replace")
    return hashlib.sha256(f"{call.method} {call.path}\n{canonical}".encode()).hexdigest()


def _replay(row: ApiIdempotencyKey) -> JSONResponse:
    return JSONResponse(
        json.loads(row.response_body),
        status_code=row.response_status,
        headers={"idempotent-replayed": "true", "cache-control": "no-store"},
    )


def _find_key(session: Session, client_id: int, key: str) -> ApiIdempotencyKey | None:
    row = session.exec(
        select(ApiIdempotencyKey).where(ApiIdempotencyKey.client_id == client_id, ApiIdempotencyKey.key == key)
    ).first()
    if row is not None and row.created_at + IDEMPOTENCY_TTL <= utcnow():
        session.delete(row)  # expired: the key may be used afresh
        session.flush()
        return None
    return row


def _authenticate(session: Session, call: Call) -> tuple[ApiClient, Actor]:
    try:
        return api_clients.authenticate(session, call.secret)
    except api_clients.ClientRefused:
        client = session.exec(
            select(ApiClient).where(ApiClient.secret_hash == api_clients.hash_secret(call.secret))
        ).one()
        org = session.get(Organization, client.org_id)
        if org is None:  # its organization is gone: nothing to record the refusal against
            raise
        actor = api_clients.actor_for_client(client, org)
        _audit(session, client, actor, call, 403, AuditOutcome.REFUSED)
        session.commit()
        raise


def _audit(
    session: Session, client: ApiClient, actor: Actor, call: Call, status: int, outcome: AuditOutcome = AuditOutcome.OK
) -> None:
    api_clients.record_use(
        session,
        client,
        actor,
        method=call.method,
        path=call.path,
        status=status,
        client_address=call.address,
        outcome=outcome,
    )


def _rate_limit(session: Session, client: ApiClient, actor: Actor, call: Call) -> None:
    settings = get_settings()
    throttle = get_throttle()
    limits = {"limit": settings.api_rate_limit, "window_seconds": settings.api_rate_window_seconds}
    if throttle.hit("api-client", str(client.id), **limits):
        return
    seconds = throttle.retry_after("api-client", str(client.id), **limits)
    _audit(session, client, actor, call, 429, AuditOutcome.THROTTLED)
    session.commit()
    raise RateLimited(seconds=max(1, seconds))


def perform(
    call: Call, work: Callable[[Session, Actor], Any], *, status_code: int = 200, idempotent: bool = False
) -> JSONResponse:
    """Run `work` as the call's API client and answer its result as JSON (see the module's docstring)."""
    key = call.idempotency_key if idempotent else None
    if key is not None and not _KEY.match(key):
        raise Problem(
            422,
            "api.idempotency_key_invalid",
            errors=[{"field": "Idempotency-Key", "detail": "1 to 255 visible ASCII characters"}],
        )
    with Session(db.get_engine(), expire_on_commit=False) as session:
        client, actor = _authenticate(session, call)
        _rate_limit(session, client, actor, call)
        claim = None
        if key is not None:
            request_hash = _request_hash(call)
            existing = _find_key(session, saved_id(client.id), key)
            if existing is not None:
                return _settle_repeat(session, client, actor, call, existing, request_hash)
            claim = ApiIdempotencyKey(
                client_id=saved_id(client.id), key=key, request_hash=request_hash, response_status=0, response_body=""
            )
            try:  # the transaction's first write: a concurrent call with this key waits here, then finds it
                session.add(claim)
                session.flush()
            except IntegrityError:
                session.rollback()
                existing = _find_key(session, saved_id(client.id), key)
                if existing is None:
                    raise Problem(409, "error.conflict") from None
                return _settle_repeat(session, client, actor, call, existing, request_hash)
        try:
            payload = jsonable_encoder(work(session, actor))
        except DomainError as error:
            session.rollback()
            if isinstance(error, PermissionDenied):
                audit.record(
                    session,
                    action=f"refused.{error.params.get('action', 'unknown')}",
                    actor=actor,
                    outcome=AuditOutcome.REFUSED,
                    detail=error.code,
                    client_address=call.address,
                )
            _audit(
                session,
                client,
                actor,
                call,
                status_of(error),
                AuditOutcome.REFUSED if status_of(error) in (401, 403) else AuditOutcome.OK,
            )
            session.commit()
            raise
        except BaseException:
            session.rollback()
            raise
        if claim is not None:
            claim.response_status, claim.response_body = status_code, json.dumps(payload, ensure_ascii=False)
            session.add(claim)
        _audit(session, client, actor, call, status_code)
        session.commit()
    return JSONResponse(payload, status_code=status_code, headers={"cache-control": "no-store"})


def _settle_repeat(
    session: Session, client: ApiClient, actor: Actor, call: Call, existing: ApiIdempotencyKey, request_hash: str
) -> JSONResponse:
    """A call whose key was seen: the same request gets the stored answer, another one a 422 problem."""
    if existing.request_hash != request_hash:
        _audit(session, client, actor, call, 422, AuditOutcome.REFUSED)
        session.commit()
        raise Problem(422, "api.idempotency_mismatch")
    _audit(session, client, actor, call, existing.response_status)
    session.commit()
    return _replay(existing)
