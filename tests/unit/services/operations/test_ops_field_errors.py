"""Issue 13, point 5 on the operations pages: the services name the field a refusal is about (a typed
`ValidationFailed` with a catalog key in both languages), and the page states turn it into the id of the form's
control (the message shows under it) and an event that moves the focus there."""

from __future__ import annotations

import pytest

from rxapp.errors import ValidationFailed
from rxapp.i18n import translate
from rxapp.services import health, leads, subscriptions, support
from tests.unit.services.operations import world

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


def test_support_refusals_name_the_subject_or_the_message(session):
    session = session
    adatum = world.org(session, "adatum.example").id
    helpdesk, admin = world.actor(session, HELPDESK), world.actor(session, ADMIN)
    assert _field(
        lambda: support.create_customer_request(session, helpdesk, customer_org_id=adatum, subject="  ", body="Help")
    ) == ("op_subject", "validation.required")
    assert _field(
        lambda: support.create_customer_request(session, helpdesk, customer_org_id=adatum, subject="Sign-in", body=" ")
    ) == ("op_message", "validation.required")
    assert _field(
        lambda: support.create_platform_ticket(session, admin, subject="x" * (support.SUBJECT_MAX + 1), body="Help")
    ) == ("op_subject", "validation.too_long")
    ticket = support.create_platform_ticket(session, admin, subject="Billing question", body="Why?")
    assert _field(lambda: support.reply(session, admin, ticket_id=ticket.id, body="   ")) == (
        "op_message",
        "validation.required",
    )
    _both_languages("validation.too_long", "op_subject", max=support.SUBJECT_MAX)


def test_health_refusals_name_the_service_title_or_description(session):
    session, ops = session, world.actor(session, OPS)

    def post(**changed):
        values = {"family": "azure", "status": "incident", "title": "Outage", "description": "", **changed}
        return lambda: health.post_entry(session, ops, **values)

    assert _field(post(family="mainframe")) == ("op_service", "validation.required")
    assert _field(post(title=" ")) == ("op_title", "validation.required")
    assert _field(post(description="x" * (health.DESCRIPTION_MAX + 1))) == ("op_description", "validation.too_long")
    assert health.DESCRIPTION_MAX == 4000, "the limits are the model's columns"
    assert health.TITLE_MAX == 200
    _both_languages("validation.required", "op_title")


def test_a_quantity_below_the_assigned_licenses_is_about_the_quantity(session):
    session = session
    sub = world.subscription(session, "adatum.example", "M365-BP")
    admin = world.actor(session, ADMIN)
    for upn in ("alex@adatum.example", "bo@adatum.example"):
        subscriptions.assign_license(
            session, admin, subscription_id=sub.id, customer_user_id=world.customer_user(session, upn).id
        )
    assert _field(lambda: subscriptions.change_quantity(session, admin, subscription_id=sub.id, quantity=1)) == (
        "op_quantity",
        "subscriptions.below_assigned",
    )
    _both_languages("subscriptions.below_assigned", "op_quantity", assigned=2)


def test_a_license_refusal_is_about_the_license_chosen(session):
    session = session
    sub = world.subscription(session, "adatum.example", "M365-BP")  # quantity 2
    admin = world.actor(session, ADMIN)

    def assign(upn):
        return lambda: subscriptions.assign_license(
            session, admin, subscription_id=sub.id, customer_user_id=world.customer_user(session, upn).id
        )

    assign("alex@adatum.example")()
    assert _field(assign("alex@adatum.example")) == ("op_license", "licenses.already_assigned")
    assign("bo@adatum.example")()
    assert _field(assign("chris@adatum.example")) == ("op_license", "licenses.no_free_seat")
    _both_languages("licenses.no_free_seat", "op_license", product="M365", quantity=2)


def test_a_referral_names_its_own_fields(session):
    session = session
    fabrikam = world.actor(session, "admin@fabrikam.example")
    contoso = world.org(session, "contoso.example").id
    lead = {
        "company_name": "Fourth Coffee",
        "contact_name": "Ha-eun Jung",
        "contact_email": "owner@fourthcoffee.example",
        "country": "KR",
    }
    for changed, field in (
        ({"company_name": " "}, "lead_company"),
        ({"contact_name": " "}, "lead_contact"),
        ({"contact_email": "nobody"}, "email"),
        ({"country": "ZZ"}, "country"),
    ):
        assert (
            _field(
                lambda changed=changed: leads.refer_lead(
                    session, fabrikam, reseller_org_id=contoso, **{**lead, **changed}
                )
            )[0]
            == field
        )
