"""Enrollment of a new indirect reseller: every rule and transition of `services.enrollment`, replays and races."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import select

from rxapp.errors import Conflict, DomainError, LinkInvalid, NotFound, PermissionDenied, Throttled, ValidationFailed
from rxapp.models import (
    AdminRole,
    AgentRole,
    AuditEvent,
    AuthSession,
    Enrollment,
    EnrollmentStatus,
    Link,
    LinkStatus,
    MpnProfile,
    Organization,
    OrgStatus,
    OutboxEmail,
    PmcAccount,
    ProfileStatus,
    Relationship,
    RelationshipKind,
    User,
    utcnow,
)
from rxapp.services import attempts, auth
from rxapp.services import enrollment as svc
from rxapp.services.passwords import hash_password
from rxapp.services.throttle import reset_throttle
from tests.unit.services.enrollment.steps import (
    DETAILS,
    actor,
    emails_to,
    in_review,
    latest_token,
    ops,
    pmc_id,
    profile_id,
    race,
    run,
    status_of,
    submitted,
    to_draft,
)
from tests.unit.services.enrollment.steps import (
    create_work_account as _create,
)

# ------------------------------------------------------------------------------------------- step 2: work account


def test_global_admin_of_unenrolled_work_account_signs_in(engine):
    token, submitted_already = run(
        engine, lambda s: svc.sign_in_work_account(s, email="admin@northwind.example", password="Northwind-demo-2026")
    )
    assert submitted_already is False
    who = run(engine, lambda s: auth.resolve_session(s, token))
    assert who.org_name == "Northwind Traders"
    assert who.org_active is False


def test_wrong_work_account_password_is_refused(engine):
    with pytest.raises(DomainError) as exc:
        run(engine, lambda s: svc.sign_in_work_account(s, email="admin@northwind.example", password="nope-nope-nope"))
    assert exc.value.code == "auth.invalid_credentials"


def test_already_enrolled_account_is_told_so_and_gets_no_session(engine):
    before = run(engine, lambda s: len(s.exec(select(AuthSession)).all()))
    with pytest.raises(DomainError) as exc:
        run(engine, lambda s: svc.sign_in_work_account(s, email="admin@contoso.example", password="Reseller-demo-2026"))
    assert exc.value.code == "enroll.already_enrolled"
    assert run(engine, lambda s: len(s.exec(select(AuthSession)).all())) == before
    refused = run(engine, lambda s: s.exec(select(AuditEvent).where(AuditEvent.action == "enrollment.sign_in")).all())
    assert [e.detail for e in refused] == ["enroll.already_enrolled"]


@pytest.mark.parametrize(
    ("email", "password", "refusal"),
    [
        ("admin@adatum.example", "Customer-demo-2026", "enroll.not_work_account"),
        ("admin@fabrikam.example", "Provider-demo-2026", "enroll.not_work_account"),
        # platform staff (who always have a second factor) are told what kind of account can enroll
        ("ops@platform.example", "Platform-demo-2026", "enroll.not_work_account"),
    ],
)
def test_other_kinds_of_accounts_cannot_enroll(engine, email, password, refusal):
    with pytest.raises(DomainError) as exc:
        run(engine, lambda s: svc.sign_in_work_account(s, email=email, password=password))
    assert exc.value.code == refusal


def test_only_a_global_admin_may_enroll(engine):
    def add_user(session):
        org = session.exec(select(Organization).where(Organization.name == "Northwind Traders")).one()
        session.add(
            User(
                org_id=org.id,
                email="agent@northwind.example",
                full_name="Agent",
                password_hash=hash_password("Agent-password-2026"),
                agent_role=AgentRole.ADMIN_AGENT,
                admin_role=AdminRole.USER_MANAGEMENT_ADMIN,
            )
        )

    run(engine, add_user)
    with pytest.raises(PermissionDenied) as exc:
        run(
            engine,
            lambda s: svc.sign_in_work_account(s, email="agent@northwind.example", password="Agent-password-2026"),
        )
    assert exc.value.code == "enroll.global_admin_required"
    with pytest.raises(PermissionDenied):
        run(
            engine,
            lambda s: svc.pmc_sign_in(
                s, actor(engine, "agent@northwind.example"), user_name="pmc-northwind", password="Pmc-demo-2026"
            ),
        )


def test_sign_in_with_submitted_application_reports_it(engine):
    submitted(engine)
    token, submitted_already = run(
        engine, lambda s: svc.sign_in_work_account(s, email="admin@northwind.example", password="Northwind-demo-2026")
    )
    assert token
    assert submitted_already is True


def test_create_work_account_then_sign_in_with_it(engine):
    assert _create(engine, admin_email="Admin@Wingtip.Example") == "admin@wingtip.example"
    org = run(engine, lambda s: s.exec(select(Organization).where(Organization.domain == "wingtip.example")).one())
    assert (org.kind, org.status, org.country) == ("reseller", OrgStatus.UNENROLLED, "KR")
    user = run(engine, lambda s: s.exec(select(User).where(User.email == "admin@wingtip.example")).one())
    assert (user.admin_role, user.agent_role, user.org_id) == (AdminRole.GLOBAL_ADMIN, AgentRole.NOT_AN_AGENT, org.id)
    token, _ = run(
        engine, lambda s: svc.sign_in_work_account(s, email="admin@wingtip.example", password="Blue-harbor-lantern-77")
    )
    assert token


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"domain": "northwind.example"}, "enroll.domain_taken", "domain"),
        ({"admin_email": "admin@contoso.example"}, "validation.email_taken", "admin_email"),
        ({"password": "password1234"}, "password.common", "password"),
        ({"password": "Wingtip-Solutions-2026"}, "password.contains_context", "password"),
        ({"password": "short"}, "password.too_short", "password"),
        ({"country": "XX"}, "validation.country_invalid", "country"),
        ({"domain": "not a domain"}, "validation.domain_invalid", "domain"),
        ({"company_name": "  "}, "validation.required", "company_name"),
        ({"admin_email": "admin@"}, "validation.email_invalid", "admin_email"),
    ],
)
def test_create_work_account_rules(engine, changes, code, field):
    with pytest.raises(ValidationFailed) as exc:
        _create(engine, **changes)
    assert (exc.value.code, exc.value.field) == (code, field)
    assert (
        run(engine, lambda s: s.exec(select(Organization).where(Organization.name == "Wingtip Solutions")).first())
        is None
    )


def test_create_work_account_is_throttled_per_client(engine):
    for i in range(svc.CREATE_PER_CLIENT_PER_HOUR):
        with pytest.raises(ValidationFailed):
            _create(engine, domain=f"w{i}.example", password="x")
    with pytest.raises(Throttled):
        _create(engine)
    assert _create(engine, client_address="10.0.0.2") == "admin@wingtip.example"


# ------------------------------------------------------------------------------------------- PMC sign-in


def test_pmc_sign_in_lists_the_profiles_it_may_act_for(engine):
    who = actor(engine, "admin@northwind.example")
    account = run(engine, lambda s: svc.pmc_sign_in(s, who, user_name=" PMC-Northwind ", password="Pmc-demo-2026"))
    profiles = run(engine, lambda s: svc.list_pmc_profiles(s, who, pmc_account_id=account))
    assert [(p.mpn_id, p.country, p.same_country, p.linked) for p in profiles] == [
        ("6000001", "KR", True, False),
        ("6000002", "US", False, False),
    ]


def test_wrong_pmc_user_or_password_get_the_same_message(engine):
    who = actor(engine, "admin@northwind.example")
    codes = []
    for user_name, password in [("pmc-northwind", "wrong-password"), ("nobody-here", "Pmc-demo-2026")]:
        with pytest.raises(DomainError) as exc:
            run(engine, lambda s, u=user_name, p=password: svc.pmc_sign_in(s, who, user_name=u, password=p))
        codes.append((exc.value.code, exc.value.params))
    assert codes == [("enroll.pmc_invalid", {}), ("enroll.pmc_invalid", {})]
    counted = run(engine, lambda s: attempts.get_attempts(s).state(attempts.account_policy("pmc"), "pmc-northwind"))
    assert counted["failures"] == 1  # committed although the call failed


def test_pmc_sign_in_is_throttled_in_the_database(engine):
    who = actor(engine, "admin@northwind.example")
    for _ in range(5):
        with pytest.raises(DomainError):
            run(engine, lambda s: svc.pmc_sign_in(s, who, user_name="pmc-northwind", password="wrong"))
    with pytest.raises(Throttled) as exc:
        run(engine, lambda s: svc.pmc_sign_in(s, who, user_name="pmc-northwind", password="Pmc-demo-2026"))
    assert exc.value.code == "auth.throttled_seconds"
    reset_throttle()  # a restart forgets the memory counters, the database's stay
    with pytest.raises(Throttled):
        run(engine, lambda s: svc.pmc_sign_in(s, who, user_name="pmc-northwind", password="Pmc-demo-2026"))


def test_deactivated_pmc_account_cannot_sign_in(engine):
    def deactivate(session):
        account = session.exec(select(PmcAccount).where(PmcAccount.user_name == "pmc-northwind")).one()
        account.is_active = False
        session.add(account)

    run(engine, deactivate)
    with pytest.raises(DomainError) as exc:
        run(
            engine,
            lambda s: svc.pmc_sign_in(
                s, actor(engine, "admin@northwind.example"), user_name="pmc-northwind", password="Pmc-demo-2026"
            ),
        )
    assert exc.value.code == "enroll.pmc_invalid"


def test_listing_profiles_needs_a_pmc_sign_in(engine):
    with pytest.raises(DomainError) as exc:
        run(engine, lambda s: svc.list_pmc_profiles(s, actor(engine, "admin@northwind.example"), pmc_account_id=None))
    assert exc.value.code == "enroll.pmc_sign_in_again"


# ------------------------------------------------------------------------------------------- step 6: the profile


def test_choosing_the_kr_profile_keeps_one_draft(engine):
    who = actor(engine, "admin@northwind.example")
    first, _ = to_draft(engine, who)
    second, _ = to_draft(engine, who)
    assert first == second
    draft = run(engine, lambda s: s.get(Enrollment, first))
    assert (draft.status, draft.mpn_profile_id, draft.country) == (
        EnrollmentStatus.DRAFT,
        profile_id(engine, "6000001"),
        "KR",
    )


def test_profile_in_another_country_is_refused_naming_both(engine):
    with pytest.raises(DomainError) as exc:
        to_draft(engine, actor(engine, "admin@northwind.example"), mpn="6000002")
    assert exc.value.code == "enroll.country_mismatch"
    assert exc.value.params["profile_country"] == "United States (US)"
    assert exc.value.params["account_country"] == "Korea, Republic of (KR)"
    assert run(engine, lambda s: s.exec(select(Enrollment)).all()) == []


def test_profile_already_linked_to_another_account_is_refused(engine):
    _create(engine)
    with pytest.raises(DomainError) as exc:
        to_draft(engine, actor(engine, "admin@wingtip.example"), pmc="pmc-contoso", mpn="5000001")
    assert (exc.value.code, exc.value.params) == ("enroll.profile_linked", {"mpn_id": "5000001"})


def test_inactive_profile_is_refused(engine):
    def deactivate(session):
        profile = session.exec(select(MpnProfile).where(MpnProfile.mpn_id == "6000001")).one()
        profile.status = ProfileStatus.INACTIVE
        session.add(profile)

    run(engine, deactivate)
    with pytest.raises(DomainError) as exc:
        to_draft(engine, actor(engine, "admin@northwind.example"))
    assert exc.value.code == "enroll.profile_inactive"


def test_a_profile_the_pmc_user_cannot_act_for_is_not_found(engine):
    who = actor(engine, "admin@northwind.example")
    account = run(engine, lambda s: svc.pmc_sign_in(s, who, user_name="pmc-northwind", password="Pmc-demo-2026"))
    with pytest.raises(NotFound):
        run(
            engine,
            lambda s: svc.choose_profile(s, who, pmc_account_id=account, mpn_profile_id=profile_id(engine, "5000001")),
        )


def test_profile_being_enrolled_by_another_account_is_refused(engine):
    submitted(engine)  # Northwind applied with 6000001
    _create(engine)

    def give_access(session):
        from rxapp.models import PmcAccess

        session.add(
            PmcAccess(pmc_account_id=pmc_id(engine, "pmc-contoso"), mpn_profile_id=profile_id(engine, "6000001"))
        )

    run(engine, give_access)
    with pytest.raises(DomainError) as exc:
        to_draft(engine, actor(engine, "admin@wingtip.example"), pmc="pmc-contoso", mpn="6000001")
    assert exc.value.code == "enroll.profile_in_use"


# ------------------------------------------------------------------------------------------- step 7: submit


def test_enroll_now_sends_the_verification_link(engine):
    enrollment_id, token = submitted(engine)
    row = run(engine, lambda s: s.get(Enrollment, enrollment_id))
    assert row.status == EnrollmentStatus.PENDING_VERIFICATION
    assert row.submitted_at is not None
    assert row.support_website == "https://northwind.example/support"
    assert row.contact_email == DETAILS["contact_email"]
    mails = emails_to(engine, DETAILS["contact_email"])
    assert len(mails) == 1
    assert f"/enroll/verify/{token}" in mails[0].body
    link = run(engine, lambda s: s.exec(select(Link).where(Link.enrollment_id == enrollment_id)).one())
    assert link.status == LinkStatus.PENDING
    assert token not in link.token_hash


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"contact_email": "someone@gmail.com"}, "validation.email_free_mail", "contact_email"),
        ({"contact_email": "someone@mail.naver.com"}, "validation.email_free_mail", "contact_email"),
        ({"contact_email": "not-an-email"}, "validation.email_invalid", "contact_email"),
        ({"support_email": "help@"}, "validation.email_invalid", "support_email"),
        ({"postal_code": "1234"}, "validation.postal_code_invalid", "postal_code"),
        ({"contact_phone": "call me"}, "validation.phone_invalid", "contact_phone"),
        ({"legal_name": ""}, "validation.required", "legal_name"),
        ({"city": "x" * 101}, "validation.too_long", "city"),
        ({"support_website": "javascript:alert(1)"}, "validation.website_invalid", "support_website"),
    ],
)
def test_enroll_now_validates_every_field_and_writes_nothing(engine, changes, code, field):
    who = actor(engine, "admin@northwind.example")
    draft, account = to_draft(engine, who)
    with pytest.raises(ValidationFailed) as exc:
        run(
            engine,
            lambda s: svc.submit_enrollment(
                s, who, enrollment_id=draft, pmc_account_id=account, details={**DETAILS, **changes}
            ),
        )
    assert (exc.value.code, exc.value.field) == (code, field)
    assert status_of(engine, draft) == EnrollmentStatus.DRAFT
    assert run(engine, lambda s: s.exec(select(OutboxEmail)).all()) == []
    assert run(engine, lambda s: s.exec(select(Link)).all()) == []


def test_second_enroll_now_is_a_conflict(engine):
    who = actor(engine, "admin@northwind.example")
    draft, account = to_draft(engine, who)
    run(engine, lambda s: svc.submit_enrollment(s, who, enrollment_id=draft, pmc_account_id=account, details=DETAILS))
    with pytest.raises(Conflict) as exc:
        run(
            engine,
            lambda s: svc.submit_enrollment(s, who, enrollment_id=draft, pmc_account_id=account, details=DETAILS),
        )
    assert exc.value.code == "enroll.already_submitted"
    assert len(emails_to(engine, DETAILS["contact_email"])) == 1


def test_two_tabs_racing_enroll_now_make_one_application(engine):
    who = actor(engine, "admin@northwind.example")
    draft, account = to_draft(engine, who)
    results, errors = race(
        3,
        lambda: run(
            engine,
            lambda s: svc.submit_enrollment(s, who, enrollment_id=draft, pmc_account_id=account, details=DETAILS),
        ),
    )
    assert len(results) == 1
    assert len(errors) == 2
    assert len(emails_to(engine, DETAILS["contact_email"])) == 1
    assert run(engine, lambda s: len(s.exec(select(Link)).all())) == 1


def test_submit_rechecks_the_profile_on_the_server(engine):
    who = actor(engine, "admin@northwind.example")
    draft, account = to_draft(engine, who)

    def link_elsewhere(session):
        profile = session.exec(select(MpnProfile).where(MpnProfile.mpn_id == "6000001")).one()
        profile.linked_org_id = (
            session.exec(select(Organization).where(Organization.name == "Contoso Cloud Partners")).one().id
        )
        session.add(profile)
        session.flush()

    # The Contoso profile holds that unique org id already: unlink it first so the constraint allows the test.
    def unlink_contoso(session):
        session.execute(sa.update(MpnProfile).where(MpnProfile.mpn_id == "5000001").values(linked_org_id=None))

    run(engine, unlink_contoso)
    run(engine, link_elsewhere)
    with pytest.raises(DomainError) as exc:
        run(
            engine,
            lambda s: svc.submit_enrollment(s, who, enrollment_id=draft, pmc_account_id=account, details=DETAILS),
        )
    assert exc.value.code == "enroll.profile_linked"
    with pytest.raises(DomainError) as exc:
        run(engine, lambda s: svc.submit_enrollment(s, who, enrollment_id=draft, pmc_account_id=None, details=DETAILS))
    assert exc.value.code == "enroll.pmc_sign_in_again"


def test_another_accounts_draft_is_not_found(engine):
    draft, account = to_draft(engine, actor(engine, "admin@northwind.example"))
    _create(engine)
    with pytest.raises(NotFound):
        run(
            engine,
            lambda s: svc.submit_enrollment(
                s, actor(engine, "admin@wingtip.example"), enrollment_id=draft, pmc_account_id=account, details=DETAILS
            ),
        )


# ------------------------------------------------------------------------------------------- verification


def test_verification_link_moves_to_review_once(engine):
    enrollment_id, token = submitted(engine)
    shown = run(engine, lambda s: svc.inspect_verification(s, token=token))
    assert shown["org_name"] == "Northwind Traders"
    assert status_of(engine, enrollment_id) == EnrollmentStatus.PENDING_VERIFICATION  # opening changes nothing
    run(engine, lambda s: svc.verify_email(s, token=token))
    row = run(engine, lambda s: s.get(Enrollment, enrollment_id))
    assert row.status == EnrollmentStatus.IN_REVIEW
    assert row.verified_at is not None
    subjects = [m.subject for m in emails_to(engine, DETAILS["contact_email"])]
    assert any("in review" in s for s in subjects)
    with pytest.raises(LinkInvalid) as exc:
        run(engine, lambda s: svc.verify_email(s, token=token))
    assert exc.value.code == "link.used"


def test_expired_verification_link_is_refused(engine):
    enrollment_id, token = submitted(engine)
    run(engine, lambda s: s.execute(sa.update(Link).values(expires_at=utcnow() - timedelta(minutes=1))))
    with pytest.raises(LinkInvalid) as exc:
        run(engine, lambda s: svc.verify_email(s, token=token))
    assert exc.value.code == "link.expired"
    assert status_of(engine, enrollment_id) == EnrollmentStatus.PENDING_VERIFICATION


def test_unknown_token_is_refused(engine):
    with pytest.raises(LinkInvalid) as exc:
        run(engine, lambda s: svc.verify_email(s, token="made-up"))
    assert exc.value.code == "link.not_found"


def test_resend_voids_the_old_link(engine):
    enrollment_id, old = submitted(engine)
    run(
        engine,
        lambda s: svc.resend_verification(s, actor(engine, "admin@northwind.example"), enrollment_id=enrollment_id),
    )
    new = latest_token(engine, DETAILS["contact_email"])
    assert new != old
    with pytest.raises(LinkInvalid) as exc:
        run(engine, lambda s: svc.verify_email(s, token=old))
    assert exc.value.code == "link.revoked"
    run(engine, lambda s: svc.verify_email(s, token=new))
    assert status_of(engine, enrollment_id) == EnrollmentStatus.IN_REVIEW
    with pytest.raises(Conflict) as exc:
        run(
            engine,
            lambda s: svc.resend_verification(s, actor(engine, "admin@northwind.example"), enrollment_id=enrollment_id),
        )
    assert exc.value.code == "enroll.not_pending_verification"


def test_resend_is_scoped_to_the_organization_and_throttled(engine):
    enrollment_id, _ = submitted(engine)
    with pytest.raises(NotFound):
        run(
            engine,
            lambda s: svc.resend_verification(s, actor(engine, "admin@contoso.example"), enrollment_id=enrollment_id),
        )
    who = actor(engine, "admin@northwind.example")
    for _ in range(svc.RESEND_PER_HOUR):
        run(engine, lambda s: svc.resend_verification(s, who, enrollment_id=enrollment_id))
    with pytest.raises(Throttled):
        run(engine, lambda s: svc.resend_verification(s, who, enrollment_id=enrollment_id))


def test_two_clicks_on_the_verification_link_racing(engine):
    enrollment_id, token = submitted(engine)
    results, errors = race(3, lambda: run(engine, lambda s: svc.verify_email(s, token=token)))
    assert len(results) == 1
    assert len(errors) == 2
    assert status_of(engine, enrollment_id) == EnrollmentStatus.IN_REVIEW
    assert sum("in review" in m.subject for m in emails_to(engine, DETAILS["contact_email"])) == 1


# ------------------------------------------------------------------------------------------- review


def test_review_queue_needs_platform_reviewers(engine):
    in_review(engine)
    rows, total = run(engine, lambda s: svc.list_for_review(s, ops(engine), status="in_review"))
    assert total == 1
    assert rows[0]["org_name"] == "Northwind Traders"
    assert rows[0]["mpn_id"] == "6000001"
    assert run(engine, lambda s: svc.list_for_review(s, ops(engine), status="approved"))[1] == 0
    assert run(engine, lambda s: svc.list_for_review(s, ops(engine), status="all"))[1] == 1
    for email in ("admin@contoso.example", "admin@northwind.example", "admin@fabrikam.example"):
        with pytest.raises(PermissionDenied):
            run(engine, lambda s, e=email: svc.list_for_review(s, actor(engine, e)))
        with pytest.raises(PermissionDenied):
            run(engine, lambda s, e=email: svc.approve_enrollment(s, actor(engine, e), enrollment_id=1))


def test_review_queue_pages_oldest_first(engine):
    first = in_review(engine)

    def add_rejected(session):
        template = session.get(Enrollment, first)
        for n in range(30):
            copy = Enrollment(
                **{
                    **template.model_dump(exclude={"id"}),
                    "status": EnrollmentStatus.REJECTED,
                    "submitted_at": template.submitted_at + timedelta(minutes=n),
                }
            )
            session.add(copy)

    run(engine, add_rejected)
    page_one, total = run(engine, lambda s: svc.list_for_review(s, ops(engine), status="rejected", limit=25))
    page_two, _ = run(engine, lambda s: svc.list_for_review(s, ops(engine), status="rejected", limit=25, offset=25))
    assert total == 30
    assert len(page_one) == 25
    assert len(page_two) == 5
    ids = [row["id"] for row in page_one + page_two]
    assert len(set(ids)) == 30
    assert ids == sorted(ids)


def test_drafts_are_not_in_the_queue(engine):
    to_draft(engine, actor(engine, "admin@northwind.example"))
    assert run(engine, lambda s: svc.list_for_review(s, ops(engine), status="all"))[1] == 0


def test_approval_activates_the_reseller(engine):
    enrollment_id = in_review(engine)
    run(engine, lambda s: svc.approve_enrollment(s, ops(engine), enrollment_id=enrollment_id))
    org = run(engine, lambda s: s.exec(select(Organization).where(Organization.name == "Northwind Traders")).one())
    assert (org.status, org.mpn_id, org.legal_name, org.contact_email) == (
        OrgStatus.ACTIVE,
        "6000001",
        DETAILS["legal_name"],
        DETAILS["contact_email"],
    )
    user = run(engine, lambda s: s.exec(select(User).where(User.email == "admin@northwind.example")).one())
    assert (user.admin_role, user.agent_role) == (AdminRole.GLOBAL_ADMIN, AgentRole.ADMIN_AGENT)
    profile = run(engine, lambda s: s.exec(select(MpnProfile).where(MpnProfile.mpn_id == "6000001")).one())
    assert profile.linked_org_id == org.id
    relationships = run(
        engine, lambda s: s.exec(select(Relationship).where(Relationship.partner_org_id == org.id)).all()
    )
    tailspin = run(
        engine, lambda s: s.exec(select(Organization).where(Organization.name == "Tailspin Toys Korea")).one()
    )
    assert [(r.kind, r.client_org_id) for r in relationships] == [(RelationshipKind.RESELLER_CUSTOMER, tailspin.id)]
    assert any("approved" in m.subject for m in emails_to(engine, DETAILS["contact_email"]))
    now_actor = actor(engine, "admin@northwind.example")
    assert now_actor.org_active
    overview = run(engine, lambda s: svc.dashboard_overview(s, now_actor))
    assert overview == {"unenrolled": False, "status": "approved", "step9": True, "is_admin_agent": True}
    with pytest.raises(DomainError) as exc:
        run(
            engine,
            lambda s: svc.sign_in_work_account(s, email="admin@northwind.example", password="Northwind-demo-2026"),
        )
    assert exc.value.code == "enroll.already_enrolled"


def test_approving_twice_is_a_conflict(engine):
    enrollment_id = in_review(engine)
    run(engine, lambda s: svc.approve_enrollment(s, ops(engine), enrollment_id=enrollment_id))
    with pytest.raises(Conflict) as exc:
        run(engine, lambda s: svc.approve_enrollment(s, ops(engine), enrollment_id=enrollment_id))
    assert exc.value.code == "enroll.not_in_review"
    with pytest.raises(Conflict):
        run(engine, lambda s: svc.reject_enrollment(s, ops(engine), enrollment_id=enrollment_id, reason="late"))
    assert sum("approved" in m.subject for m in emails_to(engine, DETAILS["contact_email"])) == 1


def test_two_reviewers_racing_approve_once(engine):
    enrollment_id = in_review(engine)
    reviewer = ops(engine)
    results, errors = race(
        3, lambda: run(engine, lambda s: svc.approve_enrollment(s, reviewer, enrollment_id=enrollment_id))
    )
    assert len(results) == 1
    assert len(errors) == 2
    assert (
        run(
            engine,
            lambda s: len(
                s.exec(select(Relationship).where(Relationship.kind == RelationshipKind.RESELLER_CUSTOMER)).all()
            ),
        )
        == 1
    )


def test_no_decision_before_verification(engine):
    enrollment_id, _ = submitted(engine)
    with pytest.raises(Conflict):
        run(engine, lambda s: svc.approve_enrollment(s, ops(engine), enrollment_id=enrollment_id))
    with pytest.raises(NotFound):
        run(engine, lambda s: svc.approve_enrollment(s, ops(engine), enrollment_id=9999))


def test_rejection_needs_a_reason_and_allows_a_new_application(engine):
    enrollment_id = in_review(engine)
    with pytest.raises(ValidationFailed) as exc:
        run(engine, lambda s: svc.reject_enrollment(s, ops(engine), enrollment_id=enrollment_id, reason="  "))
    assert exc.value.field == "reason"
    run(
        engine,
        lambda s: svc.reject_enrollment(
            s, ops(engine), enrollment_id=enrollment_id, reason="The legal name does not match the registry."
        ),
    )
    row = run(engine, lambda s: s.get(Enrollment, enrollment_id))
    assert row.status == EnrollmentStatus.REJECTED
    assert row.rejection_reason.startswith("The legal name")
    rejected_mail = emails_to(engine, DETAILS["contact_email"])[-1]
    assert "not approved" in rejected_mail.subject
    assert "The legal name does not match" in rejected_mail.body
    org = run(engine, lambda s: s.get(Organization, row.org_id))
    assert org.status == OrgStatus.UNENROLLED
    who = actor(engine, "admin@northwind.example")
    assert run(engine, lambda s: svc.dashboard_overview(s, who))["status"] == "rejected"
    again, _ = submitted(engine)  # a new application after a rejection
    assert again != enrollment_id
    assert status_of(engine, again) == EnrollmentStatus.PENDING_VERIFICATION


def test_status_page_data_is_the_organizations_own(engine):
    enrollment_id, _ = submitted(engine)
    mine = run(engine, lambda s: svc.my_enrollment(s, actor(engine, "admin@northwind.example")))
    assert (mine["id"], mine["status"], mine["mpn_id"]) == (enrollment_id, "pending_verification", "6000001")
    assert run(engine, lambda s: svc.my_enrollment(s, actor(engine, "admin@contoso.example"))) is None
    overview = run(engine, lambda s: svc.dashboard_overview(s, actor(engine, "admin@northwind.example")))
    assert overview["unenrolled"]
    assert overview["status"] == "pending_verification"


def test_every_transition_is_audited(engine):
    enrollment_id = in_review(engine)
    run(engine, lambda s: svc.approve_enrollment(s, ops(engine), enrollment_id=enrollment_id))
    actions = run(engine, lambda s: [e.action for e in s.exec(select(AuditEvent).order_by(AuditEvent.id))])
    for expected in (
        "enrollment.pmc_sign_in",
        "enrollment.profile_chosen",
        "enrollment.submitted",
        "enrollment.verified",
        "enrollment.approved",
    ):
        assert expected in actions
    details = run(engine, lambda s: " ".join(e.detail for e in s.exec(select(AuditEvent))))
    assert "Pmc-demo-2026" not in details


def test_catalog_has_english_and_korean_for_every_key():
    import re
    from pathlib import Path

    from rxapp.i18n import catalogs
    from rxapp.i18n import enrollment as messages

    assert messages.EN.keys() == messages.KO.keys()
    for key, text in messages.EN.items():
        assert set(re.findall(r"{(\w+)}", text)) == set(re.findall(r"{(\w+)}", messages.KO[key])), key
    package = Path(svc.__file__).parent
    sources = [*package.glob("*.py"), package.parent / "registry.py"]
    used = set(
        re.findall(
            r'(?:Error|Failed|Denied|Conflict|Throttled)\("((?:enroll|registry)\.[a-z_.]+)"',
            "".join(path.read_text() for path in sources),
        )
    )
    known = catalogs()["en"]
    assert len(used) > 15
    assert used - known.keys() == set()


def test_two_tabs_choosing_a_profile_at_once_keep_one_draft(engine):
    who = actor(engine, "admin@northwind.example")
    account = run(engine, lambda s: svc.pmc_sign_in(s, who, user_name="pmc-northwind", password="Pmc-demo-2026"))
    kr = profile_id(engine, "6000001")
    results, errors = race(
        3, lambda: run(engine, lambda s: svc.choose_profile(s, who, pmc_account_id=account, mpn_profile_id=kr))
    )
    assert len(results) >= 1
    assert len(results) + len(errors) == 3
    assert len(set(results)) == 1
    assert run(engine, lambda s: len(s.exec(select(Enrollment)).all())) == 1
