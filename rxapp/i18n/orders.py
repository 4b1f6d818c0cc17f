"""Orders: the order form, its refusals, the order history and its statuses."""

EN = {
    "nav.orders": "Orders",
    "ops.order_status.submitted": "Submitted",
    "ops.order_status.fulfilled": "Fulfilled",
    "ops.order_status.cancelled": "Cancelled",
    "orders.new": "New order",
    "orders.rule": "You can submit orders only for customers you have a reseller relationship with, naming an "
    "indirect reseller of record that the customer has also accepted.",
    "orders.customer": "Customer",
    "orders.reseller": "Reseller of record",
    "orders.product": "Product",
    "orders.quantity": "Quantity",
    "orders.provider": "Indirect provider",
    "orders.date": "Date",
    "orders.amount": "Amount per month",
    "orders.submit": "Submit order",
    "orders.submitted": "The order was submitted and the subscription is ready.",
    "orders.history": "Order history",
    "orders.empty": "No orders yet.",
    "orders.no_customers": "You have no reseller relationship with a customer yet, so you can't submit orders.",
    "orders.no_reseller_of_record": "This customer has not accepted any of your indirect resellers as reseller of "
    "record yet.",
    "orders.no_customer_relationship": "You can't submit orders for {customer}: you need a reseller relationship "
    "with this customer first. Ask your indirect reseller to invite the customer to accept you both.",
    "orders.reseller_not_partner": "Choose one of your indirect resellers as reseller of record.",
    "orders.reseller_not_of_record": "{customer} has not accepted {reseller} as a reseller of record, so "
    "{reseller} can't be named on this order.",
}

KO = {
    "nav.orders": "주문",
    "ops.order_status.submitted": "제출됨",
    "ops.order_status.fulfilled": "처리됨",
    "ops.order_status.cancelled": "취소됨",
    "orders.new": "새 주문",
    "orders.rule": "재판매인 관계를 맺은 고객에 대해서만 주문을 제출할 수 있으며, 고객이 승인한 간접 재판매인을 기록 "
    "재판매인으로 지정해야 합니다.",
    "orders.customer": "고객",
    "orders.reseller": "기록 재판매인",
    "orders.product": "제품",
    "orders.quantity": "수량",
    "orders.provider": "간접 공급자",
    "orders.date": "날짜",
    "orders.amount": "월 금액",
    "orders.submit": "주문 제출",
    "orders.submitted": "주문이 제출되었고 구독이 준비되었습니다.",
    "orders.history": "주문 기록",
    "orders.empty": "아직 주문이 없습니다.",
    "orders.no_customers": "아직 재판매인 관계를 맺은 고객이 없어 주문을 제출할 수 없습니다.",
    "orders.no_reseller_of_record": "이 고객은 아직 귀사의 간접 재판매인을 기록 재판매인으로 승인하지 않았습니다.",
    "orders.no_customer_relationship": "{customer}에 대한 주문을 제출할 수 없습니다. 먼저 이 고객과 재판매인 관계를 "
    "맺어야 합니다. 간접 재판매인에게 고객이 두 회사를 함께 승인하도록 초대해 달라고 요청하세요.",
    "orders.reseller_not_partner": "귀사의 간접 재판매인 중 하나를 기록 재판매인으로 선택하세요.",
    "orders.reseller_not_of_record": "{customer}이(가) {reseller}을(를) 기록 재판매인으로 승인하지 않았으므로 이 "
    "주문에 {reseller}을(를) 지정할 수 없습니다.",
}
