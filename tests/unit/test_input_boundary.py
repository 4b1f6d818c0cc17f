"""The one input boundary (rxapp/boundary.py): its rules, and a property test that sends hostile payloads to
every public event handler of every page state, as a crafted websocket frame would, and checks that each is
refused with the one message, raises nothing, and changes nothing in the database."""

from __future__ import annotations

import asyncio
import inspect
import math
import typing

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rxapp.rxapp  # noqa: F401  (registers every page and its state)
from rxapp import boundary
from rxapp.boundary import MAX_ID, Refused, clean_argument, clean_form, clean_id, clean_text, limit_for
from rxapp.errors import NotFound, ValidationFailed
from rxapp.i18n import translate
from rxapp.models import Organization, User
from rxapp.state.base import AppState
from tests.unit.state.reflex_events import state_of

REFUSAL = translate("en", "input.refused")


# --- the rules -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    [0, -1, MAX_ID + 1, 2**64, str(2**63), "1e3", "12abc", " ", "", None, 1.5, True, "1\x00", "٣", [1], {"a": 1}],
)
def test_ids_outside_the_database_range_or_not_decimal_are_refused(value):
    with pytest.raises(Refused):
        clean_id(value)
    with pytest.raises(NotFound):
        boundary.record_id(value)
    assert boundary.as_id(value) == 0


@pytest.mark.parametrize("value", [1, "1", MAX_ID, str(MAX_ID), " 42 "])
def test_ids_in_range_pass(value):
    assert 1 <= boundary.record_id(value) <= MAX_ID


@pytest.mark.parametrize("text", ["a\x00b", "\ud800", "x\udfffy", "bell\x07", "esc\x1b[31m", "del\x7f", "\x85"])
def test_nul_lone_surrogates_and_control_characters_are_refused(text):
    with pytest.raises(Refused):
        clean_text(text)


def test_tabs_newlines_and_any_script_pass():
    assert clean_text("Line 1\r\n\tLine 2 한국어 😀") == "Line 1\r\n\tLine 2 한국어 😀"


def test_limits_come_from_the_model_columns():
    assert limit_for("company_name") == 200 == Organization.model_fields["name"].metadata[0].max_length
    assert (
        limit_for("email")
        == 254
        == next(m.max_length for m in User.model_fields["email"].metadata if hasattr(m, "max_length"))
    )
    assert limit_for("admin_email") == limit_for("email")
    assert clean_text("x" * 200, limit=limit_for("company_name"))
    with pytest.raises(Refused):
        clean_form({"company_name": "x" * 201})


def test_form_id_fields_and_wrong_types_are_refused():
    for form in (
        {"id": str(2**63)},
        {"customer": "-1"},
        {"name": {"nested": 1}},
        {"a": math.nan},
        {f"k{i}": "" for i in range(101)},
        ["not", "a", "form"],
    ):
        with pytest.raises(Refused):
            clean_form(form)
    assert clean_form({"customer": "", "id": "7", "ok": True, "tags": ["a"]}) == {
        "customer": "",
        "id": "7",
        "ok": True,
        "tags": ["a"],
    }


def test_service_choices_say_which_field_is_missing():
    with pytest.raises(ValidationFailed) as refused:
        boundary.choice_id(str(2**63), "op_customer")
    assert refused.value.field == "op_customer"


def test_forms_show_the_limit_as_max_length():
    from rxapp.components.forms import field, textarea_field

    assert "maxLength:200" in str(field("field.company_name", "company_name")).replace(" ", "").replace('"', "")
    assert "maxLength:4000" in str(textarea_field("field.company_name", "message")).replace(" ", "").replace('"', "")


# --- every handler, hostile payloads ----------------------------------------------------------------------------
def _states(cls=AppState):
    yield cls
    for sub in sorted(cls.get_substates(), key=lambda c: c.get_full_name()):
        yield from _states(sub)


def _handlers():
    for cls in _states():
        for name, handler in sorted(cls.event_handlers.items()):
            yield pytest.param(cls, name, handler, id=f"{cls.__name__}.{name}")


HANDLERS = list(_handlers())
CONTROL = st.sampled_from([chr(c) for c in [*range(1, 9), 11, 12, *range(14, 32), 127, 0x85, 0x9F]])


