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
from typing import Annotated, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.yml")
REVIEWERS_FILE = Path(__file__).with_name("reviewers.yml")
# `make new` writes this description and guidance comments that start with
# GUIDE; a page that still holds either is not finished.
PLACEHOLDER_DESCRIPTION = "Describe this page in one sentence of up to 160 characters."
GUIDE = "<!-- Guide:"
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.S)
MAX_DESCRIPTION = 160
# libyaml's parser when PyYAML has it (same results, several times faster).
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def vocabulary() -> dict[str, dict[str, str]]:
    return yaml.load(VOCABULARY_FILE.read_text(encoding="utf-8"), Loader=YAML_LOADER)


Audience = Literal[tuple(vocabulary()["audiences"])]

# Markup in front matter reaches the page raw (the theme writes titles and
# descriptions into <title>, <meta> and headings), so every string is plain text.
MARKUP = re.compile(r"[<>]|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);?|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", re.I)
SCRIPT_URL = re.compile(r"^\s*(?:javascript|vbscript|data):", re.I)


def _plain(value: str) -> str:
    found = MARKUP.search(value)
    if found:
        raise ValueError(f"must be plain text, without markup such as {found.group(0)!r}")
    return value


PlainText = Annotated[str, AfterValidator(_plain)]
WebAddress = Annotated[HttpUrl, AfterValidator(lambda url: _plain(str(url)) and url)]


@cache
def reviewers() -> dict[str, dict]:
    """The clinicians listed in reviewers.yml, by id."""
    data = yaml.load(REVIEWERS_FILE.read_text(encoding="utf-8"), Loader=YAML_LOADER) or {}
    return {r.id: r.model_dump(mode="json") for r in map(Reviewer.model_validate, data.get("reviewers") or [])}


