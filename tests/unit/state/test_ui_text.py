"""UI text is compiled into the pages (both languages, chosen in the browser), not carried in state."""

from __future__ import annotations

import pytest
from reflex_base.vars.base import Var

from rxapp.components.i18n import T
from rxapp.state.base import AppState


def test_a_literal_key_compiles_to_both_languages_chosen_by_the_lang_var():
    js = str(T["nav.dashboard"])
    assert '"대시보드"' in js
    assert '"Dashboard"' in js
    assert str(AppState.lang) in js


def test_text_that_is_the_same_in_both_languages_is_a_plain_literal():
    assert str(T["field.mpn_id"]) == str(Var.create("MPN ID"))


def test_an_unknown_key_fails_when_the_page_is_compiled():
    with pytest.raises(KeyError):
        T["no.such.key"]


def test_a_key_held_in_state_needs_pick_with_its_prefix():
    with pytest.raises(TypeError):
        T[Var(_js_expr="row.status")]
    js = str(T.pick("ops.order_status.", Var(_js_expr="row.status")))
    assert '"submitted"' in js or "submitted" in js
    assert "row.status" in js
    assert str(AppState.lang) in js
    with pytest.raises(KeyError):
        T.pick("no.such.prefix.", Var(_js_expr="row.status"))


def test_the_catalog_is_not_a_var_of_the_root_state():
    names = set(AppState.base_vars) | set(AppState.computed_vars)
    assert "t" not in names
    assert names <= {
        "session_token",
        "lang",
        "user_name",
        "user_email",
        "org_name",
        "org_kind",
        "rights",
        "notice",
        "signed_in",
        "org_suspended",
        "suspension_reason",
        "checked_path",
        "lang_chosen",
    }, names


def test_fill_puts_vars_into_the_sentence_in_the_browser():
    """`T.fill` keeps the sentence in the page and fills its placeholders from state; numbers are grouped."""
    from rxapp.state.customers import CustomersState
    from rxapp.state.paging import page_count_var

    expr = str(T.fill("customers.page_of", page=CustomersState.page, pages=page_count_var(CustomersState.total)))
    assert "Page {page} of {pages}" in expr
    assert "{pages}페이지 중 {page}페이지" in expr
    assert expr.count(".replace(") >= 2 or expr.count("replaceAll") >= 2
    assert "toLocaleString('en-US')" in expr
    assert "page" in expr
    total = str(T.plural("customers.total", CustomersState.total))
    assert "toLocaleString" in total
    assert "customers" in total
    assert "고객" in total
