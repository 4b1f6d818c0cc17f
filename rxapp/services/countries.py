"""Country and region names from CLDR (babel) in each UI language, sorted for that language.

The full lists are compiled into the pages' country selects by `rxapp.components.countries`; a row that shows
one country carries that country's name in every UI language (`country_columns`, built in the worker thread
with the row), so no page embeds the whole table to name one code."""

from __future__ import annotations

import unicodedata
from functools import cache

from babel import Locale

from rxapp.i18n import LANGUAGES
from rxapp.services.validation import COUNTRIES


def sort_key(name: str) -> tuple[str, str]:
    """Alphabetical order for Latin names (accents ignored first: "Åland" with A, "Türkiye" with T) and
    dictionary order for Hangul (Unicode orders the syllables as Korean dictionaries do: 가, 나, 다...)."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return plain.casefold(), name


@cache
def country_names(lang: str) -> dict[str, str]:
    """{code: name} of every supported country/region in `lang` (CLDR), sorted by name for that language."""
    territories = Locale.parse(lang if lang in LANGUAGES else "en").territories
    names = {code: territories.get(code, english) for code, english in COUNTRIES.items()}
    return dict(sorted(names.items(), key=lambda item: sort_key(item[1])))


def country_name(lang: str, code: str) -> str:
    """The name of `code` in `lang` (the code itself when unknown)."""
    return country_names(lang).get(code, code)


def country_columns(code: str, key: str = "country") -> dict[str, str]:
    """`code`'s name in every UI language as flat row columns: {"country_en": "South Korea", "country_ko":
    "대한민국"} (the page shows the UI language's with `components.countries.country_label`)."""
    return {f"{key}_{lang}": country_name(lang, code) for lang in LANGUAGES}
