"""Help lines: every phone number on the site, from one data file.

scripts/help_lines.yml lists each line once (number, text option, hours,
who it serves, the service's own address, when it was last checked). Pages
never type a number; they use short codes written as HTML comments, which
this module turns into Markdown before the page renders:

    <!-- help-lines -->            every line, grouped by country (the crisis page)
    <!-- help-lines GB IE -->      the lines of some countries
    <!-- help-line gb-galop -->    one line: its name, number and text option
    <!-- call us-988 -->           the number, as a tel: link
    <!-- text us-dv-hotline -->    the text option ("START to 88788"), as an sms: link
    <!-- web intl-findahelpline --> the service's web address, as a link
    <!-- emergency -->             the emergency numbers, and where each applies

An unknown code or id stops the build, naming the file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

from site_core.content_model import YAML_LOADER, PlainText, Problem

DATA_FILE = Path(__file__).with_name("help_lines.yml")
SHORTCODE = re.compile(r"<!--\s*(help-lines|help-line|call|text|web|emergency)\b([^>]*?)\s*-->")
# A check older than this warns in `make check`; CI fails at FAIL_AFTER.
WARN_AFTER = dt.timedelta(days=183)
FAIL_AFTER = dt.timedelta(days=365)
AUDIENCES = {
    "everyone": "anyone",
    "women": "women",
    "men": "men",
    "lgbt": "LGBT+ people",
    "young-people": "young people",
    "people-who-harm": "people worried they may hurt a partner",
}
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~^])")


class HelpLine(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    id: str = Field(pattern=r"^[a-z]+(?:-[a-z0-9]+)+$")
    country: str
    service: PlainText = Field(min_length=2)
    about: PlainText = Field(min_length=10)
    for_: list[Literal[tuple(AUDIENCES)]] = Field(alias="for", min_length=1)
    phone: str | None = Field(default=None, pattern=r"^[0-9][0-9 -]{1,18}[0-9]$")
    text: str | None = Field(default=None, pattern=r"^[0-9][0-9 ]{1,14}[0-9]$")
    text_word: str | None = Field(default=None, pattern=r"^[A-Z]{2,12}$")
    chat: HttpUrl | None = None
    hours: PlainText
    languages: list[PlainText] = Field(min_length=1)
    main: bool = False
    url: HttpUrl
    checked: dt.date

    @model_validator(mode="after")
    def reachable(self):
        if not (self.phone or self.text or self.chat or self.id.startswith("intl-")):
            raise ValueError("needs a phone, text or chat option")
        if self.text_word and not self.text:
            raise ValueError("text_word needs a text number")
        return self

    @property
    def dial(self) -> str:
        return "tel:" + re.sub(r"\D", "", self.phone or "")

    @property
    def sms(self) -> str:
        return "sms:" + re.sub(r"\D", "", self.text or "")


class Emergency(BaseModel):
    model_config = ConfigDict(extra="forbid")
    number: str = Field(pattern=r"^[0-9]{3}$")
    where: PlainText


class HelpLines(BaseModel):
    model_config = ConfigDict(extra="forbid")
    countries: dict[str, PlainText]
    emergency: list[Emergency] = Field(min_length=1)
    lines: list[HelpLine]

    @model_validator(mode="after")
    def consistent(self):
        ids = [line.id for line in self.lines]
        twice = {i for i in ids if ids.count(i) > 1}
        if twice:
            raise ValueError(f"ids listed twice: {', '.join(sorted(twice))}")
        unknown = {line.country for line in self.lines} - set(self.countries)
        if unknown:
            raise ValueError(f"countries not in 'countries': {', '.join(sorted(unknown))}")
        return self

    def by_id(self) -> dict[str, HelpLine]:
        return {line.id: line for line in self.lines}


def load(path: Path = DATA_FILE) -> HelpLines:
    # Keyed by the file's time too, so `mkdocs serve` rebuilds with an edited file.
    return _load(path, path.stat().st_mtime)


@cache
def _load(path: Path, mtime: float) -> HelpLines:
    return HelpLines.model_validate(yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER))


# The few words the short codes write around the data, per edition language.
# The data's own prose (about, hours, languages) is English, so the Spanish
# directory lists each line's name, ways to reach it and its website only.
WORDS = {
    "en": {
        "call": "call",
        "text": "text",
        "to": "to",
        "chat": "chat online",
        "visit": "visit",
        "or": "or",
        "and": "and",
        "in": "in",
        "website": "Website",
    },
    "es": {
        "call": "llama al",
        "text": "escribe al",
        "to": "al",
        "chat": "chatea en línea",
        "visit": "visita",
        "or": "o",
        "and": "y",
        "in": "en",
        "website": "Sitio web",
    },
}
WHERE_ES = {
    "the US and Canada": "EE. UU. y Canadá",
    "the UK": "el Reino Unido",
    "Ireland and the European Union": "Irlanda y la Unión Europea (también España)",
    "Australia": "Australia",
    "New Zealand": "Nueva Zelanda",
}
COUNTRIES_ES = {
    "United States": "Estados Unidos",
    "United Kingdom": "Reino Unido",
    "Scotland": "Escocia",
    "Wales": "Gales",
    "Northern Ireland": "Irlanda del Norte",
    "Ireland": "Irlanda",
    "Canada": "Canadá",
    "Australia": "Australia",
    "New Zealand": "Nueva Zelanda",
    "Spain": "España",
    "Mexico": "México",
    "Other countries": "Otros países",
}


def _md(text: str) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def call(line: HelpLine) -> str:
    return f"[{line.phone}]({line.dial})"


def text(line: HelpLine, lang: str = "en") -> str:
    link = f"[{line.text}]({line.sms})"
    return f"{line.text_word} {WORDS[lang]['to']} {link}" if line.text_word else link


def web(line: HelpLine) -> str:
    label = re.sub(r"^https?://(www\.)?", "", str(line.url)).rstrip("/")
    return f"[{_md(label)}](<{line.url}>)"


def contact(line: HelpLine, lang: str = "en") -> str:
    """How to reach a line, in words: 'call 988, text 988 or chat online'."""
    w = WORDS[lang]
    ways = []
    if line.phone:
        ways.append(f"{w['call']} {call(line)}")
    if line.text:
        # "escribe al START al 88788" reads badly: with a word to send, say the word first.
        ways.append(
            f"{w['text'].split()[0]} {text(line, lang)}" if line.text_word else f"{w['text']} {text(line, lang)}"
        )
    if line.chat:
        ways.append(f"[{w['chat']}](<{line.chat}>)")
    if not ways:
        ways.append(f"{w['visit']} {web(line)}")
    return ways[0] if len(ways) == 1 else ", ".join(ways[:-1]) + f" {w['or']} " + ways[-1]


def one_line(line: HelpLine, lang: str = "en") -> str:
    return f"**{_md(line.service)}**: {contact(line, lang)}"


def who(line: HelpLine) -> str:
    """'For women.', 'For anyone, including people worried they may hurt a partner.'"""
    groups = [AUDIENCES[a] for a in line.for_ if a != "everyone"]
    if "everyone" in line.for_:
        return "For anyone" + (", including " + " and ".join(groups) if groups else "") + "."
    return "For " + " and ".join(groups) + "."


def directory(countries: list[str] | None = None, data: HelpLines | None = None, lang: str = "en") -> str:
    """Every line (or those of some countries) as Markdown, grouped by country."""
    data = data or load()
    blocks = []
    for code, name in data.countries.items():
        if countries and code not in countries:
            continue
        lines = [line for line in data.lines if line.country == code]
        if not lines:
            continue
        items = []
        for line in lines:
            if lang != "en":
                items.append(f"- {one_line(line, lang)}. {WORDS[lang]['website']}: {web(line)}.")
                continue
            details = [
                _md(line.about),
                who(line),
                f"{_md(line.hours)}.".replace("..", "."),
                "Languages: " + ", ".join(map(_md, line.languages)) + ".",
                f"Website: {web(line)}.",
            ]
            items.append(f"- {one_line(line)}.  \n  " + " ".join(details))
        name = COUNTRIES_ES.get(name, name) if lang == "es" else name
        blocks.append(f"### {_md(name)} {{ #help-{code.lower()} }}\n\n" + "\n".join(items))
    return "\n\n".join(blocks)


def emergency(data: HelpLines | None = None, lang: str = "en") -> str:
    """'[911](tel:911) in the US and Canada, [999](tel:999) in the UK, ...'"""
    w = WORDS[lang]
    items = [
        f"[{e.number}](tel:{e.number}) {w['in']} {_md(WHERE_ES.get(e.where, e.where) if lang == 'es' else e.where)}"
        for e in (data or load()).emergency
    ]
    return ", ".join(items[:-1]) + f" {w['and']} " + items[-1]


def main_lines_text(data: HelpLines | None = None, lang: str = "en") -> str:
    """The main lines as plain text for paper, by country: 'United States:
    988 Suicide & Crisis Lifeline 988, ... Other countries: findahelpline.com.'"""
    data = data or load()
    groups: dict[str, list[str]] = {}
    for line in (line for line in data.lines if line.main):
        reach = line.phone or line.text or re.sub(r"^https?://(www\.)?", "", str(line.url)).rstrip("/")
        name = "" if line.id.startswith("intl-") else f"{line.service} "
        country = data.countries[line.country]
        groups.setdefault(COUNTRIES_ES.get(country, country) if lang == "es" else country, []).append(name + reach)
    return " ".join(f"{country}: {', '.join(items)}." for country, items in groups.items())


