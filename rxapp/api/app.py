"""The partner API application (FastAPI), mounted under `/api/v1` on the Reflex app through `api_transformer`.

`/api/v1/openapi.json` is the OpenAPI document; `/api/v1/docs` shows it with Swagger UI served from this server
(the files of the `fastapi-offline` package: nothing is loaded from a CDN).
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.applications import Starlette
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Mount
from starlette.types import ASGIApp

from rxapp.api import problems
from rxapp.api.routes import router
from rxapp.errors import DomainError
from rxapp.services.webhooks import EVENT_TYPES

PREFIX = "/api/v1"
ASSETS = Path(fastapi_offline.__file__).parent / "static"
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)

DESCRIPTION = f"""
The partner API: what providers and resellers automate in Partner Center, on the same services and the same
permission matrix as the pages.

**Authentication.** A Global admin creates an API client on **Account settings › API access** and copies its
secret (shown once). Send it as `Authorization: Bearer pcs_...`. The client acts with the agent and admin roles
chosen for it (never more than its creator's): a call its roles do not allow is a 403 problem, a record of
another organization a 404. Every call is in the organization's activity log, as the client.

**Errors** are RFC 9457 problem details (`application/problem+json`): `type`, `title`, `status`, `detail` (in
the language of `Accept-Language`: `en` or `ko`), `instance`, `code` (stable), and `errors` for invalid fields.

**Paging.** Lists answer `{{"data": [...], "next_cursor": "..."}}`; pass `next_cursor` as `cursor` for the next
page (null on the last one).

**Rate limits.** Each client has a budget of requests per minute; past it, 429 with `Retry-After` (seconds).

**Idempotency.** Creating calls (POST) accept an `Idempotency-Key` header: a retry with the same key and body
gets the first response again (`Idempotent-Replayed: true`) and creates nothing; the same key with another
request is a 422 problem. Keys are kept for 24 hours.

**Webhooks.** On **Account settings › Webhooks** an organization registers https endpoints for these events:
{", ".join(f"`{event}`" for event in EVENT_TYPES)} (and `webhook.test`). Each POST carries the Standard Webhooks
headers `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256 of
"id.timestamp.body" keyed with the base64-decoded part of the endpoint's whsec_ secret>`. The body is
`{{"type", "timestamp", "organization_id", "data"}}`. Failed deliveries are retried for 24 hours.
"""


def _docs_page() -> str:
    return """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner Center API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="docs/assets/swagger-ui.css"><link rel="icon" href="docs/assets/favicon.png">
</head><body><div id="swagger-ui"></div>
<script src="docs/assets/swagger-ui-bundle.js"></script><script src="docs/init.js"></script>
</body></html>"""


_INIT_JS = """window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({url: "openapi.json", dom_id: "#swagger-ui", deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout", tryItOutEnabled: false});
});
"""


def create_api() -> FastAPI:
    api = FastAPI(
        title="Partner Center API",
        version="1",
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        responses={
            code: {"model": problems.ProblemDocument, "description": text, "content": {problems.MEDIA_TYPE: {}}}
            for code, text in problems.DOCUMENTED.items()
        },
    )
    api.add_exception_handler(DomainError, problems.on_domain_error)
    api.add_exception_handler(problems.Problem, problems.on_problem)
    api.add_exception_handler(RequestValidationError, problems.on_validation_error)
    api.add_exception_handler(StarletteHTTPException, problems.on_http_error)
    api.add_exception_handler(Exception, problems.on_unexpected)
    api.include_router(router)
    api.mount("/docs/assets", StaticFiles(directory=ASSETS), name="docs-assets")

    @api.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(
            _docs_page(), headers={"content-security-policy": DOCS_CSP, "x-content-type-options": "nosniff"}
        )

    @api.get("/docs/init.js", include_in_schema=False)
    def docs_init() -> Response:
        return Response(_INIT_JS, media_type="text/javascript", headers={"x-content-type-options": "nosniff"})

    return api


api_app = create_api()


def mount_api(asgi_app: ASGIApp) -> ASGIApp:
    """Reflex's `api_transformer`: the partner API under /api/v1, everything else to the Reflex app."""
    return Starlette(routes=[Mount(PREFIX, app=api_app), Mount("", app=asgi_app)])
