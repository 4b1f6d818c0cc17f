"""The enrollment wizard, the verification landing page, the applicant's status page and the dashboard
panel: thin handlers around `services.enrollment`.

The wizard keeps only what its pages show (names, the PMC user name, the typed business details). The PMC
account id and the draft's id live in server-only (`_`) vars, set only by successful server calls and
re-checked by the services at every step; no password is ever kept.
"""

from __future__ import annotations

import reflex as rx

from rxapp.boundary import as_id, field_text, form_text
from rxapp.errors import Conflict, NotAuthenticated, RuleViolation
from rxapp.services import enrollment as svc
from rxapp.services.countries import country_columns
from rxapp.state.base import AppState, Refused
from rxapp.state.rows import ProfileChoice, country_fields

STEPS = 8
CREATE_FIELDS = ("company_name", "country", "domain", "admin_name", "admin_email")


# The create-account form's controls (its password has an id of its own: the sign-in form's is "password").
CREATE_IDS = {**{name: name for name in CREATE_FIELDS}, "password": "create-password"}


class EnrollWizardState(AppState):
    step: rx.Field[int] = rx.field(1)
    creating: rx.Field[bool] = rx.field(False)
    done: rx.Field[bool] = rx.field(False)
    error: rx.Field[str] = rx.field("")
    error_field: rx.Field[str] = rx.field("")  # the create-account or details field a refusal is about (shown under it)
    info: rx.Field[str] = rx.field("")
    busy: rx.Field[bool] = rx.field(False)
    already_submitted: rx.Field[bool] = rx.field(False)

    account_email: rx.Field[str] = rx.field("")  # the signed-in work account allowed to enroll ("" when none)
    work_email: rx.Field[str] = rx.field("")  # prefill of the sign-in form (never the password)
    work_org: rx.Field[str] = rx.field("")
    # the work account's country named in each UI language (country_columns)
    work_country: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    create_form: rx.Field[dict[str, str]] = rx.field(default_factory=dict)  # what was typed, by field name
    pmc_user_name: rx.Field[str] = rx.field("")
    profiles: rx.Field[list[ProfileChoice]] = rx.field(default_factory=list)
    chosen_profile: rx.Field[str] = rx.field("")
    mpn_id: rx.Field[str] = rx.field("")
    form: rx.Field[dict[str, str]] = rx.field(default_factory=dict)  # what was typed, by field name
    sent_to: rx.Field[str] = rx.field("")

    _pmc_account_id: int | None = None
    _pmc_at: float = 0.0
    _draft_id: int | None = None

    # --- helpers --------------------------------------------------------------------------------
    def _pmc_proof(self) -> int | None:
        if self._pmc_account_id is None or not svc.pmc_proof_fresh(self._pmc_at):
            return None
        return self._pmc_account_id

    def _forget_pmc(self) -> None:
        self._pmc_account_id, self._pmc_at = None, 0.0
        self.profiles, self.chosen_profile = [], ""

    def _fail(self, refused: Refused):
        """After a refusal (`_call` showed it: under its field when the call named the form's fields, else above
        the form): what it means for the wizard. Returns the event that moves the focus to the field, or None."""
        error = refused.error
        self.info = ""
        if isinstance(error, NotAuthenticated):
            self.account_email, self.step = "", 3
            self.error = self._text("enroll.session_lost")
        elif error.code == "enroll.pmc_sign_in_again":
            self._forget_pmc()
            self.step = 5
        self.already_submitted = error.code == "enroll.already_submitted"
        return refused.focus

    async def _refresh_account(self) -> None:
        """Whether the browser's session is a work account that may enroll now (shown on step 3)."""
        self.account_email = ""
        if not self.session_token:
            return
        info = await self._call(lambda session, actor: (svc.check_can_enroll(session, actor), actor.email), error=None)
        if isinstance(info, Refused):
            if isinstance(info.error, Conflict):
                self.already_submitted = True
            return
        details, email = info
        self.account_email, self.work_org = email, details["org_name"]
        self.work_country = country_columns(details["country"])
        lang = self.lang  # the header shows who is signed in (the wizard's language stays the page's)
        self._show_actor(await self._actor())
        self.lang = lang

    # --- navigation -----------------------------------------------------------------------------
    @rx.event
    async def load(self):
        self.error = ""
        if self.step == 3:
            await self._refresh_account()

    @rx.event
    async def next_step(self):
        """**Next** on the information pages (before you begin, start, link your MPN ID)."""
        self.error = self.info = ""
        if self.step in (1, 2):
            self.step += 1
            if self.step == 3:
                await self._refresh_account()
        elif self.step == 4:
            self.step = 5

    @rx.event
    async def back(self):
        """**Back**: one page back; everything typed stays."""
        self.error = self.info = ""
        if self.creating:
            self.creating = False
        elif self.step > 1:
            self.step -= 1
            if self.step == 3:
                await self._refresh_account()

    @rx.event
    def restart(self):
        self._forget_pmc()
        self._draft_id = None
        self.step, self.done, self.error, self.info, self.creating = 1, False, "", "", False

    # --- step 3: the work account ----------------------------------------------------------------
    @rx.event
    async def sign_in(self, form: dict):
        self.busy, self.error, self.info = True, "", ""
        yield
        email, password = form_text(form, "email"), form_text(form, "password")
        self.work_email = email
        client = self._client_address()

        signed_in = await self._call(
            lambda session: svc.sign_in_work_account(session, email=email, password=password, client_address=client),
            anonymous=True,
        )
        if isinstance(signed_in, Refused):
            self._fail(signed_in)
            self.busy = False
            yield rx.set_value("password", "")
            return
        token, submitted = signed_in
        self.session_token, self.busy = token, False
        if submitted:
            yield rx.redirect("/enroll/status")
            return
        await self._refresh_account()
        self.step = 4

    @rx.event
    async def continue_signed_in(self):
        """Step 3 when already signed in with a work account that may enroll."""
        await self._refresh_account()
        if self.account_email:
            self.error, self.step = "", 4

    @rx.event
    def use_other_account(self):
        self.account_email = ""

    @rx.event
    def show_create(self, show: bool):
        self.creating, self.error, self.info = bool(show), "", ""

    @rx.event
    def keep_create_field(self, name: str, value: str):
        if name in CREATE_FIELDS:
            self.create_form = {**self.create_form, name: field_text(value, name)}

    @rx.event
    async def create_account(self, form: dict):
        """**Create**: a new work account; then the user signs in with it."""
        self.busy, self.error, self.info = True, "", ""
        yield
        values = {name: form_text(form, name) for name in CREATE_FIELDS}
        self.create_form = values
        password, client = form_text(form, "password"), self._client_address()

        email = await self._call(
            lambda session: svc.create_work_account(session, **values, password=password, client_address=client),
            anonymous=True,
            fields=CREATE_IDS,
        )
        if isinstance(email, Refused):
            focus = self._fail(email)
            self.busy = False
            yield rx.set_value(CREATE_IDS["password"], "")
            yield focus
            return
        self.busy, self.creating, self.work_email, self.account_email = False, False, email, ""
        self.info = self._text("enroll.create.done")

    # --- steps 5-6: Partner Membership Center ----------------------------------------------------
    @rx.event
    def pmc_user_next(self, form: dict):
        self.error = ""
        name = form_text(form, "pmc_user_name").strip()
        self.pmc_user_name = name
        if not name:
            self.error = self._text("validation.required", field=self._text("field.pmc_user_name"))
            return
        self.step = 6

    @rx.event
    async def pmc_sign_in(self, form: dict):
        self.busy, self.error = True, ""
        yield
        password, user_name, client = form_text(form, "pmc_password"), self.pmc_user_name, self._client_address()

        def work(session, actor):
            account_id = svc.pmc_sign_in(session, actor, user_name=user_name, password=password, client_address=client)
            return account_id, svc.list_pmc_profiles(session, actor, pmc_account_id=account_id)

        out = await self._call(work)
        if isinstance(out, Refused):
            self._fail(out)
            self.busy = False
            yield rx.set_value("pmc_password", "")
            return
        account_id, profiles = out
        self._pmc_account_id, self._pmc_at = account_id, svc.pmc_proof_stamp()
        # The service's profiles, their ids as text, their country named in each UI language (country_fields).
        self.profiles = [
            ProfileChoice(
                id=str(p.id),
                mpn_id=p.mpn_id,
                name=p.name,
                country=p.country,
                **country_fields(p.country),
                active=p.active,
                linked=p.linked,
                same_country=p.same_country,
            )
            for p in profiles
        ]
        self.chosen_profile = self.profiles[0]["id"] if len(self.profiles) == 1 else ""
        self.busy, self.step = False, 7

    # --- step 7: the organization profile --------------------------------------------------------
    @rx.event
    def set_chosen_profile(self, value: str):
        self.chosen_profile = field_text(value, "profile")

    @rx.event
    async def choose(self, form: dict):
        """**Continue** with the chosen profile (checked on the server and kept in the draft)."""
        self.error = ""
        chosen = as_id(form.get("profile") or self.chosen_profile)
        if not chosen:
            self.error = self._text("enroll.choose.none")
            return
        self.chosen_profile = str(chosen)
        pmc = self._pmc_proof()
        out = await self._call(
            lambda session, actor: (
                draft := svc.choose_profile(session, actor, pmc_account_id=pmc, mpn_profile_id=chosen),
                svc.draft_defaults(session, actor, enrollment_id=draft),
            )
        )
        if isinstance(out, Refused):
            self._fail(out)
            return
        draft_id, defaults = out
        self._draft_id = draft_id
        self.mpn_id, self.work_org = defaults["mpn_id"], defaults["org_name"]
        self.work_country = country_columns(defaults["country"])
        # Provide or update: what was typed stays; empty fields start from the account and the PMC profile.
        self.form = {**defaults["details"], **{k: v for k, v in self.form.items() if v}}
        self.step = 8

    @rx.event
    def cancel_choose(self):
        """**Cancel**: back to the PMC sign-in to use other credentials."""
        self._forget_pmc()
        self.error, self.step = "", 5

    # --- step 8: details, Enroll now -------------------------------------------------------------
    @rx.event
    def keep_field(self, name: str, value: str):
        """Remember a typed value (so Back and Next keep it)."""
        if name in svc.DETAIL_NAMES:
            self.form = {**self.form, name: field_text(value, name)}

    @rx.event
    async def enroll_now(self, form: dict):
        self.error = ""
        details = {name: form_text(form, name) for name in svc.DETAIL_NAMES}
        self.form = details
        pmc, draft = self._pmc_proof(), self._draft_id
        if draft is None:  # no draft in this state (checked here, not by a service)
            self.error_field = ""
            self._fail(self._show_refusal(RuleViolation("enroll.pmc_sign_in_again")))
            return None
        out = await self._call(
            lambda session, actor: svc.submit_enrollment(
                session, actor, enrollment_id=draft, pmc_account_id=pmc, details=details
            ),
            fields={name: name for name in svc.DETAIL_NAMES},
        )
        if isinstance(out, Refused):
            return self._fail(out)
        self._forget_pmc()
        self._draft_id = None
        self.sent_to, self.done = details["contact_email"].strip(), True
        return None


