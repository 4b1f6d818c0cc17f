"""Issue 13, point 4: the audit log in words. Every action code the services can write, every permission a
refusal names, every kind of record and detail label has words in English and Korean; entries name their
records; the CSV keeps the codes beside the words."""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

import pytest

from rxapp.i18n import catalogs, translate
from rxapp.models import AuditOutcome
from rxapp.permissions import Action
from rxapp.services import audit, audit_view, users
from rxapp.services.audit import AuditFilter

ROOT = Path(__file__).resolve().parents[3] / "rxapp"


def _keyword_constants(name: str) -> set[str]:
    """Every string a service or the API passes as `name=` (both branches of a conditional too)."""
    found = set()
    for path in [*ROOT.joinpath("services").rglob("*.py"), *ROOT.joinpath("api").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.keyword) and node.arg == name:
                values = [node.value.body, node.value.orelse] if isinstance(node.value, ast.IfExp) else [node.value]
                found |= {v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)}
    return found


def _unworded(*keys: str) -> list[str]:
    """The keys without words in both languages, or whose Korean is the English (API codes may be)."""
    english, korean = catalogs()["en"], catalogs()["ko"]
    return [
        key
        for key in keys
        if not (english.get(key) and korean.get(key))
        or (korean[key] == english[key] and not key.startswith("audit.action.api."))
    ]


def test_every_action_code_the_services_write_has_words():
    codes = {code for code in _keyword_constants("action") if "." in code}
    assert len(codes) > 60, "the scan finds the services' codes"
    assert _unworded(*(f"audit.action.{code}" for code in sorted(codes))) == []


def test_every_refused_permission_has_words_and_the_roles_it_needs():
    actions = [a.value for a in Action] + sorted(audit_view.EXTRA_REFUSALS)
    assert _unworded(*(f"audit.perm.{action}" for action in actions)) == []
    assert [action for action in actions if not audit_view.refusal_roles(action)] == []
    assert _unworded(*(f"role.{role}" for role in audit_view.ROLES)) == []


def test_every_record_kind_and_detail_label_has_words():
    kinds = sorted(_keyword_constants("target_type"))
    assert kinds, "the scan finds the services' record kinds"
    assert _unworded(*(f"audit.record.{audit_view.RECORD_KINDS.get(kind, kind)}" for kind in kinds)) == []
    assert _unworded(*(f"audit.detail.{label}" for label in sorted(audit_view.LABELS))) == []


@pytest.mark.parametrize(
    ("detail", "words"),
    [
        ("=x@y.example roles=helpdesk_agent+not_an_admin", "=x@y.example Roles: Helpdesk agent, Not an admin"),
        (
            "reseller=Contoso Cloud Partners; to=email; voided=0",
            "Reseller: Contoso Cloud Partners; Sent to: email; Earlier invitations voided: 0",
        ),
        ("customer_two_party via Fabrikam", "Invite new customer via Fabrikam"),
        ("Office 365 E3: 5 → 7", "Office 365 E3: 5 → 7"),
    ],
)
def test_details_are_worded(detail, words):
    view = audit_view.EventView(
        id=1,
        at="",
        org="",
        actor="",
        code="x",
        action="x",
        refused="",
        roles=[],
        outcome="ok",
        record_kind="",
        record_name="",
        detail=audit_view.detail_pieces(detail),
    )
    assert audit_view.words(view, lambda key, **p: translate("en", key, **p))["detail"] == words


def test_entries_name_their_records_and_refusals_say_what_was_needed(session, actor):
    admin = actor("admin@contoso.example")
    users.add_user(
        session,
        admin,
        full_name="Ada Example",
        email="ada@contoso.example",
        agent_role="helpdesk_agent",
        admin_role="not_an_admin",
    )
    audit.record(
        session,
        action="refused.manage_leads",
        actor=actor("helpdesk@contoso.example"),
        outcome=AuditOutcome.REFUSED,
        detail="error.permission_denied",
    )
    session.commit()
    events, _ = audit.list_events(session, admin, limit=5)
    views = {view.code: view for view in audit_view.readable(session, events)}
    added = views["user.added"]
    assert (added.record_kind, added.record_name) == ("user", "ada@contoso.example"), "a name, not an id"
    refused = views["refused.manage_leads"]
    assert refused.action == "refused"
    assert refused.refused == "manage_leads"
    assert refused.detail == []
    assert refused.roles == ["admin_agent", "global_admin", "sales_agent"]
    text = audit_view.words(refused, lambda key, **p: translate("en", key, **p))
    assert text["action"] == "Refused: manage leads — needs Admin agent or Global admin or Sales agent"
    korean = audit_view.words(refused, lambda key, **p: translate("ko", key, **p))
    roles = " 또는 ".join(translate("ko", f"role.{role}") for role in ("admin_agent", "global_admin", "sales_agent"))
    assert korean["action"] == f"거부됨: 잠재 고객 관리 — 필요한 역할: {roles}"


def test_the_csv_has_words_beside_codes_in_the_readers_language(session, actor):
    admin = actor("admin@contoso.example")
    users.add_user(
        session,
        admin,
        full_name="Bo Example",
        email="bo@contoso.example",
        agent_role="admin_agent",
        admin_role="billing_admin",
    )
    session.commit()
    text = audit.export_events_csv(session, admin, filters=AuditFilter(action="user.added"), lang="ko")
    rows = [dict(zip(audit.CSV_COLUMNS, row, strict=True)) for row in csv.reader(io.StringIO(text))][1:]
    row = next(r for r in rows if "bo@contoso.example" in r["detail_code"])
    assert row["action_code"] == "user.added"
    assert row["action"] == translate("ko", "audit.action.user.added")
    assert row["record"] == f"{translate('ko', 'audit.record.user')} bo@contoso.example"
    assert row["outcome_code"] == "ok"
    assert row["outcome"] == translate("ko", "audit.outcome.ok")
    assert translate("ko", "role.admin_agent") in row["detail"]
    assert "admin_agent" not in row["detail"]
    assert row["organization"] == "Contoso Cloud Partners"
