"""`make new` (scripts/new_page.py): a scaffolded page passes the schema, sits
in the nav and builds, and an existing page is never overwritten."""

from __future__ import annotations

import datetime as dt

import pytest
import warm_python
import yaml

from conftest import run_build
from site_core import new_page
from site_core.content_model import check_page

CASES = {
    "article": (["--section", "letters"], "letters/"),
    "question": ([], "questions/"),
    "worksheet": ([], "worksheets/"),
}


def scaffold(project, kind, title, *extra):
    return warm_python.run(["scripts/new_page.py", kind, title, *extra], cwd=project)


def finish(text: str) -> str:
    """What a contributor does: replace the placeholder and every guide comment."""
    import re

    text = text.replace(new_page.DESCRIPTION, "What to say when you are sorry, and what to leave out.")
    return re.sub(
        r"<!-- Guide:.*?-->", "Plain words written by the author for this part of the page.", text, flags=re.S
    )


@pytest.mark.parametrize("kind", CASES)
def test_scaffolded_page_is_a_draft_that_builds_once_finished(project, tmp_path, kind):
    extra, folder = CASES[kind]
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    result = scaffold(project, kind, 'Saying "sorry": what helps', *extra)
    assert result.returncode == 0, result.stderr
    rel = f"{folder}saying-sorry-what-helps.md"
    page = project / "docs" / rel
    assert page.is_file()
    assert f"Created docs/{rel}" in result.stdout and "Next steps:" in result.stdout

    text = page.read_text(encoding="utf-8")
    # Unfinished: the build refuses the placeholder and names the guide's line.
    found = check_page(text, f"docs/{rel}", project / "docs")
    assert {p.field for p in found} == {"description", None}
    guide_line = next(i for i, line in enumerate(text.splitlines(), 1) if "<!-- Guide:" in line)
    refused = run_build(project, tmp_path / "refused", SITE_SKIP_PDFS="1")
    assert refused.returncode != 0
    assert f"docs/{rel}:{guide_line}: the page still holds a guidance comment" in refused.stderr
    assert "is still the placeholder that 'make new' wrote" in refused.stderr
    # No check is stamped: the page is a draft until an editor records one.
    meta = yaml.safe_load(text.split("---")[1])
    assert "editorial_check" not in meta and "next_check" not in meta and "clinical_review" not in meta
    assert "No clinician has reviewed it" in result.stdout and "qualified reviewer" not in result.stdout

    text = finish(text)
    page.write_text(text, encoding="utf-8")
    (draft,) = check_page(text, f"docs/{rel}", project / "docs", today=dt.date.today())
    assert draft.severity == "warning" and "draft" in draft.message
    if kind == "worksheet":
        assert ":: lines 3 |" in text and "get-help/crisis-and-safety.md" in text

    after = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert rel in new_page.nav_paths(after)
    # One line added; every other line, comments included, as it was.
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert len(added) == 1 and rel in added[0]
    assert [line for line in after.splitlines() if line != added[0]] == before.splitlines()

    build = run_build(project, tmp_path / "out", SITE_SKIP_PDFS="1")
    assert build.returncode == 0, build.stderr
    assert (tmp_path / "out" / rel.removesuffix(".md") / "index.html").is_file()


def test_refuses_to_overwrite(project):
    first = scaffold(project, "question", "Is it normal to feel numb?")
    assert first.returncode == 0, first.stderr
    page = project / "docs" / "questions" / "is-it-normal-to-feel-numb.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMy own words.\n", encoding="utf-8")
    written, config = page.read_text(encoding="utf-8"), (project / "mkdocs.yml").read_text(encoding="utf-8")

    second = scaffold(project, "question", "Is it normal to feel numb?")
    assert second.returncode == 1
    assert "already exists" in second.stderr and "How to fix:" in second.stderr
    assert page.read_text(encoding="utf-8") == written
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == config


def test_unknown_section_is_refused_with_the_choices(project):
    result = scaffold(project, "article", "A new article", "--section", "no-such-section")
    assert result.returncode == 1
    assert "no section folder 'docs/no-such-section'" in result.stderr
    assert "understanding-empathy" in result.stderr and "letters" in result.stderr
    result = scaffold(project, "article", "A new article", "--section", "worksheets")
    assert result.returncode == 1 and "new_page.py worksheet" in result.stderr


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Five myths about empathy", "five-myths-about-empathy"),
        ("Why won't my partner talk?", "why-wont-my-partner-talk"),
        ("Don’t rush: café talks", "dont-rush-cafe-talks"),
        ('"Be a man" messages', "be-a-man-messages"),
        ("word " * 30, "-".join(["word"] * 10)),
    ],
)
def test_slugify(title, slug):
    assert new_page.slugify(title) == slug
    assert len(new_page.slugify(title)) <= new_page.MAX_SLUG


def test_next_check_is_a_year_later():
    assert new_page.one_year_later(dt.date(2026, 11, 22)) == dt.date(2027, 11, 22)
    assert new_page.one_year_later(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


@pytest.mark.parametrize("title", ["Yes", "Trust: a start", "#1 question", "'Quoted' words", "2026"])
def test_front_matter_quotes_titles_that_need_it(title):
    text = (
        new_page.front_matter(
            "question", title, dt.date(2026, 1, 5), ["couples"], ["Trust"], description="One sentence about the page."
        )
        + "\nBody.\n"
    )
    assert check_page(text, "docs/questions/x.md") == []
    assert yaml.safe_load(text.split("---")[1])["title"] == title


CONFIG = """\
site_name: Test
# --- Navigation ---
nav:
  - Home: index.md
  - Section:
      - section/index.md
      - First: section/first.md   # keep this comment
      - Nested:
          - section/deep/one.md
  - Questions:
      - questions/index.md
      - questions/alpha.md
      - questions/gamma.md
  # A comment after the nav
  - About: about.md
extra:
  key: value
"""


def test_add_to_nav_appends_to_its_section_and_keeps_the_rest():
    text, group = new_page.add_to_nav(CONFIG, "section/new.md", "New: a page")
    assert group == "Section"
    assert text.splitlines()[9] == "      - 'New: a page': section/new.md"
    assert text.replace("      - 'New: a page': section/new.md\n", "") == CONFIG
    assert new_page.nav_paths(text)[4] == "section/new.md"


def test_add_to_nav_keeps_questions_in_order():
    text, group = new_page.add_to_nav(CONFIG, "questions/beta.md", "Beta?", keep_sorted=True)
    assert group == "Questions"
    assert [p for p in new_page.nav_paths(text) if p.startswith("questions/")] == [
        "questions/index.md",
        "questions/alpha.md",
        "questions/beta.md",
        "questions/gamma.md",
    ]
    assert "      - questions/beta.md\n" in text  # bare, like its neighbors


def test_add_to_nav_leaves_a_listed_page_alone_and_refuses_an_unknown_folder():
    assert new_page.add_to_nav(CONFIG, "section/first.md", "First")[0] == CONFIG
    with pytest.raises(new_page.ScaffoldError, match="lists no page in 'elsewhere/'"):
        new_page.add_to_nav(CONFIG, "elsewhere/page.md", "Elsewhere")
