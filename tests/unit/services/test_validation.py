"""Unit tests for rxapp.services.validation."""

from __future__ import annotations

import pytest

from rxapp.errors import ValidationFailed
from rxapp.services import validation as v


def _code(exc: pytest.ExceptionInfo[ValidationFailed]) -> str:
    return exc.value.code


# --- email ----------------------------------------------------------------------------------------


def test_normalize_email_lower_cases_local_part_and_domain() -> None:
    assert v.normalize_email("  Jane.Doe@Contoso.COM ") == "jane.doe@contoso.com"


def test_normalize_email_idn_domain() -> None:
    assert v.normalize_email("User@例え.JP") == "user@例え.jp"
    assert v.normalize_email("user@xn--r8jz45g.jp") == "user@例え.jp"


@pytest.mark.parametrize("raw", ["not-an-email", "a@b", "two@@contoso.com", "jane@contoso..com", "@contoso.com"])
def test_normalize_email_bad_syntax(raw: str) -> None:
    with pytest.raises(ValidationFailed) as exc:
        v.normalize_email(raw, field="contact_email")
    assert _code(exc) == "validation.email_invalid"
    assert exc.value.field == "contact_email"


def test_normalize_email_empty_is_required() -> None:
    with pytest.raises(ValidationFailed) as exc:
        v.normalize_email("   ")
    assert _code(exc) == "validation.required"
    assert exc.value.field == "email"


@pytest.mark.parametrize(
    ("raw", "domain"),
    [
        ("someone@gmail.com", "gmail.com"),
        ("someone@Outlook.com", "outlook.com"),
        ("someone@hotmail.com", "hotmail.com"),
        ("someone@yahoo.co.kr", "yahoo.co.kr"),
        ("someone@mail.yahoo.co.kr", "mail.yahoo.co.kr"),  # refused through its parent yahoo.co.kr
        ("someone@naver.com", "naver.com"),
        ("someone@guerrillamail.com", "guerrillamail.com"),  # disposable-address list only
    ],
)
def test_require_business_email_refuses_free_and_disposable(raw: str, domain: str) -> None:
    with pytest.raises(ValidationFailed) as exc:
        v.require_business_email(raw)
    assert _code(exc) == "validation.email_free_mail"
    assert exc.value.params["domain"] == domain


def test_disposable_fixture_is_not_in_free_mail_list() -> None:
    # Keeps the disposable case above meaningful: it must be caught by the second list.
    assert "guerrillamail.com" in v.DISPOSABLE_DOMAINS
    assert "guerrillamail.com" not in v.FREE_MAIL_DOMAINS


def test_require_business_email_accepts_business_domains() -> None:
    assert v.require_business_email("Jane.Doe@Contoso.com") == "jane.doe@contoso.com"
    assert v.require_business_email("sales@partner.co.kr") == "sales@partner.co.kr"
    assert v.require_business_email("info@例え.jp") == "info@例え.jp"


def test_require_business_email_bad_syntax_is_invalid_not_free_mail() -> None:
    with pytest.raises(ValidationFailed) as exc:
        v.require_business_email("gmail.com")
    assert _code(exc) == "validation.email_invalid"


# --- text, phone, postal code --------------------------------------------------------------------


def test_require_text() -> None:
    assert v.require_text("  Northwind  ", field="name", max_length=20) == "Northwind"
    with pytest.raises(ValidationFailed) as exc:
        v.require_text("   ", field="name", max_length=20)
    assert (_code(exc), exc.value.field) == ("validation.required", "name")
    with pytest.raises(ValidationFailed) as exc:
        v.require_text("x" * 21, field="name", max_length=20)
    assert _code(exc) == "validation.too_long"
    assert exc.value.params == {"max": 20}
    with pytest.raises(ValidationFailed) as exc:
        v.require_text("ab", field="name", max_length=20, min_length=3)
    assert _code(exc) == "validation.too_short"


@pytest.mark.parametrize("raw", ["+82 2-1234-5678", "(555) 123.4567", "  010 1234 5678 "])
def test_normalize_phone_accepts(raw: str) -> None:
    assert v.normalize_phone(raw, field="phone") == raw.strip()


