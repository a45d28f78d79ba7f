"""A bad page stops the real build with a message naming the file and field."""
from __future__ import annotations

import pytest

from conftest import run_build

PAGE = "docs/start-here.md"


@pytest.mark.parametrize("old, new, expected", [
    ("title: Start here\n", "", "docs/start-here.md:2: field 'title': is missing"),
    ("description: How to use", "description: " + "Very long words " * 12 + "and how to use", "field 'description'"),
    ("audience: [", "audience: [everyone, ", "field 'audience': item 0: 'everyone' is not allowed"),
    ("tags: [Safety", "tags: [Horoscopes, Safety", "field 'tags': unknown tag(s) 'Horoscopes'"),
    ("reviewed: 2026-11-22", "reviewed: 22/11/2026", "field 'reviewed'"),
    ("next_review: 2027-11-22", "next_review: 2025-11-22", "next_review must be a later date than reviewed"),
    ("title: Start here", "title: Start here: [broken", "not valid YAML"),
])
def test_bad_front_matter_fails_the_build(project, tmp_path, old, new, expected):
    page = project / PAGE
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert expected in result.stderr
    assert "How to fix:" in result.stderr


def test_broken_internal_link_fails_the_build(project, tmp_path):
    page = project / PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [a lost page](no-such-page.md).\n", encoding="utf-8")
    result = run_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "start-here.md" in result.stderr and "no-such-page.md" in result.stderr


def test_missing_anchor_fails_the_build(project, tmp_path):
    page = project / PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [this](about/index.md#no-such-part).\n", encoding="utf-8")
    result = run_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "no-such-part" in result.stderr


def test_page_missing_from_nav_fails_the_build(project, tmp_path):
    (project / "docs" / "orphan.md").write_text((project / PAGE).read_text(encoding="utf-8"), encoding="utf-8")
    result = run_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "orphan.md" in result.stderr
