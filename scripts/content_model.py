"""The content model: what every page's front matter must hold.

One pydantic model per page type checks the YAML at the top of each
Markdown page. `check_page` turns every failure into a Problem that names
the file, the line, the field, what is wrong and how to fix it. The MkDocs
hook runs it during the build; `scripts/check.py` runs it without building.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import yaml
from pydantic import (BaseModel, ConfigDict, Field, HttpUrl, ValidationError,
                      ValidationInfo, field_validator, model_validator)

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.yml")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.S)
MAX_DESCRIPTION = 160
# libyaml's parser when PyYAML has it (same results, several times faster).
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def vocabulary() -> dict[str, dict[str, str]]:
    return yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8"))


Audience = Literal[tuple(vocabulary()["audiences"])]


class Source(BaseModel):
    """A cited work: author, year and title, with a link where one exists."""
    model_config = ConfigDict(extra="forbid")
    author: str = Field(min_length=2)
    year: int = Field(ge=1900, le=2100)
    title: str = Field(min_length=2)
    url: HttpUrl | None = None


class Page(BaseModel):
    """Front matter shared by every page."""
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=3, max_length=90)
    description: str = Field(min_length=20, max_length=MAX_DESCRIPTION)
    audience: list[Audience] = Field(min_length=1)
    tags: list[str] = Field(default_factory=list)
    reviewed: dt.date
    next_review: dt.date
    sources: list[Source] = Field(default_factory=list)
    worksheets: list[str] = Field(default_factory=list)
    hide: list[Literal["navigation", "toc", "footer", "path", "tags", "feedback"]] = Field(default_factory=list)
    search: dict[str, Any] | None = None
    status: str | None = None
    template: str | None = None
    icon: str | None = None

    @field_validator("description")
    @classmethod
    def one_sentence(cls, value: str) -> str:
        if value[-1] not in ".?!":
            raise ValueError("must end with a full stop, question mark or exclamation mark")
        if re.search(r"[.?!]\s+[A-Z]", value[:-1]):
            raise ValueError("must be one sentence, not several")
        # The theme writes the description into an HTML attribute unescaped.
        if re.search(r'[<>"]', value):
            raise ValueError("must not contain straight double quotes or angle brackets; use single or curly quotes")
        return value

    @field_validator("tags")
    @classmethod
    def known_tags(cls, tags: list[str]) -> list[str]:
        allowed = vocabulary()["tags"]
        unknown = [t for t in tags if t not in allowed]
        if unknown:
            raise ValueError(f"unknown tag(s) {', '.join(map(repr, unknown))}")
        if len(set(tags)) != len(tags):
            raise ValueError("lists a tag twice")
        return tags

    @field_validator("worksheets")
    @classmethod
    def worksheets_exist(cls, paths: list[str], info: ValidationInfo) -> list[str]:
        return _existing(paths, info, "worksheets/")

    @model_validator(mode="after")
    def review_after_reviewed(self):
        if self.next_review <= self.reviewed:
            raise ValueError("next_review must be a later date than reviewed")
        return self


class Worksheet(Page):
    """A printable worksheet: its size, its time and the articles it serves."""
    type: Literal["worksheet"]
    minutes: int = Field(ge=1, le=240)
    pages: int = Field(ge=1, le=4)
    articles: list[str] = Field(min_length=1)

    @field_validator("articles")
    @classmethod
    def articles_exist(cls, paths: list[str], info: ValidationInfo) -> list[str]:
        return _existing(paths, info, "")


def _existing(paths: list[str], info: ValidationInfo, prefix: str) -> list[str]:
    docs_dir: Path | None = (info.context or {}).get("docs_dir")
    for p in paths:
        if not p.endswith(".md") or not p.startswith(prefix):
            raise ValueError(f"{p!r} must be a path from docs/ like '{prefix or 'section/'}page.md'")
        if docs_dir is not None and not (docs_dir / p).is_file():
            raise ValueError(f"{p!r} does not exist under docs/")
    return paths


def audience_phrase(audience: list[str]) -> str:
    """'For couples and counselors.' from a page's audience list."""
    names = [vocabulary()["audiences"][a] for a in audience]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"For {listed}."


HINTS = {
    "title": "give the page a plain title of 3 to 90 characters",
    "description": f"write one sentence of {MAX_DESCRIPTION} characters or fewer that sums up the page",
    "audience": "use one or more of: " + ", ".join(Audience.__args__),
    "tags": f"use tags listed in {VOCABULARY_FILE.name} (scripts/), or add the new tag there with its meaning",
    "reviewed": "write the date of the last content review as YYYY-MM-DD",
    "next_review": "write the date of the next review as YYYY-MM-DD, after 'reviewed' (usually 12 months later)",
    "sources": "give each source an author, a year and a title, and a url where one exists",
    "worksheets": "list related worksheets as paths from docs/, like worksheets/daily-check-in.md",
    "articles": "list related articles as paths from docs/, like letters/empathy-letter.md",
    "type": "use 'type: worksheet' for worksheets, or leave type out for other pages",
    "minutes": "give the estimated minutes to complete, as a whole number",
    "pages": "give the most printed pages the worksheet may take (1 to 4)",
}


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    field: str | None
    message: str
    hint: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" field '{self.field}':" if self.field else ""
        return f"{where}:{field} {self.message}. How to fix: {self.hint}."


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(front matter YAML or None, Markdown body)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, text
    return match.group(1) or "", text[match.end():]


