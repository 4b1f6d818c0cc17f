"""What the signed-in user may do, as the pages ask it: `may(Action.X)` reads the action's flag in
`AppState.rights` (one character per action of the matrix, in `permissions.ACTIONS` order). Showing or hiding
is all the pages do with it: every service checks the matrix again on the server."""

from __future__ import annotations

import reflex as rx

from rxapp.permissions import ACTIONS, Action
from rxapp.state.base import AppState

_INDEX = {action: index for index, action in enumerate(ACTIONS)}


def may(action: Action) -> rx.Var:
    """True in the browser when the user's roles allow `action`."""
    return AppState.rights.to(str)[_INDEX[action]] == "1"
