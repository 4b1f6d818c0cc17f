"""Helpers of the partner API tests: the ids of the test world, a bearer header and the check that a response is
a problem document."""

from __future__ import annotations

from dataclasses import dataclass

PROBLEM = "application/problem+json"


@dataclass
class World:
    adatum: int
    contoso: int
    fabrikam: int
    o365: int  # Adatum's Office 365 subscription (Contoso of record, Fabrikam's order)
    azure: int
    customer_link: int  # a pending customer link of Contoso


def auth(secret: str, **headers: str) -> dict[str, str]:
    return {"authorization": f"Bearer {secret}", **headers}


def assert_problem(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    assert body["instance"].startswith("/api/v1")
    if code:
        assert body["code"] == code
    return body
