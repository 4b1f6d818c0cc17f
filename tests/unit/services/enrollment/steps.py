"""The enrollment tests' steps, shared by the enrollment, registry, webhook and crash-recovery tests: a run in
its own transaction, the demo actors, a draft, a submitted or in-review application, emails and races."""

from __future__ import annotations

import threading
from collections.abc import Callable

from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from rxapp.errors import DomainError
from rxapp.models import (
    Enrollment,
    EnrollmentStatus,
    MpnProfile,
    Organization,
    OutboxEmail,
    PmcAccount,
    User,
)
from rxapp.permissions import Actor
from rxapp.services import auth
from rxapp.services import enrollment as svc
from rxapp.services.mail import extract_links

DETAILS = {
    "legal_name": "Northwind Traders Korea Ltd.",
    "address_line1": "10 Sejong-daero",
    "address_line2": "",
    "city": "Seoul",
    "region": "",
    "postal_code": "04524",
    "contact_first_name": "Seo-yeon",
    "contact_last_name": "Lee",
    "contact_email": "seoyeon.lee@northwind.example",
    "contact_phone": "+82 2 555 0300",
    "support_email": "support@northwind.example",
    "support_phone": "+82 2 555 0399",
    "support_website": "northwind.example/support",
}


def run(engine, work: Callable[[Session], object]):
    """One unit of work, like the runner: commit on success, roll back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            result = work(session)
            session.commit()
            return result
        except BaseException:
            session.rollback()
            raise


def actor(engine, email: str) -> Actor:
    def get(session):
        user = session.exec(select(User).where(User.email == email)).one()
        return auth.actor_for(user, session.get(Organization, user.org_id))

    return run(engine, get)


def pmc_id(engine, name: str) -> int:
    return run(engine, lambda s: s.exec(select(PmcAccount).where(PmcAccount.user_name == name)).one().id)


def profile_id(engine, mpn: str) -> int:
    return run(engine, lambda s: s.exec(select(MpnProfile).where(MpnProfile.mpn_id == mpn)).one().id)


def to_draft(engine, who: Actor, *, pmc: str = "pmc-northwind", mpn: str = "6000001") -> tuple[int, int]:
    account = run(engine, lambda s: svc.pmc_sign_in(s, who, user_name=pmc, password="Pmc-demo-2026"))
    draft = run(
        engine, lambda s: svc.choose_profile(s, who, pmc_account_id=account, mpn_profile_id=profile_id(engine, mpn))
    )
    return draft, account


def submitted(engine, who: Actor | None = None, **changes) -> tuple[int, str]:
    """Northwind's application submitted; returns its id and the verification token from the email."""
    who = who or actor(engine, "admin@northwind.example")
    draft, account = to_draft(engine, who)
    run(
        engine,
        lambda s: svc.submit_enrollment(
            s, who, enrollment_id=draft, pmc_account_id=account, details={**DETAILS, **changes}
        ),
    )
    return draft, latest_token(engine, DETAILS["contact_email"])


def latest_token(engine, to: str) -> str:
    def body(session):
        return (
            session.exec(select(OutboxEmail).where(OutboxEmail.to_address == to).order_by(OutboxEmail.id.desc()))
            .first()
            .body
        )

    url = next(u for u in extract_links(run(engine, body)) if "/enroll/verify/" in u)
    return url.rsplit("/", 1)[1]


def in_review(engine) -> int:
    enrollment_id, token = submitted(engine)
    run(engine, lambda s: svc.verify_email(s, token=token))
    return enrollment_id


def status_of(engine, enrollment_id: int) -> EnrollmentStatus:
    return run(engine, lambda s: s.get(Enrollment, enrollment_id).status)


def emails_to(engine, to: str) -> list[OutboxEmail]:
    return run(
        engine, lambda s: list(s.exec(select(OutboxEmail).where(OutboxEmail.to_address == to).order_by(OutboxEmail.id)))
    )


def ops(engine) -> Actor:
    return actor(engine, "ops@platform.example")


def race(n: int, work: Callable[[], object]) -> tuple[list, list]:
    """Run `work` in n threads started together; returns (results, errors)."""
    barrier = threading.Barrier(n)
    results, errors = [], []
    lock = threading.Lock()

    def target():
        barrier.wait()
        try:
            value = work()
        except (DomainError, OperationalError) as exc:
            with lock:
                errors.append(exc)
        else:
            with lock:
                results.append(value)

    threads = [threading.Thread(target=target) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


def create_work_account(engine, **changes):
    fields = {
        "company_name": "Wingtip Solutions",
        "country": "KR",
        "domain": "wingtip.example",
        "admin_name": "Wingtip Admin",
        "admin_email": "admin@wingtip.example",
        "password": "Blue-harbor-lantern-77",
        "client_address": "10.0.0.1",
        **changes,
    }
    return run(engine, lambda s: svc.create_work_account(s, **fields))
