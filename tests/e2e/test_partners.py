"""Indirect providers and resellers in a real browser: the directory, a provider inviting a reseller, the
authorization link (signed out, wrong role, reused, revoked), both partnership pages and ending a partnership.

The Fabrikam–Contoso partnership made here is left in place (other E2E tests rely on it); ending and
revoking are shown with resellers made for that purpose.
"""

from __future__ import annotations

import random
import re
import uuid

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from rxapp.db import make_engine
from rxapp.models import (
    AdminRole,
    AgentRole,
    Organization,
    OrgKind,
    Relationship,
    RelationshipKind,
    RelationshipStatus,
    User,
    utcnow,
)
from rxapp.services.passwords import hash_password
from tests.e2e.helpers import open_newest_link, sign_in

pytestmark = pytest.mark.e2e

FABRIKAM = ("admin@fabrikam.example", "Provider-demo-2026")
CONTOSO = ("admin@contoso.example", "Reseller-demo-2026")
HELPDESK = ("helpdesk@contoso.example", "Helpdesk-demo-2026")
ADATUM = ("admin@adatum.example", "Customer-demo-2026")
INVITE_SUBJECT = "Fabrikam Distribution Korea invites you"
FRESH_PASSWORD = "Fresh-reseller-demo-2026"


def _end_partnerships_of(db_url: str, reseller_name: str) -> None:
    """Arrange a reseller without providers (other tests in this shared database may have connected it);
    the flow under test connects them again through the UI."""
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            reseller = session.exec(select(Organization).where(Organization.name == reseller_name)).one()
            for row in session.exec(select(Relationship).where(
                    Relationship.kind == RelationshipKind.PROVIDER_RESELLER, Relationship.client_org_id == reseller.id,
                    Relationship.status == RelationshipStatus.ACTIVE)):
                row.status, row.ended_at = RelationshipStatus.ENDED, utcnow()
                session.add(row)
            session.commit()
    finally:
        engine.dispose()


def _fresh_reseller(db_url: str) -> dict[str, str]:
    """An enrolled reseller with a Global admin and a Helpdesk agent (arranged in the database: enrolling one
    through the UI belongs to another area)."""
    suffix = uuid.uuid4().hex[:8]
    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            org = Organization(kind=OrgKind.RESELLER, name=f"Tailwind Resellers {suffix}", country="KR",
                               domain=f"tailwind-{suffix}.example", mpn_id=str(random.randint(10**8, 10**9 - 1)))
            session.add(org)
            session.flush()
            hashed = hash_password(FRESH_PASSWORD)
            session.add(User(org_id=org.id, email=f"admin@tailwind-{suffix}.example", full_name="Tailwind Admin",
                             password_hash=hashed, agent_role=AgentRole.ADMIN_AGENT,
                             admin_role=AdminRole.GLOBAL_ADMIN))
            session.add(User(org_id=org.id, email=f"helpdesk@tailwind-{suffix}.example", full_name="Tailwind Helpdesk",
                             password_hash=hashed, agent_role=AgentRole.HELPDESK_AGENT,
                             admin_role=AdminRole.NOT_AN_ADMIN))
            session.commit()
            return {"name": org.name, "mpn_id": org.mpn_id, "admin": f"admin@tailwind-{suffix}.example",
                    "helpdesk": f"helpdesk@tailwind-{suffix}.example"}
    finally:
        engine.dispose()


def _invite(page: Page, *, email: str | None = None, mpn_id: str | None = None, name: str) -> None:
    page.goto("/resellers")
    page.get_by_role("button", name="Invite reseller").click()
    dialog = page.get_by_role("dialog", name="Invite reseller")
    if email:
        dialog.get_by_label("Reseller admin's email").fill(email)
    else:
        dialog.get_by_role("radio", name="MPN ID").click()
        dialog.get_by_role("textbox", name="MPN ID").fill(mpn_id)
    dialog.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("status").filter(has_text=f"Invitation sent to {name}.")).to_be_visible()
    invitations = page.get_by_role("table", name="Pending invitations")
    expect(invitations.get_by_role("row").filter(has_text=name).first).to_contain_text("Pending")


def _authorize(page: Page) -> None:
    button = page.get_by_role("button", name="Authorize indirect provider")
    expect(button).to_be_disabled()
    checkbox = page.get_by_role("checkbox", name="I understand what this grants")
    checkbox.click()
    expect(checkbox).to_be_checked()
    expect(button).to_be_enabled()
    button.click()
    expect(page.get_by_role("status")).to_contain_text("is now listed on your Indirect providers page")


def test_public_directory_lists_fabrikam_with_contact_details(page: Page):
    page.goto("/providers/directory")
    expect(page.get_by_role("heading", name="Find a provider")).to_be_visible()
    card = page.get_by_role("article", name="Fabrikam Distribution Korea")
    expect(card).to_contain_text("partners@fabrikam.example")
    expect(card).to_contain_text("Azure")
    page.get_by_label("Search providers by name").fill("no-such-provider-anywhere")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("No provider matches your search.")).to_be_visible()
    expect(card).to_have_count(0)


