"""Foundation flows in a real browser: sign-in per demo account, refusals and throttling, forced password
change, sign-out, language switch, local mailbox."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from rxapp.db import make_engine
from rxapp.models import AdminRole, AgentRole, Organization, User, utcnow
from rxapp.services import mail
from rxapp.services.passwords import hash_password
from tests.e2e.helpers import sign_in, sign_out

pytestmark = pytest.mark.e2e

DEMO = [
    ("ops@platform.example", "Platform-demo-2026", "Partner Center Operations"),
    ("admin@fabrikam.example", "Provider-demo-2026", "Fabrikam Distribution Korea"),
    ("admin@contoso.example", "Reseller-demo-2026", "Contoso Cloud Partners"),
    ("helpdesk@contoso.example", "Helpdesk-demo-2026", "Contoso Cloud Partners"),
    ("admin@adatum.example", "Customer-demo-2026", "Adatum Corporation"),
    ("admin@northwind.example", "Northwind-demo-2026", "Northwind Traders"),
]


@pytest.mark.parametrize(("email", "password", "org_name"), DEMO, ids=[d[0] for d in DEMO])
def test_each_demo_account_signs_in_to_its_own_organization(page: Page, email, password, org_name):
    sign_in(page, email, password)
    expect(page.get_by_test_id("org-name")).to_have_text(org_name)
    expect(page.get_by_role("navigation").get_by_role("link", name="Dashboard")).to_be_visible()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


def test_protected_page_sends_a_visitor_to_sign_in_and_back(page: Page):
    page.goto("/dashboard")
    expect(page).to_have_url(re.compile(r"/signin\?next=/dashboard"))
    page.get_by_label("Email").fill("admin@adatum.example")
    page.get_by_label("Password").fill("Customer-demo-2026")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile("/dashboard$"))


def test_wrong_password_is_refused_without_saying_which_half(page: Page):
    page.goto("/signin")
    page.get_by_label("Email").fill("admin@adatum.example")
    page.get_by_label("Password").fill("not-the-password-at-all")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("The email or password is incorrect.")
    expect(page.get_by_label("Password")).to_have_value("")
    # An unknown account gets exactly the same message.
    page.get_by_label("Email").fill(f"nobody-{uuid.uuid4().hex[:8]}@example.com")
    page.get_by_label("Password").fill("whatever-password-123")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("The email or password is incorrect.")
    expect(page).to_have_url(re.compile("/signin"))


def test_repeated_failures_are_throttled(page: Page):
    email = f"attacker-target-{uuid.uuid4().hex[:8]}@example.com"
    page.goto("/signin")
    for _ in range(5):
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill("guess-guess-guess")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_label("Password")).to_have_value("")  # the attempt was answered
        expect(page.get_by_role("alert")).to_have_text("The email or password is incorrect.")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("guess-guess-guess")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Too many sign-in attempts")


def _add_user_with_temporary_password(db_url: str, email: str, temporary: str) -> None:
    engine = make_engine(db_url)
    with Session(engine) as session:
        adatum = session.exec(select(Organization).where(Organization.name == "Adatum Corporation")).one()
        session.add(User(org_id=adatum.id, email=email, full_name="Temp User", password_hash=hash_password(temporary),
                         agent_role=AgentRole.NOT_AN_AGENT, admin_role=AdminRole.BILLING_ADMIN,
                         must_change_password=True, temporary_password_expires_at=utcnow() + timedelta(days=7)))
        session.commit()
    engine.dispose()


def test_temporary_password_must_be_changed_before_anything_else(page: Page, db_url: str):
    email = f"temp-{uuid.uuid4().hex[:8]}@adatum.example"
    _add_user_with_temporary_password(db_url, email, "Tmp-4817-qwzx-Kplm")
    sign_in(page, email, "Tmp-4817-qwzx-Kplm", expect_path="/change-password")
    page.goto("/dashboard")
    expect(page).to_have_url(re.compile("/change-password"))
    page.get_by_label("Current password").fill("Tmp-4817-qwzx-Kplm")
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("Confirm new password").fill("short")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("alert")).to_contain_text("at least 12 characters")
    page.get_by_label("Current password").fill("Tmp-4817-qwzx-Kplm")
    page.get_by_label("New password", exact=True).fill("violet kettle marathon 93")
    page.get_by_label("Confirm new password").fill("violet kettle marathon 93")
    page.get_by_role("button", name="Change password").click()
    expect(page).to_have_url(re.compile("/dashboard$"))
    expect(page.get_by_role("status")).to_contain_text("Your password was changed.")
    sign_out(page)
    sign_in(page, email, "violet kettle marathon 93")


def test_sign_out_ends_the_session_on_the_server(page: Page):
    sign_in(page, "admin@fabrikam.example", "Provider-demo-2026")
    expect(page.get_by_test_id("user-name")).to_have_text("Fabrikam Admin")
    old_token = page.evaluate("localStorage.getItem('pc_session')")
    assert old_token
    sign_out(page)
    page.go_back()  # back to the dashboard's URL: the guard sends the browser to sign-in, no data shown
    expect(page).to_have_url(re.compile("/signin"))
    expect(page.get_by_text("Fabrikam Admin")).to_have_count(0)
    # Replaying the old token does not bring the session back: it ended on the server.
    page.evaluate("token => localStorage.setItem('pc_session', token)", old_token)
    page.goto("/dashboard")
    expect(page).to_have_url(re.compile("/signin"))
    expect(page.get_by_text("Fabrikam Admin")).to_have_count(0)


def test_language_picker_switches_the_ui_to_korean(page: Page):
    sign_in(page, "admin@contoso.example", "Reseller-demo-2026")
    page.get_by_role("combobox", name="Language / 언어").click()
    page.get_by_role("option", name="한국어").click()
    expect(page.get_by_role("heading", name="대시보드")).to_be_visible()
    expect(page.get_by_role("button", name="로그아웃")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="대시보드")).to_be_visible()
    page.get_by_role("combobox", name="Language / 언어").click()
    page.get_by_role("option", name="English").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


def test_emails_to_a_user_follow_the_language_they_chose(page: Page, db_url: str):
    sign_in(page, "admin@contoso.example", "Reseller-demo-2026")
    page.get_by_role("combobox", name="Language / 언어").click()
    page.get_by_role("option", name="한국어").click()
    expect(page.get_by_role("heading", name="대시보드")).to_be_visible()
    customer = f"Adatum {uuid.uuid4().hex[:6]}"
    engine = make_engine(db_url)
    with Session(engine) as session:  # an email some other flow sends to this user
        mail.queue_catalog_email(session, to="admin@contoso.example", key="mail.relationship_ended",
                                 customer=customer, partner="Contoso Cloud Partners")
        session.commit()
    page.get_by_role("combobox", name="Language / 언어").click()
    page.get_by_role("option", name="English").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    with Session(engine) as session:  # and the next one in English again
        mail.queue_catalog_email(session, to="admin@contoso.example", key="mail.relationship_ended",
                                 customer=f"{customer} again", partner="Contoso Cloud Partners")
        session.commit()
    engine.dispose()
    page.goto("/mailbox")
    page.get_by_placeholder("Filter by recipient").fill("admin@contoso.example")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("article", name=f"{customer}이(가) 관계를 종료했습니다", exact=True)).to_be_visible()
    expect(page.get_by_role("article", name=f"{customer} again ended the relationship", exact=True)).to_be_visible()


def test_mailbox_shows_queued_mail_with_clickable_links(page: Page, db_url: str, app_url: str):
    recipient = f"mailbox-{uuid.uuid4().hex[:8]}@contoso.example"
    engine = make_engine(db_url)
    with Session(engine) as session:
        mail.queue_email(session, to=recipient, subject="Test message for the mailbox",
                         body=f"Hello,\nopen {app_url}/signin to continue.")
        session.commit()
    engine.dispose()
    page.goto("/mailbox")
    page.get_by_placeholder("Filter by recipient").fill(recipient)
    page.get_by_role("button", name="Search").click()
    message = page.get_by_role("article", name="Test message for the mailbox")
    expect(message).to_be_visible()
    message.get_by_role("link", name=f"{app_url}/signin").click()
    expect(page.get_by_role("heading", name="Sign in to Partner Center")).to_be_visible()
