"""`/incentives` (a partner's overview) and `/platform/incentives` (programs), thin around `services.incentives`."""

from __future__ import annotations

import reflex as rx

from rxapp.boundary import form_text
from rxapp.services import incentives
from rxapp.services.billing import money
from rxapp.state.base import AppState, Refused
from rxapp.state.rows import EarningRow, ProgramRow

FIELDS = ("name", "families", "rate", "starts_on", "ends_on", "partner_kinds", "countries")
FIELD_ERRORS = {name: f"{name}_error" for name in FIELDS}  # a refused field -> the var shown under its control


class IncentivesState(AppState):
    mpn_id: rx.Field[str] = rx.field("")
    rows: rx.Field[list[EarningRow]] = rx.field(default_factory=list)
    loaded: rx.Field[bool] = rx.field(False)
    error: rx.Field[str] = rx.field("")

    @rx.event
    async def load(self):
        self.error = ""
        overview = await self._call(incentives.overview)
        if isinstance(overview, Refused):
            self.rows = []
        else:
            mpn_id, rows = overview
            self.mpn_id = mpn_id
            self.rows = [
                {
                    "program": r.program,
                    "month": f"{r.month:%Y-%m}",
                    "eligible": "yes" if r.eligible else "no",
                    "reason": r.reason,
                    "base": money(r.base_cents),
                    "earning": money(r.earning_cents),
                }
                for r in rows
            ]
        self.loaded = True

    @rx.event
    async def export(self):
        header = tuple(
            self._text(f"incentives.col.{c}")
            for c in ("mpn_id", "program", "month", "eligible", "reason", "base", "earning")
        )
        labels = {
            k: self._text(f"incentives.reason.{k}") for k in ("no_mpn", "partner_kind", "country", "outside_dates")
        }
        labels |= {"yes": self._text("common.yes"), "no": self._text("common.no")}
        # clear=False: `error` is not cleared first (as before); only a refusal replaces it.
        text = await self._call(lambda s, a: incentives.export_csv(s, a, header=header, labels=labels), clear=False)
        if isinstance(text, Refused):
            return None
        return rx.download(data=text, filename="incentives.csv")


class IncentiveProgramsState(AppState):
    programs: rx.Field[list[ProgramRow]] = rx.field(default_factory=list)
    loaded: rx.Field[bool] = rx.field(False)
    error: rx.Field[str] = rx.field("")
    success: rx.Field[str] = rx.field("")
    name_error: rx.Field[str] = rx.field("")
    families_error: rx.Field[str] = rx.field("")
    rate_error: rx.Field[str] = rx.field("")
    starts_on_error: rx.Field[str] = rx.field("")
    ends_on_error: rx.Field[str] = rx.field("")
    partner_kinds_error: rx.Field[str] = rx.field("")
    countries_error: rx.Field[str] = rx.field("")
    form_key: rx.Field[int] = rx.field(0)  # a new key empties the form after a program was created

    async def _fetch(self) -> None:
        # `error` is not cleared here: an action's refusal stays shown over the reloaded list.
        programs = await self._call(incentives.list_programs, clear=False)
        if isinstance(programs, Refused):
            self.programs = []
        else:
            self.programs = [
                {
                    "id": str(p.id),
                    "name": p.name,
                    "families": ",".join(p.families),
                    "rate": p.rate_percent,
                    "dates": f"{p.starts_on} – {p.ends_on}",
                    "kinds": ",".join(p.partner_kinds),
                    "countries": ", ".join(p.countries),
                }
                for p in programs
            ]
        self.loaded = True

    @rx.event
    async def load(self):
        self.error = self.success = ""
        self._clear_field_errors()
        await self._fetch()

    def _clear_field_errors(self) -> None:
        for name in FIELDS:
            setattr(self, f"{name}_error", "")

    @rx.event
    async def create(self, form: dict):
        self.error = self.success = ""
        self._clear_field_errors()
        chosen = [str(name) for name, value in form.items() if value not in ("", None, False)]
        families = [n.removeprefix("family:") for n in chosen if n.startswith("family:")]
        kinds = [n.removeprefix("kind:") for n in chosen if n.startswith("kind:")]
        values = {k: form_text(form, k) for k in ("name", "rate", "starts_on", "ends_on", "countries")}
        program = await self._call(
            lambda s, a: incentives.create_program(
                s,
                a,
                name=values["name"],
                families=families,
                rate_percent=values["rate"],
                starts_on=values["starts_on"],
                ends_on=values["ends_on"],
                partner_kinds=kinds,
                countries=values["countries"],
            ),
            field_errors=FIELD_ERRORS,
        )
        if isinstance(program, Refused):
            return
        self.success = self._text("incentives.program_created", name=program.name)
        self.form_key += 1
        await self._fetch()

    @rx.event
    async def delete(self, program_id: str):
        self.success = ""
        await self._call(
            lambda s, a: incentives.delete_program(s, a, program_id=program_id),
            success="incentives.program_deleted",
            message="success",
        )
        await self._fetch()
