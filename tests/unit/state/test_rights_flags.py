"""The pages' copy of the user's rights: one flag per action in `permissions.ACTIONS` order, the same set the
matrix allows (the server's own checks keep the names in a backend var, never sent to the browser)."""

from __future__ import annotations

from rxapp.permissions import ACTIONS, Action, allowed_actions
from rxapp.state.base import AppState


def test_the_flags_are_the_matrix_for_each_demo_role(actor):
    for email in ("admin@contoso.example", "admin@fabrikam.example", "ops@platform.example"):
        who = actor(email)
        state = AppState(_reflex_internal_init=True)
        state._show_actor(who)
        allowed = allowed_actions(who)
        assert len(state.rights) == len(ACTIONS) == len(Action)
        assert {action for action, flag in zip(ACTIONS, state.rights, strict=True) if flag == "1"} == allowed
        assert set(state._rights) == {action.value for action in allowed}
    state._show_actor(None)
    assert state.rights == ""
    assert state._rights == []


def test_only_the_flags_are_sent_to_the_browser():
    assert "rights" in AppState._frontend_var_names
    assert "_rights" not in AppState._frontend_var_names
    assert "_rights" not in AppState.base_vars
