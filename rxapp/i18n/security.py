"""Sign-in protection: throttling messages, the sign-in block and its link, the second factor."""

EN = {
    # --- throttling (the same words whether or not the account exists)
    "auth.throttled_seconds": "Too many sign-in attempts. Wait {seconds} s, then try again.",
    "auth.throttled_minutes": "Too many sign-in attempts from this network. Wait {minutes} min, then try again.",
    "auth.blocked": "Sign-in is paused for this account after too many failed attempts. If the account exists, "
    "a link to resume signing in was sent to its email address.",
    "enroll.pmc_blocked": "This Partner Membership Center sign-in had too many failed attempts today "
    "({limit}). Try again tomorrow or reset its password in Partner Membership Center.",
    "auth.second_factor_required": "This account signs in with a second factor: use the sign-in page.",
    "mail.sign_in_blocked_subject": "Sign-in to your Partner Center account is paused",
    "mail.sign_in_blocked_body": "Someone failed to sign in to your Partner Center account {limit} times in a "
    "day, so sign-in is paused. If that was you, open this link to resume signing in:\n\n{link}\n\nIf it was "
    "not you, resume signing in with the link and then change your password.\n",
    "unblock.title": "Resume signing in",
    "unblock.body": "Sign-in to your account was paused after too many failed attempts. Resume it now?",
    "unblock.done": "You can sign in again. If the failed attempts were not yours, change your password "
    "after signing in.",
    "unblock.submit": "Resume signing in",
}

KO = {
    "auth.throttled_seconds": "로그인 시도가 너무 많습니다. {seconds}초 후에 다시 시도하세요.",
    "auth.throttled_minutes": "이 네트워크에서 로그인 시도가 너무 많습니다. {minutes}분 후에 다시 시도하세요.",
    "auth.blocked": "로그인 실패가 너무 많아 이 계정의 로그인이 일시 중지되었습니다. 계정이 있으면 로그인을 "
    "다시 시작하는 링크를 계정의 이메일 주소로 보냈습니다.",
    "enroll.pmc_blocked": "이 Partner Membership Center 계정은 오늘 로그인 실패가 너무 많습니다({limit}회). "
    "내일 다시 시도하거나 Partner Membership Center에서 암호를 재설정하세요.",
    "auth.second_factor_required": "이 계정은 2단계 인증으로 로그인합니다. 로그인 페이지를 사용하세요.",
    "mail.sign_in_blocked_subject": "Partner Center 계정의 로그인이 일시 중지되었습니다",
    "mail.sign_in_blocked_body": "하루 동안 Partner Center 계정 로그인에 {limit}번 실패하여 로그인이 일시 "
    "중지되었습니다. 본인이 시도한 것이라면 이 링크를 열어 로그인을 다시 시작하세요.\n\n{link}\n\n본인이 아니라면 "
    "링크로 로그인을 다시 시작한 다음 암호를 변경하세요.\n",
    "unblock.title": "로그인 다시 시작",
    "unblock.body": "로그인 실패가 너무 많아 계정의 로그인이 일시 중지되었습니다. 지금 다시 시작할까요?",
    "unblock.done": "다시 로그인할 수 있습니다. 실패한 시도가 본인의 것이 아니라면 로그인한 후 암호를 변경하세요.",
    "unblock.submit": "로그인 다시 시작",
}
