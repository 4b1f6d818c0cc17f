"""The email outbox: emails are queued in the caller's transaction and delivered later (or shown in the
local mailbox page when no SMTP server is configured). No Reflex here."""

from __future__ import annotations

import re
from email.errors import MessageError
from email.headerregistry import Address

from sqlmodel import Session, col, func, select

from rxapp.errors import NotFound
from rxapp.i18n import LANGUAGES, translate
from rxapp.models import OutboxEmail, User
from rxapp.settings import get_settings

MAX_SUBJECT_LENGTH = 300
MAX_BODY_LENGTH = 20000
MAX_ADDRESS_LENGTH = 254
MAX_PAGE_SIZE = 200

# Any line break or other control character in a header value would let user text forge headers.
_HEADER_UNSAFE = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")
_LINK = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_TRAILING_PUNCTUATION = ".,;:!?)]}"


def queue_email(session: Session, *, to: str, subject: str, body: str) -> OutboxEmail:
    """Add an email to the caller's session; it is written when (and only if) the caller commits.

    Raises ValueError for a line break or control character in `to` or `subject` (header injection),
    an empty or over-long address, or an over-long body. The subject is trimmed to 300 characters.
    """
    if _HEADER_UNSAFE.search(to or ""):
        raise ValueError("line breaks and control characters are not allowed in an email address")
    if _HEADER_UNSAFE.search(subject or ""):
        raise ValueError("line breaks and control characters are not allowed in an email subject")
    address = (to or "").strip()
    if not _is_plain_address(address):
        raise ValueError("not a usable email address")
    if len(body) > MAX_BODY_LENGTH:
        raise ValueError(f"email body longer than {MAX_BODY_LENGTH} characters")
    email = OutboxEmail(to_address=address, subject=subject.strip()[:MAX_SUBJECT_LENGTH], body=body)
    session.add(email)
    return email


def queue_catalog_email(session: Session, *, to: str, key: str, **params: object) -> OutboxEmail:
    """Queue the catalog email `key` (messages `<key>_subject` and `<key>_body`, formatted with `params`).

    To a user of the portal it is written in the language that user last used; to any other address
    (a contact, an invitee) in every language of the product, English first.
    """
    languages = reader_languages(session, to)
    return queue_email(
        session, to=to, subject=catalog_subject(key, languages, **params), body=catalog_body(key, languages, **params)
    )


def reader_languages(session: Session, address: str) -> tuple[str, ...]:
    """The languages to write to `address` in: its active user's language, else all of them."""
    language = session.exec(
        select(User.language).where(User.email == (address or "").strip().lower(), User.is_active)
    ).first()
    return (language,) if language in LANGUAGES else tuple(LANGUAGES)


def catalog_subject(key: str, languages: tuple[str, ...] = tuple(LANGUAGES), **params: object) -> str:
    """`<key>_subject` in each of `languages`, on one line: "English / 한국어". Line breaks and other control
    characters in the filled-in fields (names typed by users) become spaces."""
    return " / ".join(_HEADER_UNSAFE.sub(" ", translate(lang, f"{key}_subject", **params)) for lang in languages)


def catalog_body(key: str, languages: tuple[str, ...] = tuple(LANGUAGES), **params: object) -> str:
    """`<key>_body` in each of `languages`, separated by a rule."""
    return "\n\n---\n\n".join(translate(lang, f"{key}_body", **params) for lang in languages)


def _is_plain_address(address: str) -> bool:
    """A bare `local@domain` that email.headerregistry accepts as it stands (what delivery will need)."""
    if not address or len(address) > MAX_ADDRESS_LENGTH or address.count("@") != 1:
        return False
    try:
        parsed = Address(addr_spec=address)
    except (ValueError, IndexError, MessageError):
        return False
    return bool(parsed.username and parsed.domain) and parsed.addr_spec == address


def mailbox_enabled() -> bool:
    """Whether the local mailbox may be read here: it shows every email to anyone who opens it, so never in
    production nor where a real mail server is configured (`Settings.local_mailbox_enabled`)."""
    return get_settings().local_mailbox_enabled


def _require_mailbox() -> None:
    """Every mailbox read goes through this, so no page (and no future caller) can show it where it is off."""
    if not mailbox_enabled():
        raise NotFound()


def _mailbox_query(to: str | None):
    query = select(OutboxEmail)
    needle = (to or "").strip().lower()
    if needle:
        query = query.where(func.lower(OutboxEmail.to_address).contains(needle, autoescape=True))
    return query


def list_mailbox(session: Session, *, to: str | None = None, limit: int = 50, offset: int = 0) -> list[OutboxEmail]:
    """One page of the outbox, newest first; `to` filters by a case-insensitive recipient substring."""
    _require_mailbox()
    limit = max(1, min(int(limit), MAX_PAGE_SIZE))
    offset = max(0, int(offset))
    query = _mailbox_query(to).order_by(col(OutboxEmail.created_at).desc(), col(OutboxEmail.id).desc())
    return list(session.exec(query.offset(offset).limit(limit)))


def count_mailbox(session: Session, *, to: str | None = None) -> int:
    """How many outbox emails `list_mailbox` would page through with the same filter."""
    _require_mailbox()
    return session.exec(select(func.count()).select_from(_mailbox_query(to).subquery())).one()


def get_email(session: Session, email_id: int) -> OutboxEmail | None:
    """One outbox email by id, or None."""
    _require_mailbox()
    return session.get(OutboxEmail, email_id)


def extract_links(body: str) -> list[str]:
    """The http(s) URLs in `body`, in order of first appearance, without trailing sentence punctuation."""
    links: list[str] = []
    for match in _LINK.finditer(body or ""):
        url = match.group(0)
        while url and url[-1] in _TRAILING_PUNCTUATION:
            # Keep a closing bracket that belongs to the URL itself, e.g. .../Foo_(bar)
            closer = url[-1]
            opener = {")": "(", "]": "[", "}": "{"}.get(closer)
            if opener and url.count(opener) >= url.count(closer):
                break
            url = url[:-1]
        if url.split("://", 1)[1] and url not in links:
            links.append(url)
    return links
