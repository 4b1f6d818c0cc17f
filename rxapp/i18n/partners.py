"""Indirect providers and indirect resellers: directory, authorization links, partnership pages, emails."""

EN = {
    "nav.find_provider": "Find a provider",
    "nav.indirect_resellers": "Indirect resellers",
    "nav.indirect_providers": "Indirect providers",
    "field.reseller_mpn_id": "MPN ID",
    "field.invite_message": "Message",
    "field.reseller_email": "Reseller admin's email",
    # Errors
    "partners.no_reseller_email": "No enrolled indirect reseller uses this email address. Check the address, or "
    "invite the reseller by its MPN ID.",
    "partners.no_reseller_mpn": "No enrolled indirect reseller has this MPN ID.",
    "partners.mpn_invalid": "An MPN ID is a number of up to 20 digits.",
    "partners.already_partners": "You already have a partnership with {name}.",
    "partners.invitation_not_pending": "This invitation is no longer pending. Reload the page to see its status.",
    "partners.already_ended": "This partnership has already ended.",
    "partners.directory_unchanged": "The directory already shows this provider that way. Reload the page.",
    "partners.provider_unavailable": "This provider can no longer be authorized.",
    "partners.need_global_admin": "Only a Global admin of {reseller} can authorize an indirect provider. "
    "You are signed in as {email}. Ask a Global admin of your organization to open this link.",
    # Directory
    "partners.directory.heading": "Find a provider",
    "partners.directory.intro": "Official indirect providers (distributors). When you find a provider you want "
    "to partner with, contact them directly to discuss their reseller programs, level of support and terms. "
    "If you both want to work together, the provider sends you an invitation to connect your accounts.",
    "partners.directory.search": "Search providers by name",
    "partners.directory.country": "Country/region",
    "partners.directory.all_countries": "All countries/regions",
    "partners.directory.empty": "No provider matches your search.",
    "partners.directory.contact": "Contact",
    "partners.directory.support": "Support",
    "partners.directory.programs": "Programs",
    "partners.directory.manage_heading": "Manage the directory",
    "partners.directory.manage_intro": "Publish official providers so that resellers can find them.",
    "partners.directory.published": "Published",
    "partners.directory.not_published": "Not published",
    "partners.directory.publish": "Publish",
    "partners.directory.unpublish": "Unpublish",
    "partners.directory.published_done": "{name} is now listed in the directory.",
    "partners.directory.unpublished_done": "{name} was removed from the directory.",
    # Common partnership words
    "partners.col.reseller": "Reseller",
    "partners.col.provider": "Provider",
    "partners.col.country": "Country/region",
    "partners.col.mpn_id": "MPN ID",
    "partners.col.contact": "Contact",
    "partners.col.authorized_on": "Date of authorization",
    "partners.col.started": "Started",
    "partners.col.ended": "Ended",
    "partners.col.sent_to": "Sent to",
    "partners.col.sent_on": "Sent on",
    "partners.col.expires": "Expires",
    "partners.search": "Search by name, domain or MPN ID",
    "partners.end": "End partnership",
    "partners.end_title": "End the partnership with {name}?",
    "partners.end_text": "The partnership ends at once for both companies. It stays in the history, and a new "
    "partnership needs a new invitation and authorization.",
    "partners.ended_done": "The partnership with {name} has ended.",
    "partners.history": "History",
    "partners.history_empty": "No past partnerships.",
    "partners.refreshing": "This list refreshes automatically.",
    # Provider side
    "partners.resellers.heading": "Indirect resellers",
    "partners.resellers.intro": "Resellers that authorized your company as their indirect provider.",
    "partners.resellers.empty": "No indirect resellers yet. Select Invite reseller to send an authorization link.",
    "partners.invite": "Invite reseller",
    "partners.invite_title": "Invite reseller",
    "partners.invite_text": "The reseller is emailed a personalized link. A Global admin of the reseller follows "
    "it and authorizes your company as its indirect provider.",
    "partners.invite_by": "Find the reseller by",
    "partners.invite_by_email": "Admin's email",
    "partners.invite_by_mpn": "MPN ID",
    "partners.invite_message_hint": "Optional. Included in the email.",
    "partners.invite_send": "Send invitation",
    "partners.invite_sent": "Invitation sent to {name}.",
    "partners.invitations": "Pending invitations",
    "partners.invitations_empty": "No invitations sent yet.",
    "partners.resend": "Resend",
    "partners.resent": "A new link was sent to {name}. The previous link no longer works.",
    "partners.revoke": "Revoke",
    "partners.revoke_title": "Revoke the invitation to {name}?",
    "partners.revoke_text": "The link in the email stops working at once.",
    "partners.revoked_done": "The invitation to {name} was revoked.",
    "partners.status.pending": "Pending",
    "partners.status.expired": "Expired",
    "partners.status.accepted": "Accepted",
    "partners.status.declined": "Declined",
    "partners.status.revoked": "Revoked",
    "partners.status.superseded": "Replaced by a newer link",
    "partners.status.active": "Active",
    "partners.status.ended": "Ended",
    # Reseller side
    "partners.providers.heading": "Indirect providers",
    "partners.providers.intro": "Providers you have a partnership with. Select View customers to see the customers "
    "you share with a provider, or Invite new customer to invite a customer to establish a reseller relationship "
    "with you and the provider at the same time.",
    "partners.providers.empty": "No indirect providers yet. When a provider invites you, follow the link in its "
    "email to authorize it.",
    "partners.view_customers": "View customers",
    "partners.invite_customer": "Invite new customer",
    # The link landing page
    "partners.authorize.title": "Indirect provider invitation",
    "partners.authorize.invites": "{provider} invites {reseller} to authorize it as its indirect provider.",
    "partners.authorize.invited_by": "Sent by {name}",
    "partners.authorize.expires": "This link expires on {date}.",
    "partners.authorize.note_title": "Note",
    "partners.authorize.note": "When you establish a partnership with an indirect provider, you're authorizing them "
    "to submit orders and add subscriptions on behalf of your customers, and you're granting them administrator "
    "access to your Azure AD tenant.",
    "partners.authorize.check": "I understand what this grants and want {provider} to be our indirect provider.",
    "partners.authorize.submit": "Authorize indirect provider",
    "partners.authorize.decline": "Decline",
    "partners.authorize.decline_title": "Decline the invitation of {provider}?",
    "partners.authorize.decline_text": "The provider is told that you declined. This link can't be used again.",
    "partners.authorize.done": "{provider} is now listed on your Indirect providers page, and your company on the "
    "provider's Indirect resellers page.",
    "partners.authorize.declined_done": "You declined the invitation of {provider}.",
    "partners.authorize.go_providers": "Go to Indirect providers",
    "partners.authorize.other_account": "Sign in with a different account",
    "partners.authorize.signed_in_as": "Signed in as {email}",
    # Emails (English, then Korean, in one message)
    "partners.mail.invite_subject": "{provider} invites you to authorize it as your indirect provider",
    "partners.mail.invite_body": "{provider} invites {reseller} to authorize it as its indirect provider in Partner "
    "Center.{note}\n\nTo accept, follow this link (you may need to sign in to Partner Center), check the box and "
    "then select Authorize indirect provider:\n{url}\n\nWhen you establish a partnership with an indirect provider, "
    "you're authorizing them to submit orders and add subscriptions on behalf of your customers, and you're "
    "granting them administrator access to your Azure AD tenant. Only a Global admin can authorize.\n\nThe link "
    "can be used once and expires on {expires}.",
    "partners.mail.revoked_subject": "{provider} withdrew its invitation",
    "partners.mail.revoked_body": "{provider} withdrew its invitation to {reseller} to become its indirect "
    "provider. The link in the earlier email no longer works.",
    "partners.mail.authorized_provider_subject": "{reseller} authorized you as its indirect provider",
    "partners.mail.authorized_provider_body": "{reseller} authorized {provider} as its indirect provider. "
    "{reseller} is now listed on your Indirect resellers page.",
    "partners.mail.authorized_reseller_subject": "{provider} is now your indirect provider",
    "partners.mail.authorized_reseller_body": "{user} authorized {provider} as the indirect provider of "
    "{reseller}. {provider} is now listed on your Indirect providers page. It may submit orders and add "
    "subscriptions on behalf of your customers and has administrator access to your tenant.",
    "partners.mail.declined_subject": "{reseller} declined your invitation",
    "partners.mail.declined_body": "{reseller} declined the invitation of {provider} to become its indirect provider.",
    "partners.mail.ended_subject": "Partnership between {provider} and {reseller} ended",
    "partners.mail.ended_body": "{by} ended the indirect provider partnership between {provider} (provider) and "
    "{reseller} (reseller) on {date}. The partnership stays in the history of both companies.",
    "partners.mail.published_subject": "{provider} is listed in the provider directory",
    "partners.mail.published_body": "{provider} is now listed in the Find a provider directory of Partner Center.",
    "partners.mail.unpublished_subject": "{provider} was removed from the provider directory",
    "partners.mail.unpublished_body": "{provider} is no longer listed in the Find a provider directory of Partner "
    "Center.",
}

