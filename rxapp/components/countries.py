"""Country/region names in the UI language.

- `country_options()`: every country for a <select>, compiled into the page (both languages, each sorted for
  its language) rather than kept in state.
- `country_label(row)`: the name of one row's country. The row carries it in each UI language, named on the
  server when the row is built (`services.countries.country_columns`): the way to show a country in a table or
  a details panel, costing the page nothing.
- `country_name(code_var)`: a code's name looked up in a table of every name written into the page (about
  10 KB at each call site): for a long list whose rows would otherwise each carry the names in every language
  (the customer list); one call site per page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import reflex as rx
from reflex.vars import ObjectVar
from reflex_base.vars.base import Var, VarData

from rxapp.i18n import LANGUAGES
from rxapp.services.countries import country_names
from rxapp.state.base import AppState

_LANG = AppState.lang


def country_options(with_code: bool = False) -> rx.Component:
    """The <option>s of every country/region, named and ordered for the UI language. One list keyed by code
    (not one list per language), so a language switch reorders the same options and keeps the one chosen."""
    lists = {
        lang: [[code, f"{name} ({code})" if with_code else name] for code, name in country_names(lang).items()]
        for lang in LANGUAGES
    }
    options = Var(
        _js_expr=f"({json.dumps(lists, ensure_ascii=False)}[{_LANG!s}] ?? [])",
        _var_type=list[list[str]],
        _var_data=_LANG._get_all_var_data(),
    ).to(list[list[str]])
    return rx.foreach(options, lambda option: rx.el.option(option[1], value=option[0], key=option[0]))


def country_label(row: ObjectVar[Mapping[str, Any]], key: str = "country") -> Var:
    """A row's country/region name in the UI language: the row carries `<key>_<lang>` columns, named on the
    server (`services.countries.country_columns`), so the page holds no table of names for it."""
    label = row[f"{key}_en"].to(str)
    for lang in LANGUAGES:
        if lang != "en":
            label = rx.cond(AppState.lang == lang, row[f"{key}_{lang}"].to(str), label)
    return label


def country_name(code: Var) -> Var:
    """The name of the country/region `code` (a state value) in the UI language; the code when unknown."""
    table = json.dumps({lang: country_names(lang) for lang in LANGUAGES}, ensure_ascii=False)
    key = code.to(str)
    return Var(
        _js_expr=f"(({table}[{_LANG}] ?? {{}})[{key}] ?? {key})",
        _var_type=str,
        _var_data=VarData.merge(_LANG._get_all_var_data(), key._get_all_var_data()),
    ).to(str)
