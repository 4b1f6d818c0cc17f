"""The partner network registry (platform staff): PMC accounts, organization profiles, CSV import."""

from __future__ import annotations

import pytest
from sqlmodel import select

from rxapp.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from rxapp.models import (
    AdminRole,
    AgentRole,
    MpnProfile,
    Organization,
    PmcAccount,
    ProfileStatus,
    User,
    utcnow,
)
from rxapp.services import enrollment, registry
from rxapp.services.passwords import hash_password
from tests.unit.services.enrollment.steps import actor, ops, run
from tests.unit.services.enrollment.steps import create_work_account as _create


def test_only_platform_global_admins_manage_the_registry(engine):
    def add_reviewer(session):
        platform = session.exec(select(Organization).where(Organization.kind == "platform")).one()
        session.add(
            User(
                org_id=platform.id,
                email="reviewer@platform.example",
                full_name="Reviewer",
                password_hash=hash_password("Reviewer-pass-2026"),
                agent_role=AgentRole.ADMIN_AGENT,
                admin_role=AdminRole.NOT_AN_ADMIN,
                totp_secret="JBSWY3DPEHPK3PXP",
                totp_enabled_at=utcnow(),
            )
        )  # staff have a second factor

    run(engine, add_reviewer)
    assert run(engine, lambda s: enrollment.list_for_review(s, actor(engine, "reviewer@platform.example")))[1] == 0
    for email in (
        "reviewer@platform.example",
        "admin@contoso.example",
        "admin@fabrikam.example",
        "admin@northwind.example",
    ):
        with pytest.raises(PermissionDenied):
            run(engine, lambda s, e=email: registry.list_profiles(s, actor(engine, e)))
        with pytest.raises(PermissionDenied):
            run(
                engine,
                lambda s, e=email: registry.create_profile(
                    s, actor(engine, e), mpn_id="7000001", name="X", country="KR"
                ),
            )
    names = [a.user_name for a in run(engine, lambda s: registry.list_pmc_accounts(s, ops(engine)))]
    assert names == ["pmc-contoso", "pmc-northwind"]


def test_create_edit_and_deactivate_a_pmc_account(engine):
    staff = ops(engine)
    account_id = run(
        engine,
        lambda s: registry.create_pmc_account(
            s, staff, user_name="PMC-Wingtip", password="Quiet-meadow-lantern-93", mpn_ids=["6000001"]
        ),
    )
    listed = {a.user_name: a for a in run(engine, lambda s: registry.list_pmc_accounts(s, staff))}
    assert listed["pmc-wingtip"].mpn_ids == "6000001"
    assert listed["pmc-wingtip"].active
    _create(engine)
    wingtip = actor(engine, "admin@wingtip.example")
    assert (
        run(
            engine,
            lambda s: enrollment.pmc_sign_in(s, wingtip, user_name="pmc-wingtip", password="Quiet-meadow-lantern-93"),
        )
        == account_id
    )
    run(
        engine,
        lambda s: registry.update_pmc_account(
            s, staff, pmc_account_id=account_id, mpn_ids=["6000001", "6000002"], password="Other-river-stone-58"
        ),
    )
    listed = {a.user_name: a for a in run(engine, lambda s: registry.list_pmc_accounts(s, staff))}
    assert listed["pmc-wingtip"].mpn_ids == "6000001, 6000002"
    run(engine, lambda s: registry.set_pmc_active(s, staff, pmc_account_id=account_id, active=False))
    with pytest.raises(DomainError) as exc:
        run(
            engine,
            lambda s: enrollment.pmc_sign_in(s, wingtip, user_name="pmc-wingtip", password="Other-river-stone-58"),
        )
    assert exc.value.code == "enroll.pmc_invalid"
    with pytest.raises(NotFound):
        run(engine, lambda s: registry.set_pmc_active(s, staff, pmc_account_id=9999, active=True))


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"user_name": "pmc-northwind"}, "registry.pmc_taken"),
        ({"user_name": "x"}, "registry.user_name_invalid"),
        ({"password": "short"}, "password.too_short"),
        ({"mpn_ids": ["9999999"]}, "registry.mpn_unknown"),
    ],
)
def test_pmc_account_rules(engine, fields, code):
    values = {"user_name": "pmc-new", "password": "Quiet-meadow-lantern-93", "mpn_ids": [], **fields}
    with pytest.raises(ValidationFailed) as exc:
        run(engine, lambda s: registry.create_pmc_account(s, ops(engine), **values))
    assert exc.value.code == code


