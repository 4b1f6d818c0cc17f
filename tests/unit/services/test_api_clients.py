"""API clients: secrets shown once and stored hashed, roles capped by the creating admin, rotation, revocation,
expiry, suspended organizations, and every use audited as the client."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlmodel import select

from rxapp.errors import Conflict, NotAuthenticated, NotFound, PermissionDenied, ValidationFailed
from rxapp.models import AdminRole, ApiClient, AuditEvent, OrgStatus, User, utcnow
from rxapp.permissions import Action, can
from rxapp.services import api_clients

CONTOSO_ADMIN = "admin@contoso.example"


def make(session, actor, **overrides):
    values = {
        "name": "Billing sync",
        "agent_role": "admin_agent",
        "admin_role": "not_an_admin",
        "expires_in_days": 90,
        **overrides,
    }
    issued = api_clients.create_client(session, actor, **values)
    session.commit()
    return issued


def test_secret_is_shown_once_and_stored_hashed(session, actor):
    issued = make(session, actor(CONTOSO_ADMIN))
    assert issued.secret.startswith("pcs_")
    assert len(issued.secret) >= 4 + 43
    assert issued.secret not in repr(issued)
    row = session.get(ApiClient, issued.client.id)
    assert row.secret_hash == hashlib.sha256(issued.secret.encode()).hexdigest()
    assert issued.secret not in (row.secret_hash, row.secret_prefix)
    assert issued.secret.startswith(row.secret_prefix)
    assert len(row.secret_prefix) == 12
    listed = api_clients.list_clients(session, actor(CONTOSO_ADMIN))
    assert [c.prefix for c in listed] == [row.secret_prefix]
    assert all(issued.secret not in str(value) for value in listed[0].__dict__.values())


def test_client_acts_with_its_own_roles(session, actor):
    issued = make(session, actor(CONTOSO_ADMIN), agent_role="helpdesk_agent", admin_role="not_an_admin")
    client, client_actor = api_clients.authenticate(session, issued.secret)
    assert client.id == issued.client.id
    assert client_actor.api_client_id == client.id
    assert client_actor.org_id == actor(CONTOSO_ADMIN).org_id
    assert can(client_actor, Action.VIEW_CUSTOMERS)
    assert not can(client_actor, Action.INVITE_CUSTOMERS)  # helpdesk agents may not
    assert not can(client_actor, Action.MANAGE_API_CLIENTS)


def test_only_global_admins_manage_clients(session, actor):
    with pytest.raises(PermissionDenied):
        api_clients.create_client(
            session, actor("helpdesk@contoso.example"), name="x", agent_role="admin_agent", admin_role="not_an_admin"
        )
    with pytest.raises(PermissionDenied):
        api_clients.list_clients(session, actor("helpdesk@contoso.example"))


def test_roles_never_exceed_the_creating_admin(session, actor, user):
    admin = actor(CONTOSO_ADMIN)
    # A Global admin holds every right a client's roles can give; an API client (even a Global admin one)
    # never creates another client.
    issued = make(session, admin, admin_role="global_admin")
    _client, client_actor = api_clients.authenticate(session, issued.secret)
    with pytest.raises(ValidationFailed) as refused:
        api_clients.create_client(
            session, client_actor, name="child", agent_role="admin_agent", admin_role="not_an_admin"
        )
    assert refused.value.code == "api.roles_exceed_yours"
    # A Global admin demoted after creating a Global admin client: the client stops (its rights exceed hers).
    creator = user(CONTOSO_ADMIN)
    creator.admin_role = AdminRole.BILLING_ADMIN
    session.add(creator)
    session.commit()
    with pytest.raises(api_clients.ClientRefused):
        api_clients.authenticate(session, issued.secret)


def test_roles_that_grant_nothing_are_refused(session, actor):
    with pytest.raises(ValidationFailed) as refused:
        make(session, actor(CONTOSO_ADMIN), agent_role="not_an_agent", admin_role="not_an_admin")
    assert refused.value.code == "api.roles_give_nothing"
    with pytest.raises(ValidationFailed):
        make(session, actor(CONTOSO_ADMIN), agent_role="root")
    with pytest.raises(ValidationFailed):
        make(session, actor(CONTOSO_ADMIN), expires_in_days=0)
    with pytest.raises(ValidationFailed):
        make(session, actor(CONTOSO_ADMIN), expires_in_days=10_000)


def test_rotation_replaces_the_secret(session, actor):
    issued = make(session, actor(CONTOSO_ADMIN))
    rotated = api_clients.rotate_secret(session, actor(CONTOSO_ADMIN), client_id=issued.client.id)
    session.commit()
    assert rotated.secret != issued.secret
    assert rotated.client.rotated_at is not None
    with pytest.raises(NotAuthenticated):
        api_clients.authenticate(session, issued.secret)
    assert api_clients.authenticate(session, rotated.secret)[0].id == issued.client.id


def test_revocation_is_final_and_audited(session, actor):
    issued = make(session, actor(CONTOSO_ADMIN))
    api_clients.revoke_client(session, actor(CONTOSO_ADMIN), client_id=issued.client.id)
    session.commit()
    with pytest.raises(NotAuthenticated):
        api_clients.authenticate(session, issued.secret)
    with pytest.raises(Conflict):
        api_clients.revoke_client(session, actor(CONTOSO_ADMIN), client_id=issued.client.id)
    with pytest.raises(Conflict):
        api_clients.rotate_secret(session, actor(CONTOSO_ADMIN), client_id=issued.client.id)
    actions = session.exec(select(AuditEvent.action).where(AuditEvent.target_type == "apiclient")).all()
    assert "api_client.created" in actions
    assert "api_client.revoked" in actions
    assert api_clients.list_clients(session, actor(CONTOSO_ADMIN))[0].status == "revoked"


def test_expired_and_unknown_secrets_are_refused_alike(session, actor):
    issued = make(session, actor(CONTOSO_ADMIN), expires_in_days=1)
    later = utcnow() + timedelta(days=2)
    for secret, now in ((issued.secret, later), ("pcs_" + "x" * 43, None), ("Bearer", None), ("", None)):
        with pytest.raises(NotAuthenticated) as refused:
            api_clients.authenticate(session, secret, now=now)
        assert refused.value.code == "api.invalid_token"


def test_clients_of_an_organization_that_is_not_active_stop(session, actor, org):
    issued = make(session, actor(CONTOSO_ADMIN))
    contoso = org("Contoso")
    contoso.status = OrgStatus.INACTIVE
    session.add(contoso)
    session.commit()
    with pytest.raises(api_clients.ClientRefused):
        api_clients.authenticate(session, issued.secret)


def test_clients_of_another_organization_are_not_found(session, actor):
    issued = make(session, actor(CONTOSO_ADMIN))
    with pytest.raises(NotFound):
        api_clients.revoke_client(session, actor("admin@fabrikam.example"), client_id=issued.client.id)
    assert api_clients.list_clients(session, actor("admin@fabrikam.example")) == []


@pytest.mark.usefixtures("user")
def test_every_use_is_audited_as_the_client(session, actor):
    issued = make(session, actor(CONTOSO_ADMIN))
    client, client_actor = api_clients.authenticate(session, issued.secret)
    api_clients.record_use(
        session, client, client_actor, method="GET", path="/api/v1/customers", status=200, client_address="203.0.113.5"
    )
    session.commit()
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "api.request")).one()
    assert event.actor_api_client_id == client.id
    assert event.actor_user_id is None
    assert "Billing sync" in event.actor_email
    assert event.detail == "GET /api/v1/customers → 200"
    session.refresh(client)
    assert client.last_used_at is not None
    assert client.last_used_address == "203.0.113.5"
    assert session.exec(select(User).where(User.id == client.created_by_user_id)).one().email == CONTOSO_ADMIN
