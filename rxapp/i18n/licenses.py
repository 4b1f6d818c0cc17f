"""Users and licenses of a customer administered on its behalf."""

EN = {
    "nav.licenses": "Users and licenses",
    "licenses.intro": "Assign and unassign licenses to your customers' users. You need the customer's delegated "
    "admin privileges.",
    "licenses.customer": "Customer",
    "licenses.user": "User",
    "licenses.upn": "User name",
    "licenses.licenses": "Licenses",
    "licenses.license": "License",
    "licenses.assign": "Assign license",
    "licenses.assigned": "assigned",
    "licenses.option": "{product} ({free} free)",
    "licenses.unassign": "Unassign license",
    "licenses.unassign_title": "Unassign this license?",
    "licenses.unassign_body": "The user loses access to",
    "licenses.assigned_ok": "The license was assigned.",
    "licenses.unassigned": "The license was unassigned.",
    "licenses.no_users": "This customer has no users yet.",
    "licenses.no_customers": "You have no customers yet.",
    "licenses.no_free_seat": "All {quantity} licenses of {product} are assigned. Raise the quantity first.",
    "licenses.already_assigned": "{user} already has a {product} license.",
    "licenses.user_inactive": "This user is deactivated.",
}

KO = {
    "nav.licenses": "사용자 및 라이선스",
    "licenses.intro": "고객의 사용자에게 라이선스를 할당하거나 할당을 해제합니다. 고객의 위임된 관리자 권한이 "
    "필요합니다.",
    "licenses.customer": "고객",
    "licenses.user": "사용자",
    "licenses.upn": "사용자 이름",
    "licenses.licenses": "라이선스",
    "licenses.license": "라이선스",
    "licenses.assign": "라이선스 할당",
    "licenses.assigned": "할당됨",
    "licenses.option": "{product} ({free}개 남음)",
    "licenses.unassign": "라이선스 할당 해제",
    "licenses.unassign_title": "이 라이선스 할당을 해제할까요?",
    "licenses.unassign_body": "사용자가 다음에 액세스할 수 없게 됩니다:",
    "licenses.assigned_ok": "라이선스가 할당되었습니다.",
    "licenses.unassigned": "라이선스 할당이 해제되었습니다.",
    "licenses.no_users": "이 고객에게는 아직 사용자가 없습니다.",
    "licenses.no_customers": "아직 고객이 없습니다.",
    "licenses.no_free_seat": "{product}의 라이선스 {quantity}개가 모두 할당되었습니다. 먼저 수량을 늘리세요.",
    "licenses.already_assigned": "{user}에게 이미 {product} 라이선스가 있습니다.",
    "licenses.user_inactive": "비활성화된 사용자입니다.",
}
