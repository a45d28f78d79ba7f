"""Readers' own words in the site search (scripts/search_words.yml).

Each entry maps the words readers type ("cheated", "D-day", "hurt letter")
to the pages that answer them. After a build, `apply` writes those words
into the search index itself, as a field of its own that search ranks just
below a page's title: nothing is added to the pages, so readers never see
the lists, and any engine's index gets them (site_core.publish runs it).
`check` validates the file: plain lower-case words, and pages that exist.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from site_core.content_model import YAML_LOADER, Problem

DATA_FILE = Path(__file__).with_name("search_words.yml")
INDEX = Path("search") / "search_index.json"
# Two fields: the words on the page that answers best (first in `pages`),
# and on the others. Material ranks a title match at 1000 and a tag at
# 1,000,000: a reader's word on the best page counts ten times a title word.
FIELDS = {"keywords": 10000.0, "related": 1000.0}
WORD = re.compile(r"^[a-z0-9][a-z0-9' -]*[a-z0-9]$|^[a-z0-9]$")


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    words: list[str] = Field(min_length=1)
    pages: list[str] = Field(min_length=1, max_length=4)

    @field_validator("words")
    @classmethod
    def plain_words(cls, words: list[str]) -> list[str]:
        bad = [w for w in words if not WORD.match(w)]
        if bad:
            raise ValueError(f"{bad[0]!r} is not a plain lower-case word or phrase")
        return words

    @field_validator("pages")
    @classmethod
    def markdown_paths(cls, pages: list[str]) -> list[str]:
        bad = [p for p in pages if not p.endswith(".md") or p.startswith("/") or ".." in p]
        if bad:
            raise ValueError(f"{bad[0]!r} must be a page path from docs/, like questions/stay-or-go.md")
        return pages


class Vocabulary(BaseModel):
    model_config = ConfigDict(extra="forbid")
    entries: list[Entry] = Field(min_length=1)


def _entry_lines(text: str) -> list[int]:
    """The file line of each entry, for messages."""
    node = yaml.compose(text, Loader=YAML_LOADER)
    for key, value in node.value if isinstance(node, yaml.MappingNode) else []:
        if key.value == "entries" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def check(docs_dir: Path, path: Path = DATA_FILE) -> list[Problem]:
    """Every problem with the vocabulary file; an empty list means valid."""
    where = f"scripts/{path.name}"
    hint = "give each entry 'words' (plain lower-case words and phrases) and 'pages' (paths from docs/)"
    try:
        text = path.read_text(encoding="utf-8")
        vocabulary = Vocabulary.model_validate(yaml.load(text, Loader=YAML_LOADER))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return [
            Problem(
                where,
                mark.line + 1 if mark else None,
                None,
                f"the file is not valid YAML ({err})",
                "check the indentation and the brackets",
            )
        ]
    except ValidationError as err:
        lines = _entry_lines(text)
        problems = []
        for e in err.errors():
            loc = e["loc"]
            line = lines[loc[1]] if len(loc) > 1 and isinstance(loc[1], int) and loc[1] < len(lines) else None
            detail = e["msg"].removeprefix("Value error, ")
            problems.append(Problem(where, line, "/".join(map(str, loc)), detail, hint))
        return problems
    lines = _entry_lines(text)
    return [
        Problem(
            where,
            lines[i] if i < len(lines) else None,
            f"entries/{i}/pages",
            f"{page!r} does not exist under docs/",
            "fix the path, or remove the page from the entry",
        )
        for i, entry in enumerate(vocabulary.entries)
        for page in entry.pages
        if not (docs_dir / page).is_file()
    ]


def load(path: Path = DATA_FILE) -> Vocabulary:
    # Keyed by the file's time too, so `mkdocs serve` rebuilds with an edited file.
    return _load(path, path.stat().st_mtime)


@cache
def _load(path: Path, mtime: float) -> Vocabulary:
    return Vocabulary.model_validate(yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER))


def page_location(page: str) -> str:
    """Where the search index places a page: 'questions/stay-or-go/', '' for the home page."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def tokens(phrase: str) -> list[str]:
    """What the index holds for a phrase: its words, and each tail of it
    joined up ('should i leave' also gives 'shouldileave' and 'ileave').

    Search drops short common words ('should', 'i', 'to') from the index
    but not from what a reader types, and it ranks a page by how many of
    the typed words it matches. The joined tails give every word of a
    reader's phrase something to match on the page it belongs to."""
    words = [w for w in re.split(r"[\s\-']+", phrase) if w]
    joined = ["".join(words[i:]) for i in range(len(words) - 1)]
    return words + [j for j in joined if j not in words]


def words_by_location(vocabulary: Vocabulary) -> dict[str, dict[str, list[str]]]:
    """Location -> field -> the index words for that page."""
    found: dict[str, dict[str, list[str]]] = {}
    for entry in vocabulary.entries:
        for rank, page in enumerate(entry.pages):
            field = "keywords" if rank == 0 else "related"
            words = found.setdefault(page_location(page), {}).setdefault(field, [])
            words += [t for phrase in entry.words for t in tokens(phrase) if t not in words]
    return found


def apply(site_dir: Path, vocabulary: Vocabulary | None = None) -> int:
    """Write the readers' words into the built search index; return how many
    pages got them. Running it again gives the same file."""
    index_file = site_dir / INDEX
    if not index_file.is_file():
        return 0
    index = json.loads(index_file.read_text(encoding="utf-8"))
    fields = index["config"].setdefault("fields", {})
    for name, boost in FIELDS.items():
        fields[name] = {"boost": boost}
    words = words_by_location(vocabulary or load())
    count = 0
    for doc in index["docs"]:
        for name in FIELDS:
            doc.pop(name, None)
        for name, found in words.get(doc["location"], {}).items():
            doc[name] = " ".join(found)
        count += doc["location"] in words
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return count
