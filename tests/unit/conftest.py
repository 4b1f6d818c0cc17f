"""Unit-test fixtures: a fresh SQLite file database with the demo data, and actors by email."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import db
from rxapp.db import create_all, make_engine
from rxapp.models import Organization, User
from rxapp.permissions import Actor
from rxapp.services import demo
from rxapp.services.auth import actor_for
from rxapp.services.demo import load_demo_data
from rxapp.services.throttle import reset_throttle

_DEMO_HASHES: dict[str, str] = {}


def _memoized_hash(password: str) -> str:
    """Demo passwords are hashed once per test run (argon2 is deliberately slow)."""
    if password not in _DEMO_HASHES:
        _DEMO_HASHES[password] = _real_hash(password)
    return _DEMO_HASHES[password]


_real_hash = demo.hash_password


@pytest.fixture
def engine(tmp_path, monkeypatch) -> Iterator[Engine]:
    """A file database (threads can share it) with the demo data; `session_scope()` uses it too."""
    test_engine = make_engine(f"sqlite:///{tmp_path / 'unit.db'}")
    create_all(test_engine)
    monkeypatch.setattr(demo, "hash_password", _memoized_hash)
    with Session(test_engine) as session:
        load_demo_data(session)
        session.commit()
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
def actor(session: Session) -> Callable[[str], Actor]:
    """`actor("admin@contoso.example")`: the acting identity of a demo (or test-made) user."""

    def make(email: str) -> Actor:
        user = session.exec(select(User).where(User.email == email)).one()
        return actor_for(user, session.get(Organization, user.org_id))

    return make
