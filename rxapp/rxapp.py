"""The Reflex app: every registered page behind the shell and the guard, plus the mail sender task."""

import reflex as rx

from rxapp import pages  # noqa: F401  (registers the pages)
from rxapp.i18n import translate
from rxapp.routes import PAGES
from rxapp.services.mail_delivery import run_delivery_loop
from rxapp.state.base import AppState
from rxapp.testhooks import api_transformers

# /_test QA hooks only with ENABLE_TEST_HOOKS=true (an empty list otherwise); other API apps go after them.
app = rx.App(stylesheets=["/app.css"], api_transformer=api_transformers())
app.register_lifespan_task(run_delivery_loop)

for spec in PAGES:
    app.add_page(
        spec.component,
        route=spec.route,
        title=f"{translate('en', spec.title_key)} · Partner Center",
        on_load=[AppState.enter_page, *spec.on_load],
    )
