"""Leads: a reseller's leads (invite or dismiss), a provider's referrals, and platform staff's referrals to
any active reseller found by name."""

from __future__ import annotations

import reflex as rx

from rxapp.boundary import as_id, column_length, field_text, form_text
from rxapp.models import Lead
from rxapp.permissions import Action, can
from rxapp.services import leads
from rxapp.state.base import Refused
from rxapp.state.ops import OpsState
from rxapp.state.paging import PAGE_SIZE, PagedList
from rxapp.state.rows import IdName, LeadRow, ResellerMatch, country_fields

LEAD_FIELDS = tuple(leads.LEAD_FIELDS)  # the referral form's input names
LEAD_IDS = {leads.LEAD_FIELDS[name]: f"lead-{name}" for name in leads.LEAD_FIELDS}  # service field -> control
RESELLER_QUERY_ID = "reseller-query"  # the platform's referral form: the reseller search box
COMPANY_MAX = column_length(Lead, "company_name")  # the form's limits: the model's columns
CONTACT_MAX = column_length(Lead, "contact_name")


def _lead_row(row: leads.LeadRow) -> LeadRow:
    return LeadRow(
        id=str(row.id),
        company=row.company,
        contact=row.contact,
        email=row.email,
        country=row.country,
        source=row.source,
        source_name=row.source_name,
        partner=row.partner,
        status=row.status,
        created_at=row.created_at,
        new=row.status == "new",
    )


class LeadsState(OpsState):
    leads: rx.Field[list[LeadRow]] = rx.field(default_factory=list)
    targets: rx.Field[list[IdName]] = rx.field(default_factory=list)
    can_invite: rx.Field[bool] = rx.field(False)
    confirm_id: rx.Field[str] = rx.field("")
    confirm_label: rx.Field[str] = rx.field("")
    # bumped after a referral: the form is drawn anew, empty (kept as typed on errors)
    form_key: rx.Field[int] = rx.field(0)

    @rx.event
    async def load(self):
        def work(session, actor):
            return (
                can(actor, Action.INVITE_CUSTOMERS),
                leads.referral_targets(session, actor),
                leads.list_leads(session, actor),
            )

        result = await self._call(work)
        if not isinstance(result, Refused):
            self.can_invite, targets, rows = result
            self.targets = [IdName(id=str(t.id), name=t.name) for t in targets]
            self.leads = [_lead_row(r) for r in rows]
        self.loaded = True

    @rx.event
    async def invite(self, lead_id: str):
        wanted = as_id(lead_id)
        email = await self._call(lambda s, a: leads.invite_lead(s, a, lead_id=wanted).contact_email)
        if isinstance(email, Refused):
            return None
        self.message = self._text("leads.invited", email=email)
        return LeadsState.load

    @rx.event
    def ask_dismiss(self, lead_id: str, label: str):
        self.confirm_id, self.confirm_label = field_text(lead_id, "lead_id"), field_text(label, "label")

    @rx.event
    def cancel_dismiss(self):
        self.confirm_id = self.confirm_label = ""

    @rx.event
    async def confirm_dismiss(self):
        wanted = as_id(self.confirm_id)
        self.confirm_id = ""
        out = await self._call(lambda s, a: leads.dismiss_lead(s, a, lead_id=wanted), success="leads.dismissed")
        return None if isinstance(out, Refused) else LeadsState.load

    @rx.event
    async def refer(self, form: dict):
        values = {k: form_text(form, k) for k in ("reseller", *LEAD_FIELDS)}
        out = await self._call(
            lambda s, a: leads.refer_lead(
                s,
                a,
                reseller_org_id=as_id(values["reseller"]),
                company_name=values["company"],
                contact_name=values["contact"],
                contact_email=values["email"],
                country=values["country"],
            ),
            success="leads.referred",
            fields=LEAD_IDS,
        )
        if isinstance(out, Refused):
            return out.focus
        self.form_key += 1
        return LeadsState.load


class ReferralsState(PagedList, OpsState):
    """Platform staff: the leads the platform referred (paged), and **Refer lead** to a reseller found by name."""

    rows: rx.Field[list[LeadRow]] = rx.field(default_factory=list)
    reseller_query: rx.Field[str] = rx.field("")
    reseller_matches: rx.Field[list[ResellerMatch]] = rx.field(default_factory=list)
    reseller_id: rx.Field[str] = rx.field("")
    reseller_name: rx.Field[str] = rx.field("")
    reseller_hint: rx.Field[str] = rx.field("")  # "no match" under the search box
    form_key: rx.Field[int] = rx.field(0)

    @rx.event
    async def load(self):
        self.error = self.error_field = self.message = self.reseller_hint = ""
        await self._load()

    async def _load(self) -> None:
        offset = self.page * PAGE_SIZE
        result = await self._call(lambda s, a: leads.list_platform_referrals(s, a, limit=PAGE_SIZE, offset=offset))
        if not isinstance(result, Refused):
            rows, self.total = result
            self.rows = [_lead_row(r) for r in rows]
        self.loaded = True

    @rx.event
    async def find_resellers(self, form: dict):
        """The search box: active resellers whose name contains the text (at most 20)."""
        query = self.reseller_query = form_text(form, "reseller_query").strip()
        self.reseller_matches, self.reseller_hint = [], ""
        if not query:
            return
        found = await self._call(lambda s, a: leads.find_resellers(s, a, name=query))
        if not isinstance(found, Refused):
            self.reseller_matches = [{"id": str(r.id), "name": r.name, **country_fields(r.country)} for r in found]
            self.reseller_hint = "" if found else self._text("referrals.no_reseller", query=query)

    @rx.event
    def choose(self, reseller_id: str):
        """Pick one of the listed matches (anything else from the browser is ignored)."""
        match = next((m for m in self.reseller_matches if m["id"] == field_text(reseller_id, "reseller_id")), None)
        if match is not None:
            self.reseller_id, self.reseller_name = match["id"], match["name"]
            self.reseller_matches, self.reseller_hint, self.error, self.error_field = [], "", "", ""

    @rx.event
    def change_reseller(self):
        self.reseller_id = self.reseller_name = ""

    @rx.event
    async def refer(self, form: dict):
        self.message = ""
        if not self.reseller_id:
            self.error, self.error_field = self._text("referrals.choose_reseller"), RESELLER_QUERY_ID
            return rx.set_focus(RESELLER_QUERY_ID)
        values = {k: form_text(form, k) for k in LEAD_FIELDS}
        reseller_id, reseller_name = as_id(self.reseller_id), self.reseller_name
        out = await self._call(
            lambda s, a: leads.refer_lead(
                s,
                a,
                reseller_org_id=reseller_id,
                company_name=values["company"],
                contact_name=values["contact"],
                contact_email=values["email"],
                country=values["country"],
            ),
            success="referrals.referred",
            fields=LEAD_IDS,
            company=values["company"].strip(),
            reseller=reseller_name,
        )
        if isinstance(out, Refused):
            return out.focus
        self.reseller_id = self.reseller_name = self.reseller_query = ""
        self.form_key += 1
        self.page = 0
        await self._load()
        return None
