"""Issue 13, point 5 on the operations pages: a refused support ticket, request for a customer, service health
post, referral or subscription quantity shows the message under the field it is about (marked invalid,
described by the message, focused), not at the top of the page; what was typed stays."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.a11y import expect_accessible
from tests.e2e.pages import (
    AppShell,
    LicensesPage,
    PostServiceHealthPage,
    ReferralLeadsPage,
    SubscriptionsPage,
    SupportPage,
    sign_in,
)

pytestmark = pytest.mark.e2e

M365 = "Microsoft 365 Business Premium"


def test_support_refusals_sit_under_the_subject_and_the_message(page: Page, data):
    contoso, adatum = data.reseller(), data.customer()
    data.connect(contoso, adatum)
    sign_in(page, contoso.admin)
    support = SupportPage(page).open()

    support.send_platform_ticket(subject="   ", message="Our invoices for May are missing.")
    form = support.platform_ticket_form
    support.expect_field_error(form.get_by_label("Subject"), "Subject is required.")
    expect(form.get_by_label("Message")).to_have_value("Our invoices for May are missing.")  # kept as typed
    expect(form.get_by_label("Message")).to_have_attribute("aria-invalid", "false")
    expect(support.alert).to_have_count(0)  # not at the top of the page as well
    expect_accessible(page, "support, a refused ticket")  # the marked field and its message pass axe too

    support.send_customer_request(customer=adatum.name, subject="Mailboxes", message="   ")
    request = support.customer_request_form
    support.expect_field_error(request.get_by_label("Message"), "Message is required.")
    expect(request.get_by_label("Subject")).to_have_value("Mailboxes")
    expect(form.get_by_label("Subject")).to_have_attribute("aria-invalid", "false")  # the earlier mark is gone

    AppShell(page).choose_language("한국어")
    form = page.get_by_role("form", name="파트너 센터에 대한 새 지원 티켓")
    form.get_by_label("제목").fill("   ")
    form.get_by_label("메시지").fill("청구서가 없습니다.")
    form.get_by_role("button", name="티켓 제출").click()
    support.expect_field_error(form.get_by_label("제목"), "제목을 입력하세요.")


def test_a_service_health_post_without_a_title_is_refused_under_the_title(page: Page, data):
    sign_in(page, data.platform().admin)
    health = PostServiceHealthPage(page).open()
    health.post(service="Microsoft Azure", status="Incident", title="   ", description="Sign-ins fail in Korea.")
    health.expect_field_error(page.get_by_label("Title", exact=True), "Title is required.")
    expect(page.get_by_label("Description", exact=True)).to_have_value("Sign-ins fail in Korea.")
    expect(health.alert).to_have_count(0)


def test_a_referral_refusal_sits_under_its_field(page: Page, data):
    contoso = data.reseller()
    sign_in(page, data.platform().admin)
    referrals = ReferralLeadsPage(page).open()
    company = data.name("Fourth Coffee")
    referrals.company.fill(company)
    referrals.contact.fill("Ha-eun Jung")
    referrals.email.fill(data.email("owner"))
    referrals.refer()
    referrals.expect_field_error(referrals.reseller_search, "Find and choose the reseller first.")

    referrals.find_reseller(contoso.name)
    referrals.choose_reseller(contoso.name)
    referrals.contact.fill("   ")
    referrals.refer()
    referrals.expect_field_error(referrals.contact, "Contact is required.")
    expect(referrals.company).to_have_value(company)  # the form is kept as typed
    expect(referrals.alert).to_have_count(0)


def test_quantity_and_license_refusals_sit_in_their_row(page: Page, data):
    contoso, adatum = data.reseller(), data.customer()
    data.connect(contoso, adatum)
    data.grant_delegated_admin(contoso, adatum)
    data.subscription(adatum, "M365-BP", reseller=contoso, quantity=2)
    tag = data.tag()
    upns = [data.customer_user(adatum, f"q{n}-{tag}", f"Quantity User {n} {tag}")["upn"] for n in (1, 2)]
    subscription = next(s for s in data.subscriptions(adatum) if s["sku"] == "M365-BP")

    sign_in(page, contoso.admin)
    licenses = LicensesPage(page).open()
    licenses.choose_customer(adatum.name)
    for upn in upns:
        licenses.assign(upn, subscription["id"])

    subscriptions = SubscriptionsPage(page).open()
    subscriptions.change_quantity(M365, 1)
    quantity = subscriptions.subscription(M365).get_by_label("Quantity")
    subscriptions.expect_field_error(
        quantity, "2 licenses are assigned. Unassign licenses before lowering the quantity below that."
    )
    expect(quantity).to_have_value("1")  # what was typed stays
    expect(subscriptions.alert).to_have_count(0)

    # A license the user already has: refused under that user's license choice.
    licenses = LicensesPage(page).open()
    licenses.choose_customer(adatum.name)
    row = licenses.user(upns[0])
    row.get_by_label("License", exact=True).select_option(value=str(subscription["id"]))
    row.get_by_role("button", name="Assign license", exact=True).click()
    licenses.expect_field_error(row.get_by_label("License", exact=True), re.compile(f"already has a {M365} license"))
    expect(licenses.alert).to_have_count(0)
    expect_accessible(page, "licenses, a refused license")
