"""Foundation flows in a real browser: sign-in per kind of account, refusals and throttling, forced password
change, sign-out, session idle timeout (test clock), language switch, emails in the reader's language, the
local mailbox page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from rxapp.grammar import attach_particles
from tests.e2e.pages import (
    AppShell,
    ChangePasswordPage,
    DashboardPage,
    MailboxPage,
    SignInPage,
    sign_in,
)

pytestmark = pytest.mark.e2e

DEMO_PLATFORM_TOTP_KEY = "PCDEMOPLATFORMOPSKEYTOTP234567AB"  # the README's key of ops@platform.example

KINDS = ["platform", "provider", "reseller", "helpdesk", "customer", "work_account"]

# The README's demo accounts (loaded by `make run` and by the server this suite starts).
DEMO = [
    ("ops@platform.example", "Platform-demo-2026", "Partner Center Operations"),
    ("admin@fabrikam.example", "Provider-demo-2026", "Fabrikam Distribution Korea"),
    ("admin@contoso.example", "Reseller-demo-2026", "Contoso Cloud Partners"),
    ("helpdesk@contoso.example", "Helpdesk-demo-2026", "Contoso Cloud Partners"),
    ("admin@adatum.example", "Customer-demo-2026", "Adatum Corporation"),
    ("admin@northwind.example", "Northwind-demo-2026", "Northwind Traders"),
]


def test_each_kind_of_account_signs_in_to_its_own_organization(page: Page, data):
    make = {
        "platform": data.platform,
        "provider": data.provider,
        "reseller": data.reseller,
        "helpdesk": data.reseller,
        "customer": data.customer,
        "work_account": data.work_account,
    }
    for kind in KINDS:
        org = make[kind]()
        account = org.user("helpdesk") if kind == "helpdesk" else org.admin
        sign_in(page, account)
        shell = AppShell(page)
        expect(shell.organization, kind).to_have_text(org.name)
        expect(shell.user_name, kind).to_have_text(account.name)
        expect(shell.nav_link("Dashboard"), kind).to_be_visible()
        DashboardPage(page).shown()
        shell.sign_out()


@pytest.mark.usefixtures("own_server")
def test_the_readme_demo_accounts_sign_in_to_their_organizations(page: Page):
    for email, password, org_name in DEMO:  # the demo platform account enters a code of the README's key
        key = DEMO_PLATFORM_TOTP_KEY if email == "ops@platform.example" else None
        SignInPage(page).open().sign_in(email, password, totp_key=key)
        expect(AppShell(page).organization, email).to_have_text(org_name)
        AppShell(page).sign_out()


def test_protected_page_sends_a_visitor_to_sign_in_and_back(page: Page, data):
    adatum = data.customer()
    page.goto("/dashboard")
    expect(page).to_have_url(re.compile(r"/signin\?next=/dashboard"))
    SignInPage(page).submit(adatum.admin.email, adatum.admin.password)
    expect(page).to_have_url(re.compile("/dashboard$"))


def test_wrong_password_is_refused_without_saying_which_half(page: Page, data):
    adatum = data.customer()
    signin = SignInPage(page).open()
    signin.submit(adatum.admin.email, "not-the-password-at-all")
    signin.expect_refused()
    expect(signin.password).to_have_value("")
    # An unknown account gets exactly the same message.
    signin.submit(data.email("nobody"), "whatever-password-123")
    signin.expect_refused()
    expect(page).to_have_url(re.compile("/signin"))


def test_repeated_failures_are_throttled(page: Page, data, hooks):
    email = data.email("attacker-target")
    signin = SignInPage(page).open()
    try:
        for _ in range(5):
            signin.submit(email, "guess-guess-guess")
            expect(signin.password).to_have_value("")  # the attempt was answered
            signin.expect_refused()
        signin.submit(email, "guess-guess-guess")
        expect(signin.alert).to_contain_text("Too many sign-in attempts")
    finally:
        hooks.reset_throttle(email=email)  # this machine's failures must not hold up the next tests


def test_throttle_reset_hook_lets_a_locked_account_sign_in_again(page: Page, data, hooks):
    adatum = data.customer()
    hooks.reset_throttle()  # this machine's address starts clean (other tests' refusals count per address too)
    signin = SignInPage(page).open()
    for _ in range(5):
        signin.submit(adatum.admin.email, "not-the-password-at-all")
        signin.expect_refused()
    signin.submit(adatum.admin.email, adatum.admin.password)
    expect(signin.alert).to_contain_text("Too many sign-in attempts")  # locked (also in the database)
    hooks.reset_throttle(email=adatum.admin.email)
    signin.sign_in(adatum.admin.email, adatum.admin.password)


def test_temporary_password_must_be_changed_before_anything_else(page: Page, data):
    adatum = data.customer()
    temp = data.add_user(
        adatum, "temp", "Temp User", admin="billing_admin", must_change_password=True, password="Tmp-4817-qwzx-Kplm"
    )
    sign_in(page, temp, expect_path="/change-password")
    page.goto("/dashboard")
    expect(page).to_have_url(re.compile("/change-password"))
    change = ChangePasswordPage(page)
    change.change(temp.password, "short")  # refused under the new password's field (issue 13, point 5)
    change.expect_field_error(page.get_by_label("New password", exact=True), re.compile("at least 12 characters"))
    change.change(temp.password, "violet kettle marathon 93")
    expect(page).to_have_url(re.compile("/dashboard$"))
    expect(DashboardPage(page).status).to_contain_text("Your password was changed.")
    AppShell(page).sign_out()
    SignInPage(page).open().sign_in(temp.email, "violet kettle marathon 93")


def test_sign_out_ends_the_session_on_the_server(page: Page, data):
    fabrikam = data.provider()
    sign_in(page, fabrikam.admin)
    expect(AppShell(page).user_name).to_have_text("Fabrikam Admin")
    old_token = page.evaluate("localStorage.getItem('pc_session')")
    assert old_token
    AppShell(page).sign_out()
    page.go_back()  # back to the dashboard's URL: the guard sends the browser to sign-in, no data shown
    expect(page).to_have_url(re.compile("/signin"))
    expect(page.get_by_text("Fabrikam Admin")).to_have_count(0)
    # Replaying the old token does not bring the session back: it ended on the server.
    page.evaluate("token => localStorage.setItem('pc_session', token)", old_token)
    page.goto("/dashboard")
    expect(page).to_have_url(re.compile("/signin"))
    expect(page.get_by_text("Fabrikam Admin")).to_have_count(0)


def test_an_idle_session_ends_after_30_minutes_of_the_organizations_clock(page: Page, new_page, data):
    contoso, adatum = data.reseller(helpdesk=False), data.customer()
    sign_in(page, contoso.admin)
    other = new_page()
    sign_in(other, adatum.admin)
    data.advance_clock(contoso, minutes=29)
    page.reload()
    DashboardPage(page).shown()  # 29 minutes idle: still signed in (and the visit counts as activity)
    data.advance_clock(contoso, minutes=31)
    page.reload()
    expect(page).to_have_url(re.compile("/signin"))
    other.reload()  # another organization's clock did not move
    DashboardPage(other).shown()


def test_language_picker_switches_the_ui_to_korean(page: Page, data):
    contoso = data.reseller(helpdesk=False)
    sign_in(page, contoso.admin)
    shell = AppShell(page)
    shell.choose_language("한국어")
    expect(page.get_by_role("heading", name="대시보드")).to_be_visible()
    expect(page.get_by_role("button", name="로그아웃")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="대시보드")).to_be_visible()
    shell.choose_language("English")
    DashboardPage(page).shown()


def test_emails_to_a_user_follow_the_language_they_chose(page: Page, data, hooks):
    contoso = data.reseller(helpdesk=False)
    sign_in(page, contoso.admin)
    shell = AppShell(page)
    shell.choose_language("한국어")
    expect(page.get_by_role("heading", name="대시보드")).to_be_visible()
    customer = data.name("Adatum")
    # An email some other flow sends to this user ...
    data.send_email(contoso.admin.email, key="mail.relationship_ended", customer=customer, partner=contoso.name)
    shell.choose_language("English")
    DashboardPage(page).shown()
    # ... and the next one in English again.
    data.send_email(
        contoso.admin.email, key="mail.relationship_ended", customer=f"{customer} again", partner=contoso.name
    )
    subjects = [email.subject for email in hooks.emails(contoso.admin.email)]
    assert subjects[:2] == [
        f"{customer} again ended the relationship",
        attach_particles(f"{customer}이(가) 관계를 종료했습니다"),
    ]


def test_mailbox_shows_queued_mail_with_clickable_links(page: Page, data, app_url: str):
    recipient = data.email("mailbox")
    data.send_email(
        recipient, subject="Test message for the mailbox", body=f"Hello,\nopen {app_url}/signin to continue."
    )
    mailbox = MailboxPage(page).open()
    mailbox.search(recipient)
    message = mailbox.message("Test message for the mailbox")
    expect(message).to_be_visible()
    message.get_by_role("link", name=f"{app_url}/signin").click()
    SignInPage(page).shown()
