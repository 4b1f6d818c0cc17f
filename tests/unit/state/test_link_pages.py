"""Issue 13, point 6: opening **Request a reseller relationship** or **Invite new customer** creates nothing;
**Create link** makes exactly one link (and one `link.sent` entry) each time it is chosen."""

from __future__ import annotations

import pytest
from sqlmodel import select

from rxapp.db import session_scope
from rxapp.models import AuditEvent, Link, Organization, Relationship, RelationshipKind
from rxapp.services.relationships import has_partnership
from rxapp.state.customer_links import LinkDraftState
from tests.unit.state.reflex_events import send, state_of

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend():
    return "asyncio"


def _counts() -> tuple[int, int]:
    with session_scope() as session:
        return (
            len(session.exec(select(Link.id)).all()),
            len(session.exec(select(AuditEvent.id).where(AuditEvent.action == "link.sent")).all()),
        )


def _with_rights(state) -> None:
    state._rights = ["invite_customers", "view_customers"]


@pytest.mark.usefixtures("engine")
async def test_visits_create_nothing_and_create_link_makes_one(sign_in):
    token = sign_in("admin@contoso.example", "Reseller-demo-2026")
    before = _counts()
    for _ in range(3):  # three visits
        state = state_of(LinkDraftState, token)
        _with_rights(state)
        await send(state, "fresh")
        await send(state, "load_request")
        assert state.link == ""
        assert not state.ready
    assert _counts() == before, "visiting the page creates and logs nothing"
    await send(state, "create_link")
    assert state.ready
    assert "/accept/" in state.link
    assert state.error == ""
    assert _counts() == (before[0] + 1, before[1] + 1)
    await send(state, "create_link")  # a second click on the same draft: nothing more
    assert _counts() == (before[0] + 1, before[1] + 1)


@pytest.mark.usefixtures("engine")
async def test_invite_new_customer_creates_on_the_explicit_action(sign_in, monkeypatch):
    with session_scope() as session:
        fabrikam = session.exec(select(Organization).where(Organization.name == "Fabrikam Distribution Korea")).one()
        contoso = session.exec(select(Organization).where(Organization.name == "Contoso Cloud Partners")).one()
        if not has_partnership(session, provider_org_id=fabrikam.id, reseller_org_id=contoso.id):
            session.add(
                Relationship(
                    kind=RelationshipKind.PROVIDER_RESELLER, partner_org_id=fabrikam.id, client_org_id=contoso.id
                )
            )
        provider_id = fabrikam.id
    token = sign_in("admin@contoso.example", "Reseller-demo-2026")
    state = state_of(LinkDraftState, token)
    _with_rights(state)
    query = property(lambda _self: {"provider": str(provider_id)})
    monkeypatch.setattr(type(state.router.url), "query_parameters", query, raising=False)
    before = _counts()
    await send(state, "load_invite")
    assert state.provider_name == "Fabrikam Distribution Korea"
    assert not state.ready
    assert _counts() == before
    await send(state, "create_link")
    assert state.ready
    assert "/accept/" in state.link
    assert state.provider_name == "Fabrikam Distribution Korea"
    assert _counts() == (before[0] + 1, before[1] + 1)


@pytest.mark.usefixtures("engine")
async def test_the_mailto_address_follows_the_draft(sign_in):
    """**Open in email** carries the draft as it stands: created, edited, then cleared on the next visit."""
    from urllib.parse import quote

    token = sign_in("admin@contoso.example", "Reseller-demo-2026")
    state = state_of(LinkDraftState, token)
    _with_rights(state)
    await send(state, "fresh")
    await send(state, "load_request")
    await send(state, "create_link")
    assert state.mailto.startswith(f"mailto:?subject={quote(state.subject)}&body=")
    assert quote(state.link) in state.mailto
    await send(state, "set_text", "Hello Adatum, please accept:")
    assert f"body={quote('Hello Adatum, please accept:')}" in state.mailto
    await send(state, "fresh")
    assert "accept" not in state.mailto
