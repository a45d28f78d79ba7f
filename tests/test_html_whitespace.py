"""Built pages lose the theme's indentation between tags and nothing else
(scripts/html_whitespace.py): the same elements, attributes and text, and
white space kept as typed wherever it can show."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from site_core.html_whitespace import KEPT, collapsed


class _Events(HTMLParser):
    """A page as the parser sees it. Text outside the kept elements is
    compared as a browser draws it (a run of white space is one space);
    inside them, exactly."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.events: list[tuple] = []
        self.kept = 0

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, tuple(attrs)))
        self.kept += tag in KEPT

    def handle_startendtag(self, tag, attrs):
        self.events.append(("empty", tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self.events.append(("end", tag))
        self.kept -= tag in KEPT and self.kept > 0

    def handle_data(self, data):
        text = data if self.kept else re.sub(r"\s+", " ", data)
        if self.events and self.events[-1][0] == "data":
            self.events[-1] = ("data", self.events[-1][1] + text)
        else:
            self.events.append(("data", text))

    def handle_comment(self, data):
        self.events.append(("comment", data))

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")


def events(html: bytes) -> list[tuple]:
    parser = _Events()
    parser.feed(html.decode("utf-8"))
    parser.close()
    return parser.events


PAGE = b"""<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">

    <title>A page</title>
    <script>var a = 1;
      if (a > 0) {
        a = 2;
      }
    </script>
    <style>
      .x > .y { color: red; }
    </style>
  </head>
  <body>
    <!-- set aside:
    <div>
      <p>old</p>
    </div> -->
    <nav title="one >
       <three>" data-x='>
  <'>
      <a href="#">Home</a>
      <a href="#">Next</a>
    </nav>
    <p>Words <em>stay</em>
       <strong>apart</strong>, and text
       keeps its own breaks.</p>
    <pre><code><span>def</span>
    <span>f</span>():
        <span>return</span>
</code></pre>
    <p>Inline <code><span>a</span>
  <span>b</span></code> and <kbd>Ctrl</kbd>
  <kbd>C</kbd>.</p>
    <textarea name="answer">
      first line
    </textarea>
    <samp>out
   put</samp>
  </body>
</html>
"""


def test_indentation_between_tags_goes_and_everything_else_stays():
    out = collapsed(PAGE)
    assert len(out) < len(PAGE)
    assert events(out) == events(PAGE)
    # Not a character of the elements whose white space can show, or of a comment.
    for element in re.finditer(rb"<!--.*?-->|<(%s)\b.*?</\1>" % "|".join(KEPT).encode(), PAGE, re.S):
        assert element.group() in out
    # An attribute's value keeps its line break and spaces, even between a ">" and a "<".
    assert b"title=\"one >\n       <three>\" data-x='>\n  <'" in out
    # Between tags, a run with a line break becomes one line break.
    assert b"</title>\n<script>" in out
    assert b"</a>\n<a" in out
    assert b"<head>\n<meta" in out
    assert b"</title>\n<script>" in out and b"</style>\n</head>" in out


@pytest.mark.parametrize(
    "html",
    [
        b"<p>a</p> <p>b</p>",  # a plain space between tags: no line break, nothing to gain
        b"<span>a</span><span>b</span>",  # no white space at all
        b"<p>text\n   more text</p>",  # white space inside text is text
        b"<pre>\n\n  x\n</pre>",
        b"",
    ],
)
def test_what_has_no_indentation_between_tags_is_left_alone(html):
    assert collapsed(html) == html


def test_running_it_again_changes_nothing():
    once = collapsed(PAGE)
    assert collapsed(once) == once


def test_a_kept_element_written_in_capitals_is_kept_too():
    html = b"<div>\n  <PRE>\n  <b>x</b>\n  </PRE>\n  <Code><i>a</i>\n  <i>b</i></Code>\n</div>"
    assert collapsed(html) == b"<div>\n<PRE>\n  <b>x</b>\n  </PRE>\n<Code><i>a</i>\n  <i>b</i></Code>\n</div>"


def test_a_line_break_between_inline_elements_still_draws_a_space():
    out = collapsed(b"<p><a>one</a>\n      <a>two</a></p>")
    assert out == b"<p><a>one</a>\n<a>two</a></p>"


def test_every_built_page_in_both_editions_is_collapsed(site):
    pages = sorted(site.rglob("*.html"))
    assert any(p.is_relative_to(site / "es") for p in pages) and (site / "404.html") in pages
    loose = [str(p.relative_to(site)) for p in pages if collapsed(p.read_bytes()) != p.read_bytes()]
    assert loose == [], f"pages with the theme's indentation left in: {loose[:5]}"
