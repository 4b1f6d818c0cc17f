"""Subscriptions: quantity, suspend, reactivate, and their refusals."""

EN = {
    "nav.subscriptions": "Subscriptions",
    "subs.intro": "Subscriptions of your customers. Change the number of licenses, suspend or reactivate them.",
    "subs.customer": "Customer",
    "subs.product": "Subscription",
    "subs.licenses": "Licenses assigned / quantity",
    "subs.quantity_label": "Quantity",
    "subs.update": "Update",
    "subs.office_365_locked": "Office 365 subscriptions can be managed only by an Admin agent or a Global admin.",
    "subs.suspend": "Suspend",
    "subs.reactivate": "Reactivate",
    "subs.suspend_title": "Suspend this subscription?",
    "subs.suspend_body": "The customer's users lose access to the service until it is reactivated:",
    "subs.quantity_changed": "The quantity is now {quantity}.",
    "subs.suspended_ok": "The subscription was suspended.",
    "subs.reactivated_ok": "The subscription was reactivated.",
    "subs.empty": "None of your customers has a subscription yet.",
    "subscriptions.quantity_range": "{field} must be a whole number from 1 to {max}.",
    "subscriptions.suspended": "This subscription is suspended. Reactivate it first.",
    "subscriptions.below_assigned": "{assigned} licenses are assigned. Unassign licenses before lowering the "
    "quantity below that.",
    "subscriptions.office_365_needs_admin_agent": "Office 365 subscriptions can be managed only by an Admin "
    "agent or a Sales agent. You need one of these roles: {roles}.",
}

KO = {
    "nav.subscriptions": "구독",
    "subs.intro": "고객의 구독입니다. 라이선스 수를 변경하거나 구독을 일시 중단 또는 다시 활성화하세요.",
    "subs.customer": "고객",
    "subs.product": "구독",
    "subs.licenses": "할당된 라이선스 / 수량",
    "subs.quantity_label": "수량",
    "subs.update": "업데이트",
    "subs.office_365_locked": "Office 365 구독은 관리자 에이전트 또는 전역 관리자만 관리할 수 있습니다.",
    "subs.suspend": "일시 중단",
    "subs.reactivate": "다시 활성화",
    "subs.suspend_title": "이 구독을 일시 중단할까요?",
    "subs.suspend_body": "다시 활성화할 때까지 고객의 사용자가 서비스에 액세스할 수 없습니다:",
    "subs.quantity_changed": "수량이 {quantity}(으)로 변경되었습니다.",
    "subs.suspended_ok": "구독이 일시 중단되었습니다.",
    "subs.reactivated_ok": "구독이 다시 활성화되었습니다.",
    "subs.empty": "아직 구독이 있는 고객이 없습니다.",
    "subscriptions.quantity_range": "{field}은(는) 1에서 {max} 사이의 정수여야 합니다.",
    "subscriptions.suspended": "일시 중단된 구독입니다. 먼저 다시 활성화하세요.",
    "subscriptions.below_assigned": "라이선스 {assigned}개가 할당되어 있습니다. 수량을 그보다 줄이려면 먼저 라이선스 "
    "할당을 해제하세요.",
    "subscriptions.office_365_needs_admin_agent": "Office 365 구독은 관리자 에이전트 또는 영업 에이전트만 관리할 수 "
    "있습니다. 다음 역할 중 하나가 필요합니다: {roles}.",
}
