"""Password hashing (argon2id through passlib/libpass) and the password policy (NIST 800-63B, ASVS 5.0).

The policy has no composition rules: length 12-128, not a common or guessable password (zxcvbn's
offline list and score), and no context word (organization name, email local part) inside it.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from passlib.context import CryptContext

from rxapp.errors import ValidationFailed

MIN_LENGTH = 12
MAX_LENGTH = 128
MIN_SCORE = 3
CONTEXT_WORD_MIN = 4
_ZXCVBN_MAX_CHARS = 72  # zxcvbn 4.5 refuses longer input (and is slow on it); such a prefix is never "common"

_context = CryptContext(schemes=["argon2"], deprecated="auto")  # passlib's argon2 default is argon2id

# Verified against when the account does not exist, so both paths cost one argon2 verification.
_DUMMY_HASH = _context.hash(secrets.token_urlsafe(24))

# Easy to type and read aloud: no 0/O, 1/l/I, 5/S, 2/Z, 8/B.
_LOWER = "abcdefghijkmnpqrstuvwxyz"
_UPPER = "ACDEFGHJKLMNPQRTUVWXY"
_DIGITS = "34679"
_WORD_SPLIT = re.compile(r"[\W_]+")


def hash_password(password: str) -> str:
    """Hash a password with argon2id (salted; parameters from passlib's defaults)."""
    return _context.hash(password)


def verify_password(password: str, hashed: str | None) -> bool:
    """Check a password; with no hash (unknown account) spend the same time on a dummy and say no."""
    if not hashed:
        _context.verify(password, _DUMMY_HASH)
        return False
    try:
        return _context.verify(password, hashed)
    except (ValueError, TypeError):  # malformed or unknown hash format: never a match
        return False


def needs_rehash(hashed: str) -> bool:
    """True when the hash uses outdated parameters or scheme and should be replaced at next sign-in."""
    return _context.needs_update(hashed)


def _context_tokens(context_words: Iterable[str]) -> set[str]:
    """Split context strings ("Northwind Traders", "jane.doe") into lower-case words of 4+ characters."""
    tokens: set[str] = set()
    for text in context_words:
        tokens.update(t for t in _WORD_SPLIT.split((text or "").lower()) if len(t) >= CONTEXT_WORD_MIN)
    return tokens


def check_password_policy(password: str, *, context_words: Iterable[str] = ()) -> None:
    """Raise `ValidationFailed(field="password")` when the password is too short or long, common or
    guessable (zxcvbn score < 3), or contains a context word (case-insensitive, words of 4+ chars)."""
    if len(password) < MIN_LENGTH:
        raise ValidationFailed("password.too_short", field="password", min=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise ValidationFailed("password.too_long", field="password", max=MAX_LENGTH)
    words = [w for w in context_words if w]
    lowered = password.lower()
    if any(token in lowered for token in _context_tokens(words)):
        raise ValidationFailed("password.contains_context", field="password")
    if _strength(password[:_ZXCVBN_MAX_CHARS], words)["score"] < MIN_SCORE:
        raise ValidationFailed("password.common", field="password")


def _strength(password: str, user_inputs: list[str]) -> Mapping[str, Any]:
    """zxcvbn's estimate. zxcvbn is imported on the first check: its dictionaries take 12 MB, which a process
    that never sets a password (a service process answering the list pages) does not carry."""
    from zxcvbn import zxcvbn

    return zxcvbn(password, user_inputs=user_inputs)


def generate_temporary_password() -> str:
    """A random password like `Kmqt-7fhx-Wd4r-ney9` (4 groups of 4, ~90 bits) that passes the policy."""
    alphabet = _LOWER + _UPPER + _DIGITS
    while True:
        chars = [secrets.choice(alphabet) for _ in range(16)]
        candidate = "-".join("".join(chars[i : i + 4]) for i in range(0, 16, 4))
        if _has_each_class(candidate) and _passes_policy(candidate):
            return candidate


def _has_each_class(candidate: str) -> bool:
    """Some users' password managers and other systems still expect a mix; cheap to guarantee."""
    return all(any(ch in group for ch in candidate) for group in (_LOWER, _UPPER, _DIGITS))


def _passes_policy(candidate: str) -> bool:
    try:
        check_password_policy(candidate)
    except ValidationFailed:
        return False
    return True
