"""Country/region names in the UI language, compiled into the page (both languages, each sorted for its
language) rather than kept in state: `country_options()` for a <select>, `country_name(code_var)` for a
code held in state."""

from __future__ import annotations

import json

import reflex as rx
from reflex_base.vars.base import Var, VarData

from rxapp.i18n import LANGUAGES
from rxapp.services.countries import country_names
from rxapp.state.base import AppState

_LANG = AppState.lang


def country_options(with_code: bool = False) -> rx.Component:
    """The <option>s of every country/region, named and ordered for the UI language. One list keyed by code
    (not one list per language), so a language switch reorders the same options and keeps the one chosen."""
    lists = {lang: [[code, f"{name} ({code})" if with_code else name] for code, name in country_names(lang).items()]
             for lang in LANGUAGES}
    options = Var(_js_expr=f"({json.dumps(lists, ensure_ascii=False)}[{_LANG!s}] ?? [])",
                  _var_type=list[list[str]], _var_data=_LANG._get_all_var_data()).to(list[list[str]])
    return rx.foreach(options, lambda option: rx.el.option(option[1], value=option[0], key=option[0]))


def country_label(row: Var, key: str = "country") -> Var:
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
    return Var(_js_expr=f"(({table}[{_LANG}] ?? {{}})[{key}] ?? {key})", _var_type=str,
               _var_data=VarData.merge(_LANG._get_all_var_data(), key._get_all_var_data())).to(str)


def by_country_name(items: Var, key: str = "code") -> Var:
    """`items` (a state list of dicts with a country code under `key`) sorted by the country's name in the UI
    language, with the browser's collation for that language (Intl, as `localeCompare`)."""
    table = json.dumps({lang: country_names(lang) for lang in LANGUAGES}, ensure_ascii=False)
    k = json.dumps(key)
    expr = (f"((names) => [...{items!s}].sort((a, b) => (names[a[{k}]] ?? a[{k}])"
            f".localeCompare(names[b[{k}]] ?? b[{k}], {_LANG!s})))({table}[{_LANG!s}] ?? {{}})")
    return Var(_js_expr=f"({expr})", _var_type=list[dict[str, str]],
               _var_data=VarData.merge(_LANG._get_all_var_data(), items._get_all_var_data())).to(list[dict[str, str]])
