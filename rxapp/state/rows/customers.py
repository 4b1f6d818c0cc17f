"""The rows of a reseller's customers (list, details, relationships) and of a customer's Partners page."""

from __future__ import annotations

from typing import TypedDict

from rxapp.state.rows.common import CountryColumns, MarketingFields


class CustomerRow(TypedDict, total=False):
    """A row of the customer list (compacted; codes and ISO dates, worded by the page)."""

    id: str
    name: str
    domain: str
    country: str
    unverified: str  # "1" when the domain is not verified
    since: str
    da_state: str  # the delegated admin state, absent when none
    da_until: str


class CustomerDetail(CountryColumns, total=False):
    """The customer whose details are open (empty when none is)."""

    id: str
    name: str
    domain: str
    country: str
    unverified: str  # "1" when the domain is not verified
    contact: str
    address: str
    since: str
    da: str


class CustomerResellerRow(TypedDict):
    name: str
    kind: str
    since: str


class CustomerSubscriptionRow(TypedDict):
    product: str
    status: str
    licenses: str


class CustomerUserRow(TypedDict):
    name: str
    upn: str
    licenses: str


class CustomerPartnerRow(MarketingFields):
    """One of the customer's current partners (its Partners page)."""

    id: str
    partner_id: str
    name: str
    kind: str
    may: str
    since: str
    da_active: str  # "1" while delegated admin privileges are active
    suspended: str  # "1" while the partner is suspended


class EndedPartnerRow(TypedDict):
    name: str
    kind: str
    when: str


class RelationshipRow(TypedDict):
    key: str
    kind: str
    detail: str
    other: str
    start: str
    end: str
    days_left: str
    status: str
    can_extend: str  # flags: "1" or ""
    can_resend: str
    can_revoke: str
