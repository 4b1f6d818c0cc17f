"""User management through the real services: permissions, tenant isolation, role-granting limits, the
last-Global-admin rule, unique emails under concurrent adds, temporary passwords shown once."""

from __future__ import annotations

import itertools
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from rxapp.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from rxapp.models import AdminRole, AgentRole, AuditEvent, AuthSession, User, utcnow
from rxapp.permissions import Actor, can
from rxapp.services import auth, users
from rxapp.services.passwords import verify_password
from rxapp.settings import get_settings

ROLE_COMBOS = list(itertools.product(AgentRole, AdminRole))


def add(
    session: Session,
    actor: Actor,
    email: str,
    agent=AgentRole.HELPDESK_AGENT,
    admin=AdminRole.NOT_AN_ADMIN,
    name: str = "New Person",
) -> users.Credentials:
    creds = users.add_user(session, actor, full_name=name, email=email, agent_role=agent, admin_role=admin)
    session.commit()
    return creds


@pytest.fixture
def ready(session, user, actor):
    """`ready(email)`: the actor of a user who has changed the temporary password."""

    def make(email: str) -> Actor:
        found = user(email)
        found.must_change_password = False
        session.add(found)
        session.commit()
        return actor(email)

    return make


@pytest.fixture
def contoso_user_with(session, actor, ready):
    """`contoso_user_with(agent, admin)`: a user of Contoso (reseller) holding exactly these roles, as an actor."""

    def make(agent: AgentRole, admin: AdminRole) -> Actor:
        email = f"{agent.value}.{admin.value}@contoso.example".replace("_", "-")
        add(session, actor("admin@contoso.example"), email, agent, admin)
        return ready(email)

    return make


def audit_actions(session: Session) -> list[str]:
    return list(session.exec(select(AuditEvent.action).order_by(AuditEvent.id)))


# --- the MANAGE_USERS cell, for every role combination ------------------------------------------------


@pytest.mark.parametrize(("agent", "admin"), ROLE_COMBOS, ids=lambda r: r.value)
def test_every_role_combination_against_user_management(session, agent, admin, user, contoso_user_with):
    actor = contoso_user_with(agent, admin)
    allowed = admin in (AdminRole.GLOBAL_ADMIN, AdminRole.USER_MANAGEMENT_ADMIN)
    helpdesk_id = user("helpdesk@contoso.example").id
    calls = [
        lambda: users.list_users(session, actor),
        lambda: users.get_user(session, actor, user_id=helpdesk_id),
        lambda: users.add_user(
            session,
            actor,
            full_name="X Y",
            email=f"x-{agent}-{admin}@contoso.example",
            agent_role="helpdesk_agent",
            admin_role="not_an_admin",
        ),
        lambda: users.update_roles(
            session, actor, user_id=helpdesk_id, agent_role="admin_agent", admin_role="not_an_admin"
        ),
        lambda: users.set_active(session, actor, user_id=helpdesk_id, active=False),
        lambda: users.set_active(session, actor, user_id=helpdesk_id, active=True),
        lambda: users.reset_password(session, actor, user_id=helpdesk_id),
    ]
    for call in calls:
        if allowed:
            call()
        else:
            with pytest.raises(PermissionDenied) as refusal:
                call()
            assert refusal.value.params["roles"] == ["global_admin", "user_management_admin"]
        session.rollback()


# --- listing, search, filters, isolation ---------------------------------------------------------------


def test_list_is_scoped_to_the_organization_and_filters(session, actor, user):
    ga = actor("admin@contoso.example")
    add(session, ga, "billing@contoso.example", AgentRole.NOT_AN_AGENT, AdminRole.BILLING_ADMIN, name="Bo Billing")
    rows, total = users.list_users(session, ga)
    assert total == 3
    assert {r.email for r in rows} == {"admin@contoso.example", "helpdesk@contoso.example", "billing@contoso.example"}
    assert not hasattr(rows[0], "password_hash")

    assert [r.email for r in users.list_users(session, ga, search="HELP")[0]] == ["helpdesk@contoso.example"]
    assert [r.email for r in users.list_users(session, ga, search="bo bill")[0]] == ["billing@contoso.example"]
    assert users.list_users(session, ga, search="%")[1] == 0  # LIKE wildcards are escaped
    assert [r.email for r in users.list_users(session, ga, role="helpdesk_agent")[0]] == ["helpdesk@contoso.example"]
    assert [r.email for r in users.list_users(session, ga, role="billing_admin")[0]] == ["billing@contoso.example"]
    assert users.list_users(session, ga, role="global_admin")[1] == 1
    assert users.list_users(session, ga, role="nonsense")[1] == 3  # unknown filter values are ignored

    users.set_active(session, ga, user_id=user("billing@contoso.example").id, active=False)
    assert users.list_users(session, ga, status="inactive")[1] == 1
    assert users.list_users(session, ga, status="active")[1] == 2

    page, total = users.list_users(session, ga, limit=2, offset=2)
    assert total == 3
    assert len(page) == 1


