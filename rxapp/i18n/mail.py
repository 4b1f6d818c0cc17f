"""Emails the services send that belong to no one page (`services.mail.queue_catalog_email`: `<key>_subject`,
`<key>_body`). Enrollment and partnership emails live with their areas (`enroll.mail.*`, `partners.mail.*`)."""

EN = {
    # Leads
    "mail.lead_received_subject": "New lead: {company}",
    "mail.lead_received_body": "{source} referred a prospective customer to {reseller}:\n\n"
    "{company} ({country}), {contact} <{email}>\n\n"
    "Send them an invitation to a reseller relationship from the Leads page:\n{url}\n",
    "mail.lead_invitation_subject": "{reseller} invites you to a reseller relationship",
    "mail.lead_invitation_body": "Hello {contact},\n\n{reseller} would like to become a reseller of record for "
    "{company} in Partner Center. Accepting gives {reseller} administrator permissions "
    "to manage your subscriptions, licenses and users on your behalf.\n\n"
    "Review and accept the invitation:\n{url}\n\nThis link expires on {expires}.",
    # Delegated admin privileges asked for again (to the customer's Global admins)
    "mail.delegated_admin_request_subject": "{reseller} asks for delegated admin privileges",
    "mail.delegated_admin_request_body": "{reseller} asks for delegated admin privileges for {days} days: "
    "administrator permissions over your subscriptions, licenses and users. "
    "Review and approve the request:\n\n{url}\n",
    "mail.delegated_admin_extension_subject": "{reseller} asks to extend its delegated admin privileges",
    "mail.delegated_admin_extension_body": "{reseller} asks to extend its delegated admin privileges by {days} "
    "days from your approval. Review and approve the request:\n\n{url}\n",
    # Expiry notices (the reseller's admin agents and the customer's Global admins)
    "mail.delegated_admin_expiring_subject": "Delegated admin privileges end in {days} days: {reseller} for {customer}",
    "mail.delegated_admin_expiring_body": "The delegated admin privileges of {reseller} over {customer} end on "
    "{date} (in {days} days). To keep them, {reseller} can request an "
    "extension from the Relationships page and {customer} approves it.\n",
    "mail.delegated_admin_expiring_one_subject": "Delegated admin privileges end in 1 day: {reseller} for {customer}",
    "mail.delegated_admin_expiring_one_body": "The delegated admin privileges of {reseller} over {customer} end on "
    "{date} (in 1 day). To keep them, {reseller} can request an extension "
    "from the Relationships page and {customer} approves it.\n",
    "mail.delegated_admin_expired_subject": "Delegated admin privileges ended: {reseller} for {customer}",
    "mail.delegated_admin_expired_body": "The delegated admin privileges of {reseller} over {customer} ended on "
    "{date}. {reseller} can request them again from the Relationships page.\n",
    # A customer's answer to a link, told to the partner user who sent it
    "mail.accepted.customer_relationship_subject": "{customer} accepted your request",
    "mail.accepted.customer_relationship_body": "{customer} accepted your reseller relationship request.\n",
    "mail.accepted.customer_two_party_subject": "{customer} accepted your request",
    "mail.accepted.customer_two_party_body": "{customer} accepted your invitation (reseller and indirect provider).\n",
    "mail.accepted.delegated_admin_subject": "{customer} accepted your request",
    "mail.accepted.delegated_admin_body": "{customer} accepted your delegated admin privileges request.\n",
    "mail.declined.customer_relationship_subject": "{customer} declined your request",
    "mail.declined.customer_relationship_body": "{customer} declined your reseller relationship request.\n",
    "mail.declined.customer_two_party_subject": "{customer} declined your request",
    "mail.declined.customer_two_party_body": "{customer} declined your invitation (reseller and indirect provider).\n",
    "mail.declined.delegated_admin_subject": "{customer} declined your request",
    "mail.declined.delegated_admin_body": "{customer} declined your delegated admin privileges request.\n",
    "mail.new_customer_subject": "{customer} is now your customer",
    "mail.new_customer_body": "{customer} accepted {reseller} and {provider} as resellers of record. You can "
    "submit orders on its behalf.\n",
    "mail.relationship_ended_subject": "{customer} ended the relationship",
    "mail.relationship_ended_body": "{customer} removed {partner} as a reseller of record.\n",
    "mail.delegated_admin_removed_subject": "{customer} removed your delegated admin privileges",
    "mail.delegated_admin_removed_body": "{customer} removed the delegated admin privileges of {reseller}.\n",
    # Support
    "mail.support_answered_subject": "Support request #{id} has a new answer",
    "mail.support_answered_body": 'Hello {name},\n\nYour support request #{id} "{title}" has a new answer.\n\n'
    "Open Support in Partner Center to read it:\n{url}\n",
    "mail.support_closed_subject": "Support request #{id} was closed",
    "mail.support_closed_body": 'Hello {name},\n\nYour support request #{id} "{title}" was closed.\n\n'
    "Open Support in Partner Center to read it:\n{url}\n",
    # Partner profile
    "mail.contact_verification_subject": "Confirm that you are the primary contact in Partner Center",
    "mail.contact_verification_body": "Hello,\n\n{user} named this address as the primary contact of {org} in "
    "Partner Center. Confirm that this address belongs to your organization and "
    "that you agree to be its primary contact:\n{url}\n\nUntil you confirm, the "
    "previous primary contact stays in place. This link expires on {expires}. If "
    "you did not expect this email, ignore it.",
    "mail.add_user_elsewhere_subject": "{org} tried to add you to Partner Center",
    "mail.add_user_elsewhere_body": "Hello {name},\n\n{admin} of {org} tried to add this email address as a user "
    "in Partner Center. The address is already used by a Partner Center account, "
    "so it was not added. If you need access to {org}, ask them to use another "
    "address. If you did not expect this email, ignore it.",
    "mail.customer_admin_verification_subject": "Confirm your email to verify {domain} in Partner Center",
    "mail.customer_admin_verification_body": "Hello {user},\n\nYou created the customer account {org} in Partner "
    "Center. Confirm this email address to verify your organization's "
    "domain {domain}:\n{url}\n\nUntil you confirm, your partners see the "
    "domain as unverified. This link expires on {expires}. If you did not "
    "expect this email, ignore it.",
}

