"""Issue 13, point 5 on the operations pages: the services name the field a refusal is about (a typed
`ValidationFailed` with a catalog key in both languages), and the page states turn it into the id of the form's
control (the message shows under it) and an event that moves the focus there."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from rxapp.errors import ValidationFailed
from rxapp.i18n import translate
from rxapp.services import health, leads, subscriptions, support
from rxapp.state.health import HealthState
from rxapp.state.leads import ReferralsState
from rxapp.state.licenses import LicensesState
from rxapp.state.subscriptions import SubscriptionsState
from rxapp.state.support import SupportState
from tests.unit import operations_world as world
from tests.unit.operations_world import world_engine_fixture, world_template_fixture  # noqa: F401  (fixtures)
from tests.unit.reflex_events import send, state_of

HELPDESK, ADMIN, OPS = "helpdesk@contoso.example", "admin@contoso.example", "ops@platform.example"


def _field(call) -> tuple[str, str]:
    """(field, code) of the ValidationFailed that `call` raises."""
    with pytest.raises(ValidationFailed) as refusal:
        call()
    return refusal.value.field or "", refusal.value.code


def _both_languages(code: str, field: str, **params) -> None:
    for lang in ("en", "ko"):
        text = translate(lang, code, field=translate(lang, f"field.{field}"), **params)
        assert text != code, (lang, code, text)
        assert "{" not in text, (lang, code, text)


# --- the services name the field ---------------------------------------------------------------------------


def test_support_refusals_name_the_subject_or_the_message(world_session):
    session = world_session
    adatum = world.org(session, "adatum.example").id
    helpdesk, admin = world.actor(session, HELPDESK), world.actor(session, ADMIN)
    assert _field(lambda: support.create_customer_request(
        session, helpdesk, customer_org_id=adatum, subject="  ", body="Help")) == ("op_subject", "validation.required")
    assert _field(lambda: support.create_customer_request(
        session, helpdesk, customer_org_id=adatum, subject="Sign-in", body=" ")) == (
        "op_message", "validation.required")
    assert _field(lambda: support.create_platform_ticket(
        session, admin, subject="x" * (support.SUBJECT_MAX + 1), body="Help")) == ("op_subject", "validation.too_long")
    ticket = support.create_platform_ticket(session, admin, subject="Billing question", body="Why?")
    assert _field(lambda: support.reply(session, admin, ticket_id=ticket.id, body="   ")) == (
        "op_message", "validation.required")
    _both_languages("validation.too_long", "op_subject", max=support.SUBJECT_MAX)


def test_health_refusals_name_the_service_title_or_description(world_session):
    session, ops = world_session, world.actor(world_session, OPS)

    def post(**changed):
        values = {"family": "azure", "status": "incident", "title": "Outage", "description": "", **changed}
        return lambda: health.post_entry(session, ops, **values)

    assert _field(post(family="mainframe")) == ("op_service", "validation.required")
    assert _field(post(title=" ")) == ("op_title", "validation.required")
    assert _field(post(description="x" * (health.DESCRIPTION_MAX + 1))) == ("op_description", "validation.too_long")
    assert health.DESCRIPTION_MAX == 4000, "the limits are the model's columns"
    assert health.TITLE_MAX == 200
    _both_languages("validation.required", "op_title")


def test_a_quantity_below_the_assigned_licenses_is_about_the_quantity(world_session):
    session = world_session
    sub = world.subscription(session, "adatum.example", "M365-BP")
    admin = world.actor(session, ADMIN)
    for upn in ("alex@adatum.example", "bo@adatum.example"):
        subscriptions.assign_license(session, admin, subscription_id=sub.id,
                                     customer_user_id=world.customer_user(session, upn).id)
    assert _field(lambda: subscriptions.change_quantity(session, admin, subscription_id=sub.id, quantity=1)) == (
        "op_quantity", "subscriptions.below_assigned")
    _both_languages("subscriptions.below_assigned", "op_quantity", assigned=2)


def test_a_license_refusal_is_about_the_license_chosen(world_session):
    session = world_session
    sub = world.subscription(session, "adatum.example", "M365-BP")  # quantity 2
    admin = world.actor(session, ADMIN)

    def assign(upn):
        return lambda: subscriptions.assign_license(session, admin, subscription_id=sub.id,
                                                    customer_user_id=world.customer_user(session, upn).id)

    assign("alex@adatum.example")()
    assert _field(assign("alex@adatum.example")) == ("op_license", "licenses.already_assigned")
    assign("bo@adatum.example")()
    assert _field(assign("chris@adatum.example")) == ("op_license", "licenses.no_free_seat")
    _both_languages("licenses.no_free_seat", "op_license", product="M365", quantity=2)


def test_a_referral_names_its_own_fields(world_session):
    session = world_session
    fabrikam = world.actor(session, "admin@fabrikam.example")
    contoso = world.org(session, "contoso.example").id
    lead = {"company_name": "Fourth Coffee", "contact_name": "Ha-eun Jung",
            "contact_email": "owner@fourthcoffee.example", "country": "KR"}
    for changed, field in (({"company_name": " "}, "lead_company"), ({"contact_name": " "}, "lead_contact"),
                           ({"contact_email": "nobody"}, "email"), ({"country": "ZZ"}, "country")):
        assert _field(lambda changed=changed: leads.refer_lead(
            session, fabrikam, reseller_org_id=contoso, **{**lead, **changed}))[0] == field


@pytest.fixture(name="world_session")
def world_session_fixture(world_engine):
    """A session on the operations world (tests/unit/operations_world.py); the demo world's `session` stays the
    one the page-state tests below sign in to."""
    with Session(world_engine, expire_on_commit=False) as session:
        yield session


# --- the page states turn the field into the control, and focus it ----------------------------------------


def _focus(events) -> list[str]:
    return [str(e) for e in events if e is not None and "focus" in str(e).lower()]


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.mark.anyio
@pytest.mark.usefixtures("engine")
async def test_support_forms_show_refusals_under_their_fields(sign_in):
    state = state_of(SupportState, sign_in("admin@contoso.example", "Reseller-demo-2026"))
    await send(state, "load")
    events = await send(state, "ticket_to_platform", {"subject": "   ", "body": "Our invoices are missing."})
    assert state.error_field == "ticket-subject"
    assert state.error
    assert state.message == ""
    assert any("ticket_subject" in f for f in _focus(events)), events
    await send(state, "ticket_to_platform", {"subject": "Invoices", "body": "Our invoices are missing."})
    assert state.error_field == "", "a sent ticket clears the mark"
    assert state.ticket.get("id")
    events = await send(state, "reply", {"body": "  "})
    assert state.error_field == "reply-body"
    assert any("reply_body" in f for f in _focus(events)), events


@pytest.mark.anyio
@pytest.mark.usefixtures("engine")
async def test_a_refused_health_post_names_its_control(sign_in):
    staff = state_of(HealthState, sign_in("ops@platform.example", "Platform-demo-2026"))
    events = await send(staff, "post", {"family": "azure", "status": "incident", "title": "  ", "description": ""})
    assert staff.error_field == "health-title"
    assert any("health_title" in f for f in _focus(events))



@pytest.mark.anyio
@pytest.mark.usefixtures("engine")
async def test_a_refused_quantity_shows_under_its_row(sign_in, monkeypatch):
    """The demo has no subscriptions: the service's refusal is stood in for (the rule itself is tested above)."""
    def refuse(_session, _actor, *, quantity, **_ignored):
        raise ValidationFailed("subscriptions.below_assigned", field="op_quantity", assigned=quantity + 1)

    monkeypatch.setattr(subscriptions, "change_quantity", refuse)
    subs = state_of(SubscriptionsState, sign_in("admin@contoso.example", "Reseller-demo-2026"))
    events = await send(subs, "set_quantity", {"id": "42", "quantity": "1"})
    assert subs.error_field == "subs-quantity-42"
    assert "2" in subs.error
    assert subs.message == ""
    assert any("subs-quantity-42" in str(e) for e in events), "the focus moves to the row's quantity"