def _hostile_text(limit: int) -> st.SearchStrategy:
    clean = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=20)
    return st.one_of(
        st.tuples(clean, st.just("\x00"), clean).map("".join),
        st.tuples(clean, st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff"]), clean).map("".join),
        st.tuples(clean, CONTROL, clean).map("".join),
        st.integers(1, 50).map(lambda extra: "x" * (limit + extra)),
    )


WRONG = st.one_of(
    st.none(),
    st.floats(allow_nan=True),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
BAD_IDS = st.one_of(
    st.integers(min_value=MAX_ID + 1, max_value=2**80),
    st.integers(max_value=0),
    st.integers(min_value=MAX_ID + 1, max_value=2**80).map(str),
    st.just("1\x00"),
    st.just("1e3"),
    st.just("0x10"),
)


def _hostile_value(name: str, annotation) -> st.SearchStrategy:
    if annotation is bool:
        return st.one_of(st.text(max_size=5), st.integers(), st.none(), st.lists(st.booleans(), max_size=2))
    if annotation is int:
        return st.one_of(
            st.integers(min_value=MAX_ID + 1, max_value=2**80),
            st.integers(max_value=-MAX_ID - 1),
            st.sampled_from(["", "one", "1\x00", "9" * 30]),
            st.none(),
            st.floats(),
        )
    if annotation is dict or typing.get_origin(annotation) is dict:
        key = st.sampled_from(["search", "company_name", "email", "password", "name", "message", "body", "url"])
        return st.one_of(
            st.builds(lambda k, v: {k: v}, key, key.flatmap(lambda k: _hostile_text(limit_for(k)))),
            st.builds(lambda k, v: {k: v}, st.sampled_from(sorted(boundary.FORM_ID_FIELDS)), BAD_IDS),
            st.just({f"f{i}": "" for i in range(boundary.MAX_FORM_FIELDS + 1)}),
            st.text(max_size=5),
            st.lists(st.text(max_size=3), max_size=2),
            st.integers(),
        )
    if typing.get_origin(annotation) is list:
        return st.one_of(
            st.lists(st.dictionaries(st.text(max_size=3), st.text(max_size=3)), min_size=1, max_size=2),
            st.text(max_size=5),
            st.none(),
        )
    if name.endswith("_id") or name == "id":
        return st.one_of(BAD_IDS, WRONG)
    return st.one_of(_hostile_text(limit_for(name)), WRONG)


def _fine_value(annotation):
    if annotation is bool:
        return True
    if annotation is int:
        return 1
    if annotation is dict or typing.get_origin(annotation) is dict:
        return {}
    if typing.get_origin(annotation) is list:
        return []
    return "1"


def _payloads(handler) -> st.SearchStrategy:
    fn = handler.fn
    params = list(inspect.signature(fn).parameters.values())[1:]
    hints = typing.get_type_hints(fn) if params and params[0].name != "args" else {}
    if not params or params[0].kind is inspect.Parameter.VAR_POSITIONAL:  # no arguments (or Reflex's setvar)
        unexpected = st.builds(lambda v: {"unexpected": v}, st.one_of(st.text(max_size=5), WRONG))
        return unexpected if params else unexpected
    names = [p.name for p in params]

    def build(index: int, hostile) -> dict:
        payload = {n: _fine_value(hints.get(n, str)) for n in names}
        payload[names[index]] = hostile
        return payload

    hostile_at = st.integers(0, len(names) - 1).flatmap(
        lambda i: _hostile_value(names[i], hints.get(names[i], str)).map(lambda v: build(i, v))
    )
    extra = st.builds(
        lambda v: {**{n: _fine_value(hints.get(n, str)) for n in names}, "unexpected": v}, st.text(max_size=5)
    )
    missing = st.just({}) if any(p.default is inspect.Parameter.empty for p in params) else st.nothing()
    return st.one_of(hostile_at, extra, missing)


async def _call(state, handler, payload: dict):
    """As Reflex's event processor does: `fn(state, **payload)`, then drain what it returns."""
    result = handler.fn(state, **payload)
    if inspect.iscoroutine(result):
        result = await result
    if inspect.isasyncgen(result):
        return [item async for item in result]
    if inspect.isgenerator(result):
        return list(result)
    return result


def _fingerprint(engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table: connection.execute(sa.text(f'SELECT count(*) FROM "{table}"')).scalar_one()  # noqa: S608
            for table in sa.inspect(engine).get_table_names()
        }


@pytest.fixture(scope="module")
def signed_in(demo_db, tmp_path_factory):
    """One copy of the demo database and a platform staff session for the whole module (refused calls never
    change it; the test checks that)."""
    import shutil

    from sqlmodel import Session

    from rxapp import db
    from rxapp.db import make_engine
    from rxapp.services import auth

    path = tmp_path_factory.mktemp("boundary") / "boundary.db"
    shutil.copy(demo_db, path)
    engine = make_engine(f"sqlite:///{path}")
    original = db.get_engine
    db.get_engine = lambda: engine
    with Session(engine) as session:
        token = auth.sign_in(session, email="admin@contoso.example", password="Reseller-demo-2026")
        session.commit()
    yield engine, token
    db.get_engine = original
    engine.dispose()


@pytest.mark.parametrize(("cls", "name", "handler"), HANDLERS)
def test_every_handler_refuses_hostile_payloads_without_an_exception_or_a_change(signed_in, cls, name, handler):  # noqa: ARG001 (a parametrize argument)
    engine, token = signed_in
    before = _fingerprint(engine)

    @settings(
        max_examples=5,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(payload=_payloads(handler))
    def check(payload):
        state = state_of(cls, token)
        asyncio.run(_call(state, handler, payload))  # raises nothing
        shown = state.error if "error" in cls.vars else state.notice
        assert shown == REFUSAL, (payload, shown)

    check()
    assert _fingerprint(engine) == before


def test_the_property_test_covers_every_page_state():
    covered = {p.values[0].__name__ for p in HANDLERS}
    assert {
        "CustomersState",
        "AddUserState",
        "SignInState",
        "RegistryState",
        "OrdersState",
        "WebhooksState",
        "EnrollWizardState",
    } <= covered
    assert len(HANDLERS) > 150


def test_clean_argument_passes_good_values_through():
    assert clean_argument("customer_id", str, 42) == "42"
    assert clean_argument("delta", int, "-1") == -1
    assert clean_argument("active", bool, False) is False
    assert clean_argument("form", dict, {"email": "a@b.example"}) == {"email": "a@b.example"}


# --- services parse ids through the boundary too (the API and the pages share them) --------------------------
@pytest.mark.parametrize("bad", [2**63, str(2**63), -1, 0, "1e3", "x"])
def test_services_answer_not_found_or_required_for_ids_outside_the_range(session, actor, bad):
    from rxapp.services import customers, orders

    contoso = actor("admin@contoso.example")
    with pytest.raises(NotFound):
        customers.customer_detail(session, contoso, customer_org_id=bad)
    with pytest.raises(ValidationFailed) as required:
        orders.submit_order(
            session,
            actor("admin@fabrikam.example"),
            customer_org_id=bad,
            reseller_org_id=bad,
            product_id=bad,
            quantity=1,
        )
    assert required.value.code == "validation.required"
    assert required.value.field == "op_customer"
