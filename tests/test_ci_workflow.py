"""The pull-request workflow: problems annotated on their file and line, a
summary that says how to fix them, and the same Debian as .ci/run."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from conftest import ROOT
from site_core import ci_summary, content_model

WORKFLOW = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8"))
MATCHERS = json.loads((ROOT / ".github" / "problem-matchers" / "site-checks.json").read_text(encoding="utf-8"))


def annotate(line: str) -> dict | None:
    """What GitHub makes of one output line with our problem matchers."""
    for matcher in MATCHERS["problemMatcher"]:
        pattern = matcher["pattern"][0]
        m = re.match(pattern["regexp"], line)
        if m:
            found = {key: m.group(pattern[key]) for key in ("severity", "file", "line", "message") if key in pattern}
            return {"owner": matcher["owner"], "severity": matcher.get("severity"), **found}
    return None


def real_problem(tmp_path: Path) -> content_model.Problem:
    docs = tmp_path / "docs"
    docs.mkdir()
    page = docs / "page.md"
    page.write_text(
        "---\ntitle: A page\ndescription: A page.\naudience: [couples]\ntags: [Nonsense]\n"
        "editorial_check: 2026-12-01\nnext_check: 2027-12-01\n---\n\nText.\n",
        encoding="utf-8",
    )
    found = content_model.check_file(page, "docs/page.md", docs)
    assert found
    return found[0]


def test_a_check_problem_becomes_an_annotation_on_its_file_and_line(tmp_path):
    problem = real_problem(tmp_path)
    note = annotate(f"error: {problem}")  # as make check prints it
    assert note and note["file"] == "docs/page.md" and note["line"] == str(problem.line)
    assert note["severity"] == "error" and "How to fix" in note["message"]
    assert annotate(f"warning: {problem}")["severity"] == "warning"


def test_a_build_problem_becomes_an_annotation(tmp_path):
    problem = real_problem(tmp_path)
    note = annotate(f"  {problem}")  # as the build lists page problems
    assert note and note["owner"] == "site-build" and note["file"] == "docs/page.md"


def test_progress_lines_are_not_annotated():
    for line in (
        "front matter: ok",
        "INFO    -  Building documentation...",
        "tests/test_site.py ....",
        "error: the site does not build:",
    ):
        assert annotate(line) is None, line


def test_the_summary_lists_each_problem_and_how_to_fix_it(tmp_path):
    problem = real_problem(tmp_path)
    text = ci_summary.summary(
        {
            "check": f"error: {problem}\nfront matter: 1 problem(s)\n",
            "build": f"ERROR - Page problems:\n  {problem}\n",
            "test": "FAILED tests/test_site.py::test_x - AssertionError: no\n= 1 failed, 9 passed in 3.2s =\n",
        }
    )
    assert "### `make check`: problems found" in text and str(problem) in text
    assert "`tests/test_site.py::test_x`" in text and "(1 failed, 9 passed)" in text
    assert "### How to fix" in text and "site-preview" in text


def test_a_clean_run_says_ok_without_advice():
    text = ci_summary.summary({"check": "front matter: ok\n", "build": "", "test": "= 10 passed in 1.0s =\n"})
    assert "`make check`: ok" in text and "How to fix" not in text and "(10 passed)" in text
    assert "did not run" in ci_summary.summary({"check": None, "build": None, "test": None})


def test_the_workflow_runs_in_the_debian_that_ci_run_expects():
    job = WORKFLOW["jobs"]["test"]
    debian = Path("/etc/debian_version").read_text().split(".")[0] if Path("/etc/debian_version").exists() else None
    assert job["container"].startswith("debian:")
    if debian and debian.isdigit():
        assert job["container"] == f"debian:{debian}"
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    for command in (
        "bash .ci/run --install-only",
        "make check",
        "make build",
        "make test",
        "::add-matcher::.github/problem-matchers/site-checks.json",
        "site_core.ci_summary",
    ):
        assert command in runs, command
    uploads = [s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact")]
    assert uploads and uploads[0]["with"]["path"] == "site"
