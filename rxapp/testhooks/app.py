"""The QA test hooks over HTTP: a plain Starlette app under `/_test`, mounted on the Reflex app only when
`ENABLE_TEST_HOOKS=true` (see `rxapp.testhooks`). Every request must carry the shared secret in the
`X-Test-Hooks-Token` header. JSON in, JSON out; the endpoints run in a thread (sync Starlette endpoints).

    GET    /_test/                      hooks are on; "now", the clock offsets and the caller's address
    POST   /_test/orgs                  {run, kind, name, country?, users?: [...], directory_published?}
    POST   /_test/users                 {run, org_id, local, name, agent, admin, password?, must_change_password?}
    POST   /_test/relationships         {run, partner_org_id, client_org_id}
    POST   /_test/delegated-admin       {run, reseller_org_id, customer_org_id, days?}
    POST   /_test/subscriptions         {run, customer_org_id, sku, reseller_org_id?, provider_org_id?, quantity?}
    GET    /_test/subscriptions         ?run=&customer_org_id=
    POST   /_test/customer-users        {run, customer_org_id, local, name}
    POST   /_test/registry              {run, password?, profiles: [{name, country}]}
    POST   /_test/leads                 {run, by_org_id, reseller_org_id, company, contact, email, country?}
    POST   /_test/mail                  {run, to, key, params} or {run, to, subject, body}
    GET    /_test/emails                ?to=address[&limit=50]: subject, text, links, newest first
    POST   /_test/clock/advance         {days?, hours?, minutes?, seconds?, run?, org_id?} (global without org_id)
    POST   /_test/clock/reset           {run?, org_id?} (the global offset without org_id)
    POST   /_test/throttle/reset        {email?, pmc_user?, client?: "self" | an address}
    DELETE /_test/runs/{run}            delete everything the run made
"""

from __future__ import annotations

import hmac
import json
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route

from rxapp import clock
from rxapp.db import session_scope
from rxapp.errors import DomainError
from rxapp.models.rows import saved_id
from rxapp.testhooks import data
from rxapp.testhooks.cleanup import delete_run

TOKEN_HEADER = "X-Test-Hooks-Token"  # noqa: S105 (a header name)
PREFIX = "/_test"


def _body(request: Request) -> dict[str, Any]:
    raw = request.scope.get("_test_hooks_body") or b""
    if not raw:
        return {}
    try:
        body = json.loads(raw)
    except ValueError as error:
        raise data.HookError("the body must be JSON") from error
    if not isinstance(body, dict):
        raise data.HookError("the body must be a JSON object")
    return body


def _client_address(request: Request, wanted: Any) -> str | None:
    if not wanted:
        return None
    if wanted == "self":
        return request.client.host if request.client else "-"
    return str(wanted)


def _advance_seconds(body: dict[str, Any]) -> float:
    try:
        delta = timedelta(
            days=float(body.get("days", 0)),
            hours=float(body.get("hours", 0)),
            minutes=float(body.get("minutes", 0)),
            seconds=float(body.get("seconds", 0)),
        )
    except (TypeError, ValueError) as error:
        raise data.HookError("days, hours, minutes and seconds must be numbers") from error
    if delta.total_seconds() <= 0:
        raise data.HookError("move the clock forward by a positive amount")
    return delta.total_seconds()


def _settled() -> None:
    """Wait until every worker's cached offsets have expired: the new time holds everywhere on return."""
    time.sleep(clock.CACHE_SECONDS + 0.1)


def _clock_state() -> dict[str, Any]:
    return {"now": clock.now().isoformat(), "offsets": clock.offsets()}


# --- endpoints (each returns a JSON-able value; errors become 400/404) -------------------------------------


def info(request: Request) -> Any:
    return {"hooks": "on", **_clock_state(), "client_address": _client_address(request, "self")}


def _with_session(work: Callable[..., Any]) -> Callable[[Request], Any]:
    def endpoint(request: Request) -> Any:
        body = _body(request)
        run = data.check_run(body.get("run") or request.query_params.get("run"))
        with session_scope() as session:
            return work(session, run, body, request)

    return endpoint


def emails(request: Request) -> Any:
    with session_scope() as session:
        return data.emails_to(
            session, request.query_params.get("to", ""), limit=int(request.query_params.get("limit", "50") or 50)
        )


