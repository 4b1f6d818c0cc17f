"""Monthly billing records: what each partner was billed for a month, per customer and product family, closed
from its active subscriptions (quantity × the product's monthly price, as `billing.monthly_charges` shows them).
Incentives are computed from these records. Closing a month again replaces its records (idempotent)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, select

from rxapp.models import BillingRecord, Product, Subscription, SubscriptionStatus
from rxapp.models.rows import saved_id


def first_of_month(value: date | str) -> date:
    """The month's first day, from a date or "YYYY-MM" / "YYYY-MM-DD"."""
    if isinstance(value, str):
        text = value.strip()
        value = date.fromisoformat(text + "-01" if len(text) == 7 else text)
    return value.replace(day=1)


def close_month(session: Session, month: date | str) -> int:
    """Write the month's billing records for every reseller and provider from the active subscriptions (the
    reseller and the provider of record are each billed the subscription's monthly amount). Returns how many
    records were written."""
    month = first_of_month(month)
    totals: dict[tuple[int, int, str], int] = defaultdict(int)
    rows = session.exec(
        select(Subscription, Product)
        .join(Product, col(Product.id) == Subscription.product_id)
        .where(Subscription.status == SubscriptionStatus.ACTIVE)
    )
    for subscription, product in rows:
        amount = subscription.quantity * product.monthly_price_cents
        for partner_id in {subscription.reseller_org_id, subscription.provider_org_id} - {None}:
            totals[(saved_id(partner_id), subscription.customer_org_id, product.family.value)] += amount
    session.execute(sa.delete(BillingRecord).where(col(BillingRecord.month) == month))
    session.add_all(
        [
            BillingRecord(
                partner_org_id=partner, customer_org_id=customer, month=month, product_family=family, amount_cents=cents
            )
            for (partner, customer, family), cents in sorted(totals.items())
            if cents > 0
        ]
    )
    session.flush()
    return sum(1 for cents in totals.values() if cents > 0)
