"""`rx.match` typed by what it matches to. Its stub returns `Component | Var` for both uses: a match over
values gives a Var, one over components a Component, and each wrapper says which (a cast, nothing at run time)."""

from __future__ import annotations

from typing import Any, cast

import reflex as rx


def match_value(value: Any, *cases: Any) -> rx.Var:
    """`rx.match` whose cases and default are values (texts, colors): a Var."""
    return cast(rx.Var, rx.match(value, *cases))


def match_component(value: Any, *cases: Any) -> rx.Component:
    """`rx.match` whose cases and default are components: a Component."""
    return cast(rx.Component, rx.match(value, *cases))