KO = {
    "nav.find_provider": "공급자 찾기",
    "nav.indirect_resellers": "간접 재판매인",
    "nav.indirect_providers": "간접 공급자",
    "field.reseller_mpn_id": "MPN ID",
    "field.invite_message": "메시지",
    "field.reseller_email": "재판매인 관리자의 전자 메일",
    "partners.no_reseller_email": "이 전자 메일 주소를 사용하는 등록된 간접 재판매인이 없습니다. 주소를 확인하거나 "
    "MPN ID로 재판매인을 초대하세요.",
    "partners.no_reseller_mpn": "이 MPN ID를 가진 등록된 간접 재판매인이 없습니다.",
    "partners.mpn_invalid": "MPN ID는 최대 20자리 숫자입니다.",
    "partners.already_partners": "{name}와(과) 이미 파트너 관계입니다.",
    "partners.invitation_not_pending": "이 초대는 더 이상 대기 중이 아닙니다. 페이지를 새로 고쳐 상태를 확인하세요.",
    "partners.already_ended": "이미 종료된 파트너 관계입니다.",
    "partners.directory_unchanged": "디렉터리에 이미 그렇게 표시되어 있습니다. 페이지를 새로 고치세요.",
    "partners.provider_unavailable": "이 공급자는 더 이상 승인할 수 없습니다.",
    "partners.need_global_admin": "{reseller}의 전역 관리자만 간접 공급자를 승인할 수 있습니다. 현재 {email}(으)로 "
    "로그인되어 있습니다. 조직의 전역 관리자에게 이 링크를 열도록 요청하세요.",
    "partners.directory.heading": "공급자 찾기",
    "partners.directory.intro": "공식 간접 공급자(배포자) 목록입니다. 파트너 관계를 맺고 싶은 공급자를 찾으면 "
    "공급자에게 직접 연락하여 재판매인 프로그램, 지원 수준 및 조건을 논의하세요. 양측이 함께 일하기로 하면 공급자가 "
    "계정을 연결하는 초대장을 보냅니다.",
    "partners.directory.search": "이름으로 공급자 검색",
    "partners.directory.country": "국가/지역",
    "partners.directory.all_countries": "모든 국가/지역",
    "partners.directory.empty": "검색과 일치하는 공급자가 없습니다.",
    "partners.directory.contact": "연락처",
    "partners.directory.support": "지원",
    "partners.directory.programs": "프로그램",
    "partners.directory.manage_heading": "디렉터리 관리",
    "partners.directory.manage_intro": "재판매인이 찾을 수 있도록 공식 공급자를 게시합니다.",
    "partners.directory.published": "게시됨",
    "partners.directory.not_published": "게시되지 않음",
    "partners.directory.publish": "게시",
    "partners.directory.unpublish": "게시 취소",
    "partners.directory.published_done": "{name}이(가) 디렉터리에 표시됩니다.",
    "partners.directory.unpublished_done": "{name}을(를) 디렉터리에서 제거했습니다.",
    "partners.col.reseller": "재판매인",
    "partners.col.provider": "공급자",
    "partners.col.country": "국가/지역",
    "partners.col.mpn_id": "MPN ID",
    "partners.col.contact": "연락처",
    "partners.col.authorized_on": "승인 날짜",
    "partners.col.started": "시작",
    "partners.col.ended": "종료",
    "partners.col.sent_to": "받는 사람",
    "partners.col.sent_on": "보낸 날짜",
    "partners.col.expires": "만료",
    "partners.search": "이름, 도메인 또는 MPN ID로 검색",
    "partners.end": "파트너 관계 종료",
    "partners.end_title": "{name}와(과)의 파트너 관계를 종료하시겠습니까?",
    "partners.end_text": "파트너 관계가 두 회사 모두에 대해 즉시 종료됩니다. 기록은 남으며, 새 파트너 관계를 맺으려면 "
    "새 초대와 승인이 필요합니다.",
    "partners.ended_done": "{name}와(과)의 파트너 관계가 종료되었습니다.",
    "partners.history": "기록",
    "partners.history_empty": "지난 파트너 관계가 없습니다.",
    "partners.refreshing": "이 목록은 자동으로 새로 고쳐집니다.",
    "partners.resellers.heading": "간접 재판매인",
    "partners.resellers.intro": "귀사를 간접 공급자로 승인한 재판매인입니다.",
    "partners.resellers.empty": "아직 간접 재판매인이 없습니다. 재판매인 초대를 선택하여 승인 링크를 보내세요.",
    "partners.invite": "재판매인 초대",
    "partners.invite_title": "재판매인 초대",
    "partners.invite_text": "재판매인에게 개인 설정된 링크가 전자 메일로 전송됩니다. 재판매인의 전역 관리자가 링크를 "
    "열어 귀사를 간접 공급자로 승인합니다.",
    "partners.invite_by": "재판매인 찾기 기준",
    "partners.invite_by_email": "관리자 전자 메일",
    "partners.invite_by_mpn": "MPN ID",
    "partners.invite_message_hint": "선택 사항. 전자 메일에 포함됩니다.",
    "partners.invite_send": "초대 보내기",
    "partners.invite_sent": "{name}에게 초대를 보냈습니다.",
    "partners.invitations": "대기 중인 초대",
    "partners.invitations_empty": "아직 보낸 초대가 없습니다.",
    "partners.resend": "다시 보내기",
    "partners.resent": "{name}에게 새 링크를 보냈습니다. 이전 링크는 더 이상 작동하지 않습니다.",
    "partners.revoke": "취소",
    "partners.revoke_title": "{name}에게 보낸 초대를 취소하시겠습니까?",
    "partners.revoke_text": "전자 메일의 링크가 즉시 작동하지 않게 됩니다.",
    "partners.revoked_done": "{name}에게 보낸 초대를 취소했습니다.",
    "partners.status.pending": "대기 중",
    "partners.status.expired": "만료됨",
    "partners.status.accepted": "수락됨",
    "partners.status.declined": "거절됨",
    "partners.status.revoked": "취소됨",
    "partners.status.superseded": "새 링크로 대체됨",
    "partners.status.active": "활성",
    "partners.status.ended": "종료됨",
    "partners.providers.heading": "간접 공급자",
    "partners.providers.intro": "귀사와 파트너 관계인 공급자입니다. 귀사와 공급자가 공유하는 고객 목록을 보려면 "
    "고객 보기를 선택하고, 새 고객에게 귀사 및 공급자와 동시에 재판매인 관계를 맺도록 요청하려면 새 고객 초대를 "
    "선택합니다.",
    "partners.providers.empty": "아직 간접 공급자가 없습니다. 공급자가 초대하면 전자 메일의 링크를 열어 승인하세요.",
    "partners.view_customers": "고객 보기",
    "partners.invite_customer": "새 고객 초대",
    "partners.authorize.title": "간접 공급자 초대",
    "partners.authorize.invites": "{provider}이(가) {reseller}에게 간접 공급자로 승인해 달라고 요청합니다.",
    "partners.authorize.invited_by": "보낸 사람: {name}",
    "partners.authorize.expires": "이 링크는 {date}에 만료됩니다.",
    "partners.authorize.note_title": "참고",
    "partners.authorize.note": "간접 공급자와 파트너 관계를 맺으면 공급자가 귀사의 고객을 대신하여 주문을 제출하고 "
    "구독을 추가할 수 있도록 권한을 부여하며, 공급자에게 귀사의 Azure AD 테넌트에 대한 관리자 액세스 권한을 "
    "부여합니다.",
    "partners.authorize.check": "부여되는 권한을 이해했으며 {provider}을(를) 간접 공급자로 지정하려고 합니다.",
    "partners.authorize.submit": "간접 공급자 승인",
    "partners.authorize.decline": "거절",
    "partners.authorize.decline_title": "{provider}의 초대를 거절하시겠습니까?",
    "partners.authorize.decline_text": "공급자에게 거절 사실이 전달됩니다. 이 링크는 다시 사용할 수 없습니다.",
    "partners.authorize.done": "이제 {provider}이(가) 간접 공급자 페이지에 표시되고, 귀사는 공급자의 간접 재판매인 "
    "페이지에 표시됩니다.",
    "partners.authorize.declined_done": "{provider}의 초대를 거절했습니다.",
    "partners.authorize.go_providers": "간접 공급자로 이동",
    "partners.authorize.other_account": "다른 계정으로 로그인",
    "partners.authorize.signed_in_as": "{email}(으)로 로그인됨",
    "partners.mail.invite_subject": "{provider}이(가) 간접 공급자 승인을 요청합니다",
    "partners.mail.invite_body": "{provider}이(가) 파트너 센터에서 {reseller}에게 간접 공급자로 승인해 달라고 "
    "요청합니다.{note}\n\n초대를 수락하려면 다음 링크를 열고(파트너 센터에 다시 로그인해야 할 수 있음) 확인란을 "
    "선택한 다음 간접 공급자 승인을 선택하세요:\n{url}\n\n간접 공급자와 파트너 관계를 맺으면 공급자가 귀사의 고객을 "
    "대신하여 주문을 제출하고 구독을 추가할 수 있도록 권한을 부여하며, 공급자에게 귀사의 Azure AD 테넌트에 대한 "
    "관리자 액세스 권한을 부여합니다. 전역 관리자만 승인할 수 있습니다.\n\n이 링크는 한 번만 사용할 수 있으며 "
    "{expires}에 만료됩니다.",
    "partners.mail.revoked_subject": "{provider}이(가) 초대를 취소했습니다",
    "partners.mail.revoked_body": "{provider}이(가) {reseller}에게 보낸 간접 공급자 초대를 취소했습니다. 이전 전자 "
    "메일의 링크는 더 이상 작동하지 않습니다.",
    "partners.mail.authorized_provider_subject": "{reseller}이(가) 귀사를 간접 공급자로 승인했습니다",
    "partners.mail.authorized_provider_body": "{reseller}이(가) {provider}을(를) 간접 공급자로 승인했습니다. 이제 "
    "{reseller}이(가) 간접 재판매인 페이지에 표시됩니다.",
    "partners.mail.authorized_reseller_subject": "{provider}이(가) 귀사의 간접 공급자가 되었습니다",
    "partners.mail.authorized_reseller_body": "{user}님이 {provider}을(를) {reseller}의 간접 공급자로 "
    "승인했습니다. 이제 {provider}이(가) 간접 공급자 페이지에 표시됩니다. 공급자는 귀사의 고객을 대신하여 주문을 "
    "제출하고 구독을 추가할 수 있으며 귀사 테넌트에 대한 관리자 액세스 권한을 가집니다.",
    "partners.mail.declined_subject": "{reseller}이(가) 초대를 거절했습니다",
    "partners.mail.declined_body": "{reseller}이(가) {provider}의 간접 공급자 초대를 거절했습니다.",
    "partners.mail.ended_subject": "{provider}와(과) {reseller}의 파트너 관계가 종료되었습니다",
    "partners.mail.ended_body": "{by}이(가) {date}에 {provider}(공급자)와(과) {reseller}(재판매인) 사이의 간접 "
    "공급자 파트너 관계를 종료했습니다. 파트너 관계는 두 회사의 기록에 남습니다.",
    "partners.mail.published_subject": "{provider}이(가) 공급자 디렉터리에 표시됩니다",
    "partners.mail.published_body": "이제 {provider}이(가) 파트너 센터의 공급자 찾기 디렉터리에 표시됩니다.",
    "partners.mail.unpublished_subject": "{provider}이(가) 공급자 디렉터리에서 제거되었습니다",
    "partners.mail.unpublished_body": "{provider}은(는) 더 이상 파트너 센터의 공급자 찾기 디렉터리에 표시되지 "
    "않습니다.",
}
