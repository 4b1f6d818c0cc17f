"""RFC 9457 problem details (`application/problem+json`) for every error the API answers.

A problem has `type` (`urn:partner-center:problem:<code>`, or `about:blank` for plain HTTP errors), `title` (the
HTTP status phrase), `status`, `detail` (the message in the caller's language: `Accept-Language: ko` gives
Korean), `instance` (the request path), `code` (the message key, stable for programs) and, for invalid input,
`errors`: one `{field, detail}` per field.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any, TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from rxapp.errors import (
    Conflict,
    DomainError,
    LinkInvalid,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    Throttled,
    ValidationFailed,
)
from rxapp.i18n import translate
from rxapp.services.api_clients import ClientRefused

logger = logging.getLogger(__name__)
E = TypeVar("E", bound=Exception)

MEDIA_TYPE = "application/problem+json"

# Service field names (the pages' form fields) as the API's request fields.
FIELD_NAMES = {
    "op_quantity": "quantity",
    "op_customer": "customer_id",
    "op_reseller": "reseller_id",
    "op_product": "product_id",
    "reseller_email": "email",
    "reseller_mpn_id": "mpn_id",
    "invite_message": "message",
}


class RateLimited(Throttled):
    """The client's request budget is spent; `seconds` until it may call again."""

    code = "api.rate_limited"


class Problem(Exception):
    """An HTTP-level refusal that is not a domain error (bad credentials format, bad cursor, unknown route)."""

    def __init__(
        self,
        status: int,
        code: str,
        *,
        headers: dict[str, str] | None = None,
        errors: list[dict[str, str]] | None = None,
        **params: Any,
    ) -> None:
        super().__init__(code)
        self.status, self.code, self.headers, self.errors, self.params = status, code, headers or {}, errors, params


def language(request: Request) -> str:
    accept = (request.headers.get("accept-language") or "").strip().lower()
    return "ko" if accept.startswith("ko") else "en"


def status_of(error: DomainError) -> int:
    if isinstance(error, NotAuthenticated):
        return 401
    if isinstance(error, (PermissionDenied, ClientRefused)):
        return 403
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, (Conflict, LinkInvalid)):
        return 409
    if isinstance(error, Throttled):
        return 429
    return 422  # ValidationFailed and the services' other refusals: understood, but cannot be done


def _detail(lang: str, error: DomainError) -> str:
    params = dict(error.params)
    if isinstance(error, PermissionDenied):
        params["roles"] = ", ".join(translate(lang, f"role.{role}") for role in params.get("roles", []))
    if isinstance(error, ValidationFailed) and error.field:
        params.setdefault("field", translate(lang, f"field.{error.field}"))
    return translate(lang, error.code, **params)


def response(
    request: Request,
    status: int,
    code: str,
    detail: str,
    *,
    headers: dict[str, str] | None = None,
    errors: list[dict[str, str]] | None = None,
    typed: bool = True,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"urn:partner-center:problem:{code}" if typed else "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        "code": code,
    }
    if errors:
        body["errors"] = errors
    return JSONResponse(
        body, status_code=status, media_type=MEDIA_TYPE, headers={"cache-control": "no-store", **(headers or {})}
    )


def domain_error_response(request: Request, error: DomainError) -> JSONResponse:
    status = status_of(error)
    lang = language(request)
    headers: dict[str, str] = {}
    errors = None
    if status == 401:
        headers["www-authenticate"] = 'Bearer realm="partner-center", error="invalid_token"'
    if status == 429:
        headers["retry-after"] = str(int(error.params.get("seconds") or 60))
    if isinstance(error, ValidationFailed) and error.field:
        errors = [{"field": FIELD_NAMES.get(error.field, error.field), "detail": _detail(lang, error)}]
    return response(request, status, error.code, _detail(lang, error), headers=headers, errors=errors)


def _handled(error: Exception, kind: type[E]) -> E:
    """The exception a handler is registered for. Starlette types every handler's argument as `Exception` (it
    looks the handler up by the exception's class), so each handler narrows it; anything else is raised on."""
    if not isinstance(error, kind):
        raise error
    return error


async def on_domain_error(request: Request, error: Exception) -> JSONResponse:
    return domain_error_response(request, _handled(error, DomainError))


async def on_problem(request: Request, error: Exception) -> JSONResponse:
    problem = _handled(error, Problem)
    lang = language(request)
    return response(
        request,
        problem.status,
        problem.code,
        translate(lang, problem.code, **problem.params),
        headers=problem.headers,
        errors=problem.errors,
    )


async def on_validation_error(request: Request, error: Exception) -> JSONResponse:
    lang = language(request)
    errors = []
    for item in _handled(error, RequestValidationError).errors():
        location = [str(part) for part in item.get("loc", ()) if part not in ("body", "query", "path", "header")]
        errors.append({"field": ".".join(location) or "body", "detail": str(item.get("msg", ""))[:300]})
    return response(request, 422, "api.request_invalid", translate(lang, "api.request_invalid"), errors=errors)


async def on_http_error(request: Request, error: Exception) -> JSONResponse:
    error = _handled(error, StarletteHTTPException)
    lang = language(request)
    code = {404: "api.not_found", 405: "api.method_not_allowed", 401: "api.invalid_token"}.get(
        error.status_code, "api.request_invalid"
    )
    return response(
        request, error.status_code, code, translate(lang, code), typed=False, headers=dict(error.headers or {})
    )


async def on_unexpected(request: Request, error: Exception) -> JSONResponse:  # noqa: ARG001 (the handler signature)
    logger.exception("API request failed: %s %s", request.method, request.url.path)
    return response(request, 500, "api.server_error", translate(language(request), "api.server_error"), typed=False)


class ProblemField(BaseModel):
    field: str
    detail: str


class ProblemDocument(BaseModel):
    """RFC 9457 problem details (media type `application/problem+json`)."""

    type: str = Field(examples=["urn:partner-center:problem:error.permission_denied"])
    title: str = Field(examples=["Forbidden"])
    status: int = Field(examples=[403])
    detail: str = Field(examples=["You need one of these roles to do that: Admin agent, Global admin."])
    instance: str = Field(examples=["/api/v1/customer-relationship-requests"])
    code: str = Field(examples=["error.permission_denied"])
    errors: list[ProblemField] | None = None


DOCUMENTED = {
    401: "No, an unknown, a revoked or an expired client secret.",
    403: "The client's roles do not allow this, or the client cannot act now.",
    404: "No such record, or one of another organization.",
    409: "The record changed meanwhile (already revoked, already partners...).",
    422: "Invalid input, or a request the rules refuse (the detail says why).",
    429: "Too many requests: wait `Retry-After` seconds.",
}
