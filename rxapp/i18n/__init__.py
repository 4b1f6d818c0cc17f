"""Message catalogs (English and Korean). Each module in this package defines `EN` and `KO` dicts for one
area of the product; they are merged here. Keys are dotted ("nav.customers"); values may hold
`str.format` fields ("{minutes}")."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import Any

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


def translate(lang: str, key: str, **params: Any) -> str:
    """The message `key` in `lang`, formatted with `params`; falls back to English, then to the key."""
    template = catalog(lang).get(key) or catalog(DEFAULT_LANGUAGE).get(key) or key
    if not params:
        return template
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
