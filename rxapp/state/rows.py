"""The shapes of the rows the states send to the pages (`list[XRow]` state vars).

Each is a `TypedDict`: a plain dict at run time (the wire format and the cost of an event are those of a dict),
while the pages get typed Vars for its fields (`row["name"]` is a StringVar inside `rx.foreach`) and Reflex
refuses, when it compiles a page, a field the row does not declare. `total=False` marks the rows built through
`paging.compact`, which drops empty fields (an absent field means empty to the page).

Maps whose keys are data rather than a fixed shape (a form's values by field name, a country's name by UI
language, an application's details by detail name) stay `dict[str, str]`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict, cast

from rxapp.services.countries import country_columns


class CountryColumns(TypedDict, total=False):
    """A country/region named in each UI language (`services.countries.country_columns`, read by
    `components.countries.country_label`): one field per language of `rxapp.i18n.LANGUAGES`."""

    country_en: str
    country_ko: str


def country_fields(code: str) -> CountryColumns:
    """`services.countries.country_columns(code)` as the rows' type: one field per UI language."""
    return cast(CountryColumns, country_columns(code))


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


# --- enrollment ----------------------------------------------------------------------------------------------


class ProfileChoice(CountryColumns):
    """An organization profile the PMC user may enroll (the wizard's step 7)."""

    id: str
    mpn_id: str
    name: str
    country: str
    active: bool
    linked: bool  # linked to another organization already
    same_country: bool


# --- customers -------------------------------------------------------------------------------------------------


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


class MarketingFields(TypedDict):
    """A partner's marketing profile as shown to customers and directory visitors ("" when not given)."""

    description: str
    industries: str
    products: str
    regions_served: str


def marketing_fields(profile: Mapping[str, str]) -> MarketingFields:
    """A partner's marketing profile (`services.profile.marketing_profiles`), "" for each field not given."""
    return MarketingFields(
        description=profile.get("description", ""),
        industries=profile.get("industries", ""),
        products=profile.get("products", ""),
        regions_served=profile.get("regions_served", ""),
    )


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


# --- orders, support, mailbox ----------------------------------------------------------------------------------


class OrderOption(TypedDict):
    """A customer the user may order for, with the resellers that may order for it."""

    id: str
    name: str
    resellers: list[IdName]


class TicketRow(TypedDict):
    id: str
    kind: str
    subject: str
    status: str
    org: str
    customer: str
    created_at: str


class TicketSubscription(TypedDict):
    id: str
    customer_id: str
    name: str


class TicketDetail(TypedDict, total=False):
    """The open ticket (empty when none is; only `id` right after one is created)."""

    id: str
    kind: str
    subject: str
    status: str
    org: str
    customer: str


class TicketMessage(TypedDict):
    author: str
    org: str
    staff: bool
    body: str
    at: str


class MailRow(TypedDict):
    id: int
    to: str
    subject: str
    body: str
    links: list[str]
    at: str
    status: str


# --- suspension ------------------------------------------------------------------------------------------------


class PartnerOrgRow(TypedDict):
    id: str
    name: str
    kind: str
    mpn_id: str
    status: str  # "active" or "suspended"
    reason: str
    suspended_on: str


class UserRow(TypedDict, total=False):
    """A row of the user list (compacted: no status while active)."""

    id: int
    full_name: str
    email: str
    agent_role: str
    admin_role: str
    status: str  # "inactive" or "temporary"


# --- partners (each a service dataclass as text, ids included, with its country's names when it has one) -----


class PartnershipRow(CountryColumns):
    id: str
    org_id: str
    name: str
    country: str
    mpn_id: str
    contact_email: str
    support_phone: str
    started_on: str
    ended_on: str
    status: str
    partner_status: str  # "suspended" while platform staff suspend the other organization
    contact_phone: str
    support_email: str


class DirectoryRow(CountryColumns):
    id: str
    name: str
    country: str
    city: str
    contact_name: str
    contact_email: str
    contact_phone: str
    support_email: str
    support_phone: str
    support_website: str
    programs: str
    published: str  # "True" or "False"
    description: str
    industries: str
    products: str
    regions_served: str


class PartnerInvitationRow(TypedDict):
    id: str
    reseller_name: str
    sent_to: str
    mpn_id: str
    sent_on: str
    expires_on: str
    status: str  # pending | expired | accepted | declined | revoked | superseded
    can_resend: str  # "True" or "False"
    can_revoke: str
    created_at: str
    expires_at: str


class CountryChoice(TypedDict):
    code: str
    name: str


class AuthorizationViewRow(TypedDict, total=False):
    """The reseller's authorization request the provider opened (empty until it is read)."""

    provider_name: str
    provider_country: str  # the code; the page names it from the provider_country_<lang> fields
    provider_country_en: str
    provider_country_ko: str
    provider_city: str
    provider_contact_email: str
    provider_support_email: str
    provider_support_phone: str
    provider_website: str
    provider_programs: str
    reseller_name: str
    invited_by: str
    message: str
    expires_on: str
    can_authorize: str  # "True" or "False"


# --- platform: enrollment review, registry ---------------------------------------------------------------------
# (An application under review stays `dict[str, str]`: its detail fields are named by the enrollment rules'
# DETAIL_FIELDS, which the page walks by name.)


class PmcAccountRow(TypedDict):
    id: str
    user_name: str
    active: str  # "True" or "False"
    mpn_ids: str  # comma-separated


class RegistryProfileRow(CountryColumns):
    id: str
    mpn_id: str
    name: str
    country: str
    status: str
    active: str  # "True" or "False"
    linked_to: str  # the linked organization's name, "" when none


class ImportReportRow(TypedDict):
    row: str
    mpn_id: str
    ok: str  # "1" when imported, else ""
    message: str
