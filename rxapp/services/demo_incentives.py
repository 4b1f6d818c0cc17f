"""Demo incentives: two programs and three months of billing (the three months before today's) for Contoso and
Fabrikam, so the Incentives page has something to show. Amounts are fixed: the page's numbers can be checked."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from rxapp.models import BillingRecord, IncentiveProgram, Organization, utcnow
from rxapp.models.rows import saved_id

# (product family, cents) billed per month, the oldest month first
DEMO_BILLING = {
    "reseller": [
        [("microsoft_365", 1_200_000), ("azure", 450_000)],
        [("microsoft_365", 1_350_000), ("azure", 520_000)],
        [("microsoft_365", 1_410_000), ("office_365", 80_000), ("azure", 610_000)],
    ],
    "provider": [
        [("microsoft_365", 5_400_000), ("azure", 2_100_000)],
        [("microsoft_365", 5_650_000), ("azure", 2_300_000)],
        [("microsoft_365", 5_900_000), ("azure", 2_450_000)],
    ],
}


def demo_months(today: date | None = None, count: int = 3) -> list[date]:
    """The first days of the `count` months before today's month, the oldest first."""
    today = today or utcnow().date()
    index = today.year * 12 + today.month - 1
    return [date((index - back) // 12, (index - back) % 12 + 1, 1) for back in range(count, 0, -1)]


def add_demo_incentives(
    session: Session, *, partners: list[Organization], customer: Organization, today: date | None = None
) -> None:
    months = demo_months(today)
    first = months[0]
    session.add_all(
        [
            IncentiveProgram(
                name="Modern Work Growth",
                product_families="office_365,microsoft_365",
                rate_basis_points=450,
                starts_on=first,
                ends_on=date(first.year + 1, first.month, 1),
                partner_kinds="reseller,provider",
                countries="KR,US,JP",
            ),
            IncentiveProgram(
                name="Azure Accelerate",
                product_families="azure",
                rate_basis_points=300,
                starts_on=first,
                ends_on=date(first.year + 1, first.month, 1),
                partner_kinds="reseller",
                countries="US",
            ),
        ]
    )
    for partner in partners:
        for month, lines in zip(months, DEMO_BILLING[partner.kind.value], strict=True):
            session.add_all(
                [
                    BillingRecord(
                        partner_org_id=saved_id(partner.id),
                        customer_org_id=saved_id(customer.id),
                        month=month,
                        product_family=family,
                        amount_cents=cents,
                    )
                    for family, cents in lines
                ]
            )
