"""The client of the portal's QA test hooks (`/_test`, rxapp/testhooks): test data, emails as JSON, the test
clock and throttle resets. Tests use it through the `hooks` and `data` fixtures (tests/e2e/data.py)."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

import httpx

TOKEN_HEADER = "X-Test-Hooks-Token"  # noqa: S105 (a header name)


class HooksUnavailable(RuntimeError):
    """The instance has no test hooks (404) or refuses the token (403)."""


@dataclass(frozen=True)
class Email:
    """One email as its reader gets it."""

    to: str
    subject: str
    text: str
    links: list[str]

    @property
    def link(self) -> str:
        """The first link of the email (the one a reader follows)."""
        assert self.links, f"no link in the email {self.subject!r}"
        return self.links[0]


class Hooks:
    """`/_test` over HTTP, with the shared secret."""

    def __init__(self, base_url: str, token: str, *, timeout: float = 60) -> None:
        self.base_url = base_url.rstrip("/")
        self.client = httpx.Client(base_url=f"{self.base_url}/_test", headers={TOKEN_HEADER: token}, timeout=timeout)

    def close(self) -> None:
        self.client.close()

    def call(self, method: str, path: str, **body: Any) -> Any:
        response = self.client.request(
            method, path, json=body if method != "GET" else None, params=body if method == "GET" else None
        )
        if response.status_code in (403, 404) and path == "/":
            raise HooksUnavailable(response.status_code)
        if response.status_code >= 300:
            raise AssertionError(f"test hook {method} {path} answered {response.status_code}: {response.text}")
        return response.json()

    def info(self) -> dict[str, Any]:
        """Raises `HooksUnavailable` when the instance has no hooks (404) or another token (403)."""
        return self.call("GET", "/")

    # --- emails ------------------------------------------------------------------------------------------

    def emails(self, to: str) -> list[Email]:
        """The emails sent to `to`, newest first."""
        return [
            Email(to=m["to"], subject=m["subject"], text=m["text"], links=m["links"])
            for m in self.call("GET", "/emails", to=to)
        ]

    def email(self, to: str, subject: str | re.Pattern = "", *, timeout: float = 15) -> Email:
        """The newest email to `to` whose subject contains `subject` (or matches the pattern), waiting for it."""
        deadline = time.monotonic() + timeout
        while True:
            for message in self.emails(to):
                if subject.search(message.subject) if isinstance(subject, re.Pattern) else subject in message.subject:
                    return message
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"no email to {to} with subject {subject!r}; got {[m.subject for m in self.emails(to)]}"
                )
            time.sleep(0.25)

    # --- clock and throttling ------------------------------------------------------------------------------

    def advance_clock(self, *, run: str | None = None, org_id: int | None = None, **delta: float) -> dict:
        """Move "now" forward (days=, hours=, minutes=, seconds=): for one organization of the run, or
        globally. Returns once every worker of the instance sees it."""
        return self.call("POST", "/clock/advance", run=run, org_id=org_id, **delta)

    def reset_clock(self, *, run: str | None = None, org_id: int | None = None) -> dict:
        return self.call("POST", "/clock/reset", run=run, org_id=org_id)

    def reset_throttle(
        self, *, email: str | None = None, pmc_user: str | None = None, client: str | None = "self"
    ) -> dict:
        """Forget failed attempts of an account / PMC sign-in and (by default) of this machine's address."""
        return self.call("POST", "/throttle/reset", email=email, pmc_user=pmc_user, client=client)

    def cleanup(self, run: str) -> dict:
        return self.call("DELETE", f"/runs/{run}")
