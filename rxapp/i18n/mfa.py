"""Multi-factor sign-in (TOTP): the sign-in code step, set-up on the Sign-in security page, recovery codes,
the organization's requirement, resets by an admin, and the emails about them."""

EN = {
    "nav.security": "Sign-in security",
    "field.code": "Code",
    "mfa.heading": "Sign-in security",
    "mfa.intro": "Multi-factor sign-in asks for a code from an authenticator app (Microsoft Authenticator, "
    "Google Authenticator, 1Password...) after your password, so a stolen password alone cannot open your account.",
    "mfa.on": "Multi-factor sign-in is on.",
    "mfa.off": "Multi-factor sign-in is off.",
    "mfa.codes_left": "Recovery codes left:",
    "mfa.must_enroll": "Your organization requires multi-factor sign-in. Set it up now to continue.",
    "mfa.platform_requires": "Platform staff always sign in with a second factor.",
    "mfa.set_up": "Set up multi-factor sign-in",
    "mfa.scan": "Scan this QR code with your authenticator app, or type the key. Then enter the 6-digit code "
    "the app shows.",
    "mfa.qr_alt": "QR code of the authenticator key",
    "mfa.key": "Key",
    "mfa.confirm": "Turn on",
    "mfa.recovery_heading": "Your recovery codes",
    "mfa.recovery_intro": "Each code signs you in once when you do not have your authenticator. Store them "
    "somewhere safe now: they are not shown again.",
    "mfa.recovery_done": "I have stored my recovery codes",
    "mfa.new_codes": "New recovery codes",
    "mfa.new_codes_confirm": "The recovery codes you have now stop working.",
    "mfa.require_heading": "Organization policy",
    "mfa.require_label": "Require multi-factor sign-in for all users",
    "mfa.require_hint": "Users without it set it up at their next sign-in, before anything else.",
    "mfa.required_saved": "Multi-factor sign-in is now required for every user of your organization.",
    "mfa.not_required_saved": "Multi-factor sign-in is no longer required.",
    "mfa.code_heading": "Enter your code",
    "mfa.code_intro": "Enter the 6-digit code from your authenticator app, or one of your recovery codes.",
    "mfa.verify": "Verify",
    "mfa.back": "Use another account",
    "mfa.reset": "Reset multi-factor sign-in",
    "mfa.reset_confirm": "The user's authenticator and recovery codes stop working and the user is signed "
    "out. The user sets it up again at the next sign-in if it is required.",
    "mfa.reset_done": "Multi-factor sign-in was reset. The user was emailed.",
    "mfa.platform_reset_heading": "Reset an organization's last Global admin",
    "mfa.platform_reset_hint": "When an organization's only Global admin has lost the authenticator and the "
    "recovery codes, enter that admin's sign-in name. Other users are reset by their own Global admin.",
    "mfa.no_such_user": "No user has this sign-in name.",
    "mfa.user_on": "Multi-factor sign-in: on",
    "mfa.user_off": "Multi-factor sign-in: off",
    # --- refusals
    "mfa.code_invalid": "The code is not valid. Enter the current code from your authenticator app (each code "
    "works once) or an unused recovery code.",
    "mfa.already_enabled": "Multi-factor sign-in is already on.",
    "mfa.not_enabled": "Multi-factor sign-in is not on for this user.",
    "mfa.enrollment_expired": "Start the set-up again: choose Set up multi-factor sign-in.",
    "mfa.sign_in_again": "Your sign-in took too long. Enter your email and password again.",
    "mfa.reset_own_admins_first": "Platform staff reset the second factor only of an organization's last "
    "Global admin; other users are reset by their Global admin.",
    # --- emails
    "mail.mfa_enabled_subject": "Multi-factor sign-in is on for your Partner Center account",
    "mail.mfa_enabled_body": "Multi-factor sign-in was turned on for your Partner Center account. From now on "
    "you sign in with your password and a code from your authenticator app.\n\nIf this was not you, contact your "
    "Global admin at once.\n\n{page}\n",
    "mail.mfa_reset_subject": "Your Partner Center multi-factor sign-in was reset",
    "mail.mfa_reset_body": "{by} reset multi-factor sign-in for your Partner Center account: your authenticator "
    "and recovery codes no longer work. If your organization requires it, you set it up again at your next "
    "sign-in.\n\nIf you did not ask for this, contact your Global admin.\n",
    "mail.mfa_recovery_used_subject": "A recovery code was used to sign in to Partner Center",
    "mail.mfa_recovery_used_body": "Someone signed in to your Partner Center account with one of your recovery "
    "codes. Recovery codes left: {left}.\n\nIf this was not you, change your password and ask your Global admin "
    "to reset multi-factor sign-in. You can make new recovery codes here:\n{page}\n",
    "mail.mfa_codes_replaced_subject": "New Partner Center recovery codes",
    "mail.mfa_codes_replaced_body": "New recovery codes were made for your Partner Center account; the old ones "
    "no longer work.\n\nIf this was not you, contact your Global admin at once.\n\n{page}\n",
}

