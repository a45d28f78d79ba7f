"""The editorial record: review status as data, shown in words; sources a
reader can open; nothing that claims a review the repository cannot show."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from test_site import PAGES, built_path

from conftest import ROOT
from site_core import content_model, ui_strings
from site_core.content_model import check_page

GOOD = """---
title: A good page
description: A single sentence that says what this page is about.
audience: [couples]
editorial_check: 2026-12-01
next_check: 2027-12-01
sources:
  - id: wiseman-1996
    author: Wiseman, T.
    year: 1996
    title: A concept analysis of empathy
    published_in: Journal of Advanced Nursing, 23(6), 1162-1167
    doi: 10.1046/j.1365-2648.1996.12213.x
---

Empathy has four parts.[^wiseman-1996]
"""
REVIEW = "clinical_review:\n  reviewer: jane-example\n  date: 2026-12-05\n"


def problems(text: str, **kw):
    return check_page(text, "docs/x.md", **kw)


def test_a_good_page_passes():
    assert problems(GOOD) == []


def test_clinical_review_by_an_unknown_reviewer_is_rejected_naming_page_and_field():
    (p,) = problems(GOOD.replace("sources:", REVIEW + "sources:"))
    assert p.path == "docs/x.md" and p.field == "clinical_review" and p.line == 7
    assert "'jane-example' is not a reviewer listed in scripts/reviewers.yml" in p.message


def test_clinical_review_by_a_listed_reviewer_passes():
    assert problems(GOOD.replace("sources:", REVIEW + "sources:"), reviewer_ids={"jane-example"}) == []


def test_no_clinician_is_listed_today():
    """The About page says no clinician has reviewed a page; keep it true."""
    assert content_model.reviewers() == {}
    claimed = [p for p in PAGES if "clinical_review" in content_model.load_front_matter(ROOT / "docs" / p)]
    assert claimed == []


def test_a_reviewer_entry_must_be_checkable():
    entry = {
        "id": "jane-example",
        "name": "Jane Example",
        "credential": "LMFT",
        "country": "US",
        "profile": "https://example.org/jane",
        "conflicts": "None declared.",
    }
    with pytest.raises(ValueError, match="licensed_by"):
        content_model.Reviewer.model_validate(entry)
    content_model.Reviewer.model_validate({**entry, "licensed_by": "California Board of Behavioral Sciences"})


@pytest.mark.parametrize(
    "old, new, words",
    [
        ("editorial_check: 2026-12-01\nnext_check: 2027-12-01\n", "next_check: 2027-12-01\n", "a draft"),
        ("next_check: 2027-12-01", "next_check: 2026-01-01", "later date than editorial_check"),
        ("next_check: 2027-12-01\n", "", "needs a next_check"),
    ],
)
def test_the_record_is_consistent(old, new, words):
    found = problems(GOOD.replace(old, new))
    assert any(words in p.message for p in found), found


def test_a_draft_warns_and_a_passed_check_warns():
    draft = GOOD.replace("editorial_check: 2026-12-01\nnext_check: 2027-12-01\n", "")
    assert problems(draft) == []
    (p,) = problems(draft, today=dt.date(2026, 12, 2))
    assert p.severity == "warning" and "draft" in p.message
    (p,) = problems(GOOD, today=dt.date(2028, 1, 1))
    assert p.severity == "warning" and p.field == "next_check" and p.line == 6


# --- Sources and citations --------------------------------------------------------


@pytest.mark.parametrize(
    "body, words",
    [
        ("No citation at all.", "the source 'wiseman-1996' is never cited"),
        ("Cited twice.[^wiseman-1996] And wrong.[^nobody-2000]", "the citation [^nobody-2000] has no source"),
        ("Cited.[^wiseman-1996]\n\n[^wiseman-1996]: Wiseman (1996).", "written by hand"),
    ],
)
def test_citations_and_sources_must_match(body, words):
    text = GOOD.replace("Empathy has four parts.[^wiseman-1996]", body)
    assert any(words in str(p) for p in problems(text)), problems(text)


def test_a_citation_in_code_is_an_example():
    text = GOOD + "\n`[^nobody-2000]`\n\n```\n[^x]: y\n```\n"
    assert problems(text) == []


def test_a_source_needs_a_link():
    text = GOOD.replace("    doi: 10.1046/j.1365-2648.1996.12213.x\n", "")
    assert any("doi or a url" in p.message for p in problems(text))


def test_scaffold_leftovers_are_refused():
    text = (
        GOOD.replace("A single sentence that says what this page is about.", content_model.PLACEHOLDER_DESCRIPTION)
        + "\n<!-- Guide: write here -->\n"
    )
    found = {p.message for p in problems(text)}
    assert any("placeholder" in m for m in found) and any("guidance comment" in m for m in found)


# --- The built site ---------------------------------------------------------------


@pytest.mark.parametrize("src", [p for p in PAGES if content_model.load_front_matter(ROOT / "docs" / p).get("sources")])
def test_every_listed_source_is_on_the_page_with_its_link(src, html_pages):
    soup = html_pages[built_path(src)]
    heading = soup.find(id="sources")
    assert heading is not None and heading.get_text(strip=True).startswith("Sources")
    notes = heading.find_next("div", class_="footnote")
    for source in content_model.load_front_matter(ROOT / "docs" / src)["sources"]:
        entry = notes.find(id=f"fn:{source['id']}")
        assert entry is not None, source["id"]
        link = f"https://doi.org/{source['doi']}" if source.get("doi") else source["url"]
        assert entry.find("a", href=link) is not None, (source["id"], link)
        year = "n.d." if source["year"] is None else str(source["year"])  # an undated web page
        assert f"({year})" in entry.get_text() and source["author"].split(",")[0] in entry.get_text()
        # Each citation mark jumps to its entry.
        assert soup.select_one(f'sup a.footnote-ref[href="#fn:{source["id"]}"]') is not None


def test_every_page_states_its_status_in_words(html_pages):
    for path, soup in html_pages.items():
        if path in ("404.html", "es/404.html"):
            continue
        status = soup.select_one(".eab-reviewed")
        assert status is not None, path
        words = " ".join(status.get_text().split())
        ui = ui_strings.for_lang(soup.find("html")["lang"])
        # A translation says its English page was checked, and that its own text and no clinician has been.
        checked = ui["checked_on"] if not path.startswith("es/") else ui["english_checked_on"]
        assert ui["clinician_reviewed"] in words or ui["not_clinician_reviewed"] in words, path
        assert checked in words or ui["draft"] in words, path
        if path.startswith("es/"):
            assert ui["translation_not_checked"] in words, path


# --- Nothing claims what the repository cannot show --------------------------------

CLAIM = re.compile(
    r"licensed (therapist|counsel+or|clinician)s? (review|read|check)|clinically reviewed|"
    r"reviewed by (a|our) (licensed|qualified|clinical)|our (therapists|clinicians|counsel+ors) "
    r"(review|check|write)|qualified reviewer|medically reviewed|expert[- ]reviewed",
    re.I,
)


def test_no_text_claims_a_clinical_review():
    files = [
        *(ROOT / "docs").rglob("*.md"),
        *(ROOT / "overrides").rglob("*.html"),
        *(ROOT / "includes").rglob("*.md"),
        ROOT / "CONTRIBUTING.md",
        ROOT / "README.md",
        ROOT / "STYLE.md",
        ROOT / ".github" / "pull_request_template.md",
        ROOT / "scripts" / "new_page.py",
    ]
    claims = [
        (f.relative_to(ROOT).as_posix(), m.group(0))
        for f in files
        for m in CLAIM.finditer(f.read_text(encoding="utf-8"))
    ]
    assert claims == []


def test_no_page_is_a_draft_or_past_its_check_date():
    """The stale-check rule, in CI: make check warns, the test suite fails."""
    found = content_model.check_docs(ROOT / "docs", today=dt.date.today())
    assert [str(p) for p in found] == []
