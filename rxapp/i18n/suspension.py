"""Suspension of partner organizations (issue 14): the staff page, the banner, refusals and emails."""

EN = {
    "nav.platform_partners": "Partner organizations",
    "suspension.heading": "Partner organizations",
    "suspension.intro": "Suspend a reseller or provider that breaks the program's terms. Its users can still "
    "sign in and read, but every change is refused with your reason, its open links stop working and its "
    "customers and partners see it as suspended. Reinstating restores exactly what it had.",
    "suspension.search": "Search by name or MPN ID",
    "suspension.col.organization": "Organization",
    "suspension.col.kind": "Kind",
    "suspension.col.mpn_id": "MPN ID",
    "suspension.col.reason": "Reason",
    "suspension.kind.reseller": "Reseller",
    "suspension.kind.provider": "Provider",
    "suspension.status.active": "Active",
    "suspension.status.suspended": "Suspended",
    "suspension.suspend": "Suspend",
    "suspension.reinstate": "Reinstate",
    "suspension.suspend_title": "Suspend {name}?",
    "suspension.suspend_warning": "Its users will be told the reason on every page. Every change they try "
    "will be refused until you reinstate the organization.",
    "suspension.reason": "Reason",
    "suspension.reason_hint": "Shown to the organization's users and emailed to its Global admins.",
    "suspension.reinstate_title": "Reinstate this organization?",
    "suspension.reinstate_body": "Its users can make changes again and its open links work again.",
    "suspension.suspended_done": "{name} is suspended. Its Global admins were emailed.",
    "suspension.reinstated_done": "{name} is reinstated.",
    "suspension.already_suspended": "This organization is already suspended.",
    "suspension.not_suspended": "This organization is not suspended.",
    "suspension.empty": "No partner organizations match.",
    "suspension.banner": "Your organization is suspended by Partner Center. You can sign in and read, but "
    "changes are refused until it is reinstated. Reason:",
    "suspension.partner_suspended": "Suspended",
    "orders.reseller_suspended": "{reseller} is suspended by Partner Center and can't be the reseller of record "
    "of a new order until it is reinstated.",
    "error.org_suspended": "Your organization is suspended, so this change is refused. Reason: {reason}",
    "link.issuer_suspended": "This link can't be used: {partner} is suspended by Partner Center. It works again "
    "if the partner is reinstated before the link expires.",
    "field.suspension_reason": "Reason",
    "mail.org_suspended_subject": "{partner} is suspended in Partner Center",
    "mail.org_suspended_body": "Partner Center suspended {partner}.\n\nReason: {reason}\n\nYour users can still "
    "sign in and read, but every change (orders, subscriptions, links, authorizations, users, support on "
    "behalf of customers, API calls) is refused until the organization is reinstated. Reply through a "
    "support ticket to Partner Center if you have questions.\n",
    "mail.org_reinstated_subject": "{partner} is reinstated in Partner Center",
    "mail.org_reinstated_body": "Partner Center reinstated {partner}. Everything works again as before the "
    "suspension.\n",
}

KO = {
    "nav.platform_partners": "파트너 조직",
    "suspension.heading": "파트너 조직",
    "suspension.intro": "프로그램 약관을 위반한 재판매인 또는 공급자를 일시 중단합니다. 해당 사용자는 계속 로그인하여 "
    "읽을 수 있지만 모든 변경은 입력한 사유와 함께 거부되고, 열려 있는 링크는 작동하지 않으며, 고객과 파트너에게는 "
    "일시 중단됨으로 표시됩니다. 복원하면 이전 상태가 그대로 돌아옵니다.",
    "suspension.search": "이름 또는 MPN ID로 검색",
    "suspension.col.organization": "조직",
    "suspension.col.kind": "종류",
    "suspension.col.mpn_id": "MPN ID",
    "suspension.col.reason": "사유",
    "suspension.kind.reseller": "재판매인",
    "suspension.kind.provider": "공급자",
    "suspension.status.active": "활성",
    "suspension.status.suspended": "일시 중단됨",
    "suspension.suspend": "일시 중단",
    "suspension.reinstate": "복원",
    "suspension.suspend_title": "{name}을(를) 일시 중단하시겠습니까?",
    "suspension.suspend_warning": "해당 사용자에게는 모든 페이지에 사유가 표시됩니다. 조직을 복원할 때까지 모든 변경이 "
    "거부됩니다.",
    "suspension.reason": "사유",
    "suspension.reason_hint": "조직의 사용자에게 표시되고 전역 관리자에게 이메일로 전송됩니다.",
    "suspension.reinstate_title": "이 조직을 복원하시겠습니까?",
    "suspension.reinstate_body": "사용자가 다시 변경할 수 있고 열려 있는 링크가 다시 작동합니다.",
    "suspension.suspended_done": "{name}이(가) 일시 중단되었습니다. 전역 관리자에게 이메일을 보냈습니다.",
    "suspension.reinstated_done": "{name}이(가) 복원되었습니다.",
    "suspension.already_suspended": "이 조직은 이미 일시 중단되었습니다.",
    "suspension.not_suspended": "이 조직은 일시 중단되지 않았습니다.",
    "suspension.empty": "일치하는 파트너 조직이 없습니다.",
    "suspension.banner": "조직이 파트너 센터에 의해 일시 중단되었습니다. 로그인하여 읽을 수는 있지만 복원될 때까지 "
    "변경은 거부됩니다. 사유:",
    "suspension.partner_suspended": "일시 중단됨",
    "orders.reseller_suspended": "{reseller}은(는) 파트너 센터에 의해 일시 중단되어 복원될 때까지 새 주문의 기록 "
    "재판매인이 될 수 없습니다.",
    "error.org_suspended": "조직이 일시 중단되어 이 변경이 거부되었습니다. 사유: {reason}",
    "link.issuer_suspended": "이 링크는 사용할 수 없습니다. {partner}이(가) 파트너 센터에 의해 일시 중단되었습니다. "
    "링크가 만료되기 전에 파트너가 복원되면 다시 작동합니다.",
    "field.suspension_reason": "사유",
    "mail.org_suspended_subject": "{partner}이(가) 파트너 센터에서 일시 중단되었습니다",
    "mail.org_suspended_body": "파트너 센터가 {partner}을(를) 일시 중단했습니다.\n\n사유: {reason}\n\n사용자는 계속 "
    "로그인하여 읽을 수 있지만 조직이 복원될 때까지 모든 변경(주문, 구독, 링크, 권한 부여, 사용자, 고객을 대신한 지원, "
    "API 호출)이 거부됩니다. 문의 사항은 파트너 센터에 지원 티켓으로 보내세요.\n",
    "mail.org_reinstated_subject": "{partner}이(가) 파트너 센터에서 복원되었습니다",
    "mail.org_reinstated_body": "파트너 센터가 {partner}을(를) 복원했습니다. 일시 중단 이전과 같이 모든 기능이 다시 "
    "작동합니다.\n",
}