def expand(markdown: str, path: str, first_line: int = 1, locate=None, lang: str = "en") -> str:
    """The page with every help-line short code replaced; ValueError names the
    line (counted from first_line, or found by locate(code) when given)."""
    lines = load().by_id()

    def replace(match: re.Match) -> str:
        kind, args = match.group(1), match.group(2).split()
        where = locate(match.group(0)) if locate else f"{path}:{first_line + markdown.count(chr(10), 0, match.start())}"
        if kind == "emergency":
            return emergency(lang=lang)
        if kind == "help-lines":
            unknown = [a for a in args if a not in load().countries]
            if unknown:
                raise ValueError(
                    f"{where}: unknown country {unknown[0]!r} in <!-- help-lines -->. How to fix: use "
                    f"codes listed under countries in scripts/help_lines.yml: {', '.join(load().countries)}"
                )
            return directory(args or None, lang=lang)
        if len(args) != 1 or args[0] not in lines:
            raise ValueError(
                f"{where}: <!-- {kind} {' '.join(args)} --> names no help line. How to fix: use one "
                "id from scripts/help_lines.yml, like <!-- call us-988 -->"
            )
        line = lines[args[0]]
        if kind == "call" and not line.phone or kind == "text" and not line.text:
            raise ValueError(
                f"{where}: {line.id} has no {'phone' if kind == 'call' else 'text'} option. "
                "How to fix: use <!-- help-line ID --> or another code"
            )
        if kind == "help-line":
            return one_line(line, lang)
        if kind == "text":
            return text(line, lang)
        return {"call": call, "web": web}[kind](line)

    return SHORTCODE.sub(replace, markdown)


