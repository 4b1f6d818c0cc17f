"""The resources of the partner API. Each endpoint calls the same service as the page that does the same thing,
as the API client's actor, so the permission matrix and every rule live in one place (`rxapp.services`)."""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, Path, Query, Request
from sqlmodel import Session, col, select

from rxapp.api import paging, schemas
from rxapp.api.calls import Call, caller, creating_caller, perform
from rxapp.api.problems import language
from rxapp.errors import NotFound, ValidationFailed
from rxapp.i18n import translate
from rxapp.models import ApiClient, Link, OrderLine, Organization, OrgKind, Subscription, SubscriptionStatus
from rxapp.models.rows import saved_id
from rxapp.permissions import Action, Actor, allowed_actions, can, require
from rxapp.services import audit, customers, invitations, links, orders, partners, subscriptions

router = APIRouter()

Id = Annotated[int, Path(ge=1, le=2_147_483_647)]
Limit = Annotated[int, Query(ge=1, le=paging.MAX_LIMIT, description="Rows per page.")]
CursorParam = Annotated[str | None, Query(max_length=2000, description="`next_cursor` of the previous page.")]
CREATED: dict[int | str, dict[str, Any]] = {
    201: {
        "description": "Created. Repeating the call with the same `Idempotency-Key` and body returns this response "
        "again (header `Idempotent-Replayed: true`) and creates nothing."
    }
}
Row = TypeVar("Row")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")


def _text(value: str, field: str) -> str:
    if _UNSAFE.search(value or ""):
        raise ValidationFailed("api.text_invalid", field=field)
    return value


