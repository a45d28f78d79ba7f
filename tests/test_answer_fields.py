"""The worksheet answer syntax: each form, and each mistake, reported by line."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from answer_fields import AnswerSyntaxError, parse


def fields_html(markdown: str):
    out, fields = parse(markdown)
    return BeautifulSoup(out, "html.parser"), fields


def test_each_form_becomes_a_labelled_control():
    soup, fields = fields_html(
        ":: lines 3 | What happened?\n"
        ":: box 4 | Notes\n"
        ":: field | Date\n"
        ":: rating 1-5 | How safe did I feel?\n"
        ":: checklist | What did I notice?\n- Tight chest\n- Hot face\n")
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


def test_text_between_fields_is_kept():
    out, _ = parse("Intro line.\n\n:: field | Date\n\nAfter.")
    assert out.startswith("Intro line.") and out.rstrip().endswith("After.")


def test_code_blocks_are_left_alone():
    out, fields = parse("```\n:: not a field\n```\n")
    assert fields == [] and ":: not a field" in out


@pytest.mark.parametrize("source, line, words", [
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
])
def test_mistakes_name_the_line_and_the_fix(source, line, words):
    with pytest.raises(AnswerSyntaxError) as err:
        parse(source)
    assert err.value.line == line
    assert words in str(err.value) and "How to fix:" in str(err.value)


def test_line_numbers_count_from_the_file(tmp_path):
    with pytest.raises(AnswerSyntaxError) as err:
        parse("a\n:: nope | x", first_line=12)
    assert err.value.line == 13