KO = {
    "nav.security": "로그인 보안",
    "field.code": "코드",
    "mfa.heading": "로그인 보안",
    "mfa.intro": "다단계 로그인은 암호 다음에 인증 앱(Microsoft Authenticator, Google Authenticator, "
    "1Password 등)의 코드를 요구하므로 암호만 도난당해서는 계정을 열 수 없습니다.",
    "mfa.on": "다단계 로그인이 켜져 있습니다.",
    "mfa.off": "다단계 로그인이 꺼져 있습니다.",
    "mfa.codes_left": "남은 복구 코드:",
    "mfa.must_enroll": "조직에서 다단계 로그인을 요구합니다. 계속하려면 지금 설정하세요.",
    "mfa.platform_requires": "플랫폼 직원은 항상 2단계 인증으로 로그인합니다.",
    "mfa.set_up": "다단계 로그인 설정",
    "mfa.scan": "인증 앱으로 이 QR 코드를 스캔하거나 키를 입력하세요. 그런 다음 앱에 표시된 6자리 코드를 입력하세요.",
    "mfa.qr_alt": "인증 키의 QR 코드",
    "mfa.key": "키",
    "mfa.confirm": "켜기",
    "mfa.recovery_heading": "복구 코드",
    "mfa.recovery_intro": "각 코드는 인증 앱이 없을 때 한 번 로그인할 수 있습니다. 지금 안전한 곳에 보관하세요. "
    "다시 표시되지 않습니다.",
    "mfa.recovery_done": "복구 코드를 보관했습니다",
    "mfa.new_codes": "새 복구 코드",
    "mfa.new_codes_confirm": "지금 가지고 있는 복구 코드는 더 이상 작동하지 않습니다.",
    "mfa.require_heading": "조직 정책",
    "mfa.require_label": "모든 사용자에게 다단계 로그인 요구",
    "mfa.require_hint": "다단계 로그인이 없는 사용자는 다음 로그인 때 다른 작업보다 먼저 설정합니다.",
    "mfa.required_saved": "이제 조직의 모든 사용자에게 다단계 로그인이 필요합니다.",
    "mfa.not_required_saved": "더 이상 다단계 로그인이 필요하지 않습니다.",
    "mfa.code_heading": "코드 입력",
    "mfa.code_intro": "인증 앱의 6자리 코드 또는 복구 코드 중 하나를 입력하세요.",
    "mfa.verify": "확인",
    "mfa.back": "다른 계정 사용",
    "mfa.reset": "다단계 로그인 재설정",
    "mfa.reset_confirm": "사용자의 인증 앱과 복구 코드가 더 이상 작동하지 않으며 사용자는 로그아웃됩니다. 필요한 경우 "
    "사용자는 다음 로그인 때 다시 설정합니다.",
    "mfa.reset_done": "다단계 로그인을 재설정했습니다. 사용자에게 이메일을 보냈습니다.",
    "mfa.platform_reset_heading": "조직의 마지막 전역 관리자 재설정",
    "mfa.platform_reset_hint": "조직의 유일한 전역 관리자가 인증 앱과 복구 코드를 잃어버린 경우 해당 관리자의 로그인 "
    "이름을 입력하세요. 다른 사용자는 해당 조직의 전역 관리자가 재설정합니다.",
    "mfa.no_such_user": "이 로그인 이름을 가진 사용자가 없습니다.",
    "mfa.user_on": "다단계 로그인: 켜짐",
    "mfa.user_off": "다단계 로그인: 꺼짐",
    "mfa.code_invalid": "코드가 올바르지 않습니다. 인증 앱의 현재 코드(각 코드는 한 번만 사용 가능) 또는 사용하지 "
    "않은 복구 코드를 입력하세요.",
    "mfa.already_enabled": "다단계 로그인이 이미 켜져 있습니다.",
    "mfa.not_enabled": "이 사용자의 다단계 로그인이 켜져 있지 않습니다.",
    "mfa.enrollment_expired": "설정을 다시 시작하세요. 다단계 로그인 설정을 선택하세요.",
    "mfa.sign_in_again": "로그인 시간이 너무 오래 걸렸습니다. 이메일과 암호를 다시 입력하세요.",
    "mfa.reset_own_admins_first": "플랫폼 직원은 조직의 마지막 전역 관리자의 2단계 인증만 재설정합니다. 다른 사용자는 "
    "해당 조직의 전역 관리자가 재설정합니다.",
    "mail.mfa_enabled_subject": "Partner Center 계정에 다단계 로그인이 켜졌습니다",
    "mail.mfa_enabled_body": "Partner Center 계정에 다단계 로그인이 켜졌습니다. 이제부터 암호와 인증 앱의 코드로 "
    "로그인합니다.\n\n본인이 아니라면 즉시 전역 관리자에게 문의하세요.\n\n{page}\n",
    "mail.mfa_reset_subject": "Partner Center 다단계 로그인이 재설정되었습니다",
    "mail.mfa_reset_body": "{by}님이 Partner Center 계정의 다단계 로그인을 재설정했습니다. 인증 앱과 복구 코드는 더 "
    "이상 작동하지 않습니다. 조직에서 요구하는 경우 다음 로그인 때 다시 설정합니다.\n\n요청하지 않았다면 전역 관리자에게 "
    "문의하세요.\n",
    "mail.mfa_recovery_used_subject": "Partner Center 로그인에 복구 코드가 사용되었습니다",
    "mail.mfa_recovery_used_body": "누군가 복구 코드로 Partner Center 계정에 로그인했습니다. 남은 복구 코드: {left}."
    "\n\n본인이 아니라면 암호를 변경하고 전역 관리자에게 다단계 로그인 재설정을 요청하세요. 새 복구 코드는 여기에서 "
    "만들 수 있습니다.\n{page}\n",
    "mail.mfa_codes_replaced_subject": "새 Partner Center 복구 코드",
    "mail.mfa_codes_replaced_body": "Partner Center 계정의 새 복구 코드가 만들어졌습니다. 이전 코드는 더 이상 작동하지 "
    "않습니다.\n\n본인이 아니라면 즉시 전역 관리자에게 문의하세요.\n\n{page}\n",
}
