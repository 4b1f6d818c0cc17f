"""The app shell (header, navigation, notices) and the `page` decorator that registers a page."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from rxapp.components.document import document_language
from rxapp.components.i18n import T
from rxapp.components.rights import may
from rxapp.i18n import LANGUAGES
from rxapp.permissions import Action
from rxapp.routes import PAGES, PageSpec
from rxapp.state.base import AppState


def page(
    route: str,
    title_key: str,
    *,
    action: Action | None = None,
    public: bool = False,
    on_load: tuple = (),
    nav: bool = False,
) -> Callable:
    """Register a page function under `route`, wrapped in the shell; `action` is what it requires."""

    def decorator(body: Callable[[], rx.Component]) -> Callable[[], rx.Component]:
        def wrapped() -> rx.Component:
            content = body()
            if not public:  # a protected page shows once the guard let it through (no heading, then a redirect);
                # hidden rather than unmounted, so that nothing typed is lost if the check runs again
                checked = AppState.checked_path == AppState.router.url.path
                content = rx.box(content, display=rx.cond(checked, "block", "none"), width="100%")
            return shell(content)

        # Reflex groups a page's memoized components into a file named after the page function's module:
        # the page's own (rxapp/pages/x.py), or every page's would land in one file that each page loads.
        wrapped.__name__, wrapped.__module__ = body.__name__, body.__module__
        PAGES.append(
            PageSpec(route=route, title_key=title_key, component=wrapped, action=action, public=public, on_load=on_load)
        )
        if nav:
            NAV_ITEMS.append((route, title_key, action))
        return body

    return decorator


NAV_ITEMS: list[tuple[str, str, Action | None]] = [("/dashboard", "nav.dashboard", None)]


def language_picker() -> rx.Component:
    return rx.select.root(
        rx.select.trigger(aria_label="Language / 언어", variant="ghost"),
        rx.select.content(*[rx.select.item(label, value=code) for code, label in LANGUAGES.items()]),
        value=AppState.lang,
        on_change=AppState.set_language,
        size="2",
    )


def skip_link() -> rx.Component:
    """The first stop of the keyboard: hidden until focused. It sits inside the banner landmark, so a page's
    accessibility check never finds it as content outside every landmark (axe's `region` rule exempts a skip link
    only while its target is found, which a check during a re-render could miss)."""
    return rx.el.a(
        T["a11y.skip_to_content"],
        href="#main-content",
        class_name="skip-link",
        on_click=rx.call_script("document.getElementById('main-content')?.focus()"),
    )


def header() -> rx.Component:
    return rx.flex(
        skip_link(),
        rx.hstack(
            mobile_menu(),
            rx.link(
                rx.hstack(rx.icon("cloud", size=22), rx.heading(T["app.name"], size="4")),
                href="/dashboard",
                underline="none",
                color="inherit",
            ),
            rx.cond(AppState.signed_in, rx.badge(AppState.org_name, variant="soft", size="2", data_testid="org-name")),
            spacing="3",
            align="center",
        ),
        rx.hstack(
            language_picker(),
            rx.cond(
                AppState.signed_in,
                rx.hstack(
                    rx.text(AppState.user_name, size="2", data_testid="user-name"),
                    rx.button(
                        rx.icon("log-out", size=16),
                        T["nav.sign_out"],
                        variant="soft",
                        size="2",
                        on_click=AppState.sign_out,
                    ),
                    align="center",
                ),
                rx.link(T["auth.sign_in"], href="/signin"),
            ),
            spacing="4",
            align="center",
        ),
        justify="between",
        align="center",
        padding_x="1.5em",
        padding_y="0.75em",
        border_bottom="1px solid var(--gray-a5)",
        background="var(--color-panel-solid)",
        position="sticky",
        top="0",
        z_index="10",
        wrap="wrap",
        gap="2",
        role="banner",
    )


def nav_link(route: str, title_key: str) -> rx.Component:
    active = AppState.router.url.path == route
    return rx.link(
        rx.text(T[title_key], size="2", weight=rx.cond(active, "bold", "regular")),
        href=route,
        aria_current=rx.cond(active, "page", "false"),  # read out as the current page
        underline="none",
        padding_x="0.75em",
        padding_y="0.5em",
        border_radius="6px",
        background=rx.cond(active, "var(--accent-a3)", "transparent"),
        color="var(--gray-12)",
        width="100%",
    )


def allowed(item: rx.Component, action: Action | None) -> rx.Component:
    return item if action is None else rx.cond(may(action), item)


def mobile_menu() -> rx.Component:
    """The navigation as a menu button on narrow screens (the sidebar is hidden there)."""
    return rx.cond(
        AppState.signed_in,
        rx.box(
            rx.menu.root(
                rx.menu.trigger(rx.icon_button(rx.icon("menu"), variant="ghost", aria_label="Menu")),
                rx.menu.content(
                    *[
                        allowed(rx.menu.item(T[title_key], on_click=rx.redirect(route)), action)
                        for route, title_key, action in NAV_ITEMS
                    ]
                ),
            ),
            display=["block", "block", "none"],
        ),
    )


NAV_SECTIONS: list[tuple[str | None, tuple[str, ...]]] = [
    # (heading key, route prefixes): the first section whose prefix matches a route holds it.
    ("nav.section.account", ("/account", "/audit")),
    ("nav.section.platform", ("/platform",)),
    (None, ("/",)),
]


def _section_of(route: str) -> str | None:
    for heading, prefixes in NAV_SECTIONS:
        if any(route == prefix or route.startswith(prefix.rstrip("/") + "/") for prefix in prefixes):
            return heading
    return None


def _any_allowed(actions: list[Action | None]) -> rx.Var | bool:
    wanted = [action for action in actions if action is not None]
    if len(wanted) < len(actions):  # a link anyone may follow
        return True
    condition = may(wanted[0])
    for action in wanted[1:]:
        condition = condition | may(action)
    return condition


def sidebar_sections() -> list[rx.Component]:
    """Navigation links grouped under headings (Account settings, Platform), each shown when allowed."""
    components: list[rx.Component] = []
    for heading, _ in [section for section in NAV_SECTIONS if section[0] is None] + [
        section for section in NAV_SECTIONS if section[0] is not None
    ]:
        items = [(route, key, action) for route, key, action in NAV_ITEMS if _section_of(route) == heading]
        if not items:
            continue
        links = [allowed(nav_link(route, key), action) for route, key, action in items]
        if heading is None:
            components.extend(links)
            continue
        title = rx.text(
            T[heading],
            size="1",
            weight="bold",
            color_scheme="gray",
            padding_x="0.75em",
            padding_top="1em",
            text_transform="uppercase",
            letter_spacing="0.04em",
        )
        visible = _any_allowed([action for _, _, action in items])
        components.append(title if visible is True else rx.cond(visible, title))
        components.extend(links)
    return components


def sidebar() -> rx.Component:
    items = sidebar_sections()
    return rx.cond(
        AppState.signed_in,
        rx.vstack(
            *items,
            spacing="1",
            min_width="14em",
            padding="1em",
            role="navigation",
            aria_label="Dashboard menu",
            border_right="1px solid var(--gray-a5)",
            display=["none", "none", "flex"],
        ),
    )


def notice_banner() -> rx.Component:
    return rx.cond(
        AppState.notice != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("info")),
            rx.hstack(  # the close button at the end of the text's line, not under it
                rx.callout.text(AppState.notice, flex="1"),
                rx.icon_button(
                    rx.icon("x", size=14),
                    variant="ghost",
                    size="1",
                    on_click=AppState.dismiss_notice,
                    aria_label=T["common.dismiss"],
                ),
                align="start",
                justify="between",
                width="100%",
                spacing="3",
            ),
            color_scheme="amber",
            role="status",
            margin_bottom="1em",
        ),
    )


def suspension_banner() -> rx.Component:
    """On every page while the signed-in user's organization is suspended: why, and what still works."""
    return rx.cond(
        AppState.org_suspended,
        rx.callout.root(
            rx.callout.icon(rx.icon("octagon-alert")),
            rx.callout.text(T["suspension.banner"], " ", rx.text.strong(AppState.suspension_reason)),
            color_scheme="red",
            role="alert",
            margin_bottom="1em",
            data_testid="suspension-banner",
        ),
    )


def shell(content: rx.Component) -> rx.Component:
    return rx.box(
        document_language(),
        header(),
        rx.flex(
            sidebar(),
            rx.box(
                suspension_banner(),
                notice_banner(),
                content,
                padding="1.5em",
                flex="1",
                min_width="0",
                max_width="72em",
                role="main",
                id="main-content",
                tab_index=-1,
            ),
            align="start",
        ),
        min_height="100vh",
    )


def heading_row(title_key: str, *actions: rx.Component) -> rx.Component:
    """A page's heading with its actions (buttons, links) at the other end of the row."""
    return rx.hstack(
        rx.heading(T[title_key], size="7"), *actions, justify="between", width="100%", align="center", wrap="wrap"
    )
