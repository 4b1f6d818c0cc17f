"""Grammar the message catalogs cannot hold as fixed text: plural forms (CLDR rules through babel) and Korean
particles that depend on the word before them.

Plurals: a catalog key with forms is written as `key.one`, `key.other` (the CLDR categories of the language;
Korean has only `other`, English `one` and `other`); `plural_key(lang, key, n)` picks the form.

Particles: Korean catalogs write a particle after a field in both shapes, "{name}이(가)"; `attach_particles`
keeps the one that fits the word before it: after a final consonant (batchim) 이 / 을 / 은 / 과 / 으로 / 아,
after a vowel 가 / 를 / 는 / 와 / 로 / 야 (and 로 after ㄹ). Names in Latin letters or digits are read as
Koreans say them: digits by their Korean reading (1 일, 3 삼...), Latin names by the last letter's usual
sound in loanwords (…m, …n, …ng, …l end in a consonant; "Contoso", "Northwind" do not)."""

from __future__ import annotations

import re
from functools import cache

from babel import Locale
from babel.plural import to_javascript

# particle written in the catalog -> (after a final consonant, after a vowel)
PARTICLES = {
    "이(가)": ("이", "가"),
    "을(를)": ("을", "를"),
    "은(는)": ("은", "는"),
    "와(과)": ("과", "와"),
    "과(와)": ("과", "와"),
    "(으)로": ("으로", "로"),
    "아(야)": ("아", "야"),
    "(이)라": ("이라", "라"),
}
_PATTERN = re.compile(r"(\S?\S)(" + "|".join(re.escape(p) for p in PARTICLES) + ")")
_RIEUL = 8  # the final-consonant index of ㄹ in a Hangul syllable
# final sound of digits read in Korean: 0 영, 1 일, 2 이, 3 삼, 4 사, 5 오, 6 육, 7 칠, 8 팔, 9 구
_DIGIT_FINAL = {"0": "ng", "1": "l", "2": "", "3": "m", "4": "", "5": "", "6": "k", "7": "l", "8": "l", "9": ""}


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def plural_form(lang: str, n: int | float) -> str:
    """The CLDR plural category of `n` in `lang` ("one", "other", ...)."""
    return _locale(lang).plural_form(n)


def plural_key(lang: str, key: str, n: int | float) -> str:
    return f"{key}.{plural_form(lang, n)}"


def plural_rule_js(lang: str) -> str:
    """The language's plural rule as a JavaScript function of n returning the category (babel)."""
    return to_javascript(_locale(lang).plural_form)


def final_sound(word: str) -> str:
    """'' when `word` ends in a vowel sound, 'l' for ㄹ, else 'c' (another final consonant)."""
    last = word[-1]
    code = ord(last) - 0xAC00
    if 0 <= code < 11172:
        final = code % 28
        return "" if final == 0 else ("l" if final == _RIEUL else "c")
    if last.isdigit():
        sound = _DIGIT_FINAL.get(last, "")
        return "l" if sound == "l" else ("c" if sound else "")
    lower = word.lower()
    if lower.endswith(("ng", "m", "n")):
        return "c"
    if lower.endswith("l"):
        return "l"
    return ""


def attach_particles(text: str) -> str:
    """Each "X이(가)"-style particle of `text` in the form that fits X (see the module docstring)."""

    def choose(match: re.Match) -> str:
        before, written = match.group(1), match.group(2)
        consonant, vowel = PARTICLES[written]
        sound = final_sound(before)
        if written == "(으)로":
            return before + (consonant if sound == "c" else vowel)
        return before + (consonant if sound else vowel)

    return _PATTERN.sub(choose, text)


# The same rules in the browser, for texts filled there (components/i18n.py `T.fill`).
PARTICLES_JS = (
    "((text) => text.replace(/(\\S?\\S)(이\\(가\\)|을\\(를\\)|은\\(는\\)|와\\(과\\)|과\\(와\\)"
    "|\\(으\\)로|아\\(야\\)|\\(이\\)라)/g, "
    "(m, before, written) => {"
    "const forms = {'이(가)': ['이', '가'], '을(를)': ['을', '를'], '은(는)': ['은', '는'], '와(과)': ['과', '와'], "
    "'과(와)': ['과', '와'], '(으)로': ['으로', '로'], '아(야)': ['아', '야'], '(이)라': ['이라', '라']}[written];"
    "const last = before.slice(-1); const code = last.charCodeAt(0) - 0xAC00; let sound = '';"
    "if (code >= 0 && code < 11172) { const f = code % 28; sound = f === 0 ? '' : (f === 8 ? 'l' : 'c'); }"
    "else if (/[0-9]/.test(last)) { sound = {'0': 'c', '1': 'l', '3': 'c', '6': 'c', '7': 'l', '8': 'l'}[last] ?? ''; }"
    "else { const w = before.toLowerCase(); sound = /(ng|m|n)$/.test(w) ? 'c' : (/l$/.test(w) ? 'l' : ''); }"
    "if (written === '(으)로') { return before + (sound === 'c' ? forms[0] : forms[1]); }"
    "return before + (sound ? forms[0] : forms[1]); }))"
)
