"""The Reflex app: every registered page behind the shell and the guard, the partner API under /api/v1, and the
mail and webhook sender tasks."""

import reflex as rx

from rxapp import pages  # noqa: F401  (registers the pages)
from rxapp.api.app import mount_api
from rxapp.i18n import translate
from rxapp.routes import PAGES
from rxapp.services.mail_delivery import run_delivery_loop
from rxapp.services.webhook_delivery import run_webhook_loop
from rxapp.state.base import AppState
from rxapp.testhooks import api_transformers

# /_test QA hooks only with ENABLE_TEST_HOOKS=true (an empty list otherwise), then the partner API (/api/v1).
# The Korean font's stylesheet first: app.css names its family in the font stack.
app = rx.App(stylesheets=["/fonts/noto-sans-kr/noto-sans-kr.css", "/app.css"],
             api_transformer=[*api_transformers(), mount_api])
app.register_lifespan_task(run_delivery_loop)
app.register_lifespan_task(run_webhook_loop)

for spec in PAGES:
    app.add_page(
        spec.component,
        route=spec.route,
        title=f"{translate('en', spec.title_key)} · Partner Center",
        on_load=[AppState.enter_page, *spec.on_load],
    )
