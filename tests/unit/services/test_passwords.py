"""Unit tests for rxapp.services.passwords."""

from __future__ import annotations

import random
import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rxapp.errors import ValidationFailed
from rxapp.services import passwords as pw

_URLSAFE = string.ascii_letters + string.digits + "-_"


def _random_text(length: int, seed: int = 20261128) -> str:
    """Random-looking text from a fixed seed: the same input on every run, so a failure can be reproduced."""
    generator = random.Random(seed)
    return "".join(generator.choice(_URLSAFE) for _ in range(length))


def _refusal(password: str, **kwargs: object) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as exc:
        pw.check_password_policy(password, **kwargs)  # type: ignore[arg-type]
    assert exc.value.field == "password"
    return exc.value


# --- hashing -------------------------------------------------------------------------------------


def test_hash_is_argon2id_and_verifies() -> None:
    hashed = pw.hash_password("Quiet-lantern-orbit-93")
    assert hashed.startswith("$argon2id$")
    assert pw.verify_password("Quiet-lantern-orbit-93", hashed) is True
    assert pw.verify_password("quiet-lantern-orbit-93", hashed) is False
    assert pw.hash_password("Quiet-lantern-orbit-93") != hashed  # salted


def test_verify_with_no_hash_is_false() -> None:
    assert pw.verify_password("anything at all", None) is False
    assert pw.verify_password("", None) is False


def test_verify_with_malformed_hash_is_false() -> None:
    assert pw.verify_password("Quiet-lantern-orbit-93", "not-a-hash") is False


def test_needs_rehash() -> None:
    assert pw.needs_rehash(pw.hash_password("Quiet-lantern-orbit-93")) is False
    weak = "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$Tw9Jx3Gx0m2zqZsS3n1dHhB8xwKpb5mZp0Jr3XSp5dU"
    assert pw.needs_rehash(weak) is True


# --- policy --------------------------------------------------------------------------------------


def test_too_short() -> None:
    err = _refusal("Xq7#vL2!pZ9")  # 11 random characters
    assert (err.code, err.params) == ("password.too_short", {"min": 12})


def test_too_long() -> None:
    err = _refusal("x" + _random_text(128))
    assert (err.code, err.params) == ("password.too_long", {"max": 128})


def test_max_length_accepted() -> None:
    pw.check_password_policy(_random_text(128))


@pytest.mark.parametrize(
    "password", ["password1234", "qwertyuiopasdf", "iloveyou12345", "aaaaaaaaaaaa", "123456789012"]
)
def test_common_or_guessable(password: str) -> None:
    assert _refusal(password).code == "password.common"


def test_no_composition_rules_long_lowercase_passphrase_accepted() -> None:
    pw.check_password_policy("copper kettle drifts sideways")


@pytest.mark.parametrize(
    ("password", "context"),
    [
        ("Northwind-harbor-93!", ["Northwind Traders"]),
        ("xx-TRADERS-qq-8812", ["Northwind Traders"]),
        ("Jdoe-umbrella-4471", ["jdoe"]),
        ("my-contoso-zebra-88", ["jane", "Contoso Ltd."]),
    ],
)
def test_contains_context_word(password: str, context: list[str]) -> None:
    assert _refusal(password, context_words=context).code == "password.contains_context"


def test_short_context_words_are_ignored() -> None:
    # "ab" and "ltd" are shorter than 4 characters: not context words on their own.
    pw.check_password_policy("ab-ltd-umbrella-raft-4471", context_words=["ab", "Ltd"])


PASSPHRASE_WORDS = ["orbit", "lantern", "quiet", "maple", "rover", "pixel", "tundra", "cobalt", "meadow", "falcon"]


@settings(max_examples=30, deadline=None)
@given(
    words=st.lists(st.sampled_from(PASSPHRASE_WORDS), min_size=5, max_size=5, unique=True),
    number=st.integers(min_value=10, max_value=99),
)
def test_strong_random_passphrase_accepted(words: list[str], number: int) -> None:
    """Any five different words of the list and a two-digit number make an acceptable passphrase."""
    pw.check_password_policy("-".join(words) + str(number), context_words=["Northwind Traders", "jane.doe"])


def test_long_input_is_estimated_on_its_prefix_and_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    """zxcvbn is slow on long input (and refuses it): only the first characters are estimated."""
    estimated: list[str] = []
    real = pw._strength

    def recording(password: str, user_inputs: list[str]):
        estimated.append(password)
        return real(password, user_inputs)

    monkeypatch.setattr(pw, "_strength", recording)
    password = _random_text(128)
    pw.check_password_policy(password)
    assert estimated == [password[: pw._ZXCVBN_MAX_CHARS]]


# --- temporary passwords -------------------------------------------------------------------------


def test_temporary_password_shape_and_policy() -> None:
    first, second = pw.generate_temporary_password(), pw.generate_temporary_password()
    assert first != second
    for temp in (first, second):
        assert re.fullmatch(r"[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}", temp)
        assert not set(temp) & set("0O1lI5S2Z8B")  # no ambiguous characters
        pw.check_password_policy(temp)
        assert pw.verify_password(temp, pw.hash_password(temp))


def test_unknown_account_still_runs_one_verification(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real_verify = pw._context.verify

    def spy(secret: str, hashed: str) -> bool:
        seen.append(hashed)
        return real_verify(secret, hashed)

    monkeypatch.setattr(pw._context, "verify", spy)
    assert pw.verify_password("Quiet-lantern-orbit-93", None) is False
    assert seen == [pw._DUMMY_HASH]
    assert pw._DUMMY_HASH.startswith("$argon2id$")
