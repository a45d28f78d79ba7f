"""Markup safety: a page cannot run a script or load anything from elsewhere."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, run_build
from site_core import markup_safety

FRONT = "---\ntitle: Test page\n---\n\n"  # four lines before the body
PATH = "docs/x.md"


def problems(body: str) -> list[str]:
    return [str(p) for p in markup_safety.check_text(FRONT + body, PATH)]


@pytest.mark.parametrize(
    "body, line, expected",
    [
        ("Text.\n\n<script>alert(1)</script>\n", 3, "raw <script> tag"),
        ('<script src="/assets/x.js"></script>\n', 1, "raw <script> tag"),
        ("<SCRIPT>alert(1)</SCRIPT>\n", 1, "raw <script> tag"),
        ("<svg><script>alert(1)</script></svg>\n", 1, "raw <script> tag"),
        ('<img src="a.png" onerror="alert(1)">\n', 1, "inline event handler 'onerror=' on <img>"),
        ('<div onclick="go()" markdown>\nText\n</div>\n', 1, "inline event handler 'onclick=' on <div>"),
        ('<a href="javascript:alert(1)">x</a>\n', 1, "javascript: address in href= on <a>"),
        ('<a href=" JaVa&#x09;Script:alert(1)">x</a>\n', 1, "javascript: address in href= on <a>"),
        ("[Click me](javascript:alert(1))\n", 1, "javascript: address in a Markdown link"),
        ("[Click me][evil]\n\n[evil]: javascript:alert(1)\n", 3, "javascript: address in link definition [evil]"),
        ('[Help](help.md){ onclick="alert(1)" }\n', 1, "inline event handler 'onclick=' in an attribute list"),
        ('<iframe src="https://www.youtube.com/embed/x"></iframe>\n', 1, "<iframe> embeds content from elsewhere"),
        ('<object data="movie.swf"></object>\n', 1, "<object> embeds content from elsewhere"),
        ('<embed src="movie.swf">\n', 1, "<embed> embeds content from elsewhere"),
        ('<img src="https://example.org/tracker.gif" alt="">\n', 1, "<img> loads https://example.org/tracker.gif"),
        ('<img src="//example.org/a.png" alt="">\n', 1, "<img> loads //example.org/a.png"),
        (
            '<img srcset="a.png 1x, https://cdn.example/a2.png 2x" alt="">\n',
            1,
            "<img> loads https://cdn.example/a2.png",
        ),
        ('<link rel="stylesheet" href="https://fonts.example/css">\n', 1, "<link> loads https://fonts.example/css"),
        ("![Chart](https://example.org/chart.png)\n", 1, "image loads https://example.org/chart.png"),
        ("![Chart][c]\n\n[c]: https://example.org/chart.png\n", 1, "image loads https://example.org/chart.png"),
        ('<span style="background: url(https://example.org/x.png)">x</span>\n', 1, "style= on <span> loads"),
        ("<style>@import 'https://example.org/a.css';</style>\n", 1, "a <style> block loads"),
        ('<meta http-equiv="refresh" content="0; url=https://example.org">\n', 1, "<meta> tag changes"),
        # A data: address carries a whole file or page the site did not ship.
        ('<img src="data:image/png;base64,iVBORw0KGgo=" alt="">\n', 1, "data: address in src= on <img>"),
        ("[Open](data:text/html;base64,PHNjcmlwdD4=)\n", 1, "data: address in a Markdown link"),
    ],
)
def test_each_unsafe_construct_is_reported_with_file_and_line(body, line, expected):
    """line: where the construct is in the body; the front matter adds 4."""
    found = problems(body)
    assert found, f"not reported: {body!r}"
    assert any(p.startswith(f"{PATH}:{line + 4}: ") and expected in p for p in found), found
    assert all("How to fix:" in p for p in found)


def test_line_numbers_count_from_the_top_of_the_file():
    body = 'Para one.\n\nPara two.\n\n\n<iframe src="x.html"></iframe>\n'
    assert problems(body)[0].startswith(f"{PATH}:10: <iframe>")


def test_every_problem_on_a_page_is_listed():
    body = '<script>a()</script>\n\n<img src="https://x.example/a.png" onload="b()">\n'
    found = problems(body)
    assert len(found) == 3
    assert [p.split(":")[1] for p in found] == ["5", "7", "7"]


@pytest.mark.parametrize(
    "body",
    [
        '<div class="grid cards" markdown>\n\n- Card\n\n</div>\n',
        '<div class="eab-routes" markdown>\n<div markdown>\n**For you**\n</div>\n</div>\n',
        'The <abbr title="World Health Organization">WHO</abbr> says so.\n',
        "Press <kbd>Shift</kbd> three times.\n",
        '<a href="https://www.thehotline.org/">The Hotline</a> is open all day.\n',
        "[The Hotline](https://www.thehotline.org/) and [home](../index.md).\n",
        "![A calm picture](../assets/images/calm.png)\n",
        '<img src="../assets/images/calm.png" alt="" srcset="calm@2x.png 2x">\n',
        "Online support is {available} at one=two times.\n",
        "Use `on` and `off`; the onion is fine; one online tool.\n",
        "## Heading { #custom-id .class }\n",
        "<details><summary>More</summary>\nText\n</details>\n",
        "5 < 6 and 7 > 3, so a<b.\n",
    ],
)
def test_allowed_html_and_markdown_pass(body):
    assert problems(body) == []


@pytest.mark.parametrize(
    "body",
    [
        '```html\n<script>alert(1)</script>\n<iframe src="https://x.example"></iframe>\n```\n',
        "~~~~\n<img src=x onerror=alert(1)>\n~~~~\n",
        "!!! note\n\n    ```html\n    <script>alert(1)</script>\n    ```\n",
        "> ```\n> <script>x</script>\n> ```\n",
        'Write `<script>` or ``<a onclick="x">`` in prose.\n',
        "Use `[x](javascript:alert(1))` as an example of what not to do.\n",
        "<!-- <script>alert(1)</script> -->\n",
        "````md\n```\n<script>inner</script>\n```\n````\n",
    ],
)
def test_code_and_comments_are_ignored(body):
    assert problems(body) == []


def test_code_block_does_not_hide_what_follows_it():
    body = "```\ncode\n```\n\n<script>alert(1)</script>\n"
    assert problems(body)[0].startswith(f"{PATH}:9: raw <script> tag")


def test_front_matter_is_not_checked():
    text = "---\ntitle: '<script>alert(1)</script>'\n---\n\nBody.\n"
    assert markup_safety.check_text(text, PATH) == []


def test_the_real_pages_are_safe():
    assert [str(p) for p in markup_safety.check_docs(ROOT / "docs")] == []


def test_command_line_reports_and_fails(tmp_path):
    page = tmp_path / "bad.md"
    page.write_text('Hi\n\n<iframe src="https://x.example"></iframe>\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "markup_safety.py"), str(page)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "bad.md:3: <iframe> embeds content from elsewhere" in result.stdout


def test_unsafe_markup_fails_the_real_build(project, tmp_path):
    page = project / "docs" / "start-here.md"
    text = page.read_text(encoding="utf-8")
    lines = text.count("\n")
    page.write_text(text + '\n<img src="https://tracker.example/p.gif" alt="">\n', encoding="utf-8")
    result = run_build(project, tmp_path / "out", SITE_SKIP_PDFS="1")
    assert result.returncode != 0
    assert (
        f"docs/start-here.md:{lines + 2}: <img> loads https://tracker.example/p.gif from another site" in result.stderr
    )
    assert "How to fix:" in result.stderr