def _key_lines(front: str) -> dict[str, int]:
    """Line number (in the file) of each top-level front matter key."""
    node = yaml.compose(front, Loader=YAML_LOADER)
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: k.start_mark.line + 2 for k, _ in node.value}


class _LazyLines:
    """_key_lines, worked out only when a problem needs a line number."""

    def __init__(self, front: str):
        self.front = front
        self.lines: dict[str, int] | None = None

    def get(self, key: str) -> int | None:
        if self.lines is None:
            self.lines = _key_lines(self.front)
        return self.lines.get(key)


def check_page(text: str, path: str, docs_dir: Path | None = None,
               today: dt.date | None = None) -> list[Problem]:
    """Every problem with one page's front matter; an empty list means valid."""
    front, _ = split_front_matter(text)
    if front is None:
        return [Problem(path, 1, None, "the page has no front matter",
                        "start the file with a '---' line, the YAML fields, and another '---' line "
                        "(copy the front matter of a similar page)")]
    try:
        data = yaml.load(front, Loader=YAML_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        reason = getattr(err, "problem", None) or str(err).splitlines()[0]
        return [Problem(path, line, None, f"the front matter is not valid YAML ({reason})",
                        "check the indentation, and put quotes around a value that contains ': ' or starts with a quote")]
    except ValueError as err:  # YAML reads 2026-13-40 as a date and fails
        return [Problem(path, None, None, f"the front matter holds an impossible date ({err})",
                        "write dates as YYYY-MM-DD with a real month and day")]
    if not isinstance(data, dict):
        return [Problem(path, 2, None, "the front matter is not a list of 'field: value' lines",
                        "write one 'field: value' per line between the '---' lines")]

    lines = _LazyLines(front)
    model = Worksheet if data.get("type") == "worksheet" else Page
    problems: list[Problem] = []
    if "type" in data and data["type"] != "worksheet":
        problems.append(Problem(path, lines.get("type"), "type", f"unknown page type {data['type']!r}", HINTS["type"]))
        data = {k: v for k, v in data.items() if k != "type"}
    try:
        page = model.model_validate(data, context={"docs_dir": docs_dir})
    except ValidationError as err:
        for e in err.errors():
            field = str(e["loc"][0]) if e["loc"] else None
            problems.append(Problem(path, lines.get(field) if field else None, field,
                                    _message(e), HINTS.get(field, "remove this field or fix its value")))
        return problems
    if today and page.next_review < today:
        problems.append(Problem(path, lines.get("next_review"), "next_review",
                                f"the review date {page.next_review} has passed",
                                "ask a reviewer to check the page, then update 'reviewed' and 'next_review'",
                                severity="warning"))
    return problems


def _message(error: dict) -> str:
    kind, loc = error["type"], error["loc"]
    if kind == "missing":
        return "is missing"
    if kind == "extra_forbidden":
        return "is not a known field"
    detail = error["msg"].removeprefix("Value error, ")
    got = error.get("input")
    if kind == "string_too_long":
        detail += f" (it has {len(got)})"
    elif kind == "literal_error" and got is not None:
        detail = f"{got!r} is not allowed; {detail[0].lower()}{detail[1:]}"
    if len(loc) > 1:
        detail = f"item {'/'.join(str(x) for x in loc[1:])}: {detail}"
    return detail


def load_front_matter(file: Path) -> dict:
    """The parsed front matter of a page that has passed check_file."""
    front, _ = split_front_matter(file.read_text(encoding="utf-8"))
    return yaml.load(front or "", Loader=YAML_LOADER) or {}


def check_file(file: Path, rel: str, docs_dir: Path | None = None,
               today: dt.date | None = None) -> list[Problem]:
    """Check one Markdown file, reporting a file that is not UTF-8."""
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        return [Problem(rel, None, None, f"the file is not UTF-8 text (byte {err.start})",
                        "save the file with UTF-8 encoding in your editor")]
    return check_page(text, rel, docs_dir, today)


def check_docs(docs_dir: Path, today: dt.date | None = None) -> list[Problem]:
    """Check every Markdown page under docs_dir."""
    return [problem
            for file in sorted(docs_dir.rglob("*.md"))
            for problem in check_file(file, f"docs/{file.relative_to(docs_dir).as_posix()}", docs_dir, today)]