def test_list_pages_run_by_name_whatever_the_case_and_are_read_in_order_from_the_index(session, actor):
    ga = actor("admin@contoso.example")
    for i, name in enumerate(["beth Zed", "Anna Ray", "anna ray", "Carl Ode", "ANNA RAY"]):
        add(session, ga, f"order-{i}@contoso.example", name=name)
    everyone = users.list_users(session, ga, limit=100)[0]
    names = [row.full_name for row in everyone]
    assert names == sorted(names, key=str.lower)
    same = [row.id for row in everyone if row.full_name.lower() == "anna ray"]
    assert same == sorted(same)  # equal names: by id, so paging never repeats or skips one
    pages = [users.list_users(session, ga, limit=2, offset=offset)[0] for offset in range(0, len(everyone), 2)]
    assert [row.id for page in pages for row in page] == [row.id for row in everyone]

    count, page = users.queries._user_list_statements(search=False, role_column="", status="")
    plan = read_plan(session, page.statement, {"org": ga.org_id, "offset": 0, "limit": 25})
    assert "ix_user_org_name" in plan
    assert "TEMP B-TREE" not in plan  # no sort of the whole organization on every page


def read_plan(session, statement, params) -> str:
    """SQLite's plan for a statement as the list runs it."""
    from rxapp.db_reads import _plan

    connection = session.connection()
    compiled = _plan(statement, connection.dialect, params)
    rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + compiled.sql, tuple(compiled.bind(params))).all()
    return " | ".join(str(row[-1]) for row in rows)


def test_other_organizations_users_are_not_found(session, actor, user):
    ga = actor("admin@contoso.example")
    foreign = user("admin@adatum.example")
    for call in (
        lambda: users.get_user(session, ga, user_id=foreign.id),
        lambda: users.update_roles(
            session, ga, user_id=foreign.id, agent_role="not_an_agent", admin_role="not_an_admin"
        ),
        lambda: users.set_active(session, ga, user_id=foreign.id, active=False),
        lambda: users.reset_password(session, ga, user_id=foreign.id),
        lambda: users.get_user(session, ga, user_id=999999),
        lambda: users.get_user(session, ga, user_id="not a number"),
    ):
        with pytest.raises(NotFound):
            call()
        session.rollback()
    session.refresh(foreign)
    assert foreign.is_active
    assert foreign.admin_role == AdminRole.GLOBAL_ADMIN
    assert verify_password("Customer-demo-2026", foreign.password_hash)


def test_customer_global_admin_manages_only_its_own_users(session, actor):
    adatum = actor("admin@adatum.example")
    rows, total = users.list_users(session, adatum)
    assert total == 1
    assert rows[0].email == "admin@adatum.example"


# --- add user, temporary password ----------------------------------------------------------------------


