"""Plural forms, Korean particles and country names (rxapp.grammar, rxapp.services.countries, translate)."""

from __future__ import annotations

import random
import subprocess

import pytest

from rxapp.grammar import PARTICLES_JS, attach_particles, final_sound, plural_form
from rxapp.i18n import catalogs, translate
from rxapp.services.countries import country_name, country_names
from rxapp.services.validation import COUNTRIES


@pytest.mark.parametrize(("n", "text"), [(0, "0 users"), (1, "1 user"), (2, "2 users"), (21, "21 users")])
def test_english_counts_take_the_singular_only_for_one(n, text):
    assert translate("en", "users.count", total=n) == text


def test_korean_counts_need_no_plural():
    assert plural_form("ko", 1) == plural_form("ko", 5) == "other"
    assert translate("ko", "customers.total", total=1234) == "고객 1,234명"
    assert translate("en", "customers.total", total=1) == "1 customer"
    assert translate("en", "customers.total", total=1234) == "1,234 customers"


def test_every_plural_key_has_its_other_form_in_both_languages():
    for lang, messages in catalogs().items():
        bases = {key.rsplit(".", 1)[0] for key in messages if key.endswith(".one")}
        assert bases, lang
        assert all(f"{base}.other" in messages for base in bases)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Contoso이(가) 승인", "Contoso가 승인"),  # 콘토소: ends in a vowel
        ("Fabrikam이(가) 승인", "Fabrikam이 승인"),  # 패브리캄: ㅁ
        ("Samsung을(를)", "Samsung을"),  # 삼성: ㅇ
        ("Seoul(으)로", "Seoul로"),  # ㄹ takes 로
        ("서울(으)로", "서울로"),
        ("부산(으)로", "부산으로"),
        ("가나다와(과)", "가나다와"),
        ("한국은(는)", "한국은"),
        ("5000001이(가)", "5000001이"),  # 일
        ("5000002이(가)", "5000002가"),  # 이
    ],
)
def test_korean_particles_fit_the_word_before_them(text, expected):
    assert attach_particles(text) == expected


def test_translate_fills_korean_particles_and_leaves_english_alone():
    assert translate("ko", "partners.directory.published_done", name="Contoso") == "Contoso가 디렉터리에 표시됩니다."
    assert translate("ko", "partners.directory.published_done", name="파브리캄") == "파브리캄이 디렉터리에 표시됩니다."
    assert "(" not in translate("ko", "partners.authorize.check", provider="Fabrikam")


def test_the_browser_rules_agree_with_the_server_rules():
    """PARTICLES_JS (texts filled in the browser) against attach_particles, on random Hangul names."""
    rng = random.Random(13)
    names = ["".join(chr(0xAC00 + rng.randrange(11172)) for _ in range(rng.randint(1, 4))) for _ in range(60)]
    names += ["Contoso", "Fabrikam", "Samsung", "Seoul", "Adatum", "5000001", "5000002"]
    texts = [f"{name}{particle}" for name in names for particle in ("이(가)", "을(를)", "(으)로", "와(과)")]
    script = f"const f = {PARTICLES_JS};\nfor (const t of {texts!r}) console.log(f(t));"
    answer = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout
    assert answer.splitlines() == [attach_particles(text) for text in texts]


def test_final_sound_reads_hangul_batchim():
    assert final_sound("가") == ""
    assert final_sound("각") == "c"
    assert final_sound("갈") == "l"


def test_country_names_come_from_cldr_in_the_ui_language_sorted_for_it():
    korean, english = country_names("ko"), country_names("en")
    assert set(korean) == set(english) == set(COUNTRIES)
    assert korean["KR"] == "대한민국"
    assert english["KR"] == "South Korea"
    assert list(korean.values()) == sorted(korean.values())  # 가나다 order is Unicode order
    assert list(korean)[0] != "AE"  # not by code
    ordered = list(english.values())
    assert ordered.index("Austria") < ordered.index("Belgium") < ordered.index("United States")
    assert country_name("ko", "US") == "미국"
    assert country_name("ko", "ZZ") == "ZZ"
