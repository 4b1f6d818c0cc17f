"""One unit of work as the signed-in user: resolve the session, run the service, commit, log refusals.

This is the single doorway the UI uses into the services, so every call re-checks the session on the
server and every refused action lands in the audit log even though the change itself is rolled back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlmodel import Session

from rxapp.db import session_scope
from rxapp.errors import DomainError, NotAuthenticated, PermissionDenied
from rxapp.models import AuditOutcome
from rxapp.permissions import Actor
from rxapp.services import audit, auth

T = TypeVar("T")


def run_as(token: str | None, work: Callable[[Session, Actor], T], *, client_address: str | None = None) -> T:
    """Run `work(session, actor)` in one transaction for the session behind `token`."""
    with session_scope() as session:
        actor = auth.resolve_session(session, token)
        if actor is None:
            session.commit()  # keep the ended-session mark of an expired session
            raise NotAuthenticated()
        try:
            return work(session, actor)
        except PermissionDenied as refusal:
            session.rollback()
            audit.record(
                session,
                action=f"refused.{refusal.params.get('action', 'unknown')}",
                actor=actor,
                outcome=AuditOutcome.REFUSED,
                detail=refusal.code,
                client_address=client_address,
            )
            session.commit()
            raise
        except DomainError as refusal:
            if refusal.keeps_changes:
                session.commit()
            raise


def run_public(work: Callable[[Session], T]) -> T:
    """Run an anonymous flow (no session to check: sign-in, link landing pages, the directory) in one
    transaction."""
    with session_scope() as session:
        return work(session)


def current_actor(token: str | None) -> Actor | None:
    """The actor behind a session token, or None (re-checked on the server every time)."""
    with session_scope() as session:
        return auth.resolve_session(session, token)