def test_add_user_returns_a_temporary_password_once_and_stores_only_a_hash(session, engine, actor, user):
    ga = actor("admin@contoso.example")
    creds = add(session, ga, "  New.Agent@Contoso.Example ", name="  New Agent ")
    assert creds.email == "new.agent@contoso.example"
    assert len(creds.temporary_password) >= 16
    assert creds.temporary_password not in repr(creds)

    added = user("new.agent@contoso.example")
    assert added.full_name == "New Agent"
    assert added.org_id == ga.org_id
    assert added.agent_role == AgentRole.HELPDESK_AGENT
    assert added.admin_role == AdminRole.NOT_AN_ADMIN
    assert added.password_hash != creds.temporary_password
    assert added.password_hash.startswith("$argon2id$")
    assert verify_password(creds.temporary_password, added.password_hash)
    assert added.must_change_password
    days = get_settings().temporary_password_days
    assert abs(added.temporary_password_expires_at - (utcnow() + timedelta(days=days))) < timedelta(minutes=1)

    # Nowhere in the database (every column of every table) and not in what the services hand back later.
    with engine.connect() as conn:
        for table in sa.inspect(conn).get_table_names():
            for row in conn.execute(sa.text(f'SELECT * FROM "{table}"')):  # noqa: S608 - table names from the schema
                assert creds.temporary_password not in " ".join(str(v) for v in row)
    summary = users.get_user(session, ga, user_id=added.id)
    assert creds.temporary_password not in repr(summary)
    assert not any(creds.temporary_password in str(v) for v in vars(summary).values())
    assert "user.added" in audit_actions(session)


def test_new_user_signs_in_with_the_temporary_password_and_must_change_it(session, actor, user, sign_in):
    ga = actor("admin@contoso.example")
    creds = add(session, ga, "first.time@contoso.example")
    token = sign_in(creds.email, creds.temporary_password)
    me = auth.resolve_session(session, token)
    assert me.must_change_password
    assert not can(me, "view_customers")  # nothing before the change
    new_token = auth.change_password(
        session, me, current_password=creds.temporary_password, new_password="Correct horse battery staple 42"
    )
    session.commit()
    assert auth.resolve_session(session, token) is None
    changed = auth.resolve_session(session, new_token)
    assert not changed.must_change_password
    assert can(changed, "view_customers")
    assert user(creds.email).temporary_password_expires_at is None


def test_an_expired_temporary_password_is_refused(session, actor, user):
    ga = actor("admin@contoso.example")
    creds = add(session, ga, "late@contoso.example")
    late = user(creds.email)
    late.temporary_password_expires_at = utcnow() - timedelta(seconds=1)
    session.add(late)
    session.commit()
    with pytest.raises(DomainError) as refusal:
        auth.sign_in(session, email=creds.email, password=creds.temporary_password)
    assert refusal.value.code == "auth.temporary_password_expired"


@pytest.mark.parametrize("email", ["helpdesk@contoso.example", "HelpDesk@CONTOSO.example"])
def test_an_address_of_the_own_organization_is_named_taken(session, email, actor):
    ga = actor("admin@contoso.example")
    with pytest.raises(ValidationFailed) as refusal:
        users.add_user(
            session, ga, full_name="Dup", email=email, agent_role="helpdesk_agent", admin_role="not_an_admin"
        )
    assert refusal.value.code == "validation.email_taken"
    assert refusal.value.field == "email"


@pytest.mark.parametrize("email", ["admin@adatum.example", "OPS@platform.example"])
def test_an_address_of_another_organization_gets_no_hint_and_its_owner_an_email(engine, email):
    """No cross-tenant hint: the same "cannot be used" answer as for any unusable address, nothing about where
    the address is used; the owner is told by email (committed although the add is refused)."""
    from rxapp.db import session_scope
    from rxapp.i18n import translate
    from rxapp.models import OutboxEmail
    from rxapp.services import runner

    with session_scope() as session:
        token = auth.sign_in(session, email="admin@contoso.example", password="Reseller-demo-2026")
    with pytest.raises(ValidationFailed) as refusal:
        runner.run_as(
            token,
            lambda s, a: users.add_user(
                s, a, full_name="Dup", email=email, agent_role="helpdesk_agent", admin_role="not_an_admin"
            ),
        )
    assert refusal.value.code == "users.email_unavailable"
    assert refusal.value.field == "email"
    message = translate("en", refusal.value.code)
    assert "Adatum" not in message
    assert "Partner Center Operations" not in message
    assert "exists" not in message
    with Session(engine) as session:
        mails = session.exec(select(OutboxEmail).where(OutboxEmail.to_address == email.lower())).all()
        assert len(mails) == 1
        assert mails[0].subject.startswith("Contoso Cloud Partners tried to add you to Partner Center")
        assert (
            session.exec(select(User).where(User.email == email.lower())).one().org_id
            != session.exec(select(User).where(User.email == "admin@contoso.example")).one().org_id
        )
        assert session.exec(select(AuditEvent).where(AuditEvent.action == "user.add_refused")).first() is not None


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"full_name": "  "}, "validation.required"),
        ({"full_name": "x" * 201}, "validation.too_long"),
        ({"email": "not-an-email"}, "validation.email_invalid"),
        ({"agent_role": "root"}, "users.role_invalid"),
        ({"admin_role": "superuser"}, "users.role_invalid"),
    ],
)
def test_add_user_validates_its_input(session, fields, code, actor):
    ga = actor("admin@contoso.example")
    args = {
        "full_name": "Valid Name",
        "email": "valid@contoso.example",
        "agent_role": "helpdesk_agent",
        "admin_role": "not_an_admin",
        **fields,
    }
    with pytest.raises(ValidationFailed) as refusal:
        users.add_user(session, ga, **args)
    assert refusal.value.code == code


