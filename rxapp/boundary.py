"""The one input boundary: every value a browser sends to an event handler is checked here first.

Ids outside 1..2^63-1, NUL and other control characters, lone surrogates, text over its field's length,
unexpected argument names and wrong types all become the same refusal (`input.refused`) instead of an
exception deep in a service or the database driver. Text limits come from one place, the models' column
lengths (`limit_for`), which the forms also show as `maxLength`.

`guard(fn)` wraps a state's event handler (AppState does it for every handler of every page state); the
handler then runs with cleaned arguments, or not at all.
"""

from __future__ import annotations

import functools
import inspect
import math
import re
import typing
import unicodedata
from collections.abc import Callable
from typing import Any

import annotated_types
from sqlmodel import SQLModel

from rxapp import models  # every table class is defined before the lengths are read

MAX_ID = 2**63 - 1
REFUSAL_KEY = "input.refused"
ALLOWED_CONTROLS = frozenset("\t\n\r")
MAX_FORM_FIELDS = 100
MAX_KEY_LENGTH = 64
_ID = re.compile(r"[0-9]{1,19}")


# Tables no one types into (the outbox's subject is written by the mail catalog): their lengths would only
# loosen the limit of a form field of the same name (a support ticket's `subject`).
_UNTYPED: tuple[type[SQLModel], ...] = (models.OutboxEmail,)


def _model_lengths() -> dict[str, int]:
    """Column name -> the longest `max_length` any table people type into gives it."""
    lengths: dict[str, int] = {}
    stack = list(SQLModel.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if getattr(cls, "__table__", None) is None or cls in _UNTYPED:
            continue
        for name, info in cls.model_fields.items():
            for meta in info.metadata:
                if isinstance(meta, annotated_types.MaxLen):
                    lengths[name] = max(lengths.get(name, 0), meta.max_length)
    return lengths


@functools.cache
def limits() -> dict[str, int]:
    """Form field -> the most characters it accepts: its column's length (read once, on first use)."""
    from rxapp.services import customers, passwords

    lengths = _model_lengths()
    aliases = {  # form field -> the column it is stored in
        "admin_email": "email",
        "reseller_email": "email",
        "contact": "email",
        "upn": "user_principal_name",
        "recipient": "email",
        "admin_name": "full_name",
        "company": "company_name",
        "reason": "rejection_reason",
        "invite_message": "message",
        "pmc_user_name": "user_name",
        "profile_name": "name",
        "new_profile_name": "name",
        "reseller_mpn_id": "mpn_id",
        # lists typed into one box (MPN IDs, PMC user names): as long as the longest list column
        "mpn_ids": "industries",
        "edit_mpn_ids": "industries",
        "pmc_users": "industries",
    }
    limits = {**lengths, **{form: lengths[column] for form, column in aliases.items()}}
    for name in ("password", "current_password", "new_password", "confirm", "pmc_password", "edit_pmc_password"):
        limits[name] = passwords.MAX_LENGTH
    for name in ("search", "reseller_query", "query"):
        limits[name] = customers.MAX_SEARCH
    limits["body"] = DEFAULT_LIMIT
    return limits


def column_length(model: type[SQLModel], field: str) -> int:
    """The `max_length` of one model column: the one number a service checks, a form shows and the database keeps."""
    return next(
        meta.max_length for meta in model.model_fields[field].metadata if isinstance(meta, annotated_types.MaxLen)
    )


# The longest text a person types: a support message (the outbox's email `body` column is longer, but no one
# types an email body); also the limit of any field not named after a column.
DEFAULT_LIMIT = column_length(models.SupportMessage, "body")
# Form fields that carry a record id (a select's or a hidden input's value) besides those named `*_id`.
FORM_ID_FIELDS = frozenset({"id", "user", "subscription", "customer", "reseller", "product", "profile"})


def limit_for(name: str) -> int:
    """The most characters field `name` accepts (shown as the form's maxLength)."""
    return limits().get(name, DEFAULT_LIMIT)


def field_text(value: Any, key: str) -> str:
    """A value typed into field `key` as text ("" when missing), at most the field's length. The guard has
    already refused longer input; the cut keeps a value a handler was handed some other way within the limit
    too, so no state writes a length of its own."""
    return "" if value is None else str(value)[: limit_for(key)]


def form_text(form: dict[str, Any], key: str) -> str:
    """Form field `key` of a submitted form (see `field_text`)."""
    return field_text(form.get(key), key)


class Refused(Exception):
    """A value the boundary does not let through (always shown as the one `input.refused` message)."""


def clean_text(value: Any, *, limit: int = DEFAULT_LIMIT) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise Refused("type")
    text = str(value)
    if len(text) > limit:
        raise Refused("length")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise Refused("surrogate") from None
    if any(unicodedata.category(ch) == "Cc" and ch not in ALLOWED_CONTROLS for ch in text):
        raise Refused("control")
    return text


def clean_id(value: Any) -> str:
    """A record id: decimal digits for 1..2^63-1 (returned as text, as the handlers pass it on)."""
    text = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else None
    if text is None or not _ID.fullmatch(text) or not 1 <= int(text) <= MAX_ID:
        raise Refused("id")
    return text


def as_id(value: Any, default: int = 0) -> int:
    """A record id the handlers already hold (state, query string): the id, or `default` when not one."""
    try:
        return int(clean_id(value))
    except Refused:
        return default


def as_int(value: Any, default: int = 0) -> int:
    """A whole number within the database's range, or `default`."""
    try:
        return clean_int(value)
    except Refused:
        return default


def record_id(value: Any) -> int:
    """A record id for a service: anything that is not one (text, 0, 2^63 and beyond) is `NotFound`, like an
    unknown id (the database is never asked)."""
    from rxapp.errors import NotFound

    try:
        return int(clean_id(value))
    except Refused:
        raise NotFound() from None


def choice_id(value: Any, field: str) -> int:
    """A record chosen in a form (a select): missing or not an id is "required" for that field."""
    from rxapp.errors import ValidationFailed

    try:
        return int(clean_id(value))
    except Refused:
        raise ValidationFailed("validation.required", field=field) from None


def form_number(value: Any, field: str) -> int:
    """A whole number typed in a form (a quantity): missing or not a number is "required" for that field."""
    from rxapp.errors import ValidationFailed

    try:
        return clean_int(value)
    except Refused:
        raise ValidationFailed("validation.required", field=field) from None


def clean_int(value: Any) -> int:
    if isinstance(value, bool):
        raise Refused("type")
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]{1,19}", value.strip()):
        value = int(value)
    if not isinstance(value, int) or abs(value) > MAX_ID:
        raise Refused("int")
    return value


