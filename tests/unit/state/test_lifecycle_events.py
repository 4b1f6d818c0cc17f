"""The lifecycle pages' event handlers, called as the browser would (any arguments): the dashboard's filters and
extension with the error on its field, the incentive program form's errors on their fields, and refusals for
users without the right."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from rxapp.models import DelegatedAdminGrant, IncentiveProgram, Relationship, RelationshipKind, utcnow
from rxapp.state.incentives import IncentiveProgramsState, IncentivesState
from rxapp.state.relationships import RelationshipsState
from tests.unit.state.reflex_events import send, state_of

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
def granted(engine, session, org):  # noqa: ARG001 (requested for its setup)
    """Contoso serves Adatum with 30-day delegated admin privileges (as the test hooks make them)."""
    contoso, adatum = org("Contoso"), org("Adatum")
    session.add(
        Relationship(kind=RelationshipKind.RESELLER_CUSTOMER, partner_org_id=contoso.id, client_org_id=adatum.id)
    )
    session.add(
        DelegatedAdminGrant(
            reseller_org_id=contoso.id, customer_org_id=adatum.id, expires_at=utcnow() + timedelta(days=30)
        )
    )
    session.commit()


@pytest.mark.usefixtures("engine", "granted")
async def test_the_dashboard_lists_filters_and_asks_for_an_extension(sign_in):
    state = state_of(RelationshipsState, sign_in("admin@contoso.example", "Reseller-demo-2026"))
    await send(state, "load")
    [row] = state.rows
    assert (row["other"], row["days_left"], row["status"], row["can_extend"]) == (
        "Adatum Corporation",
        "30",
        "active",
        "1",
    )
    await send(state, "apply_within", {"within": "abc"})
    assert state.within_error
    assert state.rows == [row]
    await send(state, "apply_within", {"within": "10"})
    assert state.within_error == ""
    assert state.rows == []
    await send(state, "apply_within", {"within": ""})
    await send(state, "set_kind", "<script>")
    assert state.kind == "all"
    assert len(state.rows) == 1
    await send(state, "open_extend", row["key"], row["other"])
    await send(state, "extend", {"days": "0"})
    assert state.days_error == "Enter a number of days from 1 to 730."
    assert state.extend_key == row["key"]
    await send(state, "extend", {"days": "90"})
    assert state.extend_key == ""
    assert "extension request was emailed" in state.message
    state.extend_key = "delegated_admin:999999"  # any key from the browser: not found, nothing sent
    await send(state, "extend", {"days": "90"})
    assert state.error
    assert state.extend_key == ""


@pytest.mark.usefixtures("engine", "granted")
async def test_a_helpdesk_agent_sees_but_cannot_extend(sign_in):
    state = state_of(RelationshipsState, sign_in("helpdesk@contoso.example", "Helpdesk-demo-2026"))
    await send(state, "load")
    [row] = state.rows
    assert row["can_extend"] == ""
    await send(state, "open_extend", row["key"], row["other"])
    await send(state, "extend", {"days": "30"})
    assert state.error
    assert state.message == ""


async def test_program_form_errors_sit_on_their_fields(engine, sign_in):
    state = state_of(IncentiveProgramsState, sign_in("ops@platform.example", "Platform-demo-2026"))
    await send(state, "load")
    assert len(state.programs) == 2
    form = {
        "name": "Boost",
        "family:azure": "on",
        "rate": "2.5",
        "starts_on": "2027-01-01",
        "ends_on": "2026-01-01",
        "kind:reseller": "on",
        "countries": "",
    }
    await send(state, "create", form)
    assert state.ends_on_error
    assert not state.rate_error
    assert len(state.programs) == 2
    await send(state, "create", {**form, "ends_on": "2027-12-31", "rate": "abc"})
    assert state.rate_error
    assert not state.ends_on_error
    await send(state, "create", {**form, "ends_on": "2027-12-31"})
    assert not state.rate_error
    assert state.success
    assert len(state.programs) == 3
    with Session(engine) as session:
        boost = session.exec(select(IncentiveProgram).where(IncentiveProgram.name == "Boost")).one()
        assert boost.rate_basis_points == 250


async def test_partners_only_see_incentives_and_cannot_define_programs(engine, sign_in):
    token = sign_in("admin@contoso.example", "Reseller-demo-2026")
    programs = state_of(IncentiveProgramsState, token)
    await send(
        programs,
        "create",
        {
            "name": "Mine",
            "family:azure": "on",
            "rate": "50",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "kind:reseller": "on",
        },
    )
    assert programs.error
    await send(programs, "delete", "1")
    assert programs.error
    with Session(engine) as session:
        assert len(session.exec(select(IncentiveProgram)).all()) == 2
    overview = state_of(IncentivesState, token)
    await send(overview, "load")
    assert overview.mpn_id == "5000001"
    assert len(overview.rows) == 6
    assert {r["reason"] for r in overview.rows if r["eligible"] == "no"} == {"country"}
