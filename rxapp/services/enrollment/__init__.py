"""Enrollment of a new indirect reseller (SPEC section 2): the wizard's steps as service calls, the
verification link, and the platform's review. Callers keep writing `enrollment.submit_enrollment(...)`.

States: draft → pending_verification → in_review → approved | rejected. Every transition is a conditional
`UPDATE ... WHERE status = <expected>` that must touch exactly one row (`rules.transition`), so a second
click, a replayed link, a stale tab or a race gets `Conflict` (or `LinkInvalid`) and never a second record
or a skipped step.

- `rules`: states, the business details' fields, who may enroll (`eligible_org`), the shared shapes;
- `wizard`: work account, PMC sign-in, profile choice and draft (steps 2-7);
- `applicant`: submission, the verification link, the applicant's status and dashboard;
- `review`: the platform's queue, approval and rejection.
"""

from rxapp.services.enrollment.applicant import (
    dashboard_overview,
    inspect_verification,
    my_enrollment,
    resend_verification,
    submit_enrollment,
    validate_details,
    verify_email,
)
from rxapp.services.enrollment.review import approve_enrollment, get_for_review, list_for_review, reject_enrollment
from rxapp.services.enrollment.rules import (
    CREATE_PER_CLIENT_PER_HOUR,
    DETAIL_FIELDS,
    DETAIL_NAMES,
    OPEN_STATES,
    RESEND_PER_HOUR,
    REVIEW_FILTERS,
    STEP9_DAYS,
    address_text,
    country_label,
    joined,
)
from rxapp.services.enrollment.wizard import (
    PMC_PROOF_SECONDS,
    PmcProfile,
    check_can_enroll,
    choose_profile,
    create_work_account,
    draft_defaults,
    list_pmc_profiles,
    pmc_proof_fresh,
    pmc_proof_stamp,
    pmc_sign_in,
    sign_in_work_account,
)

__all__ = [
    "CREATE_PER_CLIENT_PER_HOUR",
    "DETAIL_FIELDS",
    "DETAIL_NAMES",
    "OPEN_STATES",
    "PMC_PROOF_SECONDS",
    "PmcProfile",
    "RESEND_PER_HOUR",
    "REVIEW_FILTERS",
    "STEP9_DAYS",
    "address_text",
    "approve_enrollment",
    "check_can_enroll",
    "choose_profile",
    "country_label",
    "create_work_account",
    "dashboard_overview",
    "draft_defaults",
    "get_for_review",
    "inspect_verification",
    "joined",
    "list_for_review",
    "list_pmc_profiles",
    "my_enrollment",
    "pmc_proof_fresh",
    "pmc_proof_stamp",
    "pmc_sign_in",
    "reject_enrollment",
    "resend_verification",
    "sign_in_work_account",
    "submit_enrollment",
    "validate_details",
    "verify_email",
]