@pytest.mark.parametrize("raw", ["12345", "1" * 21, "+82 2 1234 ext 5", "555-CALL-NOW", "82+1234567"])
def test_normalize_phone_refuses(raw: str) -> None:
    with pytest.raises(ValidationFailed) as exc:
        v.normalize_phone(raw, field="support_phone")
    assert (_code(exc), exc.value.field) == ("validation.phone_invalid", "support_phone")


@pytest.mark.parametrize(
    ("value", "country", "expected"),
    [
        ("06236", "KR", "06236"),
        ("98052", "us", "98052"),
        ("98052-6399", "US", "98052-6399"),
        ("sw1a 1aa", "GB", "SW1A 1AA"),
        ("100-0001", "JP", "100-0001"),
        ("K1A 0B1", "CA", "K1A 0B1"),
    ],
)
def test_normalize_postal_code_accepts(value: str, country: str, expected: str) -> None:
    assert v.normalize_postal_code(value, country) == expected


@pytest.mark.parametrize(
    ("value", "country"),
    [
        ("1234", "KR"),
        ("123456", "KR"),
        ("0623A", "KR"),
        ("9805", "US"),
        ("98052-63", "US"),
        ("1", "DE"),
        ("12345678901", "DE"),
        ("12#45", "FR"),
        ("", "DE"),
    ],
)
def test_normalize_postal_code_refuses(value: str, country: str) -> None:
    with pytest.raises(ValidationFailed) as exc:
        v.normalize_postal_code(value, country)
    assert _code(exc) == "validation.postal_code_invalid"
    assert exc.value.params == {"country": country.upper()}


# --- website, domain, country --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("example.com", "https://example.com"),
        ("http://example.com/about", "http://example.com/about"),
        ("HTTPS://Example.com", "HTTPS://Example.com"),
        ("example.com:8443/x", "https://example.com:8443/x"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_website_accepts(raw: str | None, expected: str) -> None:
    assert v.normalize_website(raw, field="website") == expected


@pytest.mark.parametrize(
    "raw",
    [
        "javascript:alert(1)",
        "JaVaScRiPt://example.com",
        "data:text/html,<b>x</b>",
        "ftp://example.com",
        "https://user@evil.example.com",
        "https://exa mple.com",
        "localhost",
        "https://",
        "vbscript:msgbox",
    ],
)
def test_normalize_website_refuses(raw: str) -> None:
    with pytest.raises(ValidationFailed) as exc:
        v.normalize_website(raw, field="website")
    assert (_code(exc), exc.value.field) == ("validation.website_invalid", "website")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Contoso.COM", "contoso.com"),
        ("contoso.onmicrosoft.com.", "contoso.onmicrosoft.com"),
        ("例え.jp", "例え.jp"),
        ("xn--r8jz45g.jp", "例え.jp"),
    ],
)
def test_normalize_domain_accepts(raw: str, expected: str) -> None:
    assert v.normalize_domain(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "contoso",
        "-contoso.com",
        "cont_oso.com",
        "a..com",
        "https://contoso.com",
        "1.2.3.4",
        "",
        "x" * 64 + ".com",
    ],
)
def test_normalize_domain_refuses(raw: str) -> None:
    with pytest.raises(ValidationFailed) as exc:
        v.normalize_domain(raw)
    assert (_code(exc), exc.value.field) == ("validation.domain_invalid", "domain")


def test_countries_cover_required_list() -> None:
    required = {"KR", "US", "JP", "CN", "TW", "SG", "AU", "GB", "DE", "FR", "CA", "IN"}
    required |= {"VN", "TH", "ID", "MY", "PH", "NZ", "NL", "ES", "IT", "BR", "MX"}
    assert required <= set(v.COUNTRIES)
    assert all(len(code) == 2 and code.isupper() for code in v.COUNTRIES)


def test_require_country() -> None:
    assert v.require_country(" kr ") == "KR"
    for bad in ("XX", "", "KOR"):
        with pytest.raises(ValidationFailed) as exc:
            v.require_country(bad, field="country_region")
        assert (_code(exc), exc.value.field) == ("validation.country_invalid", "country_region")
