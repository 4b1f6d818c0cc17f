"""The document's language follows the UI language (`<html lang>`: screen readers pick their voice from it,
and WCAG 3.1.1 asks for it)."""

from __future__ import annotations

import reflex as rx
from reflex_base.vars.base import Var, VarData

from rxapp.state.base import AppState


class DocumentLanguage(rx.Fragment):
    """Renders nothing; keeps `document.documentElement.lang` equal to the root state's `lang`."""

    def add_hooks(self) -> list[Var]:
        lang = AppState.lang
        return [
            Var(
                _js_expr=f"useEffect(() => {{ document.documentElement.lang = {lang!s}; }}, [{lang!s}])",
                _var_data=VarData.merge(lang._get_all_var_data(), VarData(imports={"react": ["useEffect"]})),
            )
        ]


def document_language() -> rx.Component:
    return DocumentLanguage.create()
