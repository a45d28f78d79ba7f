"""The "Where do I start?" self-check: its data, checked, and the plan it gives.

scripts/self_check.yml holds the questions, their options and the rules
that turn answers into a plan. This module

- checks the file with a schema and against the site: every page exists,
  every option is used, each answer to "who" alone gives a plan of at
  least three items, every page meant only for couples is listed as a
  couples exercise, and a danger answer always leads with safety, brings
  support and drops the couples exercises;
- works out a plan from answers (`plan`), keeping only pages whose
  audience (front matter) includes the reader, the same way the page's script
  does (docs/assets/javascripts/self-check.js), so the checks above and
  the tests speak for what readers see;
- writes the data the page's script reads (`to_json`), with each page's
  title and address, and the guide that readers without JavaScript get.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from site_core import content_model

DATA_FILE = Path(__file__).with_name("self_check.yml")
JSON_FILE = "assets/self-check.json"
SECTIONS = {"read": 4, "worksheet": 2, "path": 1, "support": 3}  # the most items each section keeps
MIN_ITEMS = 3
Id = Field(pattern=r"^[a-z][a-z0-9-]*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Option(_Strict):
    id: str = Id
    label: content_model.PlainText = Field(min_length=2, max_length=80)
    danger: bool = False
    # Only on "who": the readers this answer stands for, as in pages' front matter.
    audience: list[content_model.Audience] = Field(default_factory=list)


class Question(_Strict):
    id: str = Id
    text: content_model.PlainText = Field(min_length=5, max_length=120)
    pick: Literal["one", "many"]
    options: list[Option] = Field(min_length=2, max_length=12)


class Rule(_Strict):
    when: dict[str, list[str]] = Field(min_length=1)
    because: content_model.PlainText = Field(min_length=3, max_length=140)
    read: list[str] = Field(default_factory=list)
    worksheet: list[str] = Field(default_factory=list)
    path: list[str] = Field(default_factory=list)
    support: list[str] = Field(default_factory=list)

    def items(self, section: str) -> list[str]:
        return getattr(self, section)


class Safety(_Strict):
    title: content_model.PlainText
    text: str = Field(min_length=20)  # Markdown with help-line short codes


class SelfCheck(_Strict):
    safety: Safety
    couples_exercises: list[str]
    questions: list[Question] = Field(min_length=3)
    rules: list[Rule] = Field(min_length=1)

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)

    def is_danger(self, qid: str, oid: str) -> bool:
        question = self.question(qid)
        return bool(question and any(o.id == oid and o.danger for o in question.options))

    def pages(self) -> set[str]:
        return set(self.couples_exercises) | {p for r in self.rules for s in SECTIONS for p in r.items(s)}

    def reader(self, answers: Answers) -> set[str]:
        """The audiences the "who" answer stands for (empty when unanswered)."""
        who = self.question("who")
        picked = answers.get("who", set())
        return {a for o in (who.options if who else []) if o.id in picked for a in o.audience}


def load(path: Path = DATA_FILE) -> SelfCheck:
    return SelfCheck.model_validate(yaml.load(path.read_text(encoding="utf-8"), Loader=content_model.YAML_LOADER))


@cache
def _cached(path: Path, mtime: float) -> SelfCheck:
    return load(path)


def cached(path: Path = DATA_FILE) -> SelfCheck:
    return _cached(path, path.stat().st_mtime)


Answers = dict[str, set[str]]
Audiences = dict[str, set[str]]  # page -> its front matter audience


def audiences(data: SelfCheck, docs_dir: Path) -> Audiences:
    return {
        p: set(content_model.load_front_matter(docs_dir / p).get("audience") or [])
        for p in data.pages()
        if (docs_dir / p).is_file()
    }


def plan(data: SelfCheck, answers: Answers, audience: Audiences) -> dict:
    """{'safety': bool, 'read': [(page, because)], 'worksheet': [...], ...}.

    A rule applies when, for every question it names, the reader picked one
    of its options. With any danger answer, the rules about danger come first
    and no couples exercise is kept. A page is kept only if its audience
    includes the reader. Each section keeps its first few pages, each once,
    with the reason of the rule that added it: first the first page of each
    rule, then the second, and so on, so every answer has its say."""

    def applies(rule: Rule) -> bool:
        return all(answers.get(q, set()) & set(options) for q, options in rule.when.items())

    def about_danger(rule: Rule) -> bool:
        return any(data.is_danger(q, o) for q, options in rule.when.items() for o in options)

    danger = any(data.is_danger(q, o) for q, picked in answers.items() for o in picked)
    reader = data.reader(answers)

    def fits(page: str) -> bool:
        return not reader or bool(reader & audience.get(page, set()))

    rules = [r for r in data.rules if applies(r)]
    if danger:
        rules = [r for r in rules if about_danger(r)] + [r for r in rules if not about_danger(r)]
    result: dict = {"safety": danger}
    for section, most in SECTIONS.items():
        chosen: list[tuple[str, str]] = []
        # Each answer's first page before any answer's second one.
        candidates = [
            [p for p in r.items(section) if fits(p) and not (danger and p in data.couples_exercises)] for r in rules
        ]
        for depth in range(max(map(len, candidates), default=0)):
            for rule, pages in zip(rules, candidates, strict=True):
                if depth < len(pages) and len(chosen) < most and pages[depth] not in (p for p, _ in chosen):
                    chosen.append((pages[depth], rule.because))
        result[section] = chosen
    return result


def size(result: dict) -> int:
    return sum(len(result[s]) for s in SECTIONS)


def problems(docs_dir: Path, path: Path = DATA_FILE) -> list[content_model.Problem]:
    """Every problem with the self-check data, naming the file."""
    where = f"scripts/{path.name}"

    def problem(message: str, hint: str) -> content_model.Problem:
        return content_model.Problem(where, None, None, message, hint)

    try:
        data = load(path)
    except (yaml.YAMLError, OSError) as err:
        return [problem(f"the file cannot be read ({err})", "check the indentation and quotes")]
    except ValidationError as err:
        return [
            problem(
                f"{'/'.join(map(str, e['loc']))}: {e['msg']}", "see the notes at the top of the file for each field"
            )
            for e in err.errors()
        ]
    found = [
        problem(
            f"the page '{page}' does not exist under docs/", "give a path from docs/ like 'questions/stay-or-go.md'"
        )
        for page in sorted(data.pages())
        if not page.endswith(".md") or not (docs_dir / page).is_file()
    ]
    found += _names(data, problem)
    who = data.question("who")
    if who is None or who.pick != "one":
        return found + [
            problem(
                "the first question must have the id 'who' and 'pick: one'",
                "ask who the reader is first, with one answer",
            )
        ]
    found += [
        problem(
            f"the option '{o.id}' of 'who' has no audience",
            "say which readers it stands for, e.g. 'audience: [betrayed-partner]'",
        )
        for o in who.options
        if not o.audience
    ]
    found += [
        problem(f"the option '{o.id}' of '{q.id}' has an audience", "only the answers to 'who' have one")
        for q in data.questions
        if q is not who
        for o in q.options
        if o.audience
    ]
    if found:
        return found
    try:
        audience = audiences(data, docs_dir)
    except (yaml.YAMLError, UnicodeDecodeError):
        return found  # a page's own front matter problem, which the content model reports with its line
    for page in sorted(data.pages() - set(data.couples_exercises)):
        if audience[page] and audience[page] - {"counselors"} <= {"couples"}:
            found.append(
                problem(
                    f"the page '{page}' is meant for couples but is not under couples_exercises",
                    "list it there, so a plan for a reader who may not be safe leaves it out",
                )
            )
    return found + _plans(data, audience, problem)


def _names(data: SelfCheck, problem) -> list[content_model.Problem]:
    """Ids given twice, rules naming what does not exist, options no rule uses."""
    found = []
    ids = [q.id for q in data.questions]
    found += [
        problem(f"two questions have the id '{i}'", "give every question its own id")
        for i in sorted({i for i in ids if ids.count(i) > 1})
    ]
    for question in data.questions:
        options = [o.id for o in question.options]
        found += [
            problem(f"'{question.id}' has two options with the id '{i}'", "give every option its own id")
            for i in sorted({i for i in options if options.count(i) > 1})
        ]
    used: set[tuple[str, str]] = set()
    for number, rule in enumerate(data.rules, start=1):
        for qid, options in rule.when.items():
            question = data.question(qid)
            if question is None:
                found.append(
                    problem(
                        f"rule {number} ('{rule.because}') names the question '{qid}', which does not exist",
                        f"use one of {', '.join(ids)}",
                    )
                )
                continue
            for oid in options:
                if oid not in {o.id for o in question.options}:
                    found.append(
                        problem(
                            f"rule {number} ('{rule.because}') names the option '{oid}', which '{qid}' does not have",
                            f"use one of {', '.join(o.id for o in question.options)}",
                        )
                    )
                used.add((qid, oid))
    found += [
        problem(f"the option '{o.id}' of '{q.id}' is used by no rule", "add a rule that names it, or remove the option")
        for q in data.questions
        for o in q.options
        if (q.id, o.id) not in used
    ]
    return found


def _plans(data: SelfCheck, audience: Audiences, problem) -> list[content_model.Problem]:
    """What readers get: enough for every "who", safety first on every danger sign, no dead rule."""
    found = []
    who = data.question("who")
    danger_reasons = {
        r.because for r in data.rules if any(data.is_danger(q, o) for q, options in r.when.items() for o in options)
    }
    for option in who.options:
        result = plan(data, {"who": {option.id}}, audience)
        if size(result) < MIN_ITEMS:
            found.append(
                problem(
                    f"a reader who answers only '{option.label}' gets {size(result)} item(s)",
                    f"add rules for 'who: {option.id}' until its plan has at least {MIN_ITEMS}",
                )
            )
        for question in data.questions:
            for sign in (o for o in question.options if o.danger):
                result = plan(data, {"who": {option.id}, question.id: {sign.id}}, audience)
                first = result["read"][0][1] if result["read"] else None
                kept = [p for s in SECTIONS for p, _ in result[s] if p in data.couples_exercises]
                if not result["safety"] or first not in danger_reasons or not result["support"] or kept:
                    found.append(
                        problem(
                            f"'{option.label}' with '{sign.label}' does not give a plan that starts with safety, "
                            "brings support and leaves out couples exercises",
                            f"add a rule for '{question.id}: {sign.id}' with a page to read first and support",
                        )
                    )
    for number, rule in enumerate(data.rules, start=1):
        readers = [o for o in who.options if not rule.when.get("who") or o.id in rule.when["who"]]
        pages = [p for s in SECTIONS for p in rule.items(s)]
        if not any(set(o.audience) & audience[p] for o in readers for p in pages):
            found.append(
                problem(
                    f"rule {number} ('{rule.because}') adds nothing any reader it applies to would see",
                    "add a page whose audience includes those readers",
                )
            )
    return found


def to_json(data: SelfCheck, docs_dir: Path, edition=None, root: Path | None = None) -> str:
    """What the page's script reads: rules, and each page's title and audience.

    A page is named by its address, relative to the site's root, in the
    rules and in the list of pages alike (not by its file, which would add
    a second name to every entry). The rules name English pages
    (docs_dir). In a translation (a site_core.editions edition), a page
    with a twin is given as the twin; one without is given as the English
    page, marked with its language."""
    from site_core import editions  # here: editions imports content_model, as this module does

    edition = edition or editions.ENGLISH
    twins = editions.twins(edition, root) if edition is not editions.ENGLISH and root else {}
    up = "../" * edition.prefix.count("/")
    matter, where = {}, {}
    for p in sorted(data.pages()):
        if edition is editions.ENGLISH:
            matter[p], where[p] = content_model.load_front_matter(docs_dir / p), (editions.page_url(p), None)
        elif p in twins:
            matter[p] = content_model.load_front_matter(edition.docs_dir(root) / twins[p])
            where[p] = (editions.page_url(twins[p]), None)
        else:
            matter[p], where[p] = content_model.load_front_matter(docs_dir / p), (up + editions.page_url(p), "en")
    who = data.question("who")
    address = {p: url for p, (url, _) in where.items()}
    rules = [
        {**r.model_dump(), **{section: [address[p] for p in r.items(section)] for section in SECTIONS}}
        for r in data.rules
    ]
    return json.dumps(
        {
            "sections": SECTIONS,
            "couples": [address[p] for p in data.couples_exercises],
            "danger": {q.id: [o.id for o in q.options if o.danger] for q in data.questions},
            "who": {o.id: o.audience for o in (who.options if who else [])},
            "rules": rules,
            "pages": {
                address[p]: {
                    "title": m.get("title", p),
                    "audience": m.get("audience") or [],
                    **({"lang": where[p][1]} if where[p][1] else {}),
                }
                for p, m in matter.items()
            },
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),  # read by a script, not a person
    )