@pytest.mark.anyio
@pytest.mark.usefixtures("engine")
async def test_a_refused_license_shows_under_the_users_choice(sign_in, monkeypatch):
    def refuse(*_, **__):
        raise ValidationFailed("licenses.no_free_seat", field="op_license", product="M365", quantity=2)

    monkeypatch.setattr(subscriptions, "assign_license", refuse)
    state = state_of(LicensesState, sign_in("admin@contoso.example", "Reseller-demo-2026"))
    events = await send(state, "assign", {"subscription": "7", "user": "42"})
    assert state.error_field == "license-42"
    assert "M365" in state.error
    assert any("license-42" in str(e) for e in events), "the focus moves to the user's license choice"


@pytest.mark.anyio
@pytest.mark.usefixtures("engine")
async def test_a_refused_referral_marks_the_field_and_keeps_the_form(sign_in):
    state = state_of(ReferralsState, sign_in("ops@platform.example", "Platform-demo-2026"))
    await send(state, "load")
    form = {"company": "Fourth Coffee", "contact": "Ha-eun Jung", "email": "not-an-address", "country": "KR"}
    events = await send(state, "refer", form)
    assert state.error_field == "reseller-query", "no reseller chosen yet: the search box is the wrong field"
    assert any("reseller_query" in f for f in _focus(events)), events
    await send(state, "find_resellers", {"reseller_query": "Contoso"})
    await send(state, "choose", state.reseller_matches[0]["id"])
    events = await send(state, "refer", form)
    assert state.error_field == "lead-email"
    assert any("lead_email" in f for f in _focus(events))
    assert state.form_key == 0, "a refused referral keeps what was typed and chosen"
    assert state.reseller_id
