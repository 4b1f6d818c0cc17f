"""Issue 13, point 4: the audit log in words, English and Korean: actions, refusals with the roles they need,
records by name, details without codes; the action filter offers words; the CSV keeps codes beside words."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import AddUserPage, AppShell, AuditLogPage, sign_in

pytestmark = pytest.mark.e2e


def test_the_audit_log_reads_in_words(page: Page, data):
    contoso = data.reseller()
    helpdesk = contoso.user("helpdesk")
    email = data.email("ada", contoso)
    sign_in(page, helpdesk)
    page.goto("/leads")  # a Helpdesk agent may not manage leads: refused (and logged)
    expect(page).to_have_url(re.compile("/dashboard"))
    AppShell(page).sign_out()

    sign_in(page, contoso.admin)
    AddUserPage(page).open().create(data.name("Ada Example"), email, "Admin agent", "Not an admin")
    audit = AuditLogPage(page).open()
    rows = audit.choose_action("User added")
    added = rows.filter(has_text=email)
    expect(added).to_contain_text("User added")
    expect(added).to_contain_text(f"User {email}")  # the record by name
    expect(added).to_contain_text("Roles: Admin agent, Not an admin")
    expect(added).not_to_contain_text("admin_agent")
    rows = audit.choose_action("Any refused action")
    refused = rows.filter(has_text=helpdesk.email)  # only refusals are listed now
    expect(refused.first).to_contain_text("Refused: manage leads — needs Admin agent or Global admin or Sales agent")
    expect(page.get_by_text("refused.manage_leads")).to_have_count(0)
    expect(page.get_by_text("error.permission_denied")).to_have_count(0)

    table = audit.export_csv()
    column = {name: index for index, name in enumerate(table[0])}
    codes = {row[column["action_code"]] for row in table[1:]}
    assert "refused.manage_leads" in codes
    words = {row[column["action"]] for row in table[1:]}
    assert "Refused: manage leads — needs Admin agent or Global admin or Sales agent" in words

    AppShell(page).choose_language("한국어")
    expect(refused.first).to_contain_text("거부됨: 잠재 고객 관리 — 필요한 역할:")
    rows = audit.choose_action("사용자 추가됨")
    expect(rows.filter(has_text=email)).to_contain_text(f"사용자 {email}")
