"""An event loads only its own state and its parents: no page state has a computed var that reads the root
state's vars (`lang`, `_rights`, ...). Reflex loads every such "potentially dirty" state with the root on every
event of any page (from Redis when scaled out) and recomputes its vars; pages word those texts in the browser."""

from __future__ import annotations

from reflex.istate.manager.redis import StateManagerRedis

import rxapp.rxapp  # noqa: F401  (registers every page and its states)
from rxapp.state.base import AppState
from rxapp.state.customers import CustomersState


def test_no_state_recomputes_on_the_root_states_changes():
    assert {state.__name__ for state in AppState._get_potentially_dirty_states()} == {"AppState"}


def test_a_customers_event_loads_three_states():
    needed = StateManagerRedis._get_required_state_classes(StateManagerRedis.__new__(StateManagerRedis), CustomersState)
    assert {state.__name__ for state in needed} == {"State", "AppState", "CustomersState"}


def test_no_page_state_has_a_computed_var():
    """A hydration evaluates every state's computed vars, which creates that state for the tab, marks it changed
    and stores it (scaled out: one more Redis key per tab, written back at each lease's end), whatever the page.
    Only the root states, which every event loads anyway, may have them."""
    from reflex.state import State

    def tree(cls):
        yield cls
        for sub in cls.get_substates():
            yield from tree(sub)

    with_vars = {cls.__name__: sorted(cls.computed_vars) for cls in tree(State) if cls.computed_vars}
    assert with_vars == {"State": ["token"], "AppState": ["signed_in"]}