def numbers() -> set[str]:
    """Every phone and text number in the data, as digits."""
    return {re.sub(r"\D", "", n) for line in load().lines for n in (line.phone, line.text) if n}


@cache
def _typed_number_finder(mtime: float) -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    """One pattern for every number of five digits or more, however spaced,
    and for each number's digits the short code that gives it (keyed by
    the data file's time, so `mkdocs serve` sees an edit)."""
    codes: dict[str, tuple[str, str]] = {}
    for line in load().lines:
        for kind, number in (("call", line.phone), ("text", line.text)):
            digits = re.sub(r"\D", "", number or "")
            if len(digits) >= 5:
                codes.setdefault(digits, (kind, line.id))
    alternatives = sorted((r"[\s.-]?".join(digits) for digits in codes), key=len, reverse=True)
    return re.compile(r"(?<![\d])(?:" + "|".join(alternatives) + r")(?![\d])"), codes


def check_staleness(today: dt.date, data: HelpLines | None = None) -> list[Problem]:
    """Lines not checked for over 6 months (warning) or 12 months (error)."""
    problems = []
    for line in (data or load()).lines:
        age = today - line.checked
        if age > WARN_AFTER:
            problems.append(
                Problem(
                    f"scripts/{DATA_FILE.name}",
                    None,
                    line.id,
                    f"last checked on {line.checked}, {age.days} days ago",
                    f"check the number and hours against {line.url}, then set 'checked' to today's date",
                    severity="error" if age > FAIL_AFTER else "warning",
                )
            )
    return problems


def literal_numbers(text: str, path: str) -> list[Problem]:
    """Help-line numbers typed into a page rather than taken from the data.

    Numbers of five digits or more are looked for (short ones like 988 are
    also part of services' names); code and comments are left out."""
    from site_core import markup_safety  # here: it imports content_model, which this module needs first

    pattern, codes = _typed_number_finder(DATA_FILE.stat().st_mtime)
    body = markup_safety.mask(text)
    problems = []
    for m in pattern.finditer(body):
        kind, line_id = codes[re.sub(r"\D", "", m.group(0))]
        problems.append(
            Problem(
                path,
                body.count("\n", 0, m.start()) + 1,
                None,
                f"the help-line number {m.group(0)} is typed into the page",
                f"write <!-- {kind} {line_id} --> instead, so the number comes from scripts/{DATA_FILE.name}",
            )
        )
    return problems
