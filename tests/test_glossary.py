"""Glossary terms: defined on the glossary page, and focusable tooltips in pages."""

from __future__ import annotations

import re

from markdown import Markdown

from conftest import ROOT

ENTRIES = dict(
    re.findall(r"^\*\[(.+?)\]: (.+)$", (ROOT / "includes" / "glossary.md").read_text(encoding="utf-8"), re.M)
)


def test_glossary_has_the_core_terms():
    terms = {t.lower() for t in ENTRIES}
    for term in [
        "betrayal trauma",
        "disclosure",
        "formal disclosure",
        "empathy letter",
        "impact letter",
        "minimizing",
        "emotional literacy",
        "compulsive sexual behavior",
        "boundary",
        "trigger",
    ]:
        assert term in terms, term


def test_every_tooltip_term_is_on_the_glossary_page(html_pages):
    # The page's own text: the sidebar and the footer name other pages' titles.
    page = " ".join(html_pages["glossary/index.html"].select_one("article").get_text(" ").lower().split())
    for term in ENTRIES:
        t = term.lower()
        forms = {t, t.removesuffix("s"), t.removesuffix("es"), t.removesuffix("ies") + "y"}
        assert any(form in page for form in forms), f"'{term}' has a tooltip but no entry on the glossary page"


def convert(text: str) -> str:
    return Markdown(extensions=["abbr", "admonition", "site_core.extensions.glossary"]).convert(text)


def test_first_use_is_focusable_and_later_uses_are_plain():
    text = (
        "## Shame\n\nA boundary, a Boundary, [a trigger](x) and a trigger.\n\n"
        "*[boundary]: d\n*[Boundary]: d\n*[trigger]: t\n*[Shame]: s\n"
    )
    assert convert(text) == (
        '<h2>Shame</h2>\n<p>A <abbr tabindex="0" title="d">boundary</abbr>, a Boundary, '
        '<a href="x">a trigger</a> and a <abbr tabindex="0" title="t">trigger</abbr>.</p>'
    )


def test_first_use_counts_across_nested_blocks():
    text = "!!! note\n\n    A boundary here.\n\nA boundary there, **a boundary** in bold.\n\n*[boundary]: d\n"
    out = convert(text)
    assert out.count("<abbr") == 1 and "<strong>a boundary</strong>" in out


def test_built_pages_show_definitions_on_focus(html_pages):
    abbrs = [a for soup in html_pages.values() for a in soup.select("article abbr")]
    assert len(abbrs) > 20
    for abbr in abbrs:
        assert abbr.get("tabindex") == "0" and abbr.get("title")
        assert abbr.find_parent(["a", "h1", "h2", "h3", "h4", "h5", "h6"]) is None
