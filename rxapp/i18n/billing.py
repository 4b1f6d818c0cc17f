"""Billing: the monthly charges and the CSV export."""

EN = {
    "nav.billing": "Billing",
    "billing.charges": "Monthly charges",
    "billing.unit_price": "Unit price per month",
    "billing.monthly": "Amount per month",
    "billing.total": "Total per month",
    "billing.export": "Export CSV",
    "billing.no_charges": "No active subscriptions, so no charges.",
}

KO = {
    "nav.billing": "청구",
    "billing.charges": "월별 요금",
    "billing.unit_price": "월 단가",
    "billing.monthly": "월 금액",
    "billing.total": "월 합계",
    "billing.export": "CSV 내보내기",
    "billing.no_charges": "활성 구독이 없어 요금이 없습니다.",
}
