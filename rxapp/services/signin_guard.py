"""The guard around every check of a guessable secret (password, second-factor code, PMC password).

`reserve` takes one attempt per client address and per account *before* the secret is checked (see
`attempts`); `passed` gives the reservations back after a success. An account that reached the daily
limit is blocked until the link emailed to its own address is used (`unblock`). Refusals say how long to
wait and never whether the account exists: unknown names are counted exactly like real ones.
"""

from __future__ import annotations

from sqlmodel import Session, select

from rxapp.errors import Throttled
from rxapp.models import LinkPurpose, LinkStatus, User, utcnow
from rxapp.services import attempts, audit, links, mail

ACCOUNT = "account"  # per email address: passwords
CODE = "code"  # per user, second-factor codes and recovery codes
PMC = "pmc"  # per PMC user name
CLIENT = "client"  # per client address: passwords and codes
PMC_CLIENT = "pmc-client"
MINUTE = 60


def reserve(session: Session, *, scope: str, key: str, client_scope: str, client_address: str | None) -> None:
    """Reserve one attempt for the client and one for the account, or raise `Throttled` (`blocked` in
    its params when the daily limit is reached). Commits the caller's transaction (with the reservations),
    so parallel attempts see them before any secret is checked."""
    store = attempts.get_attempts(session)
    now = attempts.now()
    client_policy = attempts.client_policy(client_scope)
    held = store.reserve(client_policy, client_address or "-", now=now)
    if not held.granted:
        raise _throttled(held)
    held_account = store.reserve(attempts.account_policy(scope), key, now=now)
    if not held_account.granted:
        store.succeeded(client_policy, client_address or "-", streak=False)  # nothing was checked
        raise _throttled(held_account)
    session.commit()


def passed(
    session: Session, *, scope: str, key: str, client_scope: str, client_address: str | None, streak: bool = True
) -> None:
    """The secret was right: the account's streak of failures ends and both reservations are given back."""
    store = attempts.get_attempts(session)
    store.succeeded(attempts.account_policy(scope), key, streak=streak)
    store.succeeded(attempts.client_policy(client_scope), client_address or "-", streak=False)


def _throttled(held: attempts.Reservation) -> Throttled:
    if held.blocked:
        return Throttled("auth.blocked", blocked=True)
    if held.retry_after > 2 * MINUTE:
        return Throttled("auth.throttled_minutes", minutes=-(-held.retry_after // MINUTE))
    return Throttled("auth.throttled_seconds", seconds=held.retry_after)


def block_user(session: Session, user: User, *, client_address: str | None) -> None:
    """Stop sign-in for a user who reached the daily limit and email the account a link to resume (once)."""
    if user.sign_in_blocked_at is not None:
        return
    user.sign_in_blocked_at = utcnow()
    session.add(user)
    links.revoke_pending(session, purpose=LinkPurpose.SIGN_IN_UNBLOCK, target_email=user.email)
    _, token = links.issue_link(
        session,
        purpose=LinkPurpose.SIGN_IN_UNBLOCK,
        issuer_org_id=user.org_id,
        target_email=user.email,
        target_org_id=user.org_id,
    )
    mail.queue_catalog_email(
        session,
        to=user.email,
        key="mail.sign_in_blocked",
        link=links.link_url(LinkPurpose.SIGN_IN_UNBLOCK, token),
        limit=attempts.ACCOUNT_DAILY_FAILURES,
    )
    audit.record(
        session,
        action="auth.sign_in_blocked",
        org_id=user.org_id,
        actor_email=user.email,
        target_type="user",
        target_id=user.id,
        client_address=client_address,
    )


def clear_user(session: Session, user: User) -> None:
    """Forget every failure counted against a user (its email and its second factor)."""
    store = attempts.get_attempts(session)
    store.clear(ACCOUNT, user.email)
    store.clear(CODE, str(user.id))
    user.sign_in_blocked_at = None
    session.add(user)


def unblock(session: Session, *, token: str, client_address: str | None = None) -> str:
    """Use an emailed unblock link: the account may sign in again. Returns the account's email."""
    link = links.find_link(session, token, purposes={LinkPurpose.SIGN_IN_UNBLOCK})
    user = session.exec(select(User).where(User.email == link.target_email)).first()
    links.settle_link(session, link, status=LinkStatus.ACCEPTED, user_id=user.id if user else None)
    if user is not None:
        clear_user(session, user)
        audit.record(
            session,
            action="auth.sign_in_unblocked",
            org_id=user.org_id,
            actor_email=user.email,
            target_type="user",
            target_id=user.id,
            client_address=client_address,
        )
    return link.target_email or ""
