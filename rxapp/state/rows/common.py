"""What the row shapes share: a country named in each UI language, a <select>'s choice, a partner's
marketing profile."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict, TypeVar, cast

from rxapp.services.countries import country_columns

_EMPTY: tuple[Any, ...] = ("", [], None)
Row = TypeVar("Row", bound=Mapping[str, Any])


def compact(row: Row) -> Row:
    """A list row without its empty fields. A page of rows travels with every hydration and list event, so
    an absent field means empty to the page: it tests fields by truth (`rx.cond(row["x"], ...)`), matches
    them with a default branch, and `rx.foreach` takes an absent list as empty. The row's type is a
    `TypedDict(total=False)` (`state/rows/`), whose fields may be absent."""
    # A comprehension builds a plain dict; it is the same row type, less its empty fields. A true value is never
    # one of them, so only false ones (0 and False stay) are compared.
    return cast(Row, {key: value for key, value in row.items() if value or value not in _EMPTY})


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