def clean_form(value: Any) -> dict[str, Any]:
    """A submitted form: text fields (each within its column's length), check boxes, simple lists."""
    if not isinstance(value, dict) or len(value) > MAX_FORM_FIELDS:
        raise Refused("form")
    cleaned: dict[str, Any] = {}
    for key, item in value.items():
        name = clean_text(key, limit=MAX_KEY_LENGTH)
        cleaned[name] = _clean_form_value(name, item)
    return cleaned


def _clean_form_value(name: str, item: Any) -> Any:
    if item is None or isinstance(item, bool):
        return item
    if isinstance(item, float):
        if not math.isfinite(item):
            raise Refused("number")
        return item
    if isinstance(item, list):
        if len(item) > MAX_FORM_FIELDS:
            raise Refused("list")
        return [clean_text(part, limit=limit_for(name)) for part in item]
    if (name.endswith("_id") or name in FORM_ID_FIELDS) and item != "":
        return clean_id(item)
    return clean_text(item, limit=limit_for(name))


def clean_argument(name: str, annotation: Any, value: Any) -> Any:
    """One handler argument, by its name and annotation."""
    origin = typing.get_origin(annotation)
    if annotation is bool:
        if not isinstance(value, bool):
            raise Refused("bool")
        return value
    if annotation is int:
        return clean_int(value)
    if annotation is dict or origin is dict:
        return clean_form(value)
    if origin is list:
        from reflex import UploadFile

        if not isinstance(value, list) or not all(isinstance(item, UploadFile) for item in value):
            raise Refused("files")
        return value
    if name.endswith("_id") or name == "id":
        return clean_id(value)
    return clean_text(value, limit=limit_for(name))


def refuse(state: Any) -> None:
    """Show the refusal on the page: in the form's error where the state has one, else in the shell's notice.
    A background task's state proxy cannot be written outside `async with`: the task just does not run."""
    from reflex.istate.proxy import StateProxy

    from rxapp.i18n import translate

    if isinstance(state, StateProxy):
        return

    message = translate(getattr(state, "lang", "en"), REFUSAL_KEY)
    if "error" in type(state).vars:
        state.error = message
    else:
        state.notice = message


def _checker(fn: Callable) -> Callable[..., tuple[tuple, dict] | None]:
    signature = inspect.signature(fn)
    hints: dict[str, Any] | None = None
    # The arguments after `self` when each is a plain positional one: the usual call (every value given, in
    # order, by the page) is then checked without `Signature.bind`, which costs more than the checks.
    names = [p.name for p in signature.parameters.values() if p.kind is p.POSITIONAL_OR_KEYWORD][1:]
    plain = len(names) == len(signature.parameters) - 1

    def check(state: Any, args: tuple, kwargs: dict) -> tuple[tuple, dict] | None:
        nonlocal hints
        if hints is None:
            hints = typing.get_type_hints(fn)
        try:
            if plain and not kwargs and len(args) == len(names):
                cleaned = tuple(clean_argument(n, hints.get(n, str), v) for n, v in zip(names, args, strict=True))
                return (state, *cleaned), {}
            bound = signature.bind(state, *args, **kwargs)
            for name in list(bound.arguments)[1:]:
                bound.arguments[name] = clean_argument(name, hints.get(name, str), bound.arguments[name])
        except (TypeError, Refused):
            refuse(state)
            return None
        return bound.args, bound.kwargs

    return check


def guard(fn: Callable) -> Callable:
    """Wrap an event handler (sync, async, generator or async generator) with the boundary's checks."""
    if getattr(fn, "__boundary__", False):
        return fn
    check = _checker(fn)
    if inspect.isasyncgenfunction(fn):

        @functools.wraps(fn)
        async def guarded_gen(*args, **kwargs):
            cleaned = check(args[0], args[1:], kwargs)
            if cleaned is not None:
                async for item in fn(*cleaned[0], **cleaned[1]):
                    yield item

        wrapper: Callable = guarded_gen
    elif inspect.iscoroutinefunction(fn):

        @functools.wraps(fn)
        async def guarded_co(*args, **kwargs):
            cleaned = check(args[0], args[1:], kwargs)
            return None if cleaned is None else await fn(*cleaned[0], **cleaned[1])

        wrapper = guarded_co
    else:

        @functools.wraps(fn)
        def guarded(*args, **kwargs):
            cleaned = check(args[0], args[1:], kwargs)
            return None if cleaned is None else fn(*cleaned[0], **cleaned[1])

        wrapper = guarded
    wrapper.__boundary__ = True  # type: ignore[attr-defined]
    return wrapper
