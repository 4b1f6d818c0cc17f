"""Platform staff: the enrollment review queue and the partner network registry (thin handlers)."""

from __future__ import annotations

import reflex as rx

from rxapp.boundary import as_id, form_text
from rxapp.errors import DomainError
from rxapp.services import enrollment as svc
from rxapp.services import registry
from rxapp.state.base import AppState, Refused
from rxapp.state.paging import PAGE_SIZE, PagedList
from rxapp.state.rows import ImportReportRow, PmcAccountRow, RegistryProfileRow, country_fields


def _split(value: object) -> list[str]:
    return [part.strip() for part in str(value or "")[:2000].replace(";", ",").split(",") if part.strip()]


class ReviewState(PagedList, AppState):
    """The review queue: one page of applications in the chosen state, and the one opened for a decision."""

    status: rx.Field[str] = rx.field("in_review")
    # Applications as text (`rules.public_view`): fixed fields plus the rules' DETAIL_FIELDS, read by name.
    rows: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    loaded: rx.Field[bool] = rx.field(False)
    selected: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    error: rx.Field[str] = rx.field("")
    info: rx.Field[str] = rx.field("")
    busy: rx.Field[bool] = rx.field(False)

    @rx.event
    async def load(self):
        await self._load()

    async def _load(self) -> None:
        status, offset = self.status, self.page * PAGE_SIZE
        # clear=False: another page of the queue leaves the page's message as it was; only a refusal replaces it
        out = await self._call(
            lambda s, a: svc.list_for_review(s, a, status=status, limit=PAGE_SIZE, offset=offset), clear=False
        )
        if isinstance(out, Refused):
            rows, total = [], 0
        else:
            rows, total = out
        last_page = max(0, (total - 1) // PAGE_SIZE)
        if not rows and self.page > last_page:  # the queue shrank under this page: show its last page
            self.page = last_page
            await self._load()
            return
        self.rows = [{k: str(v) for k, v in row.items()} for row in rows]
        self.total, self.loaded = total, True

    @rx.event
    async def set_status(self, value: str):
        self.status = value if value in svc.REVIEW_FILTERS else "in_review"
        self.page = 0
        self.selected, self.error, self.info = {}, "", ""
        await self._load()

    @rx.event
    async def open(self, enrollment_id: str):
        self.error = self.info = ""
        row = await self._call(lambda s, a: svc.get_for_review(s, a, enrollment_id=as_id(enrollment_id)))
        if isinstance(row, Refused):
            return
        self.selected = {k: str(v) for k, v in row.items()}

    @rx.event
    def close(self):
        self.selected = {}

    @rx.event
    async def approve(self):
        self.error = self.info = ""
        enrollment_id = as_id(self.selected.get("id"))
        approved = await self._call(
            lambda s, a: svc.approve_enrollment(s, a, enrollment_id=enrollment_id),
            success="review.approved",
            message="info",
        )
        if isinstance(approved, Refused):
            return None
        self.selected = {}
        return ReviewState.load

    @rx.event
    async def reject(self, form: dict):
        self.error = self.info = ""
        enrollment_id = as_id(self.selected.get("id"))
        reason = form_text(form, "reason")
        rejected = await self._call(
            lambda s, a: svc.reject_enrollment(s, a, enrollment_id=enrollment_id, reason=reason),
            success="review.rejected",
            message="info",
        )
        if isinstance(rejected, Refused):
            return None
        self.selected = {}
        return ReviewState.load


# Each registry form: the service's field name -> the control's id (a refusal shows under that control).
ADD_PMC_FIELDS = {"pmc_user_name": "user_name", "password": "password", "mpn_ids": "mpn_ids"}
EDIT_PMC_FIELDS = {"password": "edit_pmc_password", "mpn_ids": "edit_mpn_ids"}
ADD_PROFILE_FIELDS = {
    "mpn_id": "mpn_id",
    "profile_name": "new_profile_name",
    "country": "new_country",
    "pmc_users": "pmc_users",
}
EDIT_PROFILE_FIELDS = {"profile_name": "profile_name", "country": "country", "status": "status"}


class RegistryState(AppState):
    pmc_accounts: rx.Field[list[PmcAccountRow]] = rx.field(default_factory=list)
    profiles: rx.Field[list[RegistryProfileRow]] = rx.field(default_factory=list)
    loaded: rx.Field[bool] = rx.field(False)
    error: rx.Field[str] = rx.field("")
    error_field: rx.Field[str] = rx.field("")  # the control a refusal is about (its message shows under it)
    # bumped after an add: the form is drawn anew, empty (kept as typed when refused)
    pmc_form: rx.Field[int] = rx.field(0)
    profile_form: rx.Field[int] = rx.field(0)
    info: rx.Field[str] = rx.field("")
    busy: rx.Field[bool] = rx.field(False)
    # The row being edited (PmcAccountRow / RegistryProfileRow fields), empty when none: the edit form's defaults.
    editing_pmc: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    editing_profile: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    report: rx.Field[list[ImportReportRow]] = rx.field(default_factory=list)
    report_summary: rx.Field[str] = rx.field("")

    @rx.event
    async def load(self):
        # clear=False: the page's message (and the field it is about) stay as they were; only a refusal replaces it
        out = await self._call(
            lambda s, a: (registry.list_pmc_accounts(s, a), registry.list_profiles(s, a)), clear=False
        )
        if isinstance(out, Refused):
            accounts, profiles = [], []
        else:
            accounts, profiles = out
        self.pmc_accounts = [
            PmcAccountRow(
                id=str(row.id),
                user_name=str(row.user_name),
                active=str(row.active),
                mpn_ids=str(row.mpn_ids),
            )
            for row in accounts
        ]
        self.profiles = [
            RegistryProfileRow(
                id=str(row.id),
                mpn_id=str(row.mpn_id),
                name=str(row.name),
                country=str(row.country),
                status=str(row.status),
                active=str(row.active),
                linked_to=str(row.linked_to),
                **country_fields(str(row.country)),
            )
            for row in profiles
        ]
        self.loaded = True

    def _done(self) -> None:
        self.info, self.error, self.error_field = self._text("registry.saved"), "", ""

    def _clear(self) -> None:
        self.error = self.info = self.error_field = ""

    @rx.event
    async def add_pmc(self, form: dict):
        self._clear()
        self.busy = True
        yield
        user_name, password = form_text(form, "user_name"), form_text(form, "password")
        mpn_ids = _split(form.get("mpn_ids"))
        out = await self._call(
            lambda s, a: registry.create_pmc_account(s, a, user_name=user_name, password=password, mpn_ids=mpn_ids),
            fields=ADD_PMC_FIELDS,
        )
        self.busy = False
        if isinstance(out, Refused):
            yield out.focus
            return
        self._done()
        self.pmc_form += 1
        yield RegistryState.load

    @rx.event
    def edit_pmc(self, account_id: str):
        match = next((a for a in self.pmc_accounts if a["id"] == str(account_id)), None)
        self.editing_pmc = {key: str(value) for key, value in match.items()} if match else {}

    @rx.event
    def close_edit(self):
        self.editing_pmc, self.editing_profile = {}, {}
        self._clear()

    @rx.event
    async def save_pmc(self, form: dict):
        self._clear()
        self.busy = True
        yield
        account_id = as_id(self.editing_pmc.get("id"))
        password, mpn_ids = form_text(form, "edit_pmc_password"), _split(form.get("edit_mpn_ids"))
        out = await self._call(
            lambda s, a: registry.update_pmc_account(
                s, a, pmc_account_id=account_id, mpn_ids=mpn_ids, password=password
            ),
            fields=EDIT_PMC_FIELDS,
        )
        self.busy = False
        if isinstance(out, Refused):
            yield out.focus
            return
        self.editing_pmc = {}
        self._done()
        yield RegistryState.load

    @rx.event
    async def set_pmc_active(self, account_id: str, active: bool):
        out = await self._call(
            lambda s, a: registry.set_pmc_active(s, a, pmc_account_id=as_id(account_id), active=bool(active))
        )
        if isinstance(out, Refused):
            return None
        self._done()
        return RegistryState.load

    @rx.event
    async def add_profile(self, form: dict):
        self._clear()
        out = await self._call(
            lambda s, a: registry.create_profile(
                s,
                a,
                mpn_id=form_text(form, "mpn_id"),
                name=form_text(form, "new_profile_name"),
                country=form_text(form, "new_country"),
                pmc_users=_split(form.get("pmc_users")),
            ),
            fields=ADD_PROFILE_FIELDS,
        )
        if isinstance(out, Refused):
            return out.focus
        self._done()
        self.profile_form += 1
        return RegistryState.load

    @rx.event
    def edit_profile(self, profile_id: str):
        match = next((p for p in self.profiles if p["id"] == str(profile_id)), None)
        self.editing_profile = {key: str(value) for key, value in match.items()} if match else {}

    @rx.event
    async def save_profile(self, form: dict):
        self._clear()
        profile_id = as_id(self.editing_profile.get("id"))
        out = await self._call(
            lambda s, a: registry.update_profile(
                s,
                a,
                profile_id=profile_id,
                name=form_text(form, "profile_name"),
                country=form_text(form, "country"),
                status=form_text(form, "status"),
            ),
            fields=EDIT_PROFILE_FIELDS,
        )
        if isinstance(out, Refused):
            return out.focus
        self.editing_profile = {}
        self._done()
        return RegistryState.load

    @rx.event
    async def set_profile_active(self, profile_id: str, active: bool):
        out = await self._call(
            lambda s, a: registry.set_profile_active(s, a, profile_id=as_id(profile_id), active=bool(active))
        )
        if isinstance(out, Refused):
            return None
        self._done()
        return RegistryState.load

    @rx.event
    async def import_csv(self, files: list[rx.UploadFile]):
        self.error = self.info = ""
        self.report, self.report_summary = [], ""
        if not files:
            return
        raw = await files[0].read()
        if len(raw) > registry.MAX_IMPORT_BYTES:
            self.error = self._text("registry.csv_too_large")
            return
        text = raw.decode("utf-8", errors="replace")
        report = await self._call(lambda s, a: registry.import_profiles_csv(s, a, text=text))
        if isinstance(report, Refused):
            return
        self.report = [
            {
                "row": str(e.row),
                "mpn_id": e.mpn_id,
                "ok": "1" if e.ok else "",
                "message": self._text("registry.imported")
                if e.ok
                else self._error_text(_as_error(e.code, e.params, e.field)),
            }
            for e in report
        ]
        self.report_summary = self._text(
            "registry.import_summary", ok=sum(1 for e in report if e.ok), total=len(report)
        )
        yield RegistryState.load


def _as_error(code: str, params: dict, field: str) -> DomainError:
    from rxapp.errors import ValidationFailed

    return ValidationFailed(code, field=field or None, **params)
