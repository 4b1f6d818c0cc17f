"""Typed domain errors raised by the services. Each carries a message-catalog key and its parameters,
so the UI can say it in the user's language; services never format user-facing text themselves."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A refusal the user should be told about. `code` is a key of the message catalog."""

    code: str = "error.generic"
    # True when the work done before the refusal (an email to someone, an audit entry) is to be kept: the
    # UI's doorway (services.runner) commits it before passing the refusal on (no API call raises one yet).
    keeps_changes: bool = False

    def __init__(self, code: str | None = None, **params: Any) -> None:
        self.code = code or self.code
        self.params = params
        super().__init__(f"{self.code} {params}" if params else self.code)

    def __reduce__(self):
        """Pickled with its fields (a refusal comes back from a service process), not as `Exception` does
        (its one message argument, which would lose the code's parameters)."""
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(cls: type[DomainError], args: tuple[Any, ...], fields: dict[str, Any]) -> DomainError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(fields)
    return error


class RuleViolation(DomainError):
    """A request the product's rules refuse as things stand (a closed ticket, a suspended subscription, a
    reseller not of record...): the input is well formed and nothing raced, the catalog key names the rule."""


class ValidationFailed(DomainError):
    """Input that cannot be accepted; `field` names the offending form field when there is one."""

    code = "error.invalid"

    def __init__(self, code: str | None = None, *, field: str | None = None, **params: Any) -> None:
        super().__init__(code, **params)
        self.field = field


class NotAuthenticated(DomainError):
    code = "error.not_signed_in"


class PermissionDenied(DomainError):
    """The actor's roles or organization kind do not allow the action."""

    code = "error.permission_denied"


class OrganizationSuspended(PermissionDenied):
    """The actor's organization is suspended by platform staff: it may read, every change is refused with the
    staff's reason (a `PermissionDenied`, so the doorways log it and the API answers 403)."""

    code = "error.org_suspended"


class NotFound(DomainError):
    """Unknown or not visible to the actor: the two are deliberately indistinguishable."""

    code = "error.not_found"


class Conflict(DomainError):
    """The record changed meanwhile (a replay, a second click, a stale tab, a race)."""

    code = "error.conflict"


class Throttled(DomainError):
    code = "error.throttled"


class LinkInvalid(DomainError):
    """A link that cannot be used: code says why (expired, revoked, used, wrong account...)."""

    code = "link.invalid"
