"""The rows of the partners pages, each a service dataclass as text, ids included, with its country's names
when it has one."""

from __future__ import annotations

from typing import TypedDict

from rxapp.state.rows.common import CountryColumns


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
