"""Working on behalf of customers, shared by its pages: product families, subscription statuses, the form
fields orders and subscriptions name in their refusals, the delegated-admin refusal."""

EN = {
    "ops.family.office_365": "Office 365",
    "ops.family.microsoft_365": "Microsoft 365",
    "ops.family.azure": "Microsoft Azure",
    "ops.family.dynamics_365": "Dynamics 365",
    "ops.sub_status.active": "Active",
    "ops.sub_status.suspended": "Suspended",
    "onbehalf.delegated_admin_required": "You need this customer's delegated admin privileges to administer its "
    "users and licenses. Ask the customer to grant (or renew) them.",
    "field.op_customer": "Customer",
    "field.op_reseller": "Reseller of record",
    "field.op_product": "Product",
    "field.op_quantity": "Quantity",
}

KO = {
    "ops.family.office_365": "Office 365",
    "ops.family.microsoft_365": "Microsoft 365",
    "ops.family.azure": "Microsoft Azure",
    "ops.family.dynamics_365": "Dynamics 365",
    "ops.sub_status.active": "활성",
    "ops.sub_status.suspended": "일시 중단됨",
    "onbehalf.delegated_admin_required": "이 고객의 사용자와 라이선스를 관리하려면 고객의 위임된 관리자 권한이 "
    "필요합니다. 고객에게 권한을 부여(또는 갱신)해 달라고 요청하세요.",
    "field.op_customer": "고객",
    "field.op_reseller": "기록 재판매인",
    "field.op_product": "제품",
    "field.op_quantity": "수량",
}
