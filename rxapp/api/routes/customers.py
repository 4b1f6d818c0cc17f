"""The partner API's customers: the list, one customer, relationship requests."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from sqlmodel import Session

from rxapp.api import paging, schemas
from rxapp.api.calls import Call, caller, creating_caller, perform
from rxapp.api.problems import language
from rxapp.api.routes.common import CREATED, CursorParam, Id, Limit, checked_text
from rxapp.errors import ValidationFailed
from rxapp.i18n import translate
from rxapp.permissions import Actor
from rxapp.services import customers

router = APIRouter()


def _customer_cursor(values: list[Any] | None) -> customers.Cursor | None:
    if values is None:
        return None
    name, org_id, rel_id = values
    if not isinstance(name, str) or not isinstance(org_id, int) or not isinstance(rel_id, int):
        raise ValidationFailed("api.cursor_invalid", field="cursor")
    return customers.Cursor(name=name, id=org_id, relationship_id=rel_id)


@router.get(
    "/customers",
    response_model=schemas.Counted[schemas.Customer],
    tags=["customers"],
    summary="Your customers (search by name, domain or contact email)",
)
def list_customers(
    call: Call = Depends(caller),
    search: Annotated[str, Query(max_length=100)] = "",
    sort: Literal["name", "since"] = "name",
    cursor: CursorParam = None,
    limit: Limit = paging.DEFAULT_LIMIT,
):
    kind = f"customers.{sort}"

    def work(session: Session, actor: Actor) -> dict[str, Any]:
        after = _customer_cursor(paging.decode(cursor, kind, size=3))
        page = customers.list_customers(
            session, actor, search=checked_text(search, "search"), sort=sort, after=after, limit=limit
        )
        rows = [
            schemas.Customer(
                id=r.id,
                name=r.name,
                domain=r.domain,
                country=r.country,
                contact_email=r.contact_email,
                customer_since=r.since,
                relationship_id=r.relationship_id,
                delegated_admin=r.delegated_admin,
                delegated_admin_expires_at=r.delegated_admin_expires,
            )
            for r in page.rows
        ]
        last = page.rows[-1] if page.rows else None
        more = last is not None and len(page.rows) == limit
        return {
            "data": rows,
            "total": page.total,
            "next_cursor": paging.encode(kind, [last.name, last.id, last.relationship_id])
            if last is not None and more
            else None,
        }

    return perform(call, work)


@router.get(
    "/customers/{customer_id}",
    response_model=schemas.CustomerDetail,
    tags=["customers"],
    summary="One customer with its subscriptions and (with delegated admin privileges) its users",
)
def get_customer(customer_id: Id, call: Call = Depends(caller)):
    def work(session: Session, actor: Actor) -> schemas.CustomerDetail:
        d = customers.customer_detail(session, actor, customer_org_id=customer_id)
        return schemas.CustomerDetail(
            id=d.id,
            name=d.name,
            domain=d.domain,
            country=d.country,
            contact_email=d.contact_email,
            address=d.address,
            customer_since=d.since,
            resellers=[schemas.CustomerPartner(**asdict(p)) for p in d.resellers],
            delegated_admin=d.delegated_admin,
            delegated_admin_expires_at=d.delegated_admin_expires,
            subscriptions=[schemas.CustomerSubscription(**asdict(s)) for s in d.subscriptions],
            users=None if d.users is None else [schemas.CustomerUser(**asdict(u)) for u in d.users],
        )

    return perform(call, work)


@router.post(
    "/customer-relationship-requests",
    status_code=201,
    response_model=schemas.RelationshipRequest,
    responses=CREATED,
    tags=["customers"],
    summary="A reseller relationship request: the personalized link and the draft email of the page",
)
def request_relationship(
    request: Request, body: schemas.RelationshipRequestIn | None = None, call: Call = Depends(creating_caller)
):
    lang = language(request)
    provider_id = body.indirect_provider_id if body else None

    def work(session: Session, actor: Actor) -> schemas.RelationshipRequest:
        if provider_id is None:
            draft = customers.request_relationship_link(session, actor)
        else:
            draft = customers.invite_new_customer_link(session, actor, provider_org_id=provider_id)
        params = {"reseller": draft.reseller_name, "provider": draft.provider_name}
        text = translate(
            lang, "customers.draft_body_two_party" if draft.provider_name else "customers.draft_body", **params
        )
        return schemas.RelationshipRequest(
            url=draft.url,
            email_subject=translate(lang, "customers.draft_subject", **params),
            email_body=f"{text}\n\n{draft.url}",
            reseller=draft.reseller_name,
            indirect_provider=draft.provider_name or None,
            expires_at=draft.expires_at,
        )

    return perform(call, work, status_code=201, idempotent=True)
