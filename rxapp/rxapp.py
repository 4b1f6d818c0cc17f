"""The Reflex app: every registered page behind the shell and the guard, the partner API under /api/v1, and the
mail and webhook sender tasks and the delegated admin expiry notices."""

import asyncio
import gc
from concurrent.futures import ThreadPoolExecutor

import reflex as rx

from rxapp import (
    pages,  # noqa: F401  (registers the pages)
    schema_plugins,  # noqa: F401  (autogenerate leaves the search index and the test clock's tables alone)
    service_processes,
)
from rxapp.api.app import mount_api
from rxapp.db import keep_server_session, service_threads
from rxapp.i18n import translate
from rxapp.routes import PAGES
from rxapp.services.delegated_admin_notices import run_notice_loop
from rxapp.services.mail_delivery import run_delivery_loop
from rxapp.services.webhook_delivery import run_webhook_loop
from rxapp.state.base import AppState
from rxapp.testhooks import api_transformers
from rxapp.web.headers import add_security_headers
from rxapp.web.page_paths import serve_pages_without_redirect
from rxapp.web.state_leases import stagger_leases
from rxapp.web.uploads import guard_uploads

# /_test QA hooks only with ENABLE_TEST_HOOKS=true (an empty list otherwise), then the partner API (/api/v1),
# the upload guard (session, permission and size before Reflex reads an upload's body), a page's address served
# without the redirect to its trailing slash, then (outermost) the security headers on every HTTP response.
# Of the Korean font, only the rules of the language picker's "한국어" (the whole stylesheet is added while the
# UI is Korean: rxapp/components/document.py); first, as app.css names its family in the font stack.
app = rx.App(
    stylesheets=["/fonts/noto-sans-kr/noto-sans-kr-names.css", "/app.css"],
    api_transformer=[*api_transformers(), mount_api, guard_uploads, serve_pages_without_redirect, add_security_headers],
)
stagger_leases(app)  # scaled out: tabs that opened together do not all hand back their state together


async def use_database_threads() -> None:
    """The executor every page event's service call runs on (`asyncio.to_thread`): `db.service_threads()`, each
    keeping its own session and connection on a server database (`db.keep_server_session`)."""
    asyncio.get_running_loop().set_default_executor(
        ThreadPoolExecutor(service_threads(), thread_name_prefix="services", initializer=keep_server_session)
    )


# Net allocations between two collections of the youngest generation (Python: 700). An event allocates thousands
# of objects that live until it ends (its state's deltas, rows, frames): collected every 700, they were moved on to
# the older generations and, with the tabs' states, made the collector walk everything again and again. Scaled out
# (1,000 tabs acting every 2 s), the collector took 12-13% of a worker's time with 6-8 full collections in 40 s,
# each holding the worker up to 0.45 s (wall time on the busy VM); with 10,000: 3%, no full collection there.
GC_YOUNG_THRESHOLD = 10_000


async def freeze_startup_objects() -> None:
    """The objects of a started worker (the app, its pages' components, the catalogs: about a million) leave the
    garbage collector's rounds: each full round walked them all, under every event. A forked worker had this from
    Reflex (`gc.freeze` before the fork); workers are spawned now (rxconfig.py), so the worker does it itself. Then
    the youngest generation is collected less often (`GC_YOUNG_THRESHOLD`); the older ones' thresholds stay."""
    gc.collect()
    gc.freeze()
    _young, older, oldest = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, older, oldest)


app.register_lifespan_task(freeze_startup_objects)
app.register_lifespan_task(use_database_threads)
app.register_lifespan_task(service_processes.serve)
app.register_lifespan_task(run_delivery_loop)
app.register_lifespan_task(run_webhook_loop)
app.register_lifespan_task(run_notice_loop)


for spec in PAGES:
    app.add_page(
        spec.component,
        route=spec.route,
        title=f"{translate('en', spec.title_key)} · Partner Center",
        on_load=[AppState.open_page(spec.route)],
    )
