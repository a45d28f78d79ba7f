"""The content model names the file, the line and the field of each problem."""

from __future__ import annotations

import datetime as dt

import pytest

from site_core.content_model import check_page

GOOD = """---
title: A good page
description: A single sentence that says what this page is about.
audience: [couples]
tags: [Empathy]
editorial_check: 2026-01-10
next_check: 2027-01-10
---

Body text.
"""


def problems(text: str, **kw):
    return check_page(text, "docs/x.md", **kw)


def test_good_page_passes():
    assert problems(GOOD) == []


@pytest.mark.parametrize(
    "old, new, field, words",
    [
        ("title: A good page\n", "", "title", "is missing"),
        ("A single sentence that says what this page is about.", "Long. " * 30 + "End.", "description", "at most 160"),
        (
            "A single sentence that says what this page is about.",
            "First sentence here. Second sentence here.",
            "description",
            "one sentence",
        ),
        (
            "A single sentence that says what this page is about.",
            'Drop the "but" from your replies.',
            "description",
            "double quotes",
        ),
        ("[couples]", "[everyone]", "audience", "'everyone' is not allowed"),
        ("[Empathy]", "[Empathy, Astrology]", "tags", "unknown tag(s) 'Astrology'"),
        ("editorial_check: 2026-01-10", "editorial_check: 2026-13-40", None, "impossible date"),
        ("editorial_check: 2026-01-10", "editorial_check: 10 January", "editorial_check", "date"),
        ("next_check: 2027-01-10", "next_check: 2025-01-10", None, "later date than editorial_check"),
        ("tags: [Empathy]\n", "tags: [Empathy]\ncolour: blue\n", "colour", "not a known field"),
    ],
)
def test_each_fault_is_reported_with_its_field(old, new, field, words):
    found = problems(GOOD.replace(old, new))
    assert len(found) == 1, found
    p = found[0]
    assert p.field == field and words in p.message
    assert p.path == "docs/x.md" and "How to fix:" in str(p)


def test_problem_names_the_line_of_the_field():
    (p,) = problems(GOOD.replace("[couples]", "[nobody]"))
    assert p.line == 4 and str(p).startswith("docs/x.md:4: field 'audience':")


def test_malformed_yaml_names_the_line():
    (p,) = problems(GOOD.replace("title: A good page", "title: [unclosed"))
    assert "not valid YAML" in p.message and p.line is not None


def test_missing_front_matter():
    (p,) = problems("Just text.\n")
    assert "no front matter" in p.message


def test_every_problem_is_reported_at_once():
    text = GOOD.replace("title: A good page\n", "").replace("[couples]", "[nobody]")
    assert {p.field for p in problems(text)} == {"title", "audience"}


def test_passed_check_date_is_a_warning():
    (p,) = problems(GOOD, today=dt.date(2027, 6, 1))
    assert p.severity == "warning" and p.field == "next_check"


# Every string field is plain text: markup would reach <title>, <meta> and headings raw.
@pytest.mark.parametrize(
    "old, new, field",
    [
        ("title: A good page", "title: A <script>alert(1)</script> page", "title"),
        ("title: A good page", "title: A page &lt;b&gt;", "title"),
        ("title: A good page", "title: A page &#60;b", "title"),
        (
            "A single sentence that says what this page is about.",
            "A sentence with <b>bold</b> in it, which is markup.",
            "description",
        ),
        ("[Empathy]", "['<img src=x onerror=alert(1)>']", "tags"),
        ("tags: [Empathy]", "tags: [Empathy]\nworksheets: ['worksheets/<x>.md']", "worksheets"),
        (
            "tags: [Empathy]",
            "tags: [Empathy]\nsources:\n  - {id: a-1, author: 'A <i>B</i>', year: 2000, title: T, published_in: P, url: 'https://example.org/'}",
            "sources",
        ),
        (
            "tags: [Empathy]",
            "tags: [Empathy]\nsources:\n"
            "  - {id: a-1, author: A, year: 2000, title: T, published_in: P, url: 'javascript:alert(1)'}",
            "sources",
        ),
        ("tags: [Empathy]", "tags: [Empathy]\nsearch: {exclude: '<script>'}", "search"),
        ("tags: [Empathy]", "tags: [Empathy]\ntemplate: evil.html", "template"),
    ],
)
def test_front_matter_is_plain_text(old, new, field):
    found = problems(GOOD.replace(old, new.replace("\\n", "\n")))
    assert any(p.field == field for p in found), found
    assert all(p.path == "docs/x.md" and "How to fix:" in str(p) for p in found)


def test_worksheet_needs_its_print_fields():
    text = GOOD.replace("tags: [Empathy]", "type: worksheet\ntags: [Worksheets]")
    assert {p.field for p in problems(text)} == {"minutes", "pages", "articles"}


def test_related_worksheet_must_exist(tmp_path):
    text = GOOD.replace("tags: [Empathy]", "worksheets: [worksheets/nope.md]")
    (p,) = problems(text, docs_dir=tmp_path)
    assert p.field == "worksheets" and "does not exist" in p.message
