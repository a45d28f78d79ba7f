"""Guided paths: the schema over a whole path, and what the built pages show."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT
from site_core import content_model, guided_paths
from site_core.extensions.answers import render
from site_core.worksheet_pdf import PAPERS, pdf_name

DOCS = ROOT / "docs"
FRONT = """---
title: {title}
description: A page for the guided path tests.
audience: [couples]
editorial_check: 2026-12-01
next_check: 2027-12-01
{extra}
---

Body text.
"""


def write(docs: Path, src: str, title: str, **fields) -> None:
    extra = "\n".join(f"{k}: {v}" for k, v in fields.items())
    (docs / src).parent.mkdir(parents=True, exist_ok=True)
    (docs / src).write_text(FRONT.format(title=title, extra=extra), encoding="utf-8")


@pytest.fixture
def docs(tmp_path) -> Path:
    docs = tmp_path / "docs"
    write(docs, "course/index.md", "The course", type="path", path="course", step_name="Lesson")
    for n in (1, 2, 3):
        write(docs, f"course/lesson-{n}.md", f"Lesson {n}", type="step", path="course", step=n, minutes=10 * n)
    return docs


def problems(docs: Path) -> list[str]:
    return [str(p) for p in content_model.check_docs(docs)]


def test_a_whole_path_is_valid_and_in_order(docs):
    assert problems(docs) == []
    paths, _ = guided_paths.collect(docs)
    course = paths["course"]
    assert [s.number for s in course.steps] == [1, 2, 3]
    assert course.minutes == 60 and guided_paths.duration(course.minutes) == "about 1 hour"
    assert course.label(course.steps[1]) == "Lesson 2 of 3"


def test_a_step_with_an_unknown_path_is_named(docs):
    write(docs, "course/stray.md", "Stray", type="step", path="cours", step=4, minutes=5)
    found = problems(docs)
    assert any(p.startswith("docs/course/stray.md") and "'cours'" in p and "How to fix" in p for p in found), found


def test_a_gap_in_the_order_is_named(docs):
    (docs / "course/lesson-2.md").unlink()
    found = problems(docs)
    assert any(p.startswith("docs/course/lesson-3.md") and "skip number 2" in p for p in found), found


def test_a_repeated_step_number_is_named(docs):
    write(docs, "course/lesson-3b.md", "Lesson 3 again", type="step", path="course", step=3, minutes=5)
    found = problems(docs)
    assert any(p.startswith("docs/course/lesson-3b.md") and "also docs/course/lesson-3.md" in p for p in found), found


def test_a_path_with_no_steps_is_named(docs):
    write(docs, "empty/index.md", "Empty", type="path", path="empty", step_name="Day")
    found = problems(docs)
    assert any(p.startswith("docs/empty/index.md") and "has no steps" in p for p in found), found


def test_two_index_pages_for_one_path_are_named(docs):
    write(docs, "other/index.md", "Other", type="path", path="course", step_name="Day")
    found = problems(docs)
    assert any(p.startswith("docs/other/index.md") and "already has an index page" in p for p in found), found


@pytest.mark.parametrize("field, value", [("step", 0), ("step", "two"), ("minutes", 0), ("path", "Not An Id")])
def test_bad_step_fields_are_named(docs, field, value):
    fields = {"type": "step", "path": "course", "step": 4, "minutes": 5, field: value}
    write(docs, "course/lesson-4.md", "Lesson 4", **fields)
    found = problems(docs)
    assert any(p.startswith("docs/course/lesson-4.md") and f"field '{field}'" in p for p in found), found


def test_the_workbook_gathers_every_field_of_its_path(docs):
    (docs / "course/lesson-1.md").write_text(
        (docs / "course/lesson-1.md").read_text() + "\n:: lines 3 | What did I notice?\n\n"
        "```\n:: lines 3 | An example in code, not a field\n```\n\n"
        ":: checklist | This week I:\n- Listened\n- Named a feeling\n",
        encoding="utf-8",
    )
    lines = guided_paths.expand_workbooks(["Intro", "<!-- path-workbook course -->"], docs)
    _, fields = render("\n".join(lines))
    assert [f.prompt for f in fields] == ["What did I notice?", "This week I:"]
    assert fields[1].options == ["Listened", "Named a feeling"]
    with pytest.raises(ValueError, match="'nope', which has no index page"):
        guided_paths.expand_workbooks(["<!-- path-workbook nope -->"], docs)


# The real paths, as published.

REAL_PATHS, REAL_PROBLEMS = guided_paths.collect(DOCS)
STEPS = [(path, step) for path in REAL_PATHS.values() for step in path.steps]


def test_the_published_paths_are_whole():
    assert REAL_PROBLEMS == []
    assert len(REAL_PATHS["learning-empathy"].steps) == 6
    assert len(REAL_PATHS["first-seven-days"].steps) == 7


def built(src: str) -> str:
    return src.removesuffix(".md").removesuffix("index") + ("/" if not src.endswith("index.md") else "")


@pytest.mark.parametrize("path, step", STEPS, ids=lambda x: getattr(x, "src", ""))
def test_each_step_shows_its_place_time_and_the_way_on(path, step, html_pages):
    page = built(step.src) + "index.html"
    soup = html_pages[page]
    where = soup.select_one(".eab-path-step__where").get_text(" ", strip=True)
    assert where.startswith(f"{path.step_name} {step.number} of {len(path.steps)}")
    assert guided_paths.duration(step.minutes) in where
    bar = soup.select_one("progress.eab-path-step__bar")
    assert (bar["value"], bar["max"], bar["aria-label"]) == (
        str(step.number),
        str(len(path.steps)),
        f"{path.step_name} {step.number} of {len(path.steps)}",
    )

    def target(link) -> str:  # the built page a relative link opens
        return (
            str((Path("/" + page).parent / link["href"]).resolve() / "index.html").lstrip("/")
            if link["href"].endswith("/")
            else link["href"]
        )

    nav = soup.select_one("nav.eab-path-nav")
    previous, following = nav.select("a")
    i = path.steps.index(step)
    want_previous = path.steps[i - 1].src if i else path.index
    want_next = path.steps[i + 1].src if i + 1 < len(path.steps) else path.index
    assert target(previous) == built(want_previous) + "index.html"
    assert target(following) == built(want_next) + "index.html"
    assert ("rel" in previous.attrs) == (i > 0) and ("rel" in following.attrs) == (i + 1 < len(path.steps))


@pytest.mark.parametrize("path_id", sorted(REAL_PATHS))
def test_each_index_lists_its_steps_time_and_workbook(path_id, html_pages):
    path = REAL_PATHS[path_id]
    soup = html_pages[built(path.index) + "index.html"]
    summary = soup.select_one(".eab-path-summary")
    facts = summary.select_one(".eab-path-summary__facts").get_text(" ", strip=True)
    assert facts.startswith(
        f"{len(path.steps)} {path.step_name.lower()}s, {guided_paths.duration(path.minutes)} in all"
    )
    assert [a.get_text(strip=True) for a in summary.select("ol a")] == [s.title for s in path.steps]
    assert path.workbook and summary.find("a", string=re.compile("workbook", re.I))


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("path_id", sorted(REAL_PATHS))
def test_each_workbook_pdf_has_one_named_field_per_step_field(path_id, paper, site):
    path = REAL_PATHS[path_id]
    expected = [
        name
        for step in path.steps
        for f in render((DOCS / step.src).read_text(encoding="utf-8").split("---", 2)[2])[1]
        for name in f.pdf_names
    ]
    assert expected, "the path's steps have no answer fields"
    reader = PdfReader(site / "worksheets" / "pdf" / pdf_name(Path(path.workbook).stem, paper))
    fields = {name: f for name, f in reader.get_fields().items() if "." not in name}
    assert sorted(fields) == sorted(expected)
    assert all(f.get("/TU") for f in fields.values())


def test_both_paths_are_in_the_nav_the_search_and_the_home_page(html_pages, site):
    import json

    home = html_pages["index.html"]
    nav = html_pages["paths/index.html"].select_one("nav.md-nav--primary")
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"] for d in index["docs"]}
    for path in REAL_PATHS.values():
        url = built(path.index)
        assert home.select_one(f'.eab-routes a[href="{url}"]'), url
        assert nav.select_one(f'a[href$="{url.split("/")[-2]}/"]'), url
        assert url in locations
        assert all(built(s.src) in locations for s in path.steps)
