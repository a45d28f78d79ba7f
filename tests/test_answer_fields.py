"""The worksheet answer syntax, as the Markdown extension reads it: each
form, fenced examples, nested blocks, and each mistake by file and line."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from markdown import Markdown

from site_core.extensions import location
from site_core.extensions.answers import AnswersExtension, AnswerSyntaxError, render


def fields_html(markdown: str):
    out, fields = render(markdown)
    return BeautifulSoup(out, "html.parser"), fields


def test_each_form_becomes_a_labelled_control():
    soup, fields = fields_html(
        ":: lines 3 | What happened?\n"
        ":: box 4 | Notes\n"
        ":: field | Date\n"
        ":: rating 1-5 | How safe did I feel?\n"
        ":: checklist | What did I notice?\n- Tight chest\n- Hot face\n"
    )
    assert [f.kind for f in fields] == ["lines", "box", "field", "rating", "checklist"]
    lines = soup.find("textarea", attrs={"name": "what-happened"})
    assert lines["rows"] == "3" and soup.find("label", attrs={"for": lines["id"]}).text == "What happened?"
    # The PDF's field names wait in data-pdf-title; a web title would be read twice.
    assert lines["data-pdf-title"] == "What happened?" and not lines.has_attr("title")
    assert soup.find("input", attrs={"type": "text", "name": "date"})["data-pdf-title"] == "Date"
    radios = soup.find_all("input", attrs={"type": "radio", "name": "how-safe-did-i-feel"})
    assert [r["value"] for r in radios] == ["1", "2", "3", "4", "5"]
    boxes = soup.find_all("input", attrs={"type": "checkbox"})
    assert [b["data-pdf-title"] for b in boxes] == ["What did I notice?: Tight chest", "What did I notice?: Hot face"]
    assert fields[-1].pdf_names == ["what-did-i-notice--tight-chest", "what-did-i-notice--hot-face"]
    assert soup.find("ul") is None and soup.find("p") is None  # no stray list or paragraph


def test_text_around_fields_is_kept():
    soup, fields = fields_html("Intro line.\n:: field | Date\nAfter.\n\nNext paragraph.")
    assert [f.prompt for f in fields] == ["Date"]
    assert [p.get_text() for p in soup.find_all("p")] == ["Intro line.", "After.", "Next paragraph."]


@pytest.mark.parametrize("fence", ["```", "~~~", "````"])
def test_fenced_examples_stay_examples(fence):
    inner = "```\n:: lines 2 | still an example\n```" if fence == "````" else ":: lines 2 | an example"
    soup, fields = fields_html(f"{fence}markdown\n{inner}\n{fence}\n\n:: field | Real one\n")
    assert [f.prompt for f in fields] == ["Real one"]
    assert ":: lines 2 |" in soup.find("pre").get_text()


@pytest.mark.parametrize(
    "wrapper",
    [
        '!!! note "Try it"\n\n    {}',
        '??? note "Try it"\n\n    {}',
        '=== "One"\n\n    {}',
        "!!! note\n\n    Some words.\n\n    !!! tip\n\n        {}",
    ],
)
def test_fields_work_inside_blocks(wrapper):
    soup, fields = fields_html(wrapper.format(":: lines 2 | Inside a block"))
    assert [f.prompt for f in fields] == ["Inside a block"]
    assert soup.find("textarea", attrs={"name": "inside-a-block"}).find_parent(["div", "details"]) is not None


@pytest.mark.parametrize(
    "source, line, words",
    [
        (":: lines | What?", 1, "needs a number of lines"),
        (":: lines 40 | What?", 1, "from 1 to 20"),
        (":: box x | What?", 1, "needs a number of lines"),
        (":: rating 5-1 | How?", 1, "needs a range"),
        (":: field 3 | Date", 1, "takes no size"),
        (":: slider | How?", 1, "unknown answer field 'slider'"),
        ("::lines 3 no bar", 1, "is not answer syntax"),
        ("text\n:: field |", 2, "has no prompt"),
        (":: checklist | Pick\n- only one\n", 1, "has 1 option"),
        (":: field | Date\n\n:: field | date", 3, "same prompt"),
        ("!!! note\n\n    :: slider | Nested?", 3, "unknown answer field 'slider'"),
        ("```\n:: slider | example\n```\n\n:: slider | real", 5, "unknown answer field"),
        # Room to write fits what is asked.
        (":: lines 2 | Who will support me?", 1, "a question needs at least 3"),
        (":: box 1 | What happened?", 1, "a question needs at least 3"),
        (":: lines 1 | One thing I noticed", 1, "a written answer needs at least 2"),
        (":: checklist | Pick\n- short\n- " + "a very long option " * 4 + "\n", 1, "characters"),
    ],
)
def test_mistakes_name_the_file_line_and_fix(source, line, words):
    marked = location.marker("docs/worksheets/x.md", 12) + "\n" + source
    with pytest.raises(AnswerSyntaxError) as err:
        Markdown(extensions=["admonition", "pymdownx.superfences", AnswersExtension()]).convert(marked)
    assert str(err.value).startswith(f"docs/worksheets/x.md:{11 + line}: ")
    assert words in str(err.value) and "How to fix:" in str(err.value)


@pytest.mark.parametrize(
    "source",
    [
        ":: lines 3 | Who will support me?",
        ":: box 3 | What happened?",
        ":: lines 2 | One thing I noticed",
        ":: field | Date",
    ],
)
def test_enough_room_is_accepted(source):
    assert len(render(source)[1]) == 1


def test_without_a_marker_lines_count_from_the_body():
    with pytest.raises(AnswerSyntaxError, match=r"^the page:2: "):
        render("a\n\n:: nope | x".replace("\n\n", "\n"))


def test_names_are_unique_per_page_not_per_run():
    md = Markdown(extensions=[AnswersExtension()])
    md.convert(":: field | Date")
    md.reset()
    md.convert(":: field | Date")  # a second page may reuse a prompt
