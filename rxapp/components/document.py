"""The document follows the UI language: `<html lang>` (screen readers pick their voice from it, and WCAG 3.1.1
asks for it), and the Korean font's stylesheet, added to the head only once the UI is Korean. Its 86
`@font-face` rules (52 KB, 12 KB compressed) were in the global stylesheet of every page before, a tenth of an
English first load; the global stylesheet keeps only the rules of the picker's "한국어"."""

from __future__ import annotations

import json

import reflex as rx
from reflex_base.vars.base import Var, VarData

from rxapp.state.base import AppState

KOREAN_FONT_STYLESHEET = "/fonts/noto-sans-kr/noto-sans-kr.css"
KOREAN_FONT_LINK_ID = "font-noto-sans-kr"


def language_effect(lang: str) -> str:
    """The hook's JavaScript for the language expression `lang`: the link stays once added (switching back to
    English leaves the fonts loaded, as before)."""
    link = json.dumps(KOREAN_FONT_LINK_ID)
    href = json.dumps(KOREAN_FONT_STYLESHEET)
    return (
        f"useEffect(() => {{ document.documentElement.lang = {lang}; "
        f'if ({lang} === "ko" && !document.getElementById({link})) {{ '
        'const link = document.createElement("link"); '
        f'link.id = {link}; link.rel = "stylesheet"; link.href = {href}; document.head.appendChild(link); }} '
        f"}}, [{lang}])"
    )


class DocumentLanguage(rx.Fragment):
    """Renders nothing; keeps `document.documentElement.lang` equal to the root state's `lang`, and adds the
    Korean font's stylesheet when it is Korean."""

    def add_hooks(self) -> list[Var]:
        lang = AppState.lang
        return [
            Var(
                _js_expr=language_effect(str(lang)),
                _var_data=VarData.merge(lang._get_all_var_data(), VarData(imports={"react": ["useEffect"]})),
            )
        ]


def document_language() -> rx.Component:
    return DocumentLanguage.create()