def advance_clock(request: Request) -> Any:
    body = _body(request)
    seconds = _advance_seconds(body)
    org_id = None
    if body.get("org_id") is not None:
        with session_scope() as session:
            org_id = saved_id(data.run_org(session, data.check_run(body.get("run")), body["org_id"]).id)
    clock.advance(seconds, org_id=org_id)
    _settled()
    return _clock_state()


def reset_clock(request: Request) -> Any:
    body = _body(request)
    if body.get("org_id") is not None:
        with session_scope() as session:
            org_id = saved_id(data.run_org(session, data.check_run(body.get("run")), body["org_id"]).id)
        clock.reset(org_ids=[org_id])
    else:
        clock.reset()
    _settled()
    return _clock_state()


def reset_throttle(request: Request) -> Any:
    body = _body(request)
    with session_scope() as session:
        return data.reset_throttling(
            session,
            email=body.get("email"),
            pmc_user=body.get("pmc_user"),
            client_address=_client_address(request, body.get("client")),
        )


def cleanup(request: Request) -> Any:
    run = data.check_run(request.path_params["run"])
    with session_scope() as session:
        counts, org_ids = delete_run(session, run)
    if org_ids:  # after the commit: the offsets may live in the same (SQLite) database
        clock.reset(org_ids=org_ids)
    return {"run": run, "deleted": counts}


def _json(endpoint: Callable[[Request], Any], status: int = 200) -> Callable[[str], Callable[[Request], Any]]:
    def with_token(expected: str) -> Callable[[Request], Any]:
        return _handler(endpoint, status, expected)

    return with_token


def _handler(endpoint: Callable[[Request], Any], status: int, expected: str) -> Callable[[Request], Any]:
    async def handler(request: Request) -> JSONResponse:
        given = request.headers.get(TOKEN_HEADER, "")
        if not hmac.compare_digest(given.encode(), expected.encode()):
            return JSONResponse({"error": f"the {TOKEN_HEADER} header is missing or wrong"}, status_code=403)
        request.scope["_test_hooks_body"] = await request.body()
        try:
            result = await run_in_threadpool(endpoint, request)
        except data.HookError as error:
            return JSONResponse({"error": str(error)}, status_code=404 if error.missing else 400)
        except DomainError as error:
            return JSONResponse(
                {"error": error.code, "params": {k: str(v) for k, v in error.params.items()}}, status_code=400
            )
        except (KeyError, TypeError, ValueError) as error:
            return JSONResponse({"error": f"bad request: {error}"}, status_code=400)
        return JSONResponse(result, status_code=status)

    return handler


def _data(work: Callable[..., Any]) -> Callable[[Request], Any]:
    return _with_session(lambda session, run, body, _request: work(session, run, body))


ENDPOINTS = [
    ("/", _json(info), ["GET"]),
    ("/orgs", _json(_data(data.create_org), 201), ["POST"]),
    ("/users", _json(_data(data.add_user), 201), ["POST"]),
    ("/relationships", _json(_data(data.connect), 201), ["POST"]),
    ("/delegated-admin", _json(_data(data.grant_delegated_admin), 201), ["POST"]),
    ("/subscriptions", _json(_data(data.add_subscription), 201), ["POST"]),
    (
        "/subscriptions",
        _json(
            _with_session(
                lambda session, run, _body, request: data.subscriptions_of(
                    session, run, request.query_params.get("customer_org_id")
                )
            )
        ),
        ["GET"],
    ),
    ("/customer-users", _json(_data(data.add_customer_user), 201), ["POST"]),
    ("/registry", _json(_data(data.add_registry_entries), 201), ["POST"]),
    ("/leads", _json(_data(data.refer_lead), 201), ["POST"]),
    ("/mail", _json(_data(data.queue_mail), 201), ["POST"]),
    ("/emails", _json(emails), ["GET"]),
    ("/clock/advance", _json(advance_clock), ["POST"]),
    ("/clock/reset", _json(reset_clock), ["POST"]),
    ("/throttle/reset", _json(reset_throttle), ["POST"]),
    ("/runs/{run}", _json(cleanup), ["DELETE"]),
]


def build_app(token: str) -> Starlette:
    """The hooks app; the Reflex app is mounted under it (at "") by `api_transformer`."""
    routes = [Route(path, endpoint(token), methods=methods) for path, endpoint, methods in ENDPOINTS]
    return Starlette(routes=[Mount(PREFIX, routes=routes)])
