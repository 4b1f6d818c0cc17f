"""The row shapes of `rxapp/state/rows/`: the per-language country fields match the UI languages (Reflex
refuses, when it compiles a page, a field a row does not declare), and compaction keeps a row's type."""

from __future__ import annotations

from typing import get_type_hints

from rxapp.i18n import LANGUAGES
from rxapp.services.countries import country_columns
from rxapp.state import rows
from rxapp.state.rows import compact


def test_country_fields_are_one_per_ui_language():
    wanted = {f"country_{lang}" for lang in LANGUAGES}
    assert set(get_type_hints(rows.CountryColumns)) == wanted
    assert set(country_columns("KR")) == wanted
    assert rows.country_fields("KR") == country_columns("KR")
    provider = {name for name in get_type_hints(rows.AuthorizationViewRow) if name.startswith("provider_country_")}
    assert provider == {f"provider_country_{lang}" for lang in LANGUAGES}


def test_marketing_fields_default_to_empty():
    fields = rows.marketing_fields({"description": "Cloud first"})
    assert fields == {"description": "Cloud first", "industries": "", "products": "", "regions_served": ""}


def test_compact_drops_empty_fields_of_a_typed_row():
    row = compact(
        rows.UserRow(id=7, full_name="Kim", email="kim@example.com", agent_role="none", admin_role="", status="")
    )
    assert row == {"id": 7, "full_name": "Kim", "email": "kim@example.com", "agent_role": "none"}
