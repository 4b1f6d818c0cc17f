"""Message catalogs (English and Korean). Each module in this package defines `EN` and `KO` dicts for one
area of the product; they are merged here. Keys are dotted ("nav.customers"); values may hold
`str.format` fields ("{minutes}")."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import Any

from rxapp.grammar import attach_particles, plural_key

LANGUAGES: dict[str, str] = {"en": "English", "ko": "한국어"}
DEFAULT_LANGUAGE = "en"


@cache
def catalogs() -> dict[str, dict[str, str]]:
    """Every language's merged catalog."""
    merged: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for lang in LANGUAGES:
            part: dict[str, str] = getattr(module, lang.upper())
            duplicated = merged[lang].keys() & part.keys()
            if duplicated:
                raise ValueError(f"message keys defined twice: {sorted(duplicated)}")
            merged[lang].update(part)
    return merged


def catalog(lang: str) -> dict[str, str]:
    """The catalog of `lang` (English for an unknown language)."""
    return catalogs().get(lang) or catalogs()[DEFAULT_LANGUAGE]


PLURAL_PARAMS = ("count", "total", "n")


def _plural(lang: str, key: str, params: dict[str, Any]) -> str:
    """`key.one` / `key.other`... for a key written with plural forms, chosen by its count, total or n."""
    if key in catalog(DEFAULT_LANGUAGE) or f"{key}.other" not in catalog(DEFAULT_LANGUAGE):
        return key
    number = next((params[name] for name in PLURAL_PARAMS if isinstance(params.get(name), int | float)), None)
    form = plural_key(lang, key, number) if number is not None else f"{key}.other"
    return form if form in catalog(DEFAULT_LANGUAGE) else f"{key}.other"


def translate(lang: str, key: str, **params: Any) -> str:
    """The message `key` in `lang`, formatted with `params`; falls back to English, then to the key. A key
    with plural forms (`key.one`, `key.other`) takes the form of its count; Korean particles after a field
    ("{name}이(가)") take the form that fits the name (rxapp.grammar)."""
    key = _plural(lang, key, params)
    template = catalog(lang).get(key) or catalog(DEFAULT_LANGUAGE).get(key) or key
    if not params:
        return template
    try:
        text = template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
    return attach_particles(text) if lang == "ko" else text