class EnrollStatusState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    has: rx.Field[bool] = rx.field(False)
    enrollment: rx.Field[dict[str, str]] = rx.field(default_factory=dict)  # `rules.public_view` as text
    error: rx.Field[str] = rx.field("")
    info: rx.Field[str] = rx.field("")
    busy: rx.Field[bool] = rx.field(False)

    @rx.event
    async def load(self):
        self.error = self.info = ""
        mine = await self._call(lambda session, actor: svc.my_enrollment(session, actor))
        if isinstance(mine, Refused):
            mine = None
        self.has = mine is not None
        self.enrollment = {k: str(v) for k, v in (mine or {}).items()}
        self.loaded = True

    @rx.event
    async def resend(self):
        self.error = self.info = ""
        enrollment_id = int(self.enrollment.get("id") or 0)  # set by `load` from the server, never the browser
        await self._call(
            lambda s, a: svc.resend_verification(s, a, enrollment_id=enrollment_id),
            success="enroll.resent",
            message="info",
        )


class VerifyEnrollmentState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    valid: rx.Field[bool] = rx.field(False)
    verified: rx.Field[bool] = rx.field(False)
    org: rx.Field[str] = rx.field("")
    contact: rx.Field[str] = rx.field("")
    error: rx.Field[str] = rx.field("")
    busy: rx.Field[bool] = rx.field(False)

    def _token(self) -> str:
        return self._path().rsplit("/", 1)[-1][:100]

    @rx.event
    async def load(self):
        self.loaded, self.verified, self.error = False, False, ""
        token = self._token()
        shown = await self._call(lambda session: svc.inspect_verification(session, token=token), anonymous=True)
        if isinstance(shown, Refused):
            self.valid = False
        else:
            self.valid, self.org, self.contact = True, shown["org_name"], shown["contact_email"]
        self.loaded = True

    @rx.event
    async def confirm(self):
        self.error = ""
        token, client = self._token(), self._client_address()
        verified = await self._call(
            lambda session: svc.verify_email(session, token=token, client_address=client), anonymous=True
        )
        if isinstance(verified, Refused):
            self.valid = False
            return
        self.verified = True


class EnrollDashboardState(AppState):
    unenrolled: rx.Field[bool] = rx.field(False)
    enrollment_status: rx.Field[str] = rx.field("")
    step9: rx.Field[bool] = rx.field(False)
    is_admin_agent: rx.Field[bool] = rx.field(False)

    @rx.event
    async def load(self):
        overview = await self._call(lambda session, actor: svc.dashboard_overview(session, actor), error=None)
        if isinstance(overview, Refused):
            overview = {"unenrolled": False, "status": "", "step9": False, "is_admin_agent": False}
        self.unenrolled, self.enrollment_status = overview["unenrolled"], overview["status"]
        self.step9, self.is_admin_agent = overview["step9"], overview["is_admin_agent"]
