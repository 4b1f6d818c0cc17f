"""Multi-factor sign-in in a real browser: a user sets it up reading the key (codes computed with pyotp as an
authenticator app would), signs out, signs in with a code; a used code is refused; a recovery code works
once; an organization that requires it forces its users to set it up before anything else, and its Global
admin resets a user's second factor."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.data import user_spec
from tests.e2e.pages import AppShell, EditUserPage, SecurityPage, SignInPage, sign_in, totp_code

pytestmark = pytest.mark.e2e

CODE_REFUSED = re.compile("The code is not valid")


def test_a_user_sets_up_mfa_and_signs_in_with_a_code_once_and_a_recovery_code_once(page: Page, data, hooks):
    contoso = data.reseller(helpdesk=False)
    admin = contoso.admin
    sign_in(page, admin)
    AppShell(page).go("Sign-in security")
    security = SecurityPage(page).shown()
    key = security.set_up()
    assert re.fullmatch(r"[A-Z2-7]{32}", key)  # a 160-bit base32 key, to type into an authenticator app
    security.confirm("000000" if totp_code(key) != "000000" else "111111")
    expect(security.alert).to_contain_text(CODE_REFUSED)
    security.confirm(totp_code(key))
    codes = security.recovery_codes()
    assert len(set(codes)) == 10
    assert all(re.fullmatch(r"[a-z0-9]{5}-[a-z0-9]{5}", code) for code in codes)
    security.codes_stored()
    expect(security.on).to_be_visible()
    assert "turned on" in hooks.email(admin.email, "Multi-factor sign-in is on").text
    AppShell(page).sign_out()

    signin = SignInPage(page).open()
    signin.submit(admin.email, admin.password)
    code = totp_code(key)
    signin.enter_code(code)
    expect(page).to_have_url(re.compile("/dashboard"))
    AppShell(page).sign_out()

    signin = SignInPage(page).open()
    signin.submit(admin.email, admin.password)
    signin.enter_code(code)  # the same code again: accepted once only
    expect(signin.alert).to_contain_text(CODE_REFUSED)
    signin.enter_code(codes[0])  # a recovery code instead
    expect(page).to_have_url(re.compile("/dashboard"))
    assert "Recovery codes left: 9" in hooks.email(admin.email, "recovery code was used").text
    AppShell(page).sign_out()

    signin = SignInPage(page).open()
    signin.submit(admin.email, admin.password)
    signin.enter_code(codes[0])  # used already
    expect(signin.alert).to_contain_text(CODE_REFUSED)
    signin.enter_code(totp_code(key))
    expect(page).to_have_url(re.compile("/dashboard"))
    hooks.reset_throttle(email=admin.email)  # the refused codes count against this machine's address too


def test_an_organization_that_requires_mfa_forces_set_up_and_its_admin_resets_it(page: Page, data, hooks, new_page):
    adatum = data.customer()
    worker = data.add_user(adatum, "worker", "Adatum Worker")
    sign_in(page, adatum.admin)
    security = SecurityPage(page).open()
    security.require()

    other = new_page()
    SignInPage(other).open().sign_in(worker.email, worker.password, expect_path="/account/security")
    worker_security = SecurityPage(other).shown()
    expect(worker_security.must_enroll).to_be_visible()
    other.goto("/dashboard")  # nothing else before the set-up
    expect(other).to_have_url(re.compile("/account/security"))
    key = worker_security.set_up()
    worker_security.confirm(totp_code(key))
    worker_security.recovery_codes()
    worker_security.codes_stored()
    other.goto("/dashboard")
    expect(other).to_have_url(re.compile("/dashboard"))

    # The Global admin is held to the policy too, then resets the worker's second factor (a lost phone).
    page.goto("/dashboard")
    expect(page).to_have_url(re.compile("/account/security"))
    admin_key = SecurityPage(page).shown().set_up()
    SecurityPage(page).confirm(totp_code(admin_key))
    SecurityPage(page).codes_stored()
    page.goto(f"/account/users/edit?user={worker.id}")
    edit = EditUserPage(page).shown()
    expect(page.get_by_text("Multi-factor sign-in: on")).to_be_visible()
    edit.reset_mfa()
    assert "reset multi-factor sign-in" in hooks.email(worker.email, "multi-factor sign-in was reset").text
    other.goto("/dashboard")  # the worker was signed out, and sets it up again at the next sign-in
    expect(other).to_have_url(re.compile("/signin"))
    SignInPage(other).open().sign_in(worker.email, worker.password, expect_path="/account/security")


def test_platform_staff_reset_an_organizations_last_global_admin(page: Page, data, hooks):
    adatum = data.org(
        "customer", "Adatum Corporation", user_spec("admin", "Adatum Admin", admin="global_admin", mfa=True)
    )
    staff = data.platform().admin
    assert staff.totp_key
    assert adatum.admin.totp_key
    sign_in(page, staff)  # platform staff always enter a code
    SecurityPage(page).open().reset_last_admin(adatum.admin.email)
    assert "reset multi-factor sign-in" in hooks.email(adatum.admin.email, "multi-factor sign-in was reset").text
    AppShell(page).sign_out()
    SignInPage(page).open().sign_in(adatum.admin.email, adatum.admin.password)  # no code asked any more