def test_profiles_create_edit_deactivate(engine):
    staff = ops(engine)
    profile_id = run(
        engine,
        lambda s: registry.create_profile(
            s, staff, mpn_id="7000001", name="Wingtip Korea", country="kr", pmc_users=["pmc-northwind"]
        ),
    )
    with pytest.raises(ValidationFailed) as exc:
        run(engine, lambda s: registry.create_profile(s, staff, mpn_id="7000001", name="Again", country="KR"))
    assert exc.value.code == "registry.mpn_taken"
    with pytest.raises(ValidationFailed) as exc:
        run(engine, lambda s: registry.create_profile(s, staff, mpn_id="12", name="Bad", country="KR"))
    assert exc.value.code == "registry.mpn_id_invalid"
    run(
        engine,
        lambda s: registry.update_profile(
            s, staff, profile_id=profile_id, name="Wingtip Korea Ltd.", country="JP", status="active"
        ),
    )
    run(engine, lambda s: registry.set_profile_active(s, staff, profile_id=profile_id, active=False))
    row = run(engine, lambda s: s.get(MpnProfile, profile_id))
    assert (row.name, row.country, row.status) == ("Wingtip Korea Ltd.", "JP", ProfileStatus.INACTIVE)
    contoso = run(engine, lambda s: s.exec(select(MpnProfile).where(MpnProfile.mpn_id == "5000001")).one())
    with pytest.raises(DomainError) as exc:
        run(
            engine,
            lambda s: registry.update_profile(
                s, staff, profile_id=contoso.id, name=contoso.name, country="US", status="active"
            ),
        )
    assert exc.value.code == "registry.country_locked"
    listed = {p.mpn_id: p for p in run(engine, lambda s: registry.list_profiles(s, staff))}
    assert listed["5000001"].linked_to == "Contoso Cloud Partners"
    assert listed["7000001"].active is False


def test_csv_import_reports_each_row(engine):
    text = (
        "\ufeffmpn_id,name,country,status,pmc_users\n"
        "7100001,Alpine Ski House,KR,active,pmc-northwind\n"
        "7100002,Bad Country,XX,,\n"
        "6000001,Duplicate,KR,,\n"
        "abc,Bad Id,KR,,\n"
        "7100003,Unknown PMC,KR,,nobody\n"
        ",,,,\n"
        "7100004,Fourth Coffee,JP,inactive,pmc-northwind;pmc-contoso\n"
    )
    report = run(engine, lambda s: registry.import_profiles_csv(s, ops(engine), text=text))
    assert [(e.row, e.ok, e.code) for e in report] == [
        (2, True, "registry.imported"),
        (3, False, "validation.country_invalid"),
        (4, False, "registry.mpn_taken"),
        (5, False, "registry.mpn_id_invalid"),
        (6, False, "registry.pmc_unknown"),
        (8, True, "registry.imported"),
    ]
    mpns = run(engine, lambda s: set(s.exec(select(MpnProfile.mpn_id))))
    assert {"7100001", "7100004"} <= mpns
    assert "7100002" not in mpns
    assert "7100003" not in mpns
    accounts = {a.user_name: a.mpn_ids for a in run(engine, lambda s: registry.list_pmc_accounts(s, ops(engine)))}
    assert "7100004" in accounts["pmc-contoso"]
    assert "7100001" in accounts["pmc-northwind"]


def test_csv_without_the_needed_columns_is_refused(engine):
    with pytest.raises(ValidationFailed) as exc:
        run(engine, lambda s: registry.import_profiles_csv(s, ops(engine), text="id,title\n1,x\n"))
    assert exc.value.code == "registry.csv_header"


def test_pmc_accounts_hold_no_plain_password(engine):
    run(
        engine,
        lambda s: registry.create_pmc_account(
            s, ops(engine), user_name="pmc-hash", password="Quiet-meadow-lantern-93", mpn_ids=[]
        ),
    )
    row = run(engine, lambda s: s.exec(select(PmcAccount).where(PmcAccount.user_name == "pmc-hash")).one())
    assert row.password_hash.startswith("$argon2")
    assert "Quiet" not in row.password_hash