def test_concurrent_adds_of_one_email_create_exactly_one_user(engine, actor):
    ga = actor("admin@contoso.example")
    results: list[object] = []
    barrier = threading.Barrier(6)

    def attempt(n: int) -> None:
        with Session(engine, expire_on_commit=False) as session:
            barrier.wait()
            try:
                creds = users.add_user(
                    session,
                    ga,
                    full_name=f"Racer {n}",
                    email="racer@contoso.example",
                    agent_role="helpdesk_agent",
                    admin_role="not_an_admin",
                )
                session.commit()
                results.append(creds)
            except ValidationFailed as refusal:
                session.rollback()
                results.append(refusal.code)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(isinstance(r, users.Credentials) for r in results) == 1
    assert results.count("validation.email_taken") == 5
    with Session(engine) as session:
        assert len(session.exec(select(User).where(User.email == "racer@contoso.example")).all()) == 1
        assert session.exec(select(AuditEvent).where(AuditEvent.action == "user.added")).all().__len__() == 1


# --- granting limits ------------------------------------------------------------------------------------


def test_user_management_admin_cannot_grant_or_touch_global_admin(session, user, contoso_user_with):
    uma = contoso_user_with(AgentRole.NOT_AN_AGENT, AdminRole.USER_MANAGEMENT_ADMIN)
    ga_user = user("admin@contoso.example")
    helpdesk = user("helpdesk@contoso.example")
    refused = [
        lambda: users.add_user(
            session,
            uma,
            full_name="Boss",
            email="boss@contoso.example",
            agent_role="admin_agent",
            admin_role="global_admin",
        ),
        lambda: users.update_roles(
            session, uma, user_id=helpdesk.id, agent_role="helpdesk_agent", admin_role="global_admin"
        ),
        lambda: users.update_roles(
            session, uma, user_id=uma.user_id, agent_role="not_an_agent", admin_role="global_admin"
        ),
        lambda: users.update_roles(
            session, uma, user_id=ga_user.id, agent_role="admin_agent", admin_role="not_an_admin"
        ),
        lambda: users.set_active(session, uma, user_id=ga_user.id, active=False),
        lambda: users.reset_password(session, uma, user_id=ga_user.id),
    ]
    for call in refused:
        with pytest.raises(PermissionDenied) as refusal:
            call()
        assert refusal.value.params["roles"] == ["global_admin"]
        session.rollback()
    assert users.grantable_admin_roles(uma) == frozenset(AdminRole) - {AdminRole.GLOBAL_ADMIN}
    session.refresh(ga_user)
    session.refresh(helpdesk)
    assert ga_user.admin_role == AdminRole.GLOBAL_ADMIN
    assert ga_user.is_active
    assert helpdesk.admin_role == AdminRole.NOT_AN_ADMIN
    assert user(uma.email).admin_role == AdminRole.USER_MANAGEMENT_ADMIN
    assert session.exec(select(User).where(User.email == "boss@contoso.example")).first() is None

    # What a User management admin may do: every role but Global admin, on users who are not Global admins.
    creds = users.add_user(
        session,
        uma,
        full_name="Agent",
        email="agent@contoso.example",
        agent_role="admin_agent",
        admin_role="billing_admin",
    )
    users.update_roles(
        session, uma, user_id=creds.user_id, agent_role="helpdesk_agent", admin_role="user_management_admin"
    )
    users.reset_password(session, uma, user_id=helpdesk.id)
    users.set_active(session, uma, user_id=helpdesk.id, active=False)
    session.commit()


