"""Bad input gets a clear error and loses nothing.

Each case copies the project, injects one fault, runs the build or
`make check` (scripts/check.py), and expects a non-zero exit with a message
that names the file, the line where there is one, and how to fix it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import ROOT, copy_project, run_build

PAGE = "docs/start-here.md"
WORKSHEET = "docs/worksheets/daily-check-in.md"


def edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    def inject(project: Path) -> None:
        file = project / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return inject


def append(path: str, extra: str) -> Callable[[Path], None]:
    return edit(path, "## How to use the site", extra + "\n\n## How to use the site") if path == PAGE else \
        (lambda project: (project / path).write_text((project / path).read_text(encoding="utf-8") + extra,
                                                     encoding="utf-8"))


def line_of(path: str, needle: str, project: Path) -> int:
    lines = (project / path).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def add_image(name: str, size: int, markdown: str) -> Callable[[Path], None]:
    def inject(project: Path) -> None:
        images = project / "docs" / "assets" / "images"
        images.mkdir(parents=True, exist_ok=True)
        (images / name).write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * size)
        append(PAGE, markdown)(project)
    return inject


def add_orphan(project: Path) -> None:
    shutil.copy(project / PAGE, project / "docs" / "orphan.md")


def add_field_line(field: str) -> Callable[[Path], None]:
    return edit(WORKSHEET, "## A note on safety", f"{field}\n\n## A note on safety")


def hard_words(project: Path) -> None:
    dense = ("Comprehensive institutional accountability necessitates thorough interpersonal "
             "understanding regarding psychological vulnerability and consequences. ") * 6
    append(PAGE, dense)(project)


def not_utf8(project: Path) -> None:
    file = project / PAGE
    file.write_bytes(file.read_bytes().replace("It is not therapy.".encode(), "It is not th\xe9rapy.".encode("latin-1")))


@dataclass
class Case:
    name: str
    inject: Callable[[Path], None]
    expect: list[str]          # substrings of the output; {line:NEEDLE} is replaced
    run: str = "build"         # "build" or "check"
    needle: str | None = None  # text on the faulty line, to find the expected {line}
    file: str = PAGE           # the file the needle is in
    offset: int = 0            # the faulty line's distance from the needle's line


CASES = [
    Case("malformed YAML", edit(PAGE, "title: Start here", "title: Start here: [oops"),
         ["docs/start-here.md:2: the front matter is not valid YAML"]),
    Case("missing title", edit(PAGE, "title: Start here\n", ""), ["docs/start-here.md: field 'title': is missing"]),
    Case("description too long", edit(PAGE, "description: How to use", "description: " + "Many words " * 14 + "and how to use"),
         ["docs/start-here.md:3: field 'description': String should have at most 160 characters"]),
    Case("unknown audience", edit(PAGE, "audience: [", "audience: [everyone, "),
         ["docs/start-here.md:4: field 'audience': item 0: 'everyone' is not allowed"]),
    Case("unknown tag", edit(PAGE, "tags: [Safety", "tags: [Horoscopes, Safety"),
         ["docs/start-here.md:5: field 'tags': unknown tag(s) 'Horoscopes'"]),
    Case("next review before reviewed", edit(PAGE, "next_review: 2027-11-22", "next_review: 2025-11-22"),
         ["docs/start-here.md: next_review must be a later date than reviewed"]),
    Case("review date passed (CI)", edit(PAGE, "reviewed: 2026-11-22\nnext_review: 2027-11-22",
                                         "reviewed: 2020-01-01\nnext_review: 2021-01-01"),
         ["error: docs/start-here.md:7: field 'next_review': the review date 2021-01-01 has passed"], run="check"),
    Case("broken internal link", append(PAGE, "See [the lost page](no-such-page.md)."),
         ["docs/start-here.md:{line}:", "no-such-page.md"], needle="no-such-page.md"),
    Case("missing anchor", append(PAGE, "See [this part](about/index.md#no-such-part)."),
         ["docs/start-here.md:{line}:", "#no-such-part"], needle="no-such-part"),
    Case("image without alt text", add_image("pic.png", 100, "![](assets/images/pic.png)"),
         ["docs/start-here.md:{line}: the image assets/images/pic.png has no alt text"], needle="pic.png"),
    Case("image over 300 KB", add_image("big.png", 320 * 1024, "![A big picture](assets/images/big.png)"),
         ["docs/start-here.md:{line}: the image assets/images/big.png is 320 KB, over the 300 KB limit"],
         needle="big.png"),
    Case("raw script", append(PAGE, "<script>alert(1)</script>"),
         ["docs/start-here.md:{line}: raw <script> tag"], needle="<script>"),
    Case("inline event handler", append(PAGE, '<div onclick="go()">Click</div>'),
         ["docs/start-here.md:{line}: inline event handler 'onclick='"], needle="onclick"),
    Case("javascript link", append(PAGE, "[Click me](javascript:alert(1))"),
         ["docs/start-here.md:{line}: javascript: address"], needle="javascript:"),
    Case("external image", append(PAGE, "![A cat](https://example.org/cat.png)"),
         ["docs/start-here.md:{line}: image loads https://example.org/cat.png from another site"], needle="cat.png"),
    Case("external stylesheet", append(PAGE, '<link rel="stylesheet" href="https://example.org/x.css">'),
         ["docs/start-here.md:{line}:", "loads https://example.org/x.css from another site"], needle="x.css"),
    Case("page missing from nav", add_orphan, ["orphan.md", "add each page to the nav: section of mkdocs.yml"]),
    Case("answer field with no label", add_field_line(":: lines 3 |"),
         ["docs/worksheets/daily-check-in.md:{line}: the 'lines' answer field has no prompt"],
         needle=":: lines 3 |", file=WORKSHEET),
    Case("unknown answer field", add_field_line(":: slider | How close do I feel?"),
         ["docs/worksheets/daily-check-in.md:{line}: unknown answer field 'slider'"], needle=":: slider", file=WORKSHEET),
    Case("duplicate field names", add_field_line(":: field | Date"),
         ["docs/worksheets/daily-check-in.md:{line}: two fields have the same prompt 'Date'"],
         needle="## A note on safety", file=WORKSHEET, offset=-2),
    Case("reading grade above 8", hard_words, ["error: docs/start-here.md: reading grade", "is above 8.0"], run="check"),
    Case("file not UTF-8", not_utf8, ["docs/start-here.md: the file is not UTF-8 text"]),
]


def run(kind: str, project: Path, out: Path) -> subprocess.CompletedProcess:
    if kind == "build":
        return run_build(project, out, SITE_SKIP_PDFS="1")
    return subprocess.run([sys.executable, "scripts/check.py"], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "CI": "true", "NO_MKDOCS_2_WARNING": "1"})


def test_there_are_enough_cases():
    assert len(CASES) >= 18


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_fault_fails_with_file_line_and_fix(case, project, tmp_path):
    case.inject(project)
    result = run(case.run, project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    line = line_of(case.file, case.needle, project) + case.offset if case.needle else None
    for expected in case.expect:
        assert expected.replace("{line}", str(line)) in output, output
    assert "How to fix:" in output


def test_passed_review_date_is_only_a_warning_outside_ci(project):
    edit(PAGE, "reviewed: 2026-11-22\nnext_review: 2027-11-22", "reviewed: 2020-01-01\nnext_review: 2021-01-01")(project)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    result = subprocess.run([sys.executable, "scripts/check.py", "--front-matter-only"], cwd=project,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0
    assert "warning: docs/start-here.md:7: field 'next_review': the review date 2021-01-01 has passed" in result.stdout


def test_failed_make_build_keeps_the_previous_site(tmp_path):
    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(ROOT / name, project / name)
    make = ["make", "-s", "build", f"VENV={ROOT / '.venv'}"]
    env = {**os.environ, "SITE_SKIP_PDFS": "1"}
    assert subprocess.run(make, cwd=project, env=env, capture_output=True).returncode == 0
    (project / "site" / "marker.txt").write_text("still here")
    edit(PAGE, "title: Start here\n", "")(project)
    failed = subprocess.run(make, cwd=project, env=env, capture_output=True, text=True)
    assert failed.returncode != 0 and "field 'title': is missing" in failed.stderr
    assert (project / "site" / "marker.txt").read_text() == "still here"
    assert (project / "site" / "index.html").is_file()
    assert not (project / "site.new").exists()
