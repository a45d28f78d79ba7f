"""Invented names in examples keep one role across the site.

Readers notice when "Jo" is the betrayed partner on one page and the one who
cheated on the next. So a first name that appears on more than one page must
be in the cast (scripts/cast.yml) with its one role, and only on the pages
listed for it; any other name belongs to one page. A page that needs a new
person gets a new name.

First names are recognised with gender-guesser's list of about 60,000 given
names, used here only as a dictionary (never to guess anyone's gender). A
capitalized word is not counted when the same word appears in lower case
anywhere on the site ("Will", "Hope", "Grace"), when it is a cited author's
name (in a source's `author`, or before that surname in the text), or when
scripts/cast.yml lists it under `not_names`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from site_core import build_cache, content_model

CAST_FILE = Path(__file__).with_name("cast.yml")
WORD = re.compile(r"\b[A-Z][a-z]+\b")
LOWER = re.compile(r"\b[a-z]+\b")
# Front matter, link targets, HTML comments (help-line short codes) and code say nothing about people.
NOT_PROSE = re.compile(r"\A---.*?\n---[ \t]*\n|\]\([^)]*\)|<!--.*?-->|`[^`]*`", re.S)


class Person(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Literal["betrayed-partner", "partner-who-hurt", "other"]
    partner: str | None = None
    pages: list[str] = Field(min_length=2)


class Cast(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cast: dict[str, Person] = Field(default_factory=dict)
    not_names: list[str] = Field(default_factory=list)


@cache
def _names() -> frozenset[str]:
    """The list's capitalised names. Reading the package's data file takes
    longer than the rest of the check, so the set is kept between builds."""

    def read() -> frozenset[str]:
        import gender_guesser.detector as detector

        return frozenset(n for n in detector.Detector(case_sensitive=True).names if n[:1].isupper())

    return frozenset(build_cache.kept("given-names", build_cache.code(__file__, "gender-guesser"), read))


def _authors(text: str) -> set[str]:
    front, _ = content_model.split_front_matter(text)
    try:
        matter = yaml.load(front or "", Loader=content_model.YAML_LOADER)
    except yaml.YAMLError:
        return set()  # the content model reports it, with its line
    sources = (matter.get("sources") if isinstance(matter, dict) else None) or []
    return {w for s in sources if isinstance(s, dict) for w in WORD.findall(str(s.get("author", "")))}


def people(docs_dir: Path, not_names: set[str] = frozenset()) -> dict[str, set[str]]:
    """First name -> the pages (paths from docs/) whose prose uses it."""
    texts = {
        p.relative_to(docs_dir).as_posix(): p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(docs_dir.rglob("*.md"))
    }
    authors = {a for text in texts.values() for a in _authors(text)}
    # "Jennifer Schneider" in prose is the author cited, not a person in an example.
    cited = re.compile(
        r"\b[A-Z][a-z]+ (?:[A-Z]\. )?(?=(?:%s)\b)" % ("|".join(map(re.escape, sorted(authors))) or "(?!)")
    )
    prose = {page: cited.sub(" ", NOT_PROSE.sub(" ", text)) for page, text in texts.items()}
    words = {w for text in prose.values() for w in LOWER.findall(text)}
    found: dict[str, set[str]] = defaultdict(set)
    for page, text in prose.items():
        for word in set(WORD.findall(text)):
            if word in _names() and word.lower() not in words and word not in authors and word not in not_names:
                found[word].add(page)
    return dict(found)


def problems(docs_dir: Path, cast_file: Path = CAST_FILE) -> list[content_model.Problem]:
    where = f"scripts/{cast_file.name}"
    try:
        cast = Cast.model_validate(
            yaml.load(cast_file.read_text(encoding="utf-8"), Loader=content_model.YAML_LOADER) or {}
        )
    except (OSError, yaml.YAMLError) as err:
        return [
            content_model.Problem(
                where, None, None, f"the file cannot be read ({err})", "check the indentation and quotes"
            )
        ]
    except ValidationError as err:
        return [
            content_model.Problem(
                where,
                None,
                "/".join(map(str, e["loc"])),
                e["msg"],
                "give each person a role, a partner and the pages they appear on",
            )
            for e in err.errors()
        ]
    found = []
    used = people(docs_dir, set(cast.not_names))
    for name, pages in sorted(used.items()):
        person = cast.cast.get(name)
        if person is None and len(pages) > 1:
            found.append(
                content_model.Problem(
                    f"docs/{sorted(pages)[1]}",
                    None,
                    None,
                    f"the name '{name}' is also used on {', '.join(sorted(pages)[:1] + sorted(pages)[2:])}",
                    f"give the person on this page a new name, or, if it is the same person in the same role, "
                    f"add '{name}' to the cast in {where}",
                )
            )
        elif person is not None:
            for page in sorted(pages - set(person.pages)):
                found.append(
                    content_model.Problem(
                        f"docs/{page}",
                        None,
                        None,
                        f"'{name}' is in the cast as the {person.role.replace('-', ' ')}"
                        f"{f' with {person.partner}' if person.partner else ''}, but this page is not in their pages",
                        f"use a new name here, or add this page to '{name}' in {where} if the role is the same",
                    )
                )
    for name, person in sorted(cast.cast.items()):
        for page in sorted(set(person.pages) - used.get(name, set())):
            found.append(
                content_model.Problem(
                    where,
                    None,
                    f"cast/{name}/pages",
                    f"'{name}' does not appear on {page}",
                    "remove the page from the list",
                )
            )
    return found