def test_a_global_admin_grants_global_admin(session, actor, user):
    ga = actor("admin@contoso.example")
    helpdesk = user("helpdesk@contoso.example")
    users.update_roles(session, ga, user_id=helpdesk.id, agent_role="admin_agent", admin_role="global_admin")
    session.commit()
    assert user("helpdesk@contoso.example").admin_role == AdminRole.GLOBAL_ADMIN
    assert "user.roles_updated" in audit_actions(session)


# --- the last Global admin ------------------------------------------------------------------------------


def test_the_last_active_global_admin_cannot_be_demoted(session, actor, user):
    ga = actor("admin@contoso.example")
    with pytest.raises(ValidationFailed) as refusal:
        users.update_roles(session, ga, user_id=ga.user_id, agent_role="admin_agent", admin_role="not_an_admin")
    assert refusal.value.code == "users.last_global_admin"
    session.rollback()
    assert user(ga.email).admin_role == AdminRole.GLOBAL_ADMIN
    # Changing only the agent role of the last Global admin is fine.
    users.update_roles(session, ga, user_id=ga.user_id, agent_role="helpdesk_agent", admin_role="global_admin")
    session.commit()


def test_an_inactive_global_admin_does_not_count(session, actor, user, ready):
    ga = actor("admin@contoso.example")
    second = add(session, ga, "second.ga@contoso.example", AgentRole.ADMIN_AGENT, AdminRole.GLOBAL_ADMIN)
    users.set_active(session, ga, user_id=second.user_id, active=False)
    session.commit()
    with pytest.raises(ValidationFailed, match="users.last_global_admin"):
        users.update_roles(session, ga, user_id=ga.user_id, agent_role="admin_agent", admin_role="not_an_admin")
    session.rollback()
    users.set_active(session, ga, user_id=second.user_id, active=True)
    users.update_roles(session, ga, user_id=ga.user_id, agent_role="admin_agent", admin_role="not_an_admin")
    session.commit()
    assert user(ga.email).admin_role == AdminRole.NOT_AN_ADMIN
    # Now the second one is the last: nobody can deactivate or demote it.
    second_actor = ready("second.ga@contoso.example")
    with pytest.raises(ValidationFailed, match="users.last_global_admin"):
        users.update_roles(
            session, second_actor, user_id=second.user_id, agent_role="admin_agent", admin_role="user_management_admin"
        )
    session.rollback()
    with pytest.raises(ValidationFailed, match="users.cannot_deactivate_self"):
        users.set_active(session, second_actor, user_id=second.user_id, active=False)


def test_last_global_admin_deactivation_check(session, actor, user):
    """Deactivating a Global admin is checked against the count too (here: with the one other GA inactive)."""
    ga = actor("admin@contoso.example")
    second = add(session, ga, "other.ga@contoso.example", AgentRole.NOT_AN_AGENT, AdminRole.GLOBAL_ADMIN)
    # Simulate a stale state: the acting Global admin was deactivated meanwhile (its actor is still in hand).
    me = user(ga.email)
    me.is_active = False
    session.add(me)
    session.commit()
    with pytest.raises(ValidationFailed, match="users.last_global_admin"):
        users.set_active(session, ga, user_id=second.user_id, active=False)
    session.rollback()
    assert user("other.ga@contoso.example").is_active


