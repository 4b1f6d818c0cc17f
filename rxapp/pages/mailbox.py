"""`/mailbox`: the built-in mailbox for local use, so every emailed link can be followed without SMTP."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.i18n import T
from rxapp.components.layout import page
from rxapp.components.tables import list_or_empty, pager, search_form
from rxapp.state.mailbox import MailboxState
from rxapp.state.rows import MailRow


def message_card(message: ObjectVar[MailRow]) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(message["subject"], weight="bold"),
                rx.text(message["at"], size="1", color_scheme="gray"),
                justify="between",
                width="100%",
                wrap="wrap",
            ),
            rx.text(T["mailbox.to"], ": ", message["to"], size="2", color_scheme="gray"),
            rx.el.pre(
                message["body"],
                style={"whiteSpace": "pre-wrap", "fontFamily": "inherit", "fontSize": "14px", "margin": 0},
            ),
            rx.foreach(
                message["links"].to(list[str]), lambda url: rx.link(url, href=url, size="2", word_break="break-all")
            ),
            spacing="2",
            align="start",
            width="100%",
        ),
        width="100%",
        role="article",
        aria_label=message["subject"],
    )


@page("/mailbox", "nav.mailbox", public=True, on_load=(MailboxState.load,))
def mailbox() -> rx.Component:
    return rx.vstack(
        rx.heading(T["nav.mailbox"], size="7"),
        rx.cond(
            MailboxState.enabled,
            rx.vstack(
                rx.text(T["mailbox.intro"], color_scheme="gray"),
                search_form(
                    MailboxState.filter, T["mailbox.filter_placeholder"], MailboxState.recipient, name="recipient"
                ),
                list_or_empty(
                    MailboxState.loaded,
                    MailboxState.total > 0,
                    rx.vstack(rx.foreach(MailboxState.messages, message_card), spacing="3", width="100%"),
                    "mail",
                    "mailbox.empty",
                ),
                pager(MailboxState.page, MailboxState.total, MailboxState.go),
                spacing="4",
                width="100%",
            ),
            rx.callout.root(rx.callout.text(T["mailbox.disabled"]), color_scheme="gray"),
        ),
        spacing="4",
        width="100%",
    )