def test_fabrikam_invites_contoso_and_contoso_authorizes(new_context, db_url):
    _end_partnerships_of(db_url, "Contoso Cloud Partners")
    fabrikam = new_context().new_page()
    sign_in(fabrikam, *FABRIKAM)
    _invite(fabrikam, email=CONTOSO[0], name="Contoso Cloud Partners")

    # The Helpdesk agent of Contoso follows the link: refused, naming the role needed.
    helpdesk = new_context().new_page()
    sign_in(helpdesk, *HELPDESK)
    url = open_newest_link(helpdesk, CONTOSO[0], INVITE_SUBJECT)
    expect(helpdesk.get_by_role("alert")).to_contain_text("Only a Global admin of Contoso Cloud Partners")
    expect(helpdesk.get_by_role("button", name="Authorize indirect provider")).to_have_count(0)

    # Contoso's Global admin, not signed in yet: sign in first, then back at the link.
    contoso = new_context().new_page()
    assert open_newest_link(contoso, CONTOSO[0], INVITE_SUBJECT) == url
    expect(contoso).to_have_url(re.compile(r"/signin\?next=/authorize/"))
    contoso.get_by_label("Email").fill(CONTOSO[0])
    contoso.get_by_label("Password").fill(CONTOSO[1])
    contoso.get_by_role("button", name="Sign in").click()
    expect(contoso).to_have_url(re.compile(r"/authorize/"))
    expect(contoso.get_by_text("Fabrikam Distribution Korea invites Contoso Cloud Partners")).to_be_visible()
    expect(contoso.get_by_text("administrator access to your Azure AD tenant")).to_be_visible()
    _authorize(contoso)

    contoso.goto("/providers")
    row = contoso.get_by_role("table", name="Indirect providers").get_by_role("row").filter(
        has_text="Fabrikam Distribution Korea")
    expect(row).to_be_visible()
    expect(row.get_by_role("link", name="View customers")).to_have_attribute(
        "href", re.compile(r"/customers\?provider=\d+"))
    expect(row.get_by_role("link", name="Invite new customer")).to_have_attribute(
        "href", re.compile(r"/customers/invite\?provider=\d+"))

    # Fabrikam's open page shows Contoso without a reload (periodic refresh), and after one too.
    resellers = fabrikam.get_by_role("table", name="Indirect resellers")
    expect(resellers.get_by_role("row").filter(has_text="Contoso Cloud Partners")).to_be_visible(timeout=30_000)
    fabrikam.reload()
    expect(resellers.get_by_role("row").filter(has_text="Contoso Cloud Partners")).to_be_visible()

    # The same link again is refused.
    contoso.goto(url)
    expect(contoso.get_by_role("alert")).to_have_text("This link has already been used.")
    expect(contoso.get_by_role("button", name="Authorize indirect provider")).to_have_count(0)


def test_provider_invites_by_mpn_id_and_reseller_ends(new_context, db_url):
    reseller = _fresh_reseller(db_url)
    fabrikam = new_context().new_page()
    sign_in(fabrikam, *FABRIKAM)
    _invite(fabrikam, mpn_id=reseller["mpn_id"], name=reseller["name"])

    # A user of another organization gets the wrong-account message.
    adatum = new_context().new_page()
    sign_in(adatum, *ADATUM)
    url = open_newest_link(adatum, reseller["admin"], INVITE_SUBJECT)
    expect(adatum.get_by_role("alert")).to_contain_text("This link was sent to another account.")

    # The reseller's Helpdesk agent is refused; its Global admin authorizes.
    helpdesk = new_context().new_page()
    sign_in(helpdesk, reseller["helpdesk"], FRESH_PASSWORD)
    helpdesk.goto(url)
    expect(helpdesk.get_by_role("alert")).to_contain_text("Global admin")
    admin = new_context().new_page()
    sign_in(admin, reseller["admin"], FRESH_PASSWORD)
    admin.goto(url)
    _authorize(admin)
    fabrikam.goto("/resellers")
    expect(fabrikam.get_by_role("table", name="Indirect resellers").get_by_role("row").filter(
        has_text=reseller["name"])).to_be_visible()

    # The reseller ends the partnership (after confirming); both sides keep it in the history.
    admin.goto("/providers")
    row = admin.get_by_role("table", name="Indirect providers").get_by_role("row").filter(
        has_text="Fabrikam Distribution Korea")
    row.get_by_role("button", name="End partnership").click()
    confirm = admin.get_by_role("alertdialog")
    expect(confirm).to_contain_text("End the partnership with Fabrikam Distribution Korea?")
    confirm.get_by_role("button", name="End partnership").click()
    expect(admin.get_by_role("status")).to_contain_text("The partnership with Fabrikam Distribution Korea has ended.")
    expect(admin.get_by_role("table", name="History").get_by_role("row").filter(
        has_text="Fabrikam Distribution Korea")).to_contain_text("Ended")
    fabrikam.reload()
    expect(fabrikam.get_by_role("table", name="History").get_by_role("row").filter(
        has_text=reseller["name"])).to_contain_text("Ended")
    expect(fabrikam.get_by_role("table", name="Indirect resellers").get_by_role("row").filter(
        has_text=reseller["name"])).to_have_count(0)


def test_a_revoked_invitation_link_is_refused(new_context, db_url):
    reseller = _fresh_reseller(db_url)
    fabrikam = new_context().new_page()
    sign_in(fabrikam, *FABRIKAM)
    _invite(fabrikam, email=reseller["admin"], name=reseller["name"])
    row = fabrikam.get_by_role("table", name="Pending invitations").get_by_role("row").filter(
        has_text=reseller["name"]).first
    row.get_by_role("button", name="Revoke").click()
    fabrikam.get_by_role("alertdialog").get_by_role("button", name="Revoke").click()
    expect(fabrikam.get_by_role("status")).to_contain_text(f"The invitation to {reseller['name']} was revoked.")
    expect(row).to_contain_text("Revoked")

    admin = new_context().new_page()
    sign_in(admin, reseller["admin"], FRESH_PASSWORD)
    open_newest_link(admin, reseller["admin"], INVITE_SUBJECT)
    expect(admin.get_by_role("alert")).to_contain_text("This link was revoked")
