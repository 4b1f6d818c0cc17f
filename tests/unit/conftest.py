"""Unit-test fixtures: a fresh SQLite file database with the demo data for each test, and the demo users,
organizations and sign-ins by name."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import db
from rxapp.db import create_all, make_engine
from rxapp.models import Organization, User
from rxapp.permissions import Actor
from rxapp.services import auth
from rxapp.services.demo import load_demo_data
from rxapp.services.throttle import reset_throttle


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo data, built once per run (argon2 hashing is deliberately slow) and copied for each test."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    engine = make_engine(f"sqlite:///{path}")
    create_all(engine)
    with Session(engine) as session:
        load_demo_data(session)
        session.commit()
    engine.dispose()
    return path


@pytest.fixture
def engine(demo_db, tmp_path, monkeypatch) -> Iterator[Engine]:
    """A copy of the demo database (a file: threads can share it); `session_scope()` uses it too."""
    path = tmp_path / "unit.db"
    shutil.copy(demo_db, path)
    test_engine = make_engine(f"sqlite:///{path}")
    monkeypatch.setattr(db, "get_engine", lambda: test_engine)
    reset_throttle()
    yield test_engine
    reset_throttle()
    test_engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as s:
        yield s


@pytest.fixture
def user(session: Session) -> Callable[[str], User]:
    """`user("helpdesk@contoso.example")`: a demo (or test-made) user, in `session`."""
    return lambda email: session.exec(select(User).where(User.email == email)).one()


@pytest.fixture
def actor(session: Session, user) -> Callable[[str], Actor]:
    """`actor("admin@contoso.example")`: the acting identity of a demo (or test-made) user."""

    def make(email: str) -> Actor:
        found = user(email)
        return auth.actor_for(found, session.get(Organization, found.org_id))

    return make


@pytest.fixture
def org(session: Session) -> Callable[[str], Organization]:
    """`org("Contoso")`: the one organization whose name is (or starts with) this."""
    return lambda name: session.exec(select(Organization).where(Organization.name.startswith(name))).one()


@pytest.fixture
def sign_in(session: Session) -> Callable[..., str]:
    """`sign_in(email, password)`: signs in (committed) and returns the session token."""

    def make(email: str, password: str, client: str | None = None) -> str:
        token, pending = auth.start_sign_in(session, email=email, password=password, client_address=client)
        session.commit()
        if pending:  # the demo platform account signs in with its known authenticator key
            import pyotp

            from rxapp.services import mfa
            from rxapp.services.demo import DEMO_PLATFORM_TOTP_KEY

            token = mfa.complete_sign_in(
                session, pending_token=token, code=pyotp.TOTP(DEMO_PLATFORM_TOTP_KEY).now(), client_address=client
            )
            session.commit()
        return token

    return make
