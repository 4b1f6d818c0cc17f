"""A partner's marketing profile as customers and directory visitors see it (Find a provider, a customer's
Partners page): the description, then industries, products and regions served when given."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.i18n import T


def _line(label_key: str, value: rx.Var) -> rx.Component:
    return rx.cond(value != "", rx.text(rx.text.strong(T[label_key], ": "), value, size="2"))


def marketing_details(entry: ObjectVar[Mapping[str, Any]]) -> rx.Component:
    """`entry` holds `description`, `industries`, `products` and `regions_served` ("" when not given); nothing
    shows for a partner without a marketing profile."""
    return rx.cond(
        entry["description"] != "",
        rx.vstack(
            rx.text(entry["description"], size="2", style={"whiteSpace": "pre-wrap"}),
            _line("marketing.industries", entry["industries"]),
            _line("marketing.products", entry["products"]),
            _line("marketing.regions", entry["regions_served"]),
            spacing="1",
            align="start",
            role="group",
            aria_label=T["marketing.shown_as"],
            border_left="3px solid var(--accent-a6)",
            padding_left="0.75em",
        ),
    )
