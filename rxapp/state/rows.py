"""The shapes of the rows the states send to the pages (`list[XRow]` state vars).

Each is a `TypedDict`: a plain dict at run time (the wire format and the cost of an event are those of a dict),
while the pages get typed Vars for its fields (`row["name"]` is a StringVar inside `rx.foreach`) and Reflex
refuses, when it compiles a page, a field the row does not declare. `total=False` marks the rows built through
`paging.compact`, which drops empty fields (an absent field means empty to the page).

Maps whose keys are data rather than a fixed shape (a form's values by field name, a country's name by UI
language, an application's details by detail name) stay `dict[str, str]`.
"""

from __future__ import annotations

from typing import TypedDict


class CountryColumns(TypedDict, total=False):
    """A country/region named in each UI language (`services.countries.country_columns`, read by
    `components.countries.country_label`): one field per language of `rxapp.i18n.LANGUAGES`."""

    country_en: str
    country_ko: str


class IdName(TypedDict):
    """A choice of a <select>: its value and its text."""

    id: str
    name: str


# --- dashboard ---------------------------------------------------------------------------------------------


class TodoRow(TypedDict):
    key: str
    count: str
    href: str
    days: str  # the oldest's age in days, "" when not known


# --- operations: subscriptions, licenses, billing, service health ----------------------------------------


class SubscriptionRow(TypedDict):
    id: str
    customer: str
    product: str
    quantity: str
    assigned: str
    status: str
    family: str
    office_365: bool
    active: bool


class LicenseOption(TypedDict):
    """An active subscription of the customer, as the assign form offers it."""

    id: str
    product: str
    quantity: str
    assigned: str
    label: str


class AssignedLicense(TypedDict):
    subscription_id: str
    product: str


class LicenseUserRow(TypedDict):
    id: str
    name: str
    upn: str
    licenses: list[AssignedLicense]


class LicenseConfirm(TypedDict, total=False):
    """The unassignment waiting for confirmation (empty when none)."""

    subscription: str  # the ids, as the page sent them
    user: str
    label: str


class ChargeRow(TypedDict):
    customer: str
    product: str
    quantity: str
    unit: str
    amount: str


class OrderRow(TypedDict):
    id: str
    created_at: str
    customer: str
    provider: str
    reseller: str
    product: str
    quantity: str
    total_cents: int
    total: str
    status: str


class HealthRow(TypedDict):
    id: str
    family: str
    status: str
    title: str
    description: str
    posted_at: str
    resolved: bool
    customers: str


# --- leads ---------------------------------------------------------------------------------------------------


class LeadRow(TypedDict):
    id: str
    company: str
    contact: str
    email: str
    country: str
    source: str
    source_name: str
    partner: str
    status: str
    created_at: str
    new: bool


class ResellerMatch(CountryColumns):
    id: str
    name: str


# --- incentives ------------------------------------------------------------------------------------------------


class EarningRow(TypedDict):
    program: str
    month: str
    eligible: str  # "yes" or "no"
    reason: str
    base: str
    earning: str


class ProgramRow(TypedDict):
    id: str
    name: str
    families: str  # comma-separated codes
    rate: str
    dates: str
    kinds: str  # comma-separated codes
    countries: str


# --- API access and webhooks ----------------------------------------------------------------------------------


class ApiClientRow(TypedDict):
    id: str
    name: str
    prefix: str
    roles: str
    created: str
    created_by: str
    expires: str
    last_used: str
    status: str


class WebhookEndpointRow(TypedDict):
    id: str
    url: str
    description: str
    events: str
    status: str
    reason: str
    created: str


class WebhookDeliveryRow(TypedDict):
    id: str
    event: str
    status: str
    attempts: str
    response: str
    duration: str
    created: str
    error: str
    next: str
    resent: str  # "yes" for a resend, else ""


# --- invitations, audit ---------------------------------------------------------------------------------------


class InvitationRow(TypedDict):
    id: str
    purpose: str
    detail: str
    status: str
    created: str
    expires: str
    opened: str
    created_by: str
    can_revoke: str  # "yes" or ""
    can_renew: str  # "yes" or ""


class AuditRow(TypedDict, total=False):
    at: str
    org: str
    actor: str
    action: str
    refused: str
    roles: list[str]
    outcome: str
    kind: str
    record: str
    detail: list[dict[str, str]]  # pieces: {"kind": ..., "value": ...}