def test_two_global_admins_demoting_each_other_at_once_leave_one(engine, session, actor, ready):
    ga = actor("admin@contoso.example")
    add(session, ga, "twin@contoso.example", AgentRole.ADMIN_AGENT, AdminRole.GLOBAL_ADMIN)
    twin_actor = ready("twin@contoso.example")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def demote(actor: Actor, target_id: int) -> None:
        with Session(engine, expire_on_commit=False) as session:
            barrier.wait()
            try:
                users.update_roles(
                    session, actor, user_id=target_id, agent_role="admin_agent", admin_role="not_an_admin"
                )
                session.commit()
                outcomes.append("ok")
            except (ValidationFailed, sa.exc.OperationalError) as refusal:
                session.rollback()
                outcomes.append(getattr(refusal, "code", "busy"))

    threads = [
        threading.Thread(target=demote, args=(ga, twin_actor.user_id)),
        threading.Thread(target=demote, args=(twin_actor, ga.user_id)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with Session(engine) as session:
        remaining = session.exec(
            select(User).where(User.org_id == ga.org_id, User.admin_role == AdminRole.GLOBAL_ADMIN)
        ).all()
    assert len(remaining) >= 1
    assert outcomes.count("ok") == 1, outcomes


# --- deactivate, reactivate, reset ----------------------------------------------------------------------


def test_deactivation_ends_sessions_at_once_and_reactivation_restores_sign_in(session, actor, user, sign_in):
    ga = actor("admin@contoso.example")
    token = sign_in("helpdesk@contoso.example", "Helpdesk-demo-2026")
    assert auth.resolve_session(session, token) is not None
    helpdesk = user("helpdesk@contoso.example")

    summary = users.set_active(session, ga, user_id=helpdesk.id, active=False)
    session.commit()
    assert not summary.is_active
    open_sessions = session.exec(
        select(AuthSession).where(AuthSession.user_id == helpdesk.id, AuthSession.ended_at.is_(None))
    ).all()
    assert open_sessions == []
    assert auth.resolve_session(session, token) is None
    with pytest.raises(DomainError, match="auth.invalid_credentials"):
        auth.sign_in(session, email="helpdesk@contoso.example", password="Helpdesk-demo-2026")

    users.set_active(session, ga, user_id=helpdesk.id, active=True)
    session.commit()
    assert auth.sign_in(session, email="helpdesk@contoso.example", password="Helpdesk-demo-2026")
    assert {"user.deactivated", "user.reactivated"} <= set(audit_actions(session))


def test_reset_password_gives_a_new_temporary_password_and_ends_sessions(session, actor, user, sign_in):
    ga = actor("admin@contoso.example")
    token = sign_in("helpdesk@contoso.example", "Helpdesk-demo-2026")
    helpdesk = user("helpdesk@contoso.example")
    creds = users.reset_password(session, ga, user_id=helpdesk.id)
    session.commit()
    session.refresh(helpdesk)
    assert auth.resolve_session(session, token) is None
    assert not verify_password("Helpdesk-demo-2026", helpdesk.password_hash)
    assert verify_password(creds.temporary_password, helpdesk.password_hash)
    assert helpdesk.must_change_password
    assert creds.temporary_password not in " ".join(e.detail for e in session.exec(select(AuditEvent)))
    # A second reset gives another password; the first one no longer works.
    again = users.reset_password(session, ga, user_id=helpdesk.id)
    session.commit()
    assert again.temporary_password != creds.temporary_password
    session.refresh(helpdesk)
    assert not verify_password(creds.temporary_password, helpdesk.password_hash)


def test_self_protection(session, actor):
    ga = actor("admin@contoso.example")
    with pytest.raises(ValidationFailed, match="users.cannot_deactivate_self"):
        users.set_active(session, ga, user_id=ga.user_id, active=False)
    with pytest.raises(ValidationFailed, match="users.reset_own_password"):
        users.reset_password(session, ga, user_id=ga.user_id)


def test_refused_changes_change_nothing(session, actor, user):
    helpdesk_actor = actor("helpdesk@contoso.example")
    ga_user = user("admin@contoso.example")
    before = (ga_user.agent_role, ga_user.admin_role, ga_user.is_active, ga_user.password_hash)
    count_before = len(session.exec(select(User)).all())
    for call in (
        lambda: users.add_user(
            session,
            helpdesk_actor,
            full_name="Mallory",
            email="mallory@contoso.example",
            agent_role="admin_agent",
            admin_role="global_admin",
        ),
        lambda: users.update_roles(
            session, helpdesk_actor, user_id=helpdesk_actor.user_id, agent_role="admin_agent", admin_role="global_admin"
        ),
        lambda: users.set_active(session, helpdesk_actor, user_id=ga_user.id, active=False),
        lambda: users.reset_password(session, helpdesk_actor, user_id=ga_user.id),
    ):
        with pytest.raises(PermissionDenied):
            call()
        session.rollback()
    session.refresh(ga_user)
    assert (ga_user.agent_role, ga_user.admin_role, ga_user.is_active, ga_user.password_hash) == before
    assert len(session.exec(select(User)).all()) == count_before
    assert user("helpdesk@contoso.example").admin_role == AdminRole.NOT_AN_ADMIN
