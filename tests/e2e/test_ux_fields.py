"""Issue 13, point 5: a refused form shows the message under the field it is about, marks that field invalid
and described by the message, and moves the focus there; what was typed stays (English and Korean)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import AddUserPage, AppShell, IndirectResellersPage, PartnerProfilePage, RegistryPage, sign_in

pytestmark = pytest.mark.e2e


def test_add_user_shows_a_taken_email_under_the_email_field(page: Page, data):
    contoso = data.reseller()
    sign_in(page, contoso.admin)
    add = AddUserPage(page).open()
    name = data.name("Twin")
    add.submit(name, contoso.admin.email, "Admin agent", "Not an admin")
    email = page.get_by_label("Email")
    add.expect_field_error(email, "A user with this email already exists.")
    expect(page.get_by_label("Full name")).to_have_value(name)
    expect(page.get_by_label("Full name")).to_have_attribute("aria-invalid", "false")

    AppShell(page).choose_language("한국어")
    add.submit(name, contoso.admin.email, "관리자 에이전트", "관리자가 아님", add="추가")
    add.expect_field_error(page.get_by_label("전자 메일"), "이 전자 메일을 사용하는 사용자가 이미 있습니다.")


def test_the_profile_refuses_free_webmail_under_the_contact_email(page: Page, data):
    contoso = data.reseller()
    sign_in(page, contoso.admin)
    profile = PartnerProfilePage(page).open()
    profile.contact_email.fill("someone@gmail.com")
    page.get_by_role("button", name="Save").click()
    profile.expect_field_error(profile.contact_email, re.compile("^Use an address at your organization.s domain"))
    expect(profile.contact_email).to_have_value("someone@gmail.com")
    expect(profile.alert).to_have_count(0)  # not at the top of the page as well


def test_registry_errors_sit_under_their_field_and_keep_the_typed_values(page: Page, data):
    staff = data.platform()
    taken = data.registry((data.name("Taken Co"), "KR")).profiles[0]["mpn_id"]
    sign_in(page, staff.admin)
    registry = RegistryPage(page).open()
    name = data.name("Second Co")
    registry.try_add_profile(taken, name)
    registry.expect_field_error(
        page.get_by_label("MPN ID", exact=True), f"An organization profile with MPN ID {taken} already exists."
    )
    expect(page.get_by_label("Organization name")).to_have_value(name)  # kept as typed
    expect(page.get_by_label("MPN ID", exact=True)).to_have_value(taken)


def test_a_reseller_invitation_refusal_sits_under_the_email(page: Page, data):
    fabrikam = data.provider()
    sign_in(page, fabrikam.admin)
    resellers = IndirectResellersPage(page).open()
    page.get_by_role("button", name="Invite reseller").click()
    dialog = page.get_by_role("dialog", name="Invite reseller")
    email = dialog.get_by_label("Reseller admin's email")
    unknown = data.email("nobody")
    email.fill(unknown)
    dialog.get_by_role("button", name="Send invitation").click()
    resellers.expect_field_error(email, re.compile(".+"))
    expect(email).to_have_value(unknown)
    expect(dialog.get_by_role("alert")).to_have_count(0)
