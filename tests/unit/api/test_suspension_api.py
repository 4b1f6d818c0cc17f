"""A suspended partner's API clients go through the same services and the same matrix: reading works,
changes are 403 problems naming the reason, and reinstatement gives the changes back."""

from __future__ import annotations

from rxapp.services import suspension
from tests.unit.api.helpers import assert_problem, auth

REASON = "Program agreement under review"


def test_api_changes_are_refused_with_the_reason_while_suspended(api, session, actor, secret, world):
    contoso = secret("admin@contoso.example", "admin_agent", "global_admin")
    suspension.suspend(session, actor("ops@platform.example"), org_id=world.contoso, reason=REASON)
    session.commit()
    assert api.get("/api/v1/subscriptions", headers=auth(contoso)).status_code == 200
    refused = api.patch(f"/api/v1/subscriptions/{world.o365}", json={"quantity": 7}, headers=auth(contoso))
    body = assert_problem(refused, 403, "error.org_suspended")
    assert REASON in body["detail"]
    assert_problem(
        api.post("/api/v1/customer-relationship-requests", json={}, headers=auth(contoso)), 403, "error.org_suspended"
    )
    suspension.reinstate(session, actor("ops@platform.example"), org_id=world.contoso)
    session.commit()
    changed = api.patch(f"/api/v1/subscriptions/{world.o365}", json={"quantity": 7}, headers=auth(contoso))
    assert changed.status_code == 200
    assert changed.json()["quantity"] == 7
