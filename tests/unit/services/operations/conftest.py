"""Fixtures of the services tested on the operations world (orders, subscriptions, licenses, support, service
health, leads, billing, profile, sales agents, referrals, suspension): the world is built once per run and
copied for each test; `session` here is a session on that copy (it replaces the demo database's)."""

from __future__ import annotations

import shutil

import pytest
from sqlmodel import Session

from rxapp.db import make_engine
from tests.unit.services.operations.world import build_world


@pytest.fixture(scope="session", name="world_template")
def world_template_fixture(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("world") / "template.db")
    build_world(path)
    return path


@pytest.fixture(name="world_engine")
def world_engine_fixture(world_template, tmp_path):
    path = tmp_path / "world.db"
    shutil.copy(world_template, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture(name="session")
def session_fixture(world_engine):
    with Session(world_engine, expire_on_commit=False) as session:
        yield session
