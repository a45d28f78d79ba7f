"""The site's own interface words in each edition's language (ui_strings.yml).

The templates in overrides/ read them as `ui.<key>`; dates go through
long_date and month_year, which spell months in the page's language
whatever the machine's locale.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).with_name("ui_strings.yml")
MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
}


@cache
def _table() -> dict[str, dict[str, str]]:
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


def languages() -> tuple[str, ...]:
    return tuple(MONTHS)


def missing() -> list[str]:
    """Keys without a word for some language (an empty word is allowed: it
    means the language needs nothing there)."""
    return [f"{key}: no '{lang}'" for key, words in _table().items() for lang in languages() if lang not in words]


def for_lang(lang: str) -> dict[str, str]:
    return {key: words[lang] for key, words in _table().items()}


def long_date(day: dt.date, lang: str = "en") -> str:
    month = MONTHS[lang][day.month - 1]
    return f"{day.day} {month} {day.year}" if lang == "en" else f"{day.day} de {month} de {day.year}"


def month_year(day: dt.date, lang: str = "en") -> str:
    month = MONTHS[lang][day.month - 1]
    return f"{month} {day.year}" if lang == "en" else f"{month} de {day.year}"
