"""Reading grade of a page's prose, measured the same way everywhere.

Renders the Markdown with the site's extensions, keeps the prose a reader
reads (paragraphs, list items, admonition text) and drops front matter,
headings, code and tables, then scores it with the Flesch-Kincaid grade.
textstat is pinned to 0.7.4: later releases fetch a dictionary at run time.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from site_core import build_cache

# textstat and BeautifulSoup are imported where they are used: loading
# them takes about 0.25 s, and a build (which grades only the diagrams'
# descriptions, kept between builds) seldom needs them.

MAX_GRADE = 8.0
# Extensions that change what counts as prose; the rest of the site's
# extensions only style text.
EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.tasklist",
    # Answer space is form controls, not prose: the site's own extension
    # reads it exactly as the build does.
    "site_core.extensions.answers",
]
FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)
SNIPPET_LINE = re.compile(r"^--8<--.*$", re.M)


def prose(markdown_text: str, path: str | None = None) -> str:
    """The reader-facing sentences of a Markdown page, one per line.

    With the page's path, a malformed answer field is reported at its file and line."""
    front = FRONT_MATTER.match(markdown_text)
    body = SNIPPET_LINE.sub("", markdown_text[front.end() :] if front else markdown_text)
    if path:
        from site_core.extensions import location

        body = location.marker(path, markdown_text[: front.end()].count("\n") + 1 if front else 1) + "\n" + body
    import markdown
    from bs4 import BeautifulSoup

    html = markdown.markdown(body, extensions=EXTENSIONS)
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(["pre", "code", "table", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style"]):
        tag.decompose()
    pieces = []
    for tag in soup.find_all(["p", "li", "dd", "dt"]):
        # A list item's nested paragraphs are counted on their own.
        if tag.find(["p", "li"]):
            continue
        text = " ".join(tag.get_text(" ").split())
        if not text:
            continue
        if text[-1] not in ".!?:;\"'”’)":
            text += "."
        pieces.append(text)
    return "\n".join(pieces)


# Spanish pages: the Fernández Huerta ease score (higher is easier), which
# textstat 0.7.4 computes offline with Spanish syllables after set_lang("es").
MIN_EASE_ES = 70.0  # every Spanish page
MIN_MEDIAN_EASE_ES = 75.0  # the Spanish edition as a whole


def ease_es(markdown_text: str, path: str | None = None) -> float:
    """The Fernández Huerta score of a Spanish page's prose."""
    text = prose(markdown_text, path)
    if not text.strip():
        return 100.0
    import textstat

    textstat.set_lang("es")
    try:
        return float(textstat.fernandez_huerta(text))
    finally:
        textstat.set_lang("en_US")


def grade(markdown_text: str, path: str | None = None) -> float:
    text = prose(markdown_text, path)
    if not text.strip():
        return 0.0
    import textstat

    return float(textstat.flesch_kincaid_grade(text))


def kept_grade(markdown_text: str) -> float:
    """grade(), kept between builds (site_core.build_cache) by the text, this
    module and the versions of the libraries it measures with."""
    inputs = build_cache.code(__file__, "textstat", "markdown", "beautifulsoup4") + "\0" + markdown_text
    return build_cache.kept("reading-grades", inputs, lambda: grade(markdown_text))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Flesch-Kincaid grade of Markdown pages.")
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--max", type=float, default=MAX_GRADE)
    args = parser.parse_args(argv)
    failed = 0
    files = [p for path in args.paths for p in (sorted(path.rglob("*.md")) if path.is_dir() else [path])]
    for path in files:
        g = grade(path.read_text(encoding="utf-8"), path.as_posix())
        mark = "ok " if g <= args.max else "TOO HIGH"
        print(f"{g:5.1f}  {mark}  {path}")
        failed += g > args.max
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
