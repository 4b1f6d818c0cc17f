"""The QA test hooks (rxapp/testhooks): refused by the settings in production and without a token, absent
(404) unless enabled, the token checked on every request, and the test data of one run made and cleaned up
without touching anything else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlmodel import func, select
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from rxapp import clock
from rxapp.models import (
    AuditEvent,
    DelegatedAdminGrant,
    Lead,
    MpnProfile,
    Organization,
    OutboxEmail,
    PmcAccount,
    Relationship,
    Subscription,
    User,
)
from rxapp.services import auth
from rxapp.settings import Settings
from rxapp.testhooks import api_transformers, data
from rxapp.testhooks.app import TOKEN_HEADER

ROOT = Path(__file__).resolve().parents[3]
TOKEN = "unit-test-hooks-token-0123456789"


def hooks_settings(**overrides) -> Settings:
    values = {"environment": "test", "enable_test_hooks": True, "test_hooks_token": TOKEN, "redis_url": None}
    return Settings(**{**values, **overrides})


def test_settings_refuse_hooks_in_production():
    with pytest.raises(ValidationError, match="ENABLE_TEST_HOOKS is refused with ENVIRONMENT=production"):
        hooks_settings(environment="production", public_url="https://partners.example")


@pytest.mark.parametrize("token", [None, "", "too-short"])
def test_settings_refuse_hooks_without_a_real_token(token):
    with pytest.raises(ValidationError, match="TEST_HOOKS_TOKEN"):
        hooks_settings(test_hooks_token=token)


def test_hooks_are_off_by_default():
    settings = Settings(_env_file=None)
    assert settings.enable_test_hooks is False
    assert api_transformers(Settings(environment="test", enable_test_hooks=False)) == []
    assert TOKEN not in repr(hooks_settings())  # the secret stays out of logs


def test_a_production_instance_with_hooks_does_not_start():
    """The app's configuration (rxconfig, read by `reflex run`) refuses the combination."""
    env = {
        **os.environ,
        "ENVIRONMENT": "production",
        "PUBLIC_URL": "https://partners.example",
        "ENABLE_TEST_HOOKS": "true",
        "TEST_HOOKS_TOKEN": TOKEN,
        "REFLEX_TELEMETRY_ENABLED": "false",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import rxconfig"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "ENABLE_TEST_HOOKS is refused with ENVIRONMENT=production" in result.stderr


def _serve(transformers: list) -> TestClient:
    """The backend as Reflex composes it with `api_transformer` (each Starlette app mounts the previous)."""
    asgi = Starlette(routes=[Route("/ping", lambda _request: PlainTextResponse("pong"))])
    for transformer in transformers:
        transformer.mount("", asgi)
        asgi = transformer
    return TestClient(asgi)


def test_without_enable_test_hooks_no_route_answers():
    client = _serve(api_transformers(Settings(environment="test", enable_test_hooks=False)))
    assert client.get("/ping").text == "pong"
    for path in ("/_test/", "/_test/emails?to=a@b.example", "/_test/clock/advance"):
        assert client.get(path, headers={TOKEN_HEADER: TOKEN}).status_code == 404
    assert client.post("/_test/orgs", json={}, headers={TOKEN_HEADER: TOKEN}).status_code == 404


@pytest.fixture
def hooks(engine):  # noqa: ARG001 (requested for its setup)
    """The hooks over the unit test database (the clock on its database store)."""
    client = _serve(api_transformers(hooks_settings()))
    yield client
    clock.disable()


def test_the_token_is_required(hooks):
    assert hooks.get("/ping").text == "pong"  # the app underneath still answers
    assert hooks.get("/_test/").status_code == 403
    assert hooks.get("/_test/", headers={TOKEN_HEADER: "wrong-" + TOKEN}).status_code == 403
    answer = hooks.get("/_test/", headers={TOKEN_HEADER: TOKEN})
    assert answer.status_code == 200
    assert answer.json()["hooks"] == "on"


def test_hooks_make_data_read_mail_move_the_clock_and_clean_up(hooks, session, monkeypatch):
    monkeypatch.setattr(clock, "CACHE_SECONDS", 0.0)
    run = "unitrun0001"

    def call(method: str, path: str, **body):
        answer = hooks.request(
            method,
            f"/_test{path}",
            json={"run": run, **body} if method != "GET" else None,
            headers={TOKEN_HEADER: TOKEN},
        )
        assert answer.status_code < 300, answer.text
        return answer.json()

    before = session.exec(select(func.count()).select_from(Organization)).one()
    platform = call("POST", "/orgs", kind="platform", name="Operations")
    provider = call("POST", "/orgs", kind="provider", name="Fabrikam")
    reseller = call(
        "POST",
        "/orgs",
        kind="reseller",
        name="Contoso",
        users=[
            {"local": "admin", "name": "Contoso Admin", "agent": "admin_agent", "admin": "global_admin"},
            {"local": "helpdesk", "name": "Contoso Helpdesk", "agent": "helpdesk_agent", "admin": "not_an_admin"},
        ],
    )
    customer = call("POST", "/orgs", kind="customer", name="Adatum")
    assert run in reseller["name"]
    assert run in reseller["domain"]
    assert reseller["name"].startswith("Contoso ")
    assert [u["email"] for u in reseller["users"]] == [f"admin@{reseller['domain']}", f"helpdesk@{reseller['domain']}"]
    admin = reseller["users"][0]
    assert auth.sign_in(session, email=admin["email"], password=admin["password"])  # a real account
    session.commit()

    call("POST", "/relationships", partner_org_id=provider["id"], client_org_id=reseller["id"])
    call("POST", "/relationships", partner_org_id=reseller["id"], client_org_id=customer["id"])
    call("POST", "/delegated-admin", reseller_org_id=reseller["id"], customer_org_id=customer["id"])
    call(
        "POST",
        "/subscriptions",
        customer_org_id=customer["id"],
        sku="O365-E3",
        reseller_org_id=reseller["id"],
        quantity=5,
    )
    call("POST", "/customer-users", customer_org_id=customer["id"], local="kim", name="Kim")
    registry = call("POST", "/registry", profiles=[{"name": "Wingtip", "country": "KR"}])
    assert registry["user_name"].startswith(f"pmc-{run}")
    call(
        "POST",
        "/leads",
        by_org_id=platform["id"],
        reseller_org_id=reseller["id"],
        company=f"Lead {run}",
        email=f"cio@lead-{run}.example",
    )
    call("POST", "/mail", to=admin["email"], subject="Hello", body="Open http://localhost:3000/signin now.")
    # An organization of another run (or the demo data) is refused.
    contoso_demo = session.exec(select(Organization).where(Organization.domain == "contoso.example")).one()
    refused = hooks.post(
        "/_test/relationships",
        json={"run": run, "partner_org_id": contoso_demo.id, "client_org_id": customer["id"]},
        headers={TOKEN_HEADER: TOKEN},
    )
    assert refused.status_code == 404

    emails = hooks.get("/_test/emails", params={"to": admin["email"].upper()}, headers={TOKEN_HEADER: TOKEN}).json()
    assert emails[0]["subject"] == "Hello"
    assert emails[0]["links"] == ["http://localhost:3000/signin"]
    assert any("lead" in e["subject"].lower() for e in emails)  # the referral told the reseller

    moved = call("POST", "/clock/advance", org_id=reseller["id"], days=15)
    assert moved["offsets"] == {f"org:{reseller['id']}": 15 * 86400}
    assert call("POST", "/clock/advance", minutes=1)["offsets"]["global"] == 60
    assert call("POST", "/clock/reset")["offsets"] == {f"org:{reseller['id']}": 15 * 86400}

    other = data.create_org(session, "otherrun0002", {"kind": "customer", "name": "Keep me"})
    session.commit()

    deleted = hooks.delete(f"/_test/runs/{run}", headers={TOKEN_HEADER: TOKEN}).json()["deleted"]
    assert deleted["organization"] == 4
    session.expire_all()
    for model, column in [
        (Organization, Organization.name),
        (User, User.email),
        (PmcAccount, PmcAccount.user_name),
        (MpnProfile, MpnProfile.name),
        (OutboxEmail, OutboxEmail.to_address),
        (Lead, Lead.company_name),
    ]:
        assert session.exec(select(model).where(column.contains(run))).first() is None, model
    for model in (Relationship, DelegatedAdminGrant, Subscription):
        assert session.exec(select(func.count()).select_from(model)).one() == 0, model
    assert session.exec(select(AuditEvent).where(AuditEvent.actor_email.contains(run))).first() is None
    assert session.exec(select(func.count()).select_from(Organization)).one() == before + 1  # the other run's
    assert session.get(Organization, other["id"]) is not None
    assert clock.offsets() == {}  # the run's organization clock went with it


def test_throttle_reset_clears_the_account_and_the_client(hooks, session, user):
    from rxapp.errors import DomainError, Throttled

    email = "helpdesk@contoso.example"
    for _ in range(5):
        with pytest.raises(DomainError):
            auth.sign_in(session, email=email, password="wrong password here", client_address="10.1.2.3")
    with pytest.raises(Throttled):
        auth.sign_in(session, email=email, password="Helpdesk-demo-2026", client_address="10.1.2.3")
    answer = hooks.post(
        "/_test/throttle/reset", json={"email": email, "client": "10.1.2.3"}, headers={TOKEN_HEADER: TOKEN}
    )
    assert answer.json()["cleared"] == [f"account {email}", "client 10.1.2.3"]
    session.expire_all()
    assert user(email).sign_in_blocked_at is None
    assert auth.sign_in(session, email=email, password="Helpdesk-demo-2026", client_address="10.1.2.3")


def test_autogenerate_leaves_the_clock_table_alone(tmp_path):
    """The hooks make `test_clock_offset` themselves: `reflex db makemigrations` (and Reflex's schema check
    at start) must not propose dropping it."""
    import sqlalchemy as sa
    from alembic.autogenerate import produce_migrations
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import rxapp.schema_plugins  # noqa: F401  (what the app module imports)

    engine = sa.create_engine(f"sqlite:///{tmp_path / 'schema.db'}")
    SQLModel.metadata.create_all(engine)
    clock.DatabaseStore(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"target_metadata": SQLModel.metadata})
        assert produce_migrations(context, SQLModel.metadata).upgrade_ops.ops == []
    engine.dispose()


def test_a_deleted_run_takes_its_users_second_factor_counters_along(hooks, session):
    """SQLite gives a deleted last row's id to the next user, and second-factor failures are counted per user
    id: a run's clean-up clears them, or the next run's new user would start throttled."""
    from rxapp.models import AttemptCounter
    from rxapp.services import attempts, signin_guard

    run = "unitrun0003"
    org = hooks.post(
        "/_test/orgs", json={"run": run, "kind": "reseller", "name": "Counted"}, headers={TOKEN_HEADER: TOKEN}
    ).json()
    user_id = org["users"][0]["id"]
    store = attempts.get_attempts(session)
    for _ in range(6):
        store.reserve(attempts.account_policy(signin_guard.CODE), str(user_id), now=attempts.now())
    session.commit()
    assert session.exec(select(func.count()).select_from(AttemptCounter)).one() == 1
    hooks.delete(f"/_test/runs/{run}", headers={TOKEN_HEADER: TOKEN})
    session.expire_all()
    assert session.exec(select(func.count()).select_from(AttemptCounter)).one() == 0
