"""Contract tests of the partner API with httpx (Starlette's TestClient) against the mounted API application:
each endpoint allowed for the right roles and refused (403 problem details) for the wrong ones, another
organization's ids (404), paging, idempotent retries creating nothing twice, rate limits (429 + Retry-After),
problem details for every error, the OpenAPI document and the self-hosted docs."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from rxapp.models import (
    AdminRole,
    AgentRole,
    AuditEvent,
    Link,
    Order,
    Organization,
    OrgKind,
    OrgStatus,
    Relationship,
    RelationshipKind,
    User,
)
from rxapp.services import api_clients
from rxapp.settings import get_settings
from tests.unit.api.helpers import PROBLEM, World, assert_problem, auth

# ------------------------------------------------------------------------------------------ authentication


def test_missing_unknown_and_revoked_secrets_are_401_problems(api, session, actor, secret):
    assert_problem(api.get("/api/v1/customers"), 401, "api.invalid_token")
    bad = api.get("/api/v1/customers", headers=auth("pcs_" + "A" * 43))
    assert_problem(bad, 401, "api.invalid_token")
    assert bad.headers["www-authenticate"].startswith("Bearer")
    contoso = secret("admin@contoso.example")
    assert api.get("/api/v1/me", headers=auth(contoso)).status_code == 200
    client = api_clients.list_clients(session, actor("admin@contoso.example"))[0]
    api_clients.revoke_client(session, actor("admin@contoso.example"), client_id=client.id)
    session.commit()
    assert_problem(api.get("/api/v1/me", headers=auth(contoso)), 401, "api.invalid_token")
    korean = api.get("/api/v1/me", headers=auth(contoso, **{"accept-language": "ko-KR"}))
    assert "액세스 토큰" in korean.json()["detail"]


def test_me_names_the_client_its_organization_and_rights(api, secret):
    body = api.get("/api/v1/me", headers=auth(secret("admin@contoso.example", "helpdesk_agent"))).json()
    assert body["organization"]["name"] == "Contoso Cloud Partners"
    assert body["organization"]["kind"] == "reseller"
    assert body["client"]["agent_role"] == "helpdesk_agent"
    assert body["client"]["prefix"].startswith("pcs_")
    assert "view_customers" in body["rights"]
    assert "invite_customers" not in body["rights"]


def test_a_suspended_organization_stops_its_clients(api, session, secret, org):
    key = secret("admin@contoso.example")
    contoso = org("Contoso")
    contoso.status = OrgStatus.INACTIVE
    session.add(contoso)
    session.commit()
    assert_problem(api.get("/api/v1/me", headers=auth(key)), 403, "api.client_suspended")


def test_every_call_is_audited_as_the_client(api, session, secret):
    key = secret("admin@contoso.example")
    api.get("/api/v1/customers", headers=auth(key))
    api.post("/api/v1/customer-relationship-requests", headers=auth("pcs_nope"))
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "api.request")).one()
    assert event.actor_api_client_id is not None
    assert event.actor_user_id is None
    assert event.detail == "GET /api/v1/customers → 200"
    assert event.actor_email.startswith("API client")


# ------------------------------------------------------------------------------------------ the matrix

CONTOSO, FABRIKAM, ADATUM = "admin@contoso.example", "admin@fabrikam.example", "admin@adatum.example"
AA, HA, NA = "admin_agent", "helpdesk_agent", "not_an_agent"
GA, BA, NOA = "global_admin", "billing_admin", "not_an_admin"

# (method, path template, json body) -> allowed (org admin, agent, admin) and refused ones (403)
MATRIX = [
    (
        ("GET", "/customers", None),
        [(CONTOSO, HA, NOA), (CONTOSO, NA, GA), (FABRIKAM, AA, NOA)],
        [(CONTOSO, NA, BA), (ADATUM, NA, GA)],
    ),
    (("GET", "/customers/{adatum}", None), [(CONTOSO, HA, NOA), (FABRIKAM, HA, NOA)], [(CONTOSO, NA, BA)]),
    (
        ("POST", "/customer-relationship-requests", {}),
        [(CONTOSO, AA, NOA), (CONTOSO, NA, GA)],
        [(CONTOSO, HA, NOA), (FABRIKAM, AA, GA)],
    ),
    (("GET", "/invitations", None), [(CONTOSO, AA, NOA), (FABRIKAM, HA, NOA)], [(CONTOSO, HA, NOA)]),
    (("POST", "/invitations/{customer_link}/revoke", None), [(CONTOSO, AA, NOA)], [(CONTOSO, HA, NOA)]),
    (("GET", "/indirect-resellers", None), [(FABRIKAM, HA, NOA)], [(CONTOSO, AA, GA), (FABRIKAM, NA, BA)]),
    (("GET", "/indirect-providers", None), [(CONTOSO, HA, NOA)], [(FABRIKAM, AA, GA)]),
    (
        ("POST", "/indirect-resellers/invitations", {"email": "admin@contoso.example"}),
        [],
        [(FABRIKAM, HA, NOA), (CONTOSO, AA, GA)],
    ),
    (("GET", "/products", None), [(FABRIKAM, AA, NOA), (CONTOSO, HA, NOA)], [(ADATUM, NA, GA)]),
    (("POST", "/orders", "order"), [(FABRIKAM, AA, NOA), (FABRIKAM, NA, GA)], [(FABRIKAM, HA, NOA), (CONTOSO, AA, GA)]),
    (("GET", "/orders", None), [(FABRIKAM, HA, NOA), (CONTOSO, NA, BA)], [(ADATUM, NA, "user_management_admin")]),
    (("GET", "/subscriptions", None), [(CONTOSO, HA, NOA), (FABRIKAM, AA, NOA)], [(CONTOSO, NA, BA)]),
    (
        ("PATCH", "/subscriptions/{azure}", {"quantity": 7}),
        [(CONTOSO, HA, NOA), (FABRIKAM, AA, NOA)],
        [(CONTOSO, NA, BA)],
    ),
    (("PATCH", "/subscriptions/{o365}", {"quantity": 7}), [(CONTOSO, AA, NOA)], [(CONTOSO, HA, NOA)]),
    (("POST", "/subscriptions/{azure}/suspend", None), [(CONTOSO, HA, NOA)], [(CONTOSO, NA, BA)]),
    (("GET", "/audit-events", None), [(CONTOSO, NA, GA), (ADATUM, NA, GA)], [(CONTOSO, AA, NOA)]),
]


def _call(api, world: World, key: str, method: str, template: str, body):
    path = "/api/v1" + template.format(**world.__dict__)
    if body == "order":
        body = {"customer_id": world.adatum, "reseller_id": world.contoso, "product_id": 2, "quantity": 1}
    return api.request(method, path, headers=auth(key), json=body)


@pytest.mark.parametrize(("request_", "allowed", "refused"), MATRIX, ids=[f"{m} {p}" for (m, p, _), *_ in MATRIX])
def test_each_endpoint_allows_the_right_roles_and_refuses_the_wrong_ones(
    api, world, secret, request_, allowed, refused
):
    method, template, body = request_
    for email, agent, admin in refused:
        response = _call(api, world, secret(email, agent, admin), method, template, body)
        problem = assert_problem(response, 403)
        assert problem["code"] in ("error.permission_denied", "subscriptions.office_365_needs_admin_agent")
    for email, agent, admin in allowed:
        response = _call(api, world, secret(email, agent, admin), method, template, body)
        assert response.status_code in (200, 201), (email, agent, admin, response.text)
        assert response.headers["content-type"].startswith("application/json")


@pytest.mark.usefixtures("session", "org")
def test_a_provider_invites_a_reseller(api, secret):
    key = secret(FABRIKAM, AA)
    created = api.post("/api/v1/indirect-resellers/invitations", headers=auth(key), json={"mpn_id": "5000001"})
    assert created.status_code == 201, created.text
    assert created.json()["reseller"]["name"] == "Contoso Cloud Partners"
    assert created.json()["status"] == "pending"
    listed = api.get("/api/v1/invitations", headers=auth(key)).json()["data"]
    assert listed[0]["id"] == created.json()["id"]
    assert listed[0]["kind"] == "reseller_authorization"
    resent = api.post(f"/api/v1/invitations/{created.json()['id']}/resend", headers=auth(key))
    assert resent.status_code == 201
    assert resent.json()["replaced_id"] == created.json()["id"]
    revoked = api.post(f"/api/v1/invitations/{resent.json()['invitation_id']}/revoke", headers=auth(key))
    assert revoked.json()["status"] == "revoked"
    again = api.post(f"/api/v1/invitations/{resent.json()['invitation_id']}/revoke", headers=auth(key))
    assert_problem(again, 409)
    both = api.post(
        "/api/v1/indirect-resellers/invitations",
        headers=auth(key),
        json={"mpn_id": "5000001", "email": "admin@contoso.example"},
    )
    assert_problem(both, 422, "api.request_invalid")


def test_customer_details_subscriptions_and_users(api, world, secret):
    key = secret(CONTOSO, AA)
    detail = api.get(f"/api/v1/customers/{world.adatum}", headers=auth(key)).json()
    assert detail["name"] == "Adatum Corporation"
    assert detail["delegated_admin"] == "active"
    assert {s["product"] for s in detail["subscriptions"]} == {"Office 365 E3", "Azure plan"}
    assert detail["users"] == []  # delegated admin active: the list (empty), not null
    helpdesk = api.get(f"/api/v1/customers/{world.adatum}", headers=auth(secret(CONTOSO, HA))).json()
    assert helpdesk["users"] is None  # helpdesk agents do not administer customers
    changed = api.patch(f"/api/v1/subscriptions/{world.azure}", headers=auth(key), json={"quantity": 9})
    assert changed.json()["quantity"] == 9
    suspended = api.post(f"/api/v1/subscriptions/{world.azure}/suspend", headers=auth(key)).json()
    assert suspended["status"] == "suspended"
    assert_problem(api.post(f"/api/v1/subscriptions/{world.azure}/suspend", headers=auth(key)), 409)
    assert_problem(api.patch(f"/api/v1/subscriptions/{world.azure}", headers=auth(key), json={"quantity": 3}), 422)
    assert api.post(f"/api/v1/subscriptions/{world.azure}/reactivate", headers=auth(key)).json()["status"] == "active"
    bad = api.patch(f"/api/v1/subscriptions/{world.azure}", headers=auth(key), json={"quantity": 0})
    assert assert_problem(bad, 422, "api.request_invalid")["errors"][0]["field"] == "quantity"


# ------------------------------------------------------------------------------------------ other organizations


@pytest.fixture
def litware(session) -> str:
    """Another reseller with a Global admin + Admin agent (no relationship with anyone)."""
    org = Organization(kind=OrgKind.RESELLER, name="Litware Cloud", country="KR", domain="litware.example")
    session.add(org)
    session.flush()
    session.add(
        User(
            org_id=org.id,
            email="admin@litware.example",
            full_name="Litware Admin",
            password_hash="x",
            agent_role=AgentRole.ADMIN_AGENT,
            admin_role=AdminRole.GLOBAL_ADMIN,
        )
    )
    session.commit()
    return "admin@litware.example"


def test_another_organization_naming_this_ones_ids_gets_404(api, world, secret, litware):
    key = secret(litware, AA, GA)
    for method, path, body in [
        ("GET", f"/customers/{world.adatum}", None),
        ("PATCH", f"/subscriptions/{world.azure}", {"quantity": 2}),
        ("POST", f"/subscriptions/{world.o365}/suspend", None),
        ("POST", f"/invitations/{world.customer_link}/revoke", None),
        ("POST", f"/invitations/{world.customer_link}/resend", None),
    ]:
        assert_problem(api.request(method, "/api/v1" + path, headers=auth(key), json=body), 404, "error.not_found")
    assert api.get("/api/v1/customers", headers=auth(key)).json() == {"data": [], "next_cursor": None, "total": 0}
    assert api.get("/api/v1/subscriptions", headers=auth(key)).json()["data"] == []
    order = {"customer_id": world.adatum, "reseller_id": world.contoso, "product_id": 1, "quantity": 1}
    fabrikam_like = secret(FABRIKAM, AA)
    assert api.post("/api/v1/orders", headers=auth(fabrikam_like), json=order).status_code == 201
    assert_problem(api.get("/api/v1/customers/999999", headers=auth(key)), 404)
    assert_problem(api.get("/api/v1/customers/abc", headers=auth(key)), 422)
    assert_problem(api.get("/api/v1/customers/99999999999999999999", headers=auth(key)), 422)


# ------------------------------------------------------------------------------------------ paging


def test_cursor_paging_walks_every_customer_once(api, session, secret, org):
    contoso = org("Contoso")
    for n in range(23):
        customer = Organization(
            kind=OrgKind.CUSTOMER, name=f"Paging Customer {n:02d}", country="KR", domain=f"paging{n}.example"
        )
        session.add(customer)
        session.flush()
        session.add(
            Relationship(kind=RelationshipKind.RESELLER_CUSTOMER, partner_org_id=contoso.id, client_org_id=customer.id)
        )
    session.commit()
    key = secret(CONTOSO, HA)
    for sort in ("name", "since"):
        seen, cursor, pages = [], None, 0
        while True:
            params = {"limit": 5, "sort": sort, **({"cursor": cursor} if cursor else {})}
            body = api.get("/api/v1/customers", headers=auth(key), params=params).json()
            assert body["total"] == 23
            seen += [row["name"] for row in body["data"]]
            pages += 1
            cursor = body["next_cursor"]
            if cursor is None:
                break
        assert len(seen) == len(set(seen)) == 23
        assert pages == 5
        if sort == "name":
            assert seen == sorted(seen)
    searched = api.get("/api/v1/customers", headers=auth(key), params={"search": "Customer 1", "limit": 3}).json()
    assert searched["total"] == 10
    assert len(searched["data"]) == 3
    name_cursor = api.get("/api/v1/customers", headers=auth(key), params={"limit": 2}).json()["next_cursor"]
    wrong_list = api.get("/api/v1/customers", headers=auth(key), params={"sort": "since", "cursor": name_cursor})
    assert_problem(wrong_list, 422, "api.cursor_invalid")
    assert_problem(api.get("/api/v1/customers", headers=auth(key), params={"cursor": "!!nope"}), 422)
    assert_problem(
        api.get("/api/v1/customers", headers=auth(key), params={"search": "a\x00b"}), 422, "api.text_invalid"
    )
    assert_problem(api.get("/api/v1/customers", headers=auth(key), params={"limit": 1000}), 422)


@pytest.mark.usefixtures("session")
def test_audit_events_page_by_cursor_and_date_range(api, secret):
    key = secret(CONTOSO, NA, GA)
    for _ in range(6):
        api.get("/api/v1/me", headers=auth(key))
    first = api.get("/api/v1/audit-events", headers=auth(key), params={"limit": 4}).json()
    second = api.get(
        "/api/v1/audit-events", headers=auth(key), params={"limit": 4, "cursor": first["next_cursor"]}
    ).json()
    ids = [e["id"] for e in first["data"] + second["data"]]  # the client's creation and its six calls (a list
    assert len(ids) == len(set(ids)) == 7
    assert ids == sorted(ids, reverse=True)
    assert second["next_cursor"] is None
    assert first["total"] == 7
    assert first["data"][0]["api_client_id"] is not None
    future = api.get("/api/v1/audit-events", headers=auth(key), params={"since": "2999-01-01T00:00:00Z"}).json()
    assert future["data"] == []
    assert future["total"] == 0


# ------------------------------------------------------------------------------------------ idempotency


def test_idempotent_retries_create_nothing_twice(api, session, world, secret):
    key = secret(CONTOSO, AA)
    links_before = session.exec(select(func.count()).select_from(Link)).one()
    headers = auth(key, **{"idempotency-key": "req-0001"})
    first = api.post("/api/v1/customer-relationship-requests", headers=headers, json={})
    retry = api.post(
        "/api/v1/customer-relationship-requests",
        headers={**headers, "content-type": "application/json"},
        content=b"{ }",
    )
    assert first.status_code == retry.status_code == 201
    assert first.json() == retry.json()
    assert retry.headers["idempotent-replayed"] == "true"
    assert "/accept/" in first.json()["url"]
    assert first.json()["url"] in first.json()["email_body"]
    assert session.exec(select(func.count()).select_from(Link)).one() == links_before + 1
    other = api.post(
        "/api/v1/customer-relationship-requests", headers=headers, json={"indirect_provider_id": world.fabrikam}
    )
    assert_problem(other, 422, "api.idempotency_mismatch")
    assert session.exec(select(func.count()).select_from(Link)).one() == links_before + 1

    provider = secret(FABRIKAM, AA)
    order = {"customer_id": world.adatum, "reseller_id": world.contoso, "product_id": 2, "quantity": 2}
    orders_before = session.exec(select(func.count()).select_from(Order)).one()
    placed = [
        api.post("/api/v1/orders", headers=auth(provider, **{"idempotency-key": "order-42"}), json=order)
        for _ in range(3)
    ]
    assert [p.status_code for p in placed] == [201, 201, 201]
    assert len({p.json()["id"] for p in placed}) == 1
    assert session.exec(select(func.count()).select_from(Order)).one() == orders_before + 1
    # The same key of another client is another key.
    other_client = secret(FABRIKAM, NA, GA)
    separate = api.post("/api/v1/orders", headers=auth(other_client, **{"idempotency-key": "order-42"}), json=order)
    assert separate.status_code == 201
    assert separate.json()["id"] != placed[0].json()["id"]
    assert_problem(
        api.post("/api/v1/orders", headers=auth(provider, **{"idempotency-key": "bad key"}), json=order),
        422,
        "api.idempotency_key_invalid",
    )


@pytest.mark.usefixtures("world")
def test_a_refused_creating_call_is_not_stored_under_its_key(api, secret):
    key = secret(CONTOSO, HA)
    headers = auth(key, **{"idempotency-key": "k1"})
    assert_problem(api.post("/api/v1/customer-relationship-requests", headers=headers, json={}), 403)
    assert_problem(api.post("/api/v1/customer-relationship-requests", headers=headers, json={}), 403)


# ------------------------------------------------------------------------------------------ rate limits


def test_rate_limit_answers_429_with_retry_after(api, secret, monkeypatch):
    monkeypatch.setattr(get_settings(), "api_rate_limit", 3)
    key, other = secret(CONTOSO, HA), secret(CONTOSO, AA)
    assert [api.get("/api/v1/me", headers=auth(key)).status_code for _ in range(3)] == [200, 200, 200]
    limited = api.get("/api/v1/me", headers=auth(key))
    problem = assert_problem(limited, 429, "api.rate_limited")
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    assert limited.headers["retry-after"] in problem["detail"]
    assert api.get("/api/v1/me", headers=auth(other)).status_code == 200  # per client


# ------------------------------------------------------------------------------------------ documents


def test_openapi_document_and_self_hosted_docs(api):
    document = api.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Partner Center API"
    assert {"/customers", "/orders", "/subscriptions/{subscription_id}", "/audit-events"} <= set(document["paths"])
    assert document["components"]["securitySchemes"]["ClientSecret"]["scheme"] == "bearer"
    assert PROBLEM in document["paths"]["/orders"]["post"]["responses"]["403"]["content"]
    docs = api.get("/api/v1/docs")
    assert docs.status_code == 200
    assert "script-src 'self'" in docs.headers["content-security-policy"]
    assert "http://" not in docs.text
    assert "https://" not in docs.text
    assert "cdn" not in docs.text.lower()
    for asset in ("docs/assets/swagger-ui-bundle.js", "docs/assets/swagger-ui.css", "docs/init.js"):
        assert asset in docs.text or asset == "docs/init.js"
        assert api.get(f"/api/v1/{asset}").status_code == 200
    assert api.get("/").status_code == 418  # everything else goes to the Reflex app
    assert_problem(api.get("/api/v1/nothing-here"), 404, "api.not_found")