KO = {
    "mail.lead_received_subject": "새 잠재 고객: {company}",
    "mail.lead_received_body": "{source}이(가) {reseller}에 잠재 고객을 추천했습니다.\n\n"
    "{company} ({country}), {contact} <{email}>\n\n"
    "잠재 고객 페이지에서 재판매인 관계 초대를 보내세요.\n{url}\n",
    "mail.lead_invitation_subject": "{reseller}이(가) 재판매인 관계에 초대합니다",
    "mail.lead_invitation_body": "{contact}님, 안녕하세요.\n\n{reseller}이(가) 파트너 센터에서 {company}의 기록 "
    "재판매인이 되고자 합니다. 수락하면 {reseller}이(가) 귀사를 대신해 구독, 라이선스 및 "
    "사용자를 관리할 수 있는 관리자 권한을 갖게 됩니다.\n\n"
    "초대를 검토하고 수락하세요.\n{url}\n\n이 링크는 {expires}에 만료됩니다.",
    "mail.delegated_admin_request_subject": "{reseller}이(가) 위임된 관리자 권한을 요청합니다",
    "mail.delegated_admin_request_body": "{reseller}이(가) {days}일 동안의 위임된 관리자 권한(구독, 라이선스 및 사용자에 "
    "대한 관리자 권한)을 요청합니다. 요청을 검토하고 승인하세요.\n\n{url}\n",
    "mail.delegated_admin_extension_subject": "{reseller}이(가) 위임된 관리자 권한 연장을 요청합니다",
    "mail.delegated_admin_extension_body": "{reseller}이(가) 승인일로부터 {days}일 동안 위임된 관리자 권한을 연장하도록 "
    "요청합니다. 요청을 검토하고 승인하세요.\n\n{url}\n",
    "mail.delegated_admin_expiring_subject": "위임된 관리자 권한이 {days}일 후 종료됩니다: {customer}에 대한 {reseller}",
    "mail.delegated_admin_expiring_body": "{customer}에 대한 {reseller}의 위임된 관리자 권한이 {date}에 종료됩니다({days}일 "
    "후). 유지하려면 {reseller}이(가) 관계 페이지에서 연장을 요청하고 "
    "{customer}이(가) 승인하세요.\n",
    "mail.delegated_admin_expiring_one_subject": "위임된 관리자 권한이 1일 후 종료됩니다: {customer}에 대한 {reseller}",
    "mail.delegated_admin_expiring_one_body": "{customer}에 대한 {reseller}의 위임된 관리자 권한이 {date}에 종료됩니다(1일 "
    "후). 유지하려면 {reseller}이(가) 관계 페이지에서 연장을 요청하고 "
    "{customer}이(가) 승인하세요.\n",
    "mail.delegated_admin_expired_subject": "위임된 관리자 권한이 종료되었습니다: {customer}에 대한 {reseller}",
    "mail.delegated_admin_expired_body": "{customer}에 대한 {reseller}의 위임된 관리자 권한이 {date}에 종료되었습니다. "
    "{reseller}은(는) 관계 페이지에서 다시 요청할 수 있습니다.\n",
    "mail.accepted.customer_relationship_subject": "{customer}이(가) 요청을 수락했습니다",
    "mail.accepted.customer_relationship_body": "{customer}이(가) 재판매인 관계 요청을 수락했습니다.\n",
    "mail.accepted.customer_two_party_subject": "{customer}이(가) 요청을 수락했습니다",
    "mail.accepted.customer_two_party_body": "{customer}이(가) 초대(재판매인 및 간접 공급자)를 수락했습니다.\n",
    "mail.accepted.delegated_admin_subject": "{customer}이(가) 요청을 수락했습니다",
    "mail.accepted.delegated_admin_body": "{customer}이(가) 위임된 관리자 권한 요청을 수락했습니다.\n",
    "mail.declined.customer_relationship_subject": "{customer}이(가) 요청을 거절했습니다",
    "mail.declined.customer_relationship_body": "{customer}이(가) 재판매인 관계 요청을 거절했습니다.\n",
    "mail.declined.customer_two_party_subject": "{customer}이(가) 요청을 거절했습니다",
    "mail.declined.customer_two_party_body": "{customer}이(가) 초대(재판매인 및 간접 공급자)를 거절했습니다.\n",
    "mail.declined.delegated_admin_subject": "{customer}이(가) 요청을 거절했습니다",
    "mail.declined.delegated_admin_body": "{customer}이(가) 위임된 관리자 권한 요청을 거절했습니다.\n",
    "mail.new_customer_subject": "{customer}이(가) 이제 고객입니다",
    "mail.new_customer_body": "{customer}이(가) {reseller}와(과) {provider}을(를) 기록 재판매인으로 수락했습니다. "
    "이제 이 고객을 대신해 주문을 제출할 수 있습니다.\n",
    "mail.relationship_ended_subject": "{customer}이(가) 관계를 종료했습니다",
    "mail.relationship_ended_body": "{customer}이(가) {partner}을(를) 기록 재판매인에서 제거했습니다.\n",
    "mail.delegated_admin_removed_subject": "{customer}이(가) 위임된 관리자 권한을 제거했습니다",
    "mail.delegated_admin_removed_body": "{customer}이(가) {reseller}의 위임된 관리자 권한을 제거했습니다.\n",
    "mail.support_answered_subject": "지원 요청 #{id}에 새 답변이 있습니다",
    "mail.support_answered_body": '{name}님, 안녕하세요.\n\n지원 요청 #{id} "{title}"에 새 답변이 있습니다.\n\n'
    "파트너 센터의 지원에서 확인하세요.\n{url}\n",
    "mail.support_closed_subject": "지원 요청 #{id}이(가) 종료되었습니다",
    "mail.support_closed_body": '{name}님, 안녕하세요.\n\n지원 요청 #{id} "{title}"이(가) 종료되었습니다.\n\n'
    "파트너 센터의 지원에서 확인하세요.\n{url}\n",
    "mail.contact_verification_subject": "파트너 센터의 기본 연락처인지 확인하세요",
    "mail.contact_verification_body": "안녕하세요.\n\n{user}님이 이 주소를 파트너 센터에서 {org}의 기본 연락처로 "
    "지정했습니다. 이 주소가 조직의 주소이며 기본 연락처가 되는 데 동의하는지 "
    "확인하세요.\n{url}\n\n확인할 때까지는 이전 기본 연락처가 유지됩니다. 이 링크는 "
    "{expires}에 만료됩니다. 이 이메일을 예상하지 못했다면 무시하세요.",
    "mail.add_user_elsewhere_subject": "{org}에서 파트너 센터에 회원님을 추가하려고 했습니다",
    "mail.add_user_elsewhere_body": "{name}님, 안녕하세요.\n\n{org}의 {admin}님이 이 전자 메일 주소를 파트너 센터의 "
    "사용자로 추가하려고 했습니다. 이 주소는 이미 파트너 센터 계정에서 사용 중이므로 "
    "추가되지 않았습니다. {org}에 액세스해야 하면 다른 주소를 사용하도록 요청하세요. "
    "이 이메일을 예상하지 못했다면 무시하세요.",
    "mail.customer_admin_verification_subject": "파트너 센터에서 {domain} 도메인을 확인하려면 전자 메일을 확인하세요",
    "mail.customer_admin_verification_body": "{user}님, 안녕하세요.\n\n파트너 센터에서 고객 계정 {org}을(를) "
    "만들었습니다. 조직의 도메인 {domain}을(를) 확인하려면 이 전자 메일 "
    "주소를 확인하세요.\n{url}\n\n확인할 때까지 파트너에게는 도메인이 "
    "미확인으로 표시됩니다. 이 링크는 {expires}에 만료됩니다. 이 이메일을 "
    "예상하지 못했다면 무시하세요.",
}
