"""Incentives: programs defined by platform staff (validated field by field), a partner's eligibility per program
and billed month with the reason when not, billed base and estimated earning from its billing records, CSV, and
the demo data (two programs, three months)."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from rxapp import cli
from rxapp.errors import PermissionDenied, ValidationFailed
from rxapp.models import BillingRecord, Product, Subscription, SubscriptionStatus, utcnow
from rxapp.services import billing_history, incentives
from rxapp.services.demo_incentives import DEMO_BILLING, demo_months

OPS = "ops@platform.example"
GOOD = {
    "name": "Security Boost",
    "families": ["azure"],
    "rate_percent": "2.5",
    "starts_on": "2026-01-01",
    "ends_on": "2026-12-31",
    "partner_kinds": ["reseller"],
    "countries": "kr, US",
}


def test_demo_data_shows_two_programs_over_three_months(session, actor):
    mpn_id, rows = incentives.overview(session, actor("admin@contoso.example"))
    assert mpn_id == "5000001"
    months = sorted({row.month for row in rows})
    assert months == demo_months()
    assert len(rows) == 6
    modern = [r for r in rows if r.program == "Modern Work Growth"]
    newest = DEMO_BILLING["reseller"][-1]
    base = sum(cents for family, cents in newest if family in ("microsoft_365", "office_365"))
    assert modern[0].month == months[-1]
    assert modern[0].eligible
    assert modern[0].base_cents == base
    assert modern[0].earning_cents == round(base * 0.045)
    azure = [r for r in rows if r.program == "Azure Accelerate"]
    assert all(not r.eligible and r.reason == "country" and r.earning_cents == 0 for r in azure)
    assert azure[0].base_cents == dict(newest)["azure"]  # the base is shown even when not eligible


def test_a_provider_outside_the_partner_kinds_is_told_why(session, actor):
    _, rows = incentives.overview(session, actor("admin@fabrikam.example"))
    assert {r.reason for r in rows if r.program == "Azure Accelerate"} == {"partner_kind"}
    assert all(r.eligible for r in rows if r.program == "Modern Work Growth")


def test_no_mpn_id_and_months_outside_the_program(session, actor, org):
    contoso = org("Contoso")
    ops = actor(OPS)
    first = demo_months()[0]
    incentives.create_program(
        session,
        ops,
        **{
            **GOOD,
            "name": "Later",
            "families": ["microsoft_365"],
            "starts_on": date(first.year + 1, 1, 1),
            "ends_on": date(first.year + 1, 12, 31),
            "countries": "",
        },
    )
    _, rows = incentives.overview(session, actor("admin@contoso.example"))
    assert {r.reason for r in rows if r.program == "Later"} == {"outside_dates"}
    contoso.mpn_id = None
    session.add(contoso)
    session.flush()
    _, rows = incentives.overview(session, actor("admin@contoso.example"))
    assert {r.reason for r in rows} == {"no_mpn"}


@pytest.mark.usefixtures("org")
def test_a_month_partly_in_the_program_counts(session, actor):
    ops = actor(OPS)
    month = demo_months()[1]
    incentives.create_program(
        session,
        ops,
        **{
            **GOOD,
            "name": "Mid",
            "families": ["azure"],
            "countries": "",
            "starts_on": month.replace(day=20),
            "ends_on": month.replace(day=25),
        },
    )
    _, rows = incentives.overview(session, actor("admin@contoso.example"))
    assert [r.month for r in rows if r.program == "Mid" and r.eligible] == [month]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "  "}, "name"),
        ({"families": ["minecraft"]}, "families"),
        ({"rate_percent": "0"}, "rate"),
        ({"rate_percent": "100.5"}, "rate"),
        ({"rate_percent": "abc"}, "rate"),
        ({"rate_percent": "2.555"}, "rate"),
        ({"rate_percent": "NaN"}, "rate"),
        ({"starts_on": "2026-13-01"}, "starts_on"),
        ({"ends_on": "2025-12-31"}, "ends_on"),
        ({"partner_kinds": ["customer"]}, "partner_kinds"),
        ({"countries": "KR, XX"}, "countries"),
    ],
)
def test_program_fields_are_validated_one_by_one(session, actor, change, field):
    with pytest.raises(ValidationFailed) as refused:
        incentives.create_program(session, actor(OPS), **{**GOOD, **change})
    assert refused.value.field == field


def test_only_platform_global_admins_define_programs_and_partners_view(session, actor):
    program = incentives.create_program(session, actor(OPS), **GOOD)
    assert (program.rate_percent, program.countries, program.families) == ("2.5", ("KR", "US"), ("azure",))
    assert any(p.id == program.id for p in incentives.list_programs(session, actor(OPS)))
    for email in ("admin@contoso.example", "admin@adatum.example"):
        with pytest.raises(PermissionDenied):
            incentives.create_program(session, actor(email), **GOOD)
    with pytest.raises(PermissionDenied):
        incentives.overview(session, actor("helpdesk@contoso.example"))
    with pytest.raises(PermissionDenied):
        incentives.overview(session, actor(OPS))
    incentives.delete_program(session, actor(OPS), program_id=program.id)
    assert all(p.id != program.id for p in incentives.list_programs(session, actor(OPS)))


@given(base=st.integers(0, 10**12), basis_points=st.integers(1, 10_000))
def test_the_earning_is_the_base_times_the_rate_rounded_half_up(base, basis_points):
    exact = Fraction(base) * Fraction(basis_points, 10_000)
    expected = int(exact) + (1 if exact - int(exact) >= Fraction(1, 2) else 0)
    rate = f"{(Decimal(basis_points) / 100).normalize():f}"
    assert incentives.earning_cents(base, rate) == expected


def test_csv_lists_every_program_month_with_the_mpn_id(session, actor, org):
    session.add(
        BillingRecord(partner_org_id=org("Contoso").id, month=demo_months()[0], product_family="azure", amount_cents=0)
    )
    session.flush()
    text = incentives.export_csv(
        session,
        actor("admin@contoso.example"),
        header=tuple("abcdefg"),
        labels={"yes": "Y", "no": "N", "country": "Country"},
    )
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 7
    assert rows[0] == list("abcdefg")
    assert {row[0] for row in rows[1:]} == {"5000001"}
    assert {(row[1], row[3], row[4]) for row in rows[1:]} == {
        ("Modern Work Growth", "Y", ""),
        ("Azure Accelerate", "N", "Country"),
    }


def test_closing_a_month_bills_reseller_and_provider_from_active_subscriptions(session, actor, org):
    contoso, fabrikam, adatum = org("Contoso"), org("Fabrikam"), org("Adatum")
    products = {p.sku: p for p in session.exec(select(Product))}
    session.add_all(
        [
            Subscription(
                customer_org_id=adatum.id,
                product_id=products["M365-BP"].id,
                reseller_org_id=contoso.id,
                provider_org_id=fabrikam.id,
                quantity=10,
            ),
            Subscription(
                customer_org_id=adatum.id, product_id=products["O365-E3"].id, reseller_org_id=contoso.id, quantity=3
            ),
            Subscription(
                customer_org_id=adatum.id,
                product_id=products["D365-SALES"].id,
                reseller_org_id=contoso.id,
                quantity=5,
                status=SubscriptionStatus.SUSPENDED,
            ),
        ]
    )
    session.flush()
    month = billing_history.first_of_month(utcnow().date())  # within the demo programs, after the demo months
    assert billing_history.close_month(session, f"{month:%Y-%m}") == 3
    assert billing_history.close_month(session, month) == 3  # again: replaced, not doubled
    records = session.exec(select(BillingRecord).where(BillingRecord.month == month)).all()
    billed = {(r.partner_org_id, r.product_family): r.amount_cents for r in records}
    assert billed == {
        (contoso.id, "microsoft_365"): 22_000,
        (contoso.id, "office_365"): 6_900,
        (fabrikam.id, "microsoft_365"): 22_000,
    }
    _, rows = incentives.overview(session, actor("admin@contoso.example"))
    [may] = [r for r in rows if r.month == month and r.program == "Modern Work Growth"]
    assert may.eligible
    assert may.base_cents == 28_900
    assert may.earning_cents == 1_301


@pytest.mark.parametrize("text", ["2030-5", "May 2030", "2030-13"])
def test_a_month_that_is_not_one_is_refused(session, text):
    with pytest.raises(ValueError, match="isoformat|month must be"):
        billing_history.close_month(session, text)


@pytest.mark.usefixtures("engine")
def test_the_close_month_command(capsys):
    assert cli.main(["close-month", "2031-02"]) == 0
    assert "billing records written for 2031-02" in capsys.readouterr().out
    assert cli.main(["close-month", "February"]) == 2
    assert "use YYYY-MM" in capsys.readouterr().err
