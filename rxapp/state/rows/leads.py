"""The rows of the leads and incentives pages."""

from __future__ import annotations

from typing import TypedDict

from rxapp.state.rows.common import CountryColumns

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