class Reviewer(BaseModel):
    """A clinician who may review pages: every claim about them is checkable."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    name: PlainText = Field(min_length=3)
    credential: PlainText = Field(min_length=2)
    licensed_by: PlainText = Field(min_length=3)
    registration: PlainText | None = None
    country: PlainText = Field(min_length=2)
    profile: WebAddress
    conflicts: PlainText = Field(min_length=4)


class ClinicalReview(BaseModel):
    """A review by a clinician listed in reviewers.yml."""

    model_config = ConfigDict(extra="forbid")
    reviewer: str
    date: dt.date

    @field_validator("reviewer")
    @classmethod
    def listed(cls, reviewer: str, info: ValidationInfo) -> str:
        known = (info.context or {}).get("reviewers")
        known = reviewers() if known is None else known
        if reviewer not in known:
            raise ValueError(f"{reviewer!r} is not a reviewer listed in scripts/{REVIEWERS_FILE.name}")
        return reviewer


class Source(BaseModel):
    """A cited work, shown in the page's Sources list and cited in the text as [^id]."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    author: PlainText = Field(min_length=2)
    # None for an undated web page, shown as n.d. (no date): never a guess.
    year: int | None = Field(ge=1900, le=2100)
    title: PlainText = Field(min_length=2)
    # The journal (with volume, issue and pages) or the publisher.
    published_in: PlainText = Field(min_length=2)
    doi: str | None = Field(default=None, pattern=r"^10\.\d{4,9}/[^\s<>\"]+$")
    url: WebAddress | None = None

    @model_validator(mode="after")
    def has_a_link(self):
        if self.doi is None and self.url is None:
            raise ValueError("needs a doi or a url, so a reader can open it")
        return self

    @property
    def link(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else str(self.url)


class SearchOptions(BaseModel):
    """Material's per-page search settings."""

    model_config = ConfigDict(extra="forbid")
    exclude: bool = False
    boost: float | None = Field(default=None, gt=0, le=10)


class Page(BaseModel):
    """Front matter shared by every page."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: PlainText = Field(min_length=3, max_length=90)
    description: PlainText = Field(min_length=20, max_length=MAX_DESCRIPTION)
    audience: list[Audience] = Field(min_length=1)
    tags: list[PlainText] = Field(default_factory=list)
    # The editorial record: a page without editorial_check is a draft.
    editorial_check: dt.date | None = None
    next_check: dt.date | None = None
    clinical_review: ClinicalReview | None = None
    sources: list[Source] = Field(default_factory=list)
    worksheets: list[PlainText] = Field(default_factory=list)
    hide: list[Literal["navigation", "toc", "footer", "path", "tags", "feedback"]] = Field(default_factory=list)
    search: SearchOptions | None = None
    # A translation (site_core.editions): its English page under docs/, and
    # that page's hash when this one was last brought up to date.
    translation_of: PlainText | None = None
    source_hash: str | None = Field(default=None, pattern=r"^[0-9a-f]{12}$")

    @field_validator("translation_of")
    @classmethod
    def english_page_exists(cls, path: str | None, info: ValidationInfo) -> str | None:
        docs_dir: Path | None = (info.context or {}).get("docs_dir")
        if path is None or docs_dir is None:
            return path
        from site_core import editions  # here: it imports this module

        english = editions.ENGLISH.docs_dir(docs_dir.resolve().parents[editions.of_docs_dir(docs_dir).docs.count("/")])
        if not path.endswith(".md") or not (english / path).is_file():
            raise ValueError(f"{path!r} is not a page under docs/ (the English page this one translates)")
        return path

    @model_validator(mode="after")
    def translations_name_their_source(self, info: ValidationInfo):
        docs_dir: Path | None = (info.context or {}).get("docs_dir")
        if docs_dir is None:
            return self
        from site_core import editions

        translated = editions.of_docs_dir(docs_dir) is not editions.ENGLISH
        if translated and (self.translation_of is None or self.source_hash is None):
            raise ValueError(
                "a Spanish page needs translation_of (its English page under docs/) and source_hash "
                "(run: python -m site_core.editions --hash docs/PAGE.md)"
            )
        if not translated and (self.translation_of is not None or self.source_hash is not None):
            raise ValueError("translation_of and source_hash belong on translated pages only, not under docs/")
        return self

    @field_validator("description")
    @classmethod
    def one_sentence(cls, value: str) -> str:
        if value[-1] not in ".?!":
            raise ValueError("must end with a full stop, question mark or exclamation mark")
        if re.search(r"[.?!]\s+[A-Z]", value[:-1]):
            raise ValueError("must be one sentence, not several")
        # The theme writes the description into an HTML attribute unescaped.
        if '"' in value:
            raise ValueError("must not contain straight double quotes; use single or curly quotes")
        if value == PLACEHOLDER_DESCRIPTION:
            raise ValueError("is still the placeholder that 'make new' wrote")
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

    @field_validator("sources")
    @classmethod
    def unique_ids(cls, sources: list[Source]) -> list[Source]:
        ids = [s.id for s in sources]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"lists the source id(s) {', '.join(map(repr, twice))} more than once")
        return sources

    @model_validator(mode="after")
    def editorial_record(self):
        if self.editorial_check is None:
            if self.next_check is not None or self.clinical_review is not None:
                raise ValueError(
                    "a draft (no editorial_check) cannot have next_check or clinical_review; "
                    "an editor records editorial_check first"
                )
        elif self.next_check is None:
            raise ValueError("editorial_check needs a next_check date")
        elif self.next_check <= self.editorial_check:
            raise ValueError("next_check must be a later date than editorial_check")
        return self

    @property
    def is_draft(self) -> bool:
        return self.editorial_check is None


class Worksheet(Page):
    """A printable worksheet: its size, its time and the articles it serves."""

    type: Literal["worksheet"]
    minutes: int = Field(ge=1, le=240)
    # Most sheets print on one page; a path's workbook gathers a whole course.
    pages: int = Field(ge=1, le=8)
    articles: list[PlainText] = Field(min_length=1)

    @field_validator("articles")
    @classmethod
    def articles_exist(cls, paths: list[str], info: ValidationInfo) -> list[str]:
        return _existing(paths, info, "")


class PathIndex(Page):
    """The index page of a guided path (site_core.guided_paths): its id and what a step is called."""

    type: Literal["path"]
    path: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    step_name: Literal["Lesson", "Day", "Session", "Step"]
    workbook: PlainText | None = None

    @field_validator("workbook")
    @classmethod
    def workbook_exists(cls, path: str | None, info: ValidationInfo) -> str | None:
        return path if path is None else _existing([path], info, "worksheets/")[0]


class Step(Page):
    """One step of a guided path: the path's id, its place in the path and its time."""

    type: Literal["step"]
    path: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    step: int = Field(ge=1, le=60)
    minutes: int = Field(ge=1, le=240)


class Guide(Page):
    """A printable guide (a facilitator guide): a web page and PDFs, without answer space."""

    type: Literal["guide"]
    pages: int = Field(ge=1, le=16)


MODELS = {"worksheet": Worksheet, "path": PathIndex, "step": Step, "guide": Guide}


def _existing(paths: list[str], info: ValidationInfo, prefix: str) -> list[str]:
    docs_dir: Path | None = (info.context or {}).get("docs_dir")
    if docs_dir is not None:
        from site_core import editions  # here: it imports this module

        # A translation's related pages are named by their English paths.
        edition = editions.of_docs_dir(docs_dir)
        docs_dir = docs_dir.resolve().parents[edition.docs.count("/")] / editions.ENGLISH.docs
    for p in paths:
        if not p.endswith(".md") or not p.startswith(prefix):
            raise ValueError(f"{p!r} must be a path from docs/ like '{prefix or 'section/'}page.md'")
        if docs_dir is not None and not (docs_dir / p).is_file():
            raise ValueError(f"{p!r} does not exist under docs/")
    return paths


# The audiences as the Spanish edition names them (vocabulary.yml has the English).
AUDIENCES_ES = {
    "betrayed-partner": "personas traicionadas",
    "partner-who-hurt": "quienes causaron el daño",
    "couples": "parejas",
    "counselors": "terapeutas",
}


def audience_phrase(audience: list[str], lang: str = "en") -> str:
    """'For couples and counselors.' ('Para parejas y terapeutas.') from a page's audience list."""
    if lang == "es":
        names = [AUDIENCES_ES[a] for a in audience]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " y " + names[-1]
        return f"Para {listed}."
    names = [vocabulary()["audiences"][a] for a in audience]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"For {listed}."


HINTS = {
    "title": "give the page a plain title of 3 to 90 characters",
    "description": f"write one sentence of {MAX_DESCRIPTION} characters or fewer that sums up the page",
    "audience": "use one or more of: " + ", ".join(Audience.__args__),
    "tags": f"use tags listed in {VOCABULARY_FILE.name} (scripts/), or add the new tag there with its meaning",
    "editorial_check": (
        "an editor writes the date they checked the page, as YYYY-MM-DD (CONTRIBUTING.md, 'How pages are checked')"
    ),
    "next_check": (
        "write the date of the next editorial check as YYYY-MM-DD, after 'editorial_check' (usually 12 months later)"
    ),
    "clinical_review": f"name a reviewer id from scripts/{REVIEWERS_FILE.name} and the date of their review, "
    "or leave clinical_review out",
    "sources": "give each source an id, author, year (null for an undated web page), title, published_in "
    "(journal or publisher) and a doi or url",
    "search": "use 'search: {exclude: true}' or 'search: {boost: 2}', or leave it out",
    "worksheets": "list related worksheets as paths from docs/, like worksheets/daily-check-in.md",
    "articles": "list related articles as paths from docs/, like letters/empathy-letter.md",
    "type": "use 'type: worksheet' for worksheets, 'type: path' for a guided path's index page, "
    "'type: step' for a lesson or day of a path, 'type: guide' for a printable guide, "
    "or leave type out for other pages",
    "path": "give the path's id in lowercase words joined by hyphens, like learning-empathy",
    "step": "give the step's place in its path as a whole number, 1 for the first",
    "step_name": "use Lesson, Day, Session or Step",
    "workbook": "give the path's workbook as a path from docs/, like worksheets/learning-empathy-workbook.md",
    "minutes": "give the estimated minutes to read and complete it, as a whole number",
    "pages": "give the number of printed pages the worksheet takes (1 to 8; 1 wherever the content allows)",
    None: "fix the field named in the message",
}
HINT_MARKUP = "write plain text: no HTML tags, angle brackets or entities like &amp;amp; (use 'and')"


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
    return match.group(1) or "", text[match.end() :]


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


def check_page(
    text: str,
    path: str,
    docs_dir: Path | None = None,
    today: dt.date | None = None,
    reviewer_ids: set[str] | None = None,
) -> list[Problem]:
    """Every problem with one page's front matter; an empty list means valid."""
    front, _ = split_front_matter(text)
    if front is None:
        return [
            Problem(
                path,
                1,
                None,
                "the page has no front matter",
                "start the file with a '---' line, the YAML fields, and another '---' line "
                "(copy the front matter of a similar page)",
            )
        ]
    try:
        data = yaml.load(front, Loader=YAML_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        reason = getattr(err, "problem", None) or str(err).splitlines()[0]
        return [
            Problem(
                path,
                line,
                None,
                f"the front matter is not valid YAML ({reason})",
                "check the indentation, and put quotes around a value that contains ': ' or starts with a quote",
            )
        ]
    except ValueError as err:  # YAML reads 2026-13-40 as a date and fails
        return [
            Problem(
                path,
                None,
                None,
                f"the front matter holds an impossible date ({err})",
                "write dates as YYYY-MM-DD with a real month and day",
            )
        ]
    if not isinstance(data, dict):
        return [
            Problem(
                path,
                2,
                None,
                "the front matter is not a list of 'field: value' lines",
                "write one 'field: value' per line between the '---' lines",
            )
        ]

    lines = _LazyLines(front)
    model = MODELS.get(data.get("type"), Page)
    problems: list[Problem] = []
    if "type" in data and data["type"] not in MODELS:
        problems.append(Problem(path, lines.get("type"), "type", f"unknown page type {data['type']!r}", HINTS["type"]))
        data = {k: v for k, v in data.items() if k != "type"}
    raw_at = text.find(GUIDE)
    if raw_at >= 0:
        problems.append(
            Problem(
                path,
                _line(text, raw_at),
                None,
                "the page still holds a guidance comment from 'make new'",
                "replace the comment with your own words, then delete the comment",
            )
        )
    try:
        page = model.model_validate(data, context={"docs_dir": docs_dir, "reviewers": reviewer_ids})
    except ValidationError as err:
        for e in err.errors():
            field = str(e["loc"][0]) if e["loc"] else None
            message = _message(e)
            hint = HINT_MARKUP if "plain text" in message else HINTS.get(field, "remove this field or fix its value")
            problems.append(Problem(path, lines.get(field) if field else None, field, message, hint))
        return problems
    problems += _body_problems(text, path, page, lines)
    if today and page.next_check and page.next_check < today:
        problems.append(
            Problem(
                path,
                lines.get("next_check"),
                "next_check",
                f"the editorial check date {page.next_check} has passed",
                "an editor re-reads the page against its sources, then updates 'editorial_check' and 'next_check'",
                severity="warning",
            )
        )
    if today and page.is_draft:
        problems.append(
            Problem(
                path,
                1,
                None,
                "the page is a draft: no editor has recorded a check",
                "an editor checks the page (CONTRIBUTING.md, 'How pages are checked') and adds "
                "'editorial_check' and 'next_check' to its front matter",
                severity="warning",
            )
        )
    return problems


# Citations: [^id] in the text; definitions ([^id]: ...) come from `sources`.
CITATION = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEFINITION = re.compile(r"^[ \t]{0,3}\[\^([^\]\s]+)\]:", re.M)


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _body_problems(text: str, path: str, page: Page, lines: _LazyLines) -> list[Problem]:
    """Citations that do not match the page's sources."""
    from site_core import markup_safety  # here: it imports this module

    problems = []
    body = markup_safety.mask(text)  # code and comments blanked, line numbers kept
    ids = {s.id for s in page.sources}
    cited: set[str] = set()
    for m in FOOTNOTE_DEFINITION.finditer(body):
        problems.append(
            Problem(
                path,
                _line(body, m.start()),
                None,
                f"the footnote [^{m.group(1)}] is written by hand",
                "delete the line: the Sources list is made from 'sources' in the front matter, "
                "and [^id] in the text cites the source with that id",
            )
        )
    for m in CITATION.finditer(body):
        cited.add(m.group(1))
        if m.group(1) not in ids:
            problems.append(
                Problem(
                    path,
                    _line(body, m.start()),
                    "sources",
                    f"the citation [^{m.group(1)}] has no source with id '{m.group(1)}'",
                    "add the work to 'sources' with that id, or cite a listed id",
                )
            )
    for source in page.sources:
        if source.id not in cited:
            problems.append(
                Problem(
                    path,
                    lines.get("sources"),
                    "sources",
                    f"the source '{source.id}' is never cited in the text",
                    f"cite it as [^{source.id}] after the sentence that rests on it, or remove it",
                )
            )
    return problems


def _message(error: dict) -> str:
    kind, loc = error["type"], error["loc"]
    item = f"item {'/'.join(str(x) for x in loc[1:])}: " if len(loc) > 1 else ""
    if kind == "missing":
        return item + "is missing"
    if kind == "extra_forbidden":
        return item + "is not a known field"
    detail = error["msg"].removeprefix("Value error, ")
    got = error.get("input")
    if kind == "string_too_long":
        detail += f" (it has {len(got)})"
    elif kind == "literal_error" and got is not None:
        detail = f"{got!r} is not allowed; {detail[0].lower()}{detail[1:]}"
    return item + detail


def load_front_matter(file: Path) -> dict:
    """The parsed front matter of a page that has passed check_file."""
    front, _ = split_front_matter(file.read_text(encoding="utf-8"))
    return yaml.load(front or "", Loader=YAML_LOADER) or {}


def check_file(file: Path, rel: str, docs_dir: Path | None = None, today: dt.date | None = None) -> list[Problem]:
    """Check one Markdown file, reporting a file that is not UTF-8."""
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        return [
            Problem(
                rel,
                None,
                None,
                f"the file is not UTF-8 text (byte {err.start})",
                "save the file with UTF-8 encoding in your editor",
            )
        ]
    return check_page(text, rel, docs_dir, today)


def _docs_folder(docs_dir: Path) -> str:
    from site_core import editions  # here: it imports this module

    return editions.of_docs_dir(docs_dir).docs


def check_docs(docs_dir: Path, today: dt.date | None = None) -> list[Problem]:
    """Check every Markdown page under docs_dir, and the guided paths they make up."""
    from site_core import guided_paths  # here: it imports this module

    return [
        problem
        for file in sorted(docs_dir.rglob("*.md"))
        for problem in check_file(
            file, f"{_docs_folder(docs_dir)}/{file.relative_to(docs_dir).as_posix()}", docs_dir, today
        )
    ] + guided_paths.check(docs_dir)
