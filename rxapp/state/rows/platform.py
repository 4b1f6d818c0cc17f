"""The rows of enrollment (profile choices) and of the platform's pages (enrollment review, PMC accounts,
the registry and its import report)."""

from __future__ import annotations

from typing import TypedDict

from rxapp.state.rows.common import CountryColumns

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
