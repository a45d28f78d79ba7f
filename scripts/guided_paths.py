"""Guided paths: a course or a run of days, read one step at a time.

A path is content like any other. Its index page (`type: path`) names the
path and what a step is called (Lesson, Day); each step page (`type: step`)
names its path and its place in it (`step: 3`) and its time (`minutes`).
This module reads those front matters from docs/ and

- checks the paths as a whole: every step's path exists, the steps run
  1, 2, 3 ... with no gap or repeat, and every path has steps;
- works out what a step page shows (Lesson 3 of 6, previous and next) and
  what an index page lists (the steps, their number, the total time);
- gathers a path's answer fields for its workbook (a worksheet whose body
  holds `<!-- path-workbook ID -->`), so each reflection is written once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from site_core import content_model, markup_safety

WORKBOOK_MARKER = re.compile(r"^<!-- path-workbook ([a-z0-9-]+) -->$")
FIELD_LINE = re.compile(r"^\s*::")


@dataclass(frozen=True)
class Step:
    src: str  # from docs/, e.g. paths/learning-empathy/lesson-1-what-empathy-is.md
    number: int
    title: str
    minutes: int


@dataclass
class GuidedPath:
    id: str
    index: str  # the index page, from docs/
    title: str
    step_name: str  # Lesson, Day
    workbook: str | None
    steps: list[Step] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return sum(s.minutes for s in self.steps)

    def label(self, step: Step, lang: str = "en") -> str:
        of = {"en": "of", "es": "de"}[lang]
        return f"{step_word(self.step_name, lang)} {step.number} {of} {len(self.steps)}"


# step_name (front matter, in English) as each edition says it: one, many.
STEP_WORDS = {
    "en": {
        "Lesson": ("Lesson", "Lessons"),
        "Day": ("Day", "Days"),
        "Session": ("Session", "Sessions"),
        "Step": ("Step", "Steps"),
    },
    "es": {
        "Lesson": ("Lección", "Lecciones"),
        "Day": ("Día", "Días"),
        "Session": ("Sesión", "Sesiones"),
        "Step": ("Paso", "Pasos"),
    },
}


def step_word(step_name: str, lang: str = "en", plural: bool = False) -> str:
    return STEP_WORDS[lang].get(step_name, (step_name, step_name + "s"))[plural]


def _pages(docs_dir: Path) -> tuple[tuple[str, dict], ...]:
    """The pages of guided paths, with their front matter. A build asks for
    them once per lesson page; they are read again only when a page changed
    (its size or time), which live preview relies on."""
    files = sorted(docs_dir.rglob("*.md"))
    return _read_pages(docs_dir, tuple((f, f.stat().st_mtime_ns, f.stat().st_size) for f in files))


@lru_cache(maxsize=4)
def _read_pages(docs_dir: Path, stamps: tuple) -> tuple[tuple[str, dict], ...]:
    found = []
    for file, _, _ in stamps:
        try:
            meta = content_model.load_front_matter(file)
        except Exception:  # a broken page is reported by the content model, not here
            continue
        if isinstance(meta, dict) and meta.get("type") in ("path", "step") and isinstance(meta.get("path"), str):
            found.append((file.relative_to(docs_dir).as_posix(), meta))
    return tuple(found)


def collect(docs_dir: Path) -> tuple[dict[str, GuidedPath], list[content_model.Problem]]:
    """Every path with its steps in order, and every problem with them as a whole."""
    pages = _pages(docs_dir)
    paths: dict[str, GuidedPath] = {}
    problems: list[content_model.Problem] = []
    for src, meta in pages:
        if meta["type"] != "path":
            continue
        if meta.get("path") in paths:
            problems.append(
                _problem(
                    src,
                    "path",
                    f"the path '{meta['path']}' already has an index page, docs/{paths[meta['path']].index}",
                    "give each path one index page; rename this path or make it a step",
                )
            )
            continue
        paths[meta.get("path")] = GuidedPath(
            meta.get("path"), src, meta.get("title", ""), meta.get("step_name", "Step"), meta.get("workbook")
        )
    numbers: dict[str, dict[int, str]] = {}
    for src, meta in pages:
        if meta["type"] != "step":
            continue
        path = paths.get(meta.get("path"))
        if path is None:
            known = ", ".join(sorted(map(str, paths))) or "none yet"
            problems.append(
                _problem(
                    src,
                    "path",
                    f"the step names the path '{meta.get('path')}', which has no index page",
                    f"use a path id from an index page with 'type: path' ({known}), or write that index page",
                )
            )
            continue
        number = meta.get("step")
        if not isinstance(number, int) or isinstance(number, bool):
            continue  # the content model reports the field
        taken = numbers.setdefault(path.id, {})
        if number in taken:
            problems.append(
                _problem(
                    src,
                    "step",
                    f"step {number} of the path '{path.id}' is also docs/{taken[number]}",
                    "give each step of a path its own number",
                )
            )
            continue
        taken[number] = src
        path.steps.append(Step(src, number, meta.get("title", ""), meta.get("minutes", 0)))
    for path in paths.values():
        path.steps.sort(key=lambda s: s.number)
        if not path.steps:
            problems.append(
                _problem(
                    path.index,
                    "path",
                    f"the path '{path.id}' has no steps",
                    f"write step pages with 'type: step' and 'path: {path.id}', or remove the index page",
                )
            )
            continue
        expected = list(range(1, len(path.steps) + 1))
        for step, want in zip(path.steps, expected, strict=True):
            if step.number != want:
                problems.append(
                    _problem(
                        step.src,
                        "step",
                        f"the steps of the path '{path.id}' skip number {want} (this page is step {step.number})",
                        f"number the steps 1 to {len(path.steps)} with no gap",
                    )
                )
                break
    return paths, problems


def check(docs_dir: Path) -> list[content_model.Problem]:
    return collect(docs_dir)[1]


def _problem(src: str, key: str, message: str, hint: str) -> content_model.Problem:
    return content_model.Problem(f"docs/{src}", None, key, message, hint)


def position(paths: dict[str, GuidedPath], src: str) -> tuple[GuidedPath, int] | None:
    """The path a step page belongs to and its index in the steps."""
    for path in paths.values():
        for i, step in enumerate(path.steps):
            if step.src == src:
                return path, i
    return None


def duration(minutes: int, lang: str = "en") -> str:
    """'about 25 minutes', 'about 2 hours 40 minutes' ('unos 25 minutos')."""
    hours, rest = divmod(minutes, 60)
    if lang == "es":
        parts = ([f"{hours} hora{'s' * (hours != 1)}"] if hours else []) + (
            [f"{rest} minutos"] if rest or not hours else []
        )
        return ("alrededor de " if hours else "unos ") + " y ".join(parts)
    parts = ([f"{hours} hour{'s' * (hours != 1)}"] if hours else []) + (
        [f"{rest} minutes"] if rest or not hours else []
    )
    return "about " + " ".join(parts)


def workbook_markdown(docs_dir: Path, path: GuidedPath) -> list[str]:
    """The answer fields of every step, under a heading per step, as Markdown lines."""
    out: list[str] = []
    for step in path.steps:
        text = (docs_dir / step.src).read_text(encoding="utf-8")
        fields = answer_lines(text)
        if fields:
            out += [f"## {step.title}", ""] + fields
    return out


def expand_workbooks(lines: list[str], docs_dir: Path, where=lambda line: "the page") -> list[str]:
    """Lines with each `<!-- path-workbook ID -->` replaced by that path's fields."""
    if not any(WORKBOOK_MARKER.match(line.strip()) for line in lines):
        return lines
    paths, _ = collect(docs_dir)
    out: list[str] = []
    for line in lines:
        marker = WORKBOOK_MARKER.match(line.strip())
        if not marker:
            out.append(line)
        elif marker[1] in paths:
            out += workbook_markdown(docs_dir, paths[marker[1]])
        else:
            raise ValueError(
                f"{where(line)}: the workbook names the path '{marker[1]}', which has no index page. "
                f"How to fix: use one of {', '.join(sorted(paths)) or 'no paths yet'}"
            )
    return out


def answer_lines(text: str) -> list[str]:
    """A page's answer-field lines (with checklist options), outside code and comments."""
    masked = markup_safety.mask(text).split("\n")
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if FIELD_LINE.match(masked[i]):
            out.append(lines[i].strip())
            i += 1
            if "checklist" in lines[i - 1].split("|")[0]:
                while i < len(lines) and masked[i].strip().startswith(("- ", "* ")):
                    out.append(lines[i].strip())
                    i += 1
            out.append("")
            continue
        i += 1
    return out
