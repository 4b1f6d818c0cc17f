"""UI text in the page code, not in state: `T["nav.dashboard"]` compiles to the English and the Korean text
of the key, chosen in the browser by the root state's `lang`.

The catalogs used to travel in every hydration as a computed var (about 70 KB). Now each page's bundle holds
only the texts that page shows, in both languages; switching the language sends one var, not a catalog.
Texts that depend on data (a row's status) are looked up with `T.pick(prefix, value_var)` in a small map of
the keys under that prefix.
"""

from __future__ import annotations

import json

from reflex_base.vars.base import Var, VarData
from reflex_base.vars.sequence import StringVar

from rxapp.grammar import PARTICLES_JS, plural_rule_js
from rxapp.i18n import DEFAULT_LANGUAGE, LANGUAGES, catalog
from rxapp.state.base import AppState

_LANG = AppState.lang


def _js(text: str) -> str:
    """A JavaScript string literal (UTF-8 kept as is: Korean costs 3 bytes a character, not 6)."""
    return json.dumps(text, ensure_ascii=False)


def _texts(key: str) -> dict[str, str]:
    english = catalog(DEFAULT_LANGUAGE).get(key)
    if english is None:
        raise KeyError(f"no message {key!r} in the catalog")
    return {lang: catalog(lang).get(key) or english for lang in LANGUAGES}


class Messages:
    """`T["nav.dashboard"]` (a string Var in the browser's language) and `T.pick(prefix, value_var)`."""

    def __getitem__(self, key: str) -> StringVar:
        if not isinstance(key, str):
            raise TypeError("T[...] takes a literal key; for a key held in state use T.pick(prefix, value_var)")
        texts = _texts(key)
        if len(set(texts.values())) == 1:
            return Var.create(texts[DEFAULT_LANGUAGE])
        other = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
        expr = _js(texts[DEFAULT_LANGUAGE])
        for lang in other:
            expr = f"({_LANG} === {_js(lang)} ? {_js(texts[lang])} : {expr})"
        return Var(_js_expr=expr, _var_type=str, _var_data=_LANG._get_all_var_data()).to(str)

    def pick(self, prefix: str, value: Var) -> StringVar:
        """The text of the key `prefix + value` (`value` held in state, such as a row's status), or the value
        itself when there is no such key."""
        keys = sorted(k for k in catalog(DEFAULT_LANGUAGE) if k.startswith(prefix))
        if not keys:
            raise KeyError(f"no message under {prefix!r}")
        table = (
            "{"
            + ", ".join(
                f"{_js(lang)}: {{{', '.join(f'{_js(k[len(prefix) :])}: {_js(_texts(k)[lang])}' for k in keys)}}}"
                for lang in LANGUAGES
            )
            + "}"
        )
        key = value.to(str)
        expr = f"({table}[{_LANG}] ?? {{}})[{key}] ?? {key}"
        return Var(
            _js_expr=f"({expr})",
            _var_type=str,
            _var_data=VarData.merge(_LANG._get_all_var_data(), key._get_all_var_data()),
        ).to(str)

    def plural(self, key: str, number: Var, field: str = "total") -> StringVar:
        """The plural form of `key` (`key.one`, `key.other`...) for `number` (a state int) by the language's
        CLDR rule (babel), with `{field}` filled in as the browser writes numbers in that language."""
        forms = sorted(k for k in catalog(DEFAULT_LANGUAGE) if k.startswith(key + "."))
        if f"{key}.other" not in forms:
            raise KeyError(f"no plural forms of {key!r}")
        by_lang = {lang: {k[len(key) + 1 :]: _texts(k)[lang] for k in forms} for lang in LANGUAGES}
        rules = "{" + ", ".join(f"{_js(lang)}: {plural_rule_js(lang)}" for lang in LANGUAGES) + "}"
        n = number.to(int)
        placeholder = f"new RegExp({_js('[{]' + field + '(:,)?[}]')})"  # "{total}" or "{total:,}"
        expr = (
            f"((n, lang) => {{ const forms = {_js_object(by_lang)}[lang] ?? {{}}; "
            f"const form = ({rules}[lang] ?? (() => 'other'))(n); "
            f"return (forms[form] ?? forms.other ?? '').replace({placeholder}, Number(n).toLocaleString(lang)); }})"
            f"({n}, {_LANG})"
        )
        return Var(
            _js_expr=f"({expr})",
            _var_type=str,
            _var_data=VarData.merge(_LANG._get_all_var_data(), n._get_all_var_data()),
        ).to(str)

    def fill(self, key: str, **params: Var | str | int) -> StringVar:
        """The text of `key` with its `{name}` fields filled from vars in the browser (numbers grouped by
        thousands, as `f"{n:,}"` would), so a sentence with data in it needs no text in state; in Korean the
        particles after them take the form that fits (rxapp.grammar)."""
        text = self[key]
        for name, value in params.items():
            value = value if isinstance(value, Var) else Var.create(value)
            if value._var_type in (int, float):
                value = Var(
                    _js_expr=f"Number({value}).toLocaleString('en-US')",
                    _var_type=str,
                    _var_data=value._get_all_var_data(),
                )
            text = text.replace("{" + name + "}", value.to(str))
        expr = f'({_LANG} === "ko" ? {PARTICLES_JS}({text!s}) : {text!s})'
        return Var(
            _js_expr=expr, _var_type=str, _var_data=VarData.merge(_LANG._get_all_var_data(), text._get_all_var_data())
        ).to(str)


def _js_object(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False)


T = Messages()
