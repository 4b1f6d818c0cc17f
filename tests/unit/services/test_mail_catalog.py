"""Catalog emails (`mail.queue_catalog_email`): every `<key>_subject` has its `<key>_body`, in every language,
and renders with all of its fields filled."""

from __future__ import annotations

import string

import pytest
from sqlmodel import select

from rxapp.errors import ValidationFailed
from rxapp.grammar import attach_particles
from rxapp.i18n import LANGUAGES, catalog
from rxapp.models import OutboxEmail
from rxapp.services import auth, mail

EMAIL_KEYS = sorted(
    key.removesuffix("_subject")
    for key in catalog("en")
    if key.endswith("_subject") and ".mail." in f".{key}" and f"{key[:-8]}_body" in catalog("en")
)


def _fields(*templates: str) -> dict[str, str]:
    names = {name for text in templates for _, name, _, _ in string.Formatter().parse(text) if name}
    return {name: f"<{name}>" for name in names}


def test_there_are_catalog_emails():
    assert {"enroll.mail.verify", "partners.mail.invite", "mail.lead_received", "mail.accepted.delegated_admin"} <= set(
        EMAIL_KEYS
    )


@pytest.mark.parametrize("key", EMAIL_KEYS)
def test_every_email_in_every_language(key):
    for lang in LANGUAGES:
        assert f"{key}_subject" in catalog(lang), (lang, key)
        assert f"{key}_body" in catalog(lang), (lang, key)
    params = _fields(*(catalog(lang)[f"{key}_{part}"] for lang in LANGUAGES for part in ("subject", "body")))
    subject, body = mail.catalog_subject(key, **params), mail.catalog_body(key, **params)
    assert "\n" not in subject
    assert " / " in subject
    assert subject.split(" / ")[0] == catalog("en")[f"{key}_subject"].format(**params)
    english, korean = body.split("\n\n---\n\n")
    assert english == catalog("en")[f"{key}_body"].format(**params)
    # Korean particles after a field take the form that fits it (rxapp.grammar)
    assert korean == attach_particles(catalog("ko")[f"{key}_body"].format(**params))
    assert english != korean
    for name, value in params.items():  # every field of the English text is filled in both languages
        if "{" + name + "}" in catalog("en")[f"{key}_body"]:
            assert value in english, (key, name)
            assert value in korean, (key, name)
    assert "{" not in body.replace("{{", "")


def test_typed_names_cannot_break_the_subject_line(session):
    email = mail.queue_catalog_email(
        session,
        to="someone@example.com",
        key="mail.lead_received",
        source="Fabrikam",
        reseller="Contoso",
        company="Acme\tCorp\r\nBcc: x@evil.example",
        country="KR",
        contact="A",
        email="a@acme.example",
        url="https://pc.example/leads",
    )
    assert email.subject.startswith("New lead: Acme Corp  Bcc: x@evil.example / ")
    assert "\r" not in email.subject
    assert "\n" not in email.subject
    assert "\t" not in email.subject


def test_queued_in_the_callers_transaction(session):
    mail.queue_catalog_email(
        session, to="someone@example.com", key="mail.relationship_ended", customer="Adatum", partner="Contoso"
    )
    email = session.exec(select(OutboxEmail).where(OutboxEmail.to_address == "someone@example.com")).one()
    assert email.subject == "Adatum ended the relationship / Adatum이 관계를 종료했습니다"
    assert email.body.startswith("Adatum removed Contoso as a reseller of record.")
    session.rollback()
    assert session.exec(select(OutboxEmail).where(OutboxEmail.to_address == "someone@example.com")).first() is None


# --- the reader's language -----------------------------------------------------------------------------


def _relationship_ended(session, to: str) -> OutboxEmail:
    return mail.queue_catalog_email(session, to=to, key="mail.relationship_ended", customer="Adatum", partner="Contoso")


def test_a_user_reads_emails_in_the_language_last_used(session, actor, user):
    assert user("admin@contoso.example").language is None  # never chose: every language
    assert " / " in _relationship_ended(session, "admin@contoso.example").subject
    auth.set_language(session, actor("admin@contoso.example"), language="ko")
    email = _relationship_ended(session, "ADMIN@contoso.example ")
    assert email.subject == "Adatum이 관계를 종료했습니다"
    assert "---" not in email.body
    assert email.body.startswith("Adatum이 Contoso를")
    auth.set_language(session, actor("admin@contoso.example"), language="en")
    assert _relationship_ended(session, "admin@contoso.example").subject == "Adatum ended the relationship"


def test_addresses_that_are_no_active_user_get_every_language(session, actor, user):
    assert " / " in _relationship_ended(session, "someone@example.com").subject
    auth.set_language(session, actor("helpdesk@contoso.example"), language="ko")
    user("helpdesk@contoso.example").is_active = False
    assert " / " in _relationship_ended(session, "helpdesk@contoso.example").subject


def test_set_language_changes_only_the_actors_own_user(session, actor, user):
    auth.set_language(session, actor("helpdesk@contoso.example"), language="ko")
    assert user("helpdesk@contoso.example").language == "ko"
    assert user("admin@contoso.example").language is None
    for bad in ("fr", "", "ko; DROP TABLE user", "EN"):
        with pytest.raises(ValidationFailed):
            auth.set_language(session, actor("helpdesk@contoso.example"), language=bad)
    assert user("helpdesk@contoso.example").language == "ko"


def test_the_first_sign_in_saves_the_pages_language_later_ones_keep_the_saved_one(session, user):
    auth.sign_in(session, email="admin@contoso.example", password="Reseller-demo-2026", language="xx")
    assert user("admin@contoso.example").language is None  # an unknown language changes nothing
    token = auth.sign_in(session, email="admin@contoso.example", password="Reseller-demo-2026", language="ko")
    assert user("admin@contoso.example").language == "ko"
    assert auth.resolve_session(session, token).language == "ko"  # the UI takes it from the actor
    auth.sign_in(session, email="admin@contoso.example", password="Reseller-demo-2026", language="en")
    assert user("admin@contoso.example").language == "ko"  # a new browser's default does not reset it
