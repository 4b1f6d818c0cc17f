"""The API's request and response shapes (they make the OpenAPI document). Request text is refused when it
holds control characters or lone surrogates, like the pages' input boundary."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
R = TypeVar("R")


def _safe(value: str | None) -> str | None:
    if value is not None and _UNSAFE.search(value):
        raise ValueError("control characters and lone surrogates are not allowed")
    return value


SafeText = Annotated[str, AfterValidator(_safe)]


class Page(BaseModel, Generic[R]):
    data: list[R]
    next_cursor: str | None = Field(None, description="Pass as `cursor` to read the next page; null on the last.")


class Counted(Page[R], Generic[R]):
    total: int = Field(description="Rows in the whole filtered list.")


class Ref(BaseModel):
    id: int
    name: str


# --- me


class ClientInfo(BaseModel):
    id: int
    name: str
    prefix: str = Field(description="The first characters of the secret, to recognise it.")
    agent_role: str
    admin_role: str
    expires_at: datetime


class OrganizationInfo(BaseModel):
    id: int
    name: str
    kind: str


class Me(BaseModel):
    client: ClientInfo
    organization: OrganizationInfo
    rights: list[str] = Field(description="The permission-matrix actions this client may take.")


# --- customers


class Customer(BaseModel):
    id: int
    name: str
    domain: str
    country: str
    contact_email: str
    customer_since: datetime
    relationship_id: int
    delegated_admin: str = Field(description="active | expired | removed | none (resellers only)")
    delegated_admin_expires_at: datetime | None = None


class CustomerPartner(BaseModel):
    name: str
    kind: str
    since: datetime


class CustomerSubscription(BaseModel):
    id: int
    product: str
    quantity: int
    status: str
    assigned: int


class CustomerUser(BaseModel):
    id: int
    name: str
    upn: str
    active: bool
    licenses: int


class CustomerDetail(BaseModel):
    id: int
    name: str
    domain: str
    country: str
    contact_email: str
    address: str
    customer_since: datetime
    resellers: list[CustomerPartner]
    delegated_admin: str
    delegated_admin_expires_at: datetime | None
    subscriptions: list[CustomerSubscription]
    users: list[CustomerUser] | None = Field(
        description="The customer's users; null without active delegated admin privileges."
    )


class RelationshipRequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    indirect_provider_id: int | None = Field(
        None, description="Invite a new customer for this indirect provider too (a two-party link)."
    )


class RelationshipRequest(BaseModel):
    url: str = Field(description="The personalized link the customer follows to accept.")
    email_subject: str
    email_body: str = Field(description="The draft email of the page, with the link at its end.")
    reseller: str
    indirect_provider: str | None
    expires_at: datetime


# --- invitations


class Invitation(BaseModel):
    id: int
    kind: str = Field(
        description="customer_relationship | customer_two_party | delegated_admin | reseller_authorization"
    )
    status: str = Field(description="pending | expired | accepted | declined | revoked | superseded")
    created_at: datetime | None = None
    expires_at: datetime | None = None
    opened_at: datetime | None = None
    created_by: str | None = None
    indirect_provider: str | None = None
    customer: str | None = None
    reseller: str | None = None
    sent_to: str | None = None


class ResentInvitation(BaseModel):
    replaced_id: int
    invitation_id: int
    url: str | None = Field(None, description="Customer links: the new link (the page shows it too).")
    emailed: bool
    expires_at: datetime


# --- partners


class Partner(BaseModel):
    relationship_id: int
    organization_id: int
    name: str
    country: str
    mpn_id: str
    contact_email: str
    since: str


class ResellerInvitationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: SafeText | None = Field(None, max_length=254, description="The reseller's admin's email...")
    mpn_id: SafeText | None = Field(None, max_length=20, description="... or its MPN ID.")
    message: SafeText | None = Field(None, max_length=1000)

    @model_validator(mode="after")
    def _one_target(self) -> ResellerInvitationIn:
        if bool(self.email) == bool(self.mpn_id):
            raise ValueError("give exactly one of email and mpn_id")
        return self


class ResellerInvitation(BaseModel):
    id: int
    reseller: Ref
    status: str
    expires_at: datetime


# --- products, orders, subscriptions


class Product(BaseModel):
    id: int
    sku: str
    name: str
    family: str
    monthly_price_cents: int


class OrderIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    customer_id: int
    reseller_id: int = Field(description="The indirect reseller of record (accepted by the customer too).")
    product_id: int
    quantity: int = Field(ge=1, le=10_000)


class OrderLine(BaseModel):
    product_id: int
    quantity: int
    unit_price_cents: int


class Order(BaseModel):
    id: int
    customer_id: int
    reseller_id: int
    provider_id: int
    status: str
    created_at: datetime
    lines: list[OrderLine]
    subscription_id: int | None


class OrderSummary(BaseModel):
    id: int
    created_at: str
    customer: str
    provider: str
    reseller: str
    product: str
    quantity: int
    total_cents: int
    status: str


class Subscription(BaseModel):
    id: int
    customer_id: int
    customer: str
    product: str
    family: str
    quantity: int
    assigned: int
    status: str
    office_365: bool


class QuantityIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    quantity: int = Field(ge=1, le=10_000)


# --- audit


class AuditEvent(BaseModel):
    id: int
    at: datetime
    actor: str | None
    api_client_id: int | None
    action: str
    target_type: str | None
    target_id: int | None
    outcome: str
    detail: str
