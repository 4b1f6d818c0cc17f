"""The pages' copy of the user's rights: one flag per action in `permissions.ACTIONS` order, the same set the
matrix allows (the server's own checks keep the names in a backend var, never sent to the browser)."""

from __future__ import annotations

from rxapp.components.rights import may
from rxapp.permissions import ACTIONS, Action, allowed_actions, rights_flags
from rxapp.state.base import AppState


def test_the_flags_are_the_matrix_for_each_demo_role(actor):
    for email in (
        "admin@contoso.example",
        "helpdesk@contoso.example",
        "admin@fabrikam.example",
        "ops@platform.example",
    ):
        allowed = allowed_actions(actor(email))
        flags = rights_flags(allowed)
        assert len(flags) == len(ACTIONS) == len(Action)
        assert {action for action, flag in zip(ACTIONS, flags, strict=True) if flag == "1"} == allowed


def test_a_page_reads_the_flag_of_its_action():
    for index in (0, len(ACTIONS) - 1):
        assert f", {index})" in str(may(ACTIONS[index]))  # the character of that action, nothing else


def test_only_the_flags_are_sent_to_the_browser():
    assert "rights" in AppState._frontend_var_names
    assert "_rights" not in AppState._frontend_var_names
    assert "_rights" not in AppState.base_vars
