"""Incentives tied to the MPN ID: platform staff define programs (product families, a rate in percent of the monthly
billed amount, start and end dates, eligible partner kinds and countries); a partner sees, per program and billed
month, whether it is eligible (and why not), the billed base and the estimated earning, from its billing records
(`BillingRecord`, one row per month, customer and product family).

Money is in cents; the earning is base × rate rounded half up to the cent (`Decimal`, no float error)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from sqlmodel import Session, col, func, select

from rxapp.boundary import record_id
from rxapp.errors import NotFound, ValidationFailed
from rxapp.models import BillingRecord, IncentiveProgram, Organization, OrgKind, ProductFamily
from rxapp.models.rows import saved_id
from rxapp.permissions import Action, Actor, require
from rxapp.services import audit
from rxapp.services.billing import money, neutralize
from rxapp.services.validation import COUNTRIES

PARTNER_KINDS = (OrgKind.RESELLER.value, OrgKind.PROVIDER.value)
FAMILIES = tuple(family.value for family in ProductFamily)
MAX_RATE = Decimal("100")
MONTHS_SHOWN = 12


@dataclass(frozen=True)
class Program:
    id: int
    name: str
    families: tuple[str, ...]
    rate_percent: str  # "4.5"
    starts_on: date
    ends_on: date
    partner_kinds: tuple[str, ...]
    countries: tuple[str, ...]  # empty: every country


@dataclass(frozen=True)
class MonthRow:
    program: str
    month: date
    eligible: bool
    reason: str  # "" or no_mpn | partner_kind | country | outside_dates
    base_cents: int
    earning_cents: int


def _split(text: str) -> tuple[str, ...]:
    return tuple(part for part in (p.strip() for p in text.split(",")) if part)


def _program(row: IncentiveProgram) -> Program:
    rate = (Decimal(row.rate_basis_points) / 100).normalize()
    return Program(
        id=saved_id(row.id),
        name=row.name,
        families=_split(row.product_families),
        rate_percent=f"{rate:f}",
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        partner_kinds=_split(row.partner_kinds),
        countries=_split(row.countries),
    )


def _date(value: Any, field: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationFailed("incentives.date_invalid", field=field) from None


def _rate_basis_points(value: Any) -> int:
    try:
        rate = Decimal(str(value).strip().replace("%", ""))
    except InvalidOperation:
        rate = Decimal(-1)
    if not rate.is_finite() or rate <= 0 or rate > MAX_RATE or rate != rate.quantize(Decimal("0.01")):
        raise ValidationFailed("incentives.rate_invalid", field="rate")
    return int(rate * 100)


def create_program(
    session: Session,
    actor: Actor,
    *,
    name: str,
    families: list[str] | tuple[str, ...],
    rate_percent: Any,
    starts_on: Any,
    ends_on: Any,
    partner_kinds: list[str] | tuple[str, ...],
    countries: str | list[str] = "",
) -> Program:
    """Define a program (platform Global admins). Each refusal names its form field."""
    require(actor, Action.MANAGE_INCENTIVES)
    name = " ".join(str(name).split())
    if not name or len(name) > 200:
        raise ValidationFailed("incentives.name_required", field="name")
    chosen = [f for f in FAMILIES if f in set(families)]
    if not chosen:
        raise ValidationFailed("incentives.families_required", field="families")
    basis_points = _rate_basis_points(rate_percent)
    start, end = _date(starts_on, "starts_on"), _date(ends_on, "ends_on")
    if end < start:
        raise ValidationFailed("incentives.end_before_start", field="ends_on")
    kinds = [k for k in PARTNER_KINDS if k in set(partner_kinds)]
    if not kinds:
        raise ValidationFailed("incentives.kinds_required", field="partner_kinds")
    codes = [c.upper() for c in (_split(countries) if isinstance(countries, str) else countries)]
    unknown = [c for c in codes if c not in COUNTRIES]
    if unknown:
        raise ValidationFailed("incentives.country_invalid", field="countries", codes=", ".join(unknown))
    row = IncentiveProgram(
        name=name,
        product_families=",".join(chosen),
        rate_basis_points=basis_points,
        starts_on=start,
        ends_on=end,
        partner_kinds=",".join(kinds),
        countries=",".join(dict.fromkeys(codes)),
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        action="incentives.program_created",
        actor=actor,
        target_type="incentiveprogram",
        target_id=row.id,
        detail=f"{name}: {row.rate_basis_points / 100}% of {row.product_families}",
    )
    return _program(row)


def list_programs(session: Session, actor: Actor) -> list[Program]:
    require(actor, Action.MANAGE_INCENTIVES)
    return [
        _program(r)
        for r in session.exec(
            select(IncentiveProgram).order_by(col(IncentiveProgram.starts_on).desc(), col(IncentiveProgram.id))
        )
    ]


def delete_program(session: Session, actor: Actor, *, program_id: Any) -> None:
    require(actor, Action.MANAGE_INCENTIVES)
    row = session.get(IncentiveProgram, record_id(program_id))
    if row is None:
        raise NotFound()
    session.delete(row)
    audit.record(
        session,
        action="incentives.program_deleted",
        actor=actor,
        target_type="incentiveprogram",
        target_id=row.id,
        detail=row.name,
    )


def _month_end(month: date) -> date:
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def ineligibility(program: Program, org: Organization, month: date) -> str:
    """Why the organization earns nothing from the program in that month ("" when eligible)."""
    if not org.mpn_id:
        return "no_mpn"
    if org.kind.value not in program.partner_kinds:
        return "partner_kind"
    if program.countries and org.country not in program.countries:
        return "country"
    if month > program.ends_on or _month_end(month) < program.starts_on:
        return "outside_dates"
    return ""


def earning_cents(base_cents: int, rate_percent: str) -> int:
    return int((Decimal(base_cents) * Decimal(rate_percent) / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def overview(session: Session, actor: Actor) -> tuple[str, list[MonthRow]]:
    """The partner's MPN ID and, per program and billed month (newest first, the last 12 months billed), its
    eligibility, billed base and estimated earning."""
    require(actor, Action.VIEW_INCENTIVES)
    org = session.get(Organization, actor.org_id)
    assert org is not None, "a signed-in actor's organization exists"
    totals: dict[tuple[date, str], int] = {
        (month, family): int(total)
        for month, family, total in session.exec(
            select(col(BillingRecord.month), BillingRecord.product_family, func.sum(BillingRecord.amount_cents))
            .where(BillingRecord.partner_org_id == actor.org_id)
            .group_by(col(BillingRecord.month), BillingRecord.product_family)
        )
    }
    months = sorted({month for month, _ in totals}, reverse=True)[:MONTHS_SHOWN]
    programs = [
        _program(r)
        for r in session.exec(select(IncentiveProgram).order_by(IncentiveProgram.name, col(IncentiveProgram.id)))
    ]
    rows = []
    for program in programs:
        for month in months:
            base = sum(totals.get((month, family), 0) for family in program.families)
            reason = ineligibility(program, org, month)
            earning = 0 if reason else earning_cents(base, program.rate_percent)
            rows.append(
                MonthRow(
                    program=program.name,
                    month=month,
                    eligible=not reason,
                    reason=reason,
                    base_cents=base,
                    earning_cents=earning,
                )
            )
    return org.mpn_id or "", rows


def export_csv(session: Session, actor: Actor, *, header: tuple[str, ...], labels: dict[str, str]) -> str:
    """The overview as CSV (`labels` translate yes/no and the reasons)."""
    mpn_id, rows = overview(session, actor)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            [
                neutralize(v)
                for v in (
                    mpn_id,
                    row.program,
                    f"{row.month:%Y-%m}",
                    labels["yes"] if row.eligible else labels["no"],
                    labels.get(row.reason, row.reason),
                    money(row.base_cents),
                    money(row.earning_cents),
                )
            ]
        )
    audit.record(session, action="incentives.export", actor=actor, detail=f"{len(rows)} rows")
    return buffer.getvalue()