def _when(value: datetime | None) -> datetime | None:
    """A query date-time; one without a zone is UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# ------------------------------------------------------------------------------------------ the client itself


@router.get(
    "/me", response_model=schemas.Me, tags=["client"], summary="The calling client, its organization and its rights"
)
def me(call: Call = Depends(caller)):
    def work(session: Session, actor: Actor) -> schemas.Me:
        client = _stored(session, ApiClient, actor.api_client_id)
        return schemas.Me(
            client=schemas.ClientInfo(
                id=saved_id(client.id),
                name=client.name,
                prefix=client.secret_prefix,
                agent_role=client.agent_role.value,
                admin_role=client.admin_role.value,
                expires_at=client.expires_at,
            ),
            organization=schemas.OrganizationInfo(id=actor.org_id, name=actor.org_name, kind=actor.org_kind.value),
            rights=sorted(action.value for action in allowed_actions(actor)),
        )

    return perform(call, work)


# ------------------------------------------------------------------------------------------ customers


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
            session, actor, search=_text(search, "search"), sort=sort, after=after, limit=limit
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


# ------------------------------------------------------------------------------------------ invitations


def _stored(session: Session, model: type[Row], row_id: int | None) -> Row:
    """A row the call has just read or written (the actor's client, a link, its organization): gone only if a
    concurrent request deleted it, which answers 404."""
    row = session.get(model, row_id) if row_id is not None else None
    if row is None:
        raise NotFound()
    return row


def _link_id(session: Session, url: str) -> Link:
    return session.exec(select(Link).where(Link.token_hash == links.hash_token(url.rsplit("/", 1)[-1]))).one()


@router.get(
    "/invitations",
    response_model=schemas.Page[schemas.Invitation],
    tags=["invitations"],
    summary="The links you sent: customer links (resellers) or reseller authorizations (providers)",
)
def list_invitations(call: Call = Depends(caller), cursor: CursorParam = None, limit: Limit = paging.DEFAULT_LIMIT):
    def work(session: Session, actor: Actor) -> dict[str, Any]:
        if actor.org_kind == OrgKind.PROVIDER:
            rows = [
                schemas.Invitation(
                    id=i.id,
                    kind="reseller_authorization",
                    status=i.status,
                    created_at=i.created_at,
                    expires_at=i.expires_at,
                    reseller=i.reseller_name,
                    sent_to=i.sent_to or None,
                )
                for i in partners.list_invitations(session, actor)
            ]
            return paging.slice_after(
                rows,
                "invitations.provider",
                lambda r: (r.created_at.isoformat() if r.created_at else "", r.id),
                cursor,
                limit,
                descending=True,
            )
        values = paging.decode(cursor, "invitations", size=2)
        after = None
        if values is not None:
            try:
                after = (datetime.fromisoformat(values[0]), int(values[1]))
            except (TypeError, ValueError):
                raise ValidationFailed("api.cursor_invalid", field="cursor") from None
        page = invitations.list_invitations(session, actor, page_size=limit, after=after)
        rows = [
            schemas.Invitation(
                id=r.id,
                kind=r.purpose,
                status=r.status,
                created_at=r.created_at,
                expires_at=r.expires_at,
                opened_at=r.opened_at,
                created_by=r.created_by or None,
                indirect_provider=r.provider_name or None,
                customer=r.customer_name or None,
            )
            for r in page.rows
        ]
        last = page.rows[-1] if page.rows else None
        more = last is not None and len(page.rows) == limit
        return {
            "data": rows,
            "next_cursor": paging.encode("invitations", [last.created_at.isoformat(), last.id])
            if last is not None and more
            else None,
        }

    return perform(call, work)


@router.post(
    "/invitations/{invitation_id}/revoke",
    response_model=schemas.Invitation,
    tags=["invitations"],
    summary="Revoke a pending link: it stops working at once",
)
def revoke_invitation(invitation_id: Id, call: Call = Depends(creating_caller)):
    def work(session: Session, actor: Actor) -> schemas.Invitation:
        if actor.org_kind == OrgKind.PROVIDER:
            partners.revoke_invitation(session, actor, link_id=invitation_id)
        else:
            invitations.revoke_invitation(session, actor, link_id=invitation_id)
        link = _stored(session, Link, invitation_id)
        return schemas.Invitation(
            id=saved_id(link.id),
            kind=link.purpose.value,
            status=link.status.value,
            created_at=link.created_at,
            expires_at=link.expires_at,
        )

    return perform(call, work)


@router.post(
    "/invitations/{invitation_id}/resend",
    status_code=201,
    response_model=schemas.ResentInvitation,
    responses=CREATED,
    tags=["invitations"],
    summary="Replace a pending or expired link by a new one (the old one stops working)",
)
def resend_invitation(invitation_id: Id, call: Call = Depends(creating_caller)):
    def work(session: Session, actor: Actor) -> schemas.ResentInvitation:
        if actor.org_kind == OrgKind.PROVIDER:
            link, _token = partners.resend_invitation(session, actor, link_id=invitation_id)
            return schemas.ResentInvitation(
                replaced_id=invitation_id,
                invitation_id=saved_id(link.id),
                url=None,
                emailed=True,
                expires_at=link.expires_at,
            )
        fresh = invitations.new_link(session, actor, link_id=invitation_id)
        link = _link_id(session, fresh.draft.url)
        return schemas.ResentInvitation(
            replaced_id=fresh.replaced_id,
            invitation_id=saved_id(link.id),
            url=fresh.draft.url,
            emailed=fresh.emailed,
            expires_at=link.expires_at,
        )

    return perform(call, work, status_code=201, idempotent=True)


# ------------------------------------------------------------------------------------------ partners


def _partners(action: Action, cursor: str | None, limit: int):
    def work(session: Session, actor: Actor) -> dict[str, Any]:
        require(actor, action, read=True)  # the service picks the side by organization kind: make it the asked one
        rows = [
            schemas.Partner(
                relationship_id=p.id,
                organization_id=p.org_id,
                name=p.name,
                country=p.country,
                mpn_id=p.mpn_id,
                contact_email=p.contact_email,
                since=p.started_on,
            )
            for p in partners.list_partnerships(session, actor)
        ]
        return paging.slice_after(
            rows, f"partners.{action.value}", lambda r: (r.name, r.relationship_id), cursor, limit
        )

    return work


@router.get(
    "/indirect-resellers",
    response_model=schemas.Page[schemas.Partner],
    tags=["partners"],
    summary="A provider's indirect resellers",
)
def list_indirect_resellers(
    call: Call = Depends(caller), cursor: CursorParam = None, limit: Limit = paging.DEFAULT_LIMIT
):
    return perform(call, _partners(Action.VIEW_INDIRECT_RESELLERS, cursor, limit))


@router.get(
    "/indirect-providers",
    response_model=schemas.Page[schemas.Partner],
    tags=["partners"],
    summary="A reseller's indirect providers",
)
def list_indirect_providers(
    call: Call = Depends(caller), cursor: CursorParam = None, limit: Limit = paging.DEFAULT_LIMIT
):
    return perform(call, _partners(Action.VIEW_INDIRECT_PROVIDERS, cursor, limit))


@router.post(
    "/indirect-resellers/invitations",
    status_code=201,
    response_model=schemas.ResellerInvitation,
    responses=CREATED,
    tags=["partners"],
    summary="A provider invites an enrolled reseller (emailed an authorization link)",
)
def invite_reseller(body: schemas.ResellerInvitationIn, call: Call = Depends(creating_caller)):
    def work(session: Session, actor: Actor) -> schemas.ResellerInvitation:
        link, _token = partners.invite_reseller(
            session, actor, email=body.email, mpn_id=body.mpn_id, message=body.message
        )
        reseller = _stored(session, Organization, link.target_org_id)
        return schemas.ResellerInvitation(
            id=saved_id(link.id),
            reseller=schemas.Ref(id=saved_id(reseller.id), name=reseller.name),
            status=link.status.value,
            expires_at=link.expires_at,
        )

    return perform(call, work, status_code=201, idempotent=True)


# ------------------------------------------------------------------------------------------ orders


@router.get("/products", response_model=list[schemas.Product], tags=["orders"], summary="The active catalog")
def list_products(call: Call = Depends(caller)):
    def work(session: Session, actor: Actor) -> list[schemas.Product]:
        if not can(actor, Action.SUBMIT_ORDERS):
            require(actor, Action.VIEW_CUSTOMERS, read=True)
        return [
            schemas.Product(
                id=saved_id(p.id),
                sku=p.sku,
                name=p.name,
                family=p.family.value,
                monthly_price_cents=p.monthly_price_cents,
            )
            for p in orders.list_products(session)
        ]

    return perform(call, work)


@router.post(
    "/orders",
    status_code=201,
    response_model=schemas.Order,
    responses=CREATED,
    tags=["orders"],
    summary="A provider places an order for a customer it has a reseller relationship with",
)
def place_order(body: schemas.OrderIn, call: Call = Depends(creating_caller)):
    def work(session: Session, actor: Actor) -> schemas.Order:
        order = orders.submit_order(
            session,
            actor,
            customer_org_id=body.customer_id,
            reseller_org_id=body.reseller_id,
            product_id=body.product_id,
            quantity=body.quantity,
        )
        lines = session.exec(select(OrderLine).where(OrderLine.order_id == order.id)).all()
        subscription = session.exec(
            select(Subscription.id)
            .where(
                Subscription.customer_org_id == order.customer_org_id,
                Subscription.product_id == body.product_id,
                Subscription.reseller_org_id == order.reseller_org_id,
                Subscription.provider_org_id == actor.org_id,
                Subscription.status == SubscriptionStatus.ACTIVE,
            )
            .order_by(col(Subscription.id).desc())
        ).first()
        return schemas.Order(
            id=saved_id(order.id),
            customer_id=order.customer_org_id,
            reseller_id=order.reseller_org_id,
            provider_id=order.provider_org_id,
            status=order.status.value,
            created_at=order.created_at,
            lines=[
                schemas.OrderLine(
                    product_id=line.product_id, quantity=line.quantity, unit_price_cents=line.unit_price_cents
                )
                for line in lines
            ],
            subscription_id=subscription,
        )

    return perform(call, work, status_code=201, idempotent=True)


@router.get(
    "/orders",
    response_model=schemas.Page[schemas.OrderSummary],
    tags=["orders"],
    summary="Order history (provider: placed; reseller: of record), newest first",
)
def list_orders(call: Call = Depends(caller), cursor: CursorParam = None, limit: Limit = paging.DEFAULT_LIMIT):
    def work(session: Session, actor: Actor) -> dict[str, Any]:
        rows = [schemas.OrderSummary(**row.__dict__) for row in orders.list_orders(session, actor, limit=500)]
        return paging.slice_after(rows, "orders", lambda r: (r.id,), cursor, limit, descending=True)

    return perform(call, work)


# ------------------------------------------------------------------------------------------ subscriptions


def _subscription(row: subscriptions.SubscriptionRow) -> schemas.Subscription:
    return schemas.Subscription(
        id=row.id,
        customer_id=row.customer_id,
        customer=row.customer,
        product=row.product,
        family=row.family,
        quantity=row.quantity,
        assigned=row.assigned,
        status=row.status,
        office_365=row.office_365,
    )


def _one_subscription(session: Session, actor: Actor, subscription_id: int) -> schemas.Subscription:
    rows = subscriptions.list_subscriptions(session, actor, after_id=subscription_id - 1, limit=1)
    if not rows or rows[0].id != subscription_id:
        raise NotFound()
    return _subscription(rows[0])


@router.get(
    "/subscriptions",
    response_model=schemas.Page[schemas.Subscription],
    tags=["subscriptions"],
    summary="Subscriptions you sell to the customers you serve",
)
def list_subscriptions(
    call: Call = Depends(caller),
    customer_id: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
    cursor: CursorParam = None,
    limit: Limit = paging.DEFAULT_LIMIT,
):
    def work(session: Session, actor: Actor) -> dict[str, Any]:
        values = paging.decode(cursor, "subscriptions", size=1)
        if values is not None and not isinstance(values[0], int):
            raise ValidationFailed("api.cursor_invalid", field="cursor")
        rows = subscriptions.list_subscriptions(
            session, actor, customer_org_id=customer_id, after_id=values[0] if values else None, limit=limit + 1
        )
        return paging.page([_subscription(row) for row in rows], "subscriptions", lambda r: (r.id,), limit)

    return perform(call, work)


@router.patch(
    "/subscriptions/{subscription_id}",
    response_model=schemas.Subscription,
    tags=["subscriptions"],
    summary="Change the license quantity (never below the licenses assigned)",
)
def change_quantity(subscription_id: Id, body: schemas.QuantityIn, call: Call = Depends(creating_caller)):
    def work(session: Session, actor: Actor) -> schemas.Subscription:
        subscriptions.change_quantity(session, actor, subscription_id=subscription_id, quantity=body.quantity)
        return _one_subscription(session, actor, subscription_id)

    return perform(call, work)


@router.post(
    "/subscriptions/{subscription_id}/suspend",
    response_model=schemas.Subscription,
    tags=["subscriptions"],
    summary="Suspend a subscription",
)
def suspend(subscription_id: Id, call: Call = Depends(creating_caller)):
    def work(session: Session, actor: Actor) -> schemas.Subscription:
        subscriptions.suspend(session, actor, subscription_id=subscription_id)
        return _one_subscription(session, actor, subscription_id)

    return perform(call, work)


@router.post(
    "/subscriptions/{subscription_id}/reactivate",
    response_model=schemas.Subscription,
    tags=["subscriptions"],
    summary="Reactivate a suspended subscription",
)
def reactivate(subscription_id: Id, call: Call = Depends(creating_caller)):
    def work(session: Session, actor: Actor) -> schemas.Subscription:
        subscriptions.reactivate(session, actor, subscription_id=subscription_id)
        return _one_subscription(session, actor, subscription_id)

    return perform(call, work)


# ------------------------------------------------------------------------------------------ audit


@router.get(
    "/audit-events",
    response_model=schemas.Counted[schemas.AuditEvent],
    tags=["audit"],
    summary="Your organization's activity log, newest first, in a date range (`until` exclusive)",
)
def list_audit_events(
    call: Call = Depends(caller),
    since: datetime | None = None,
    until: datetime | None = None,
    cursor: CursorParam = None,
    limit: Limit = paging.DEFAULT_LIMIT,
):
    def work(session: Session, actor: Actor) -> dict[str, Any]:
        values = paging.decode(cursor, "audit", size=2)
        after = None
        if values is not None:
            try:
                after = (datetime.fromisoformat(values[0]), int(values[1]))
            except (TypeError, ValueError):
                raise ValidationFailed("api.cursor_invalid", field="cursor") from None
        rows, total = audit.list_events(
            session,
            actor,
            filters=audit.AuditFilter(since=_when(since), until=_when(until)),
            after=after,
            limit=limit + 1,
        )
        data = [
            schemas.AuditEvent(
                id=e.id,
                at=e.at,
                actor=e.actor_email,
                api_client_id=e.actor_api_client_id,
                action=e.action,
                target_type=e.target_type,
                target_id=e.target_id,
                outcome=e.outcome.value,
                detail=e.detail,
            )
            for e in rows
        ]
        return {**paging.page(data, "audit", lambda e: (e.at.isoformat(), e.id), limit), "total": total}

    return perform(call, work)
