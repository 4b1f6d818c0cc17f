"""The last explicit language choice wins (services/auth.py `sign_in`, `set_language`)."""

from __future__ import annotations

from rxapp.services import auth

EMAIL, PASSWORD = "admin@contoso.example", "Reseller-demo-2026"


def test_a_language_chosen_before_sign_in_replaces_the_saved_one(session, user):
    contoso = user(EMAIL)
    contoso.language = "en"
    session.add(contoso)
    session.commit()
    token = auth.sign_in(session, email=EMAIL, password=PASSWORD, language="ko", language_chosen=True)
    session.commit()
    assert user(EMAIL).language == "ko"
    assert auth.resolve_session(session, token).language == "ko"


def test_the_page_language_without_a_choice_does_not_override_the_saved_one(session, user):
    contoso = user(EMAIL)
    contoso.language = "ko"
    session.add(contoso)
    session.commit()
    auth.sign_in(session, email=EMAIL, password=PASSWORD, language="en", language_chosen=False)
    session.commit()
    assert user(EMAIL).language == "ko"


def test_the_first_sign_in_saves_the_page_language(session, user):
    contoso = user(EMAIL)
    contoso.language = None
    session.add(contoso)
    session.commit()
    auth.sign_in(session, email=EMAIL, password=PASSWORD, language="ko")
    session.commit()
    assert user(EMAIL).language == "ko"


def test_an_unknown_language_is_never_saved(session, user):
    auth.sign_in(session, email=EMAIL, password=PASSWORD, language="xx", language_chosen=True)
    session.commit()
    assert user(EMAIL).language in (None, "en", "ko")
    assert user(EMAIL).language != "xx"


def test_changing_the_language_when_signed_in_saves_it(session, actor, user):
    auth.set_language(session, actor(EMAIL), language="ko")
    session.commit()
    assert user(EMAIL).language == "ko"
