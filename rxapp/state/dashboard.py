"""The dashboard: where a signed-in user lands."""

from __future__ import annotations

import reflex as rx

from rxapp.state.base import AppState


class HomeState(AppState):
    @rx.event
    def route(self):
        """`/` sends a signed-in user to the dashboard and anyone else to sign-in."""
        return rx.redirect("/dashboard" if self.signed_in else "/signin", replace=True)
