"""`make check`: the fast content checks a contributor runs before a pull request.

1. Front matter of every page against the content model.
2. Reading grade of every page (Flesch-Kincaid, 8.0 at most).
3. Links and anchors: a strict MkDocs build into a throwaway folder.

Prints one line per problem with the file and how to fix it; exits 1 if any.
A passed review date is a warning here and an error when CI=true.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import content_model
import readability

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def front_matter() -> int:
    problems = content_model.check_docs(DOCS, today=dt.date.today())
    strict = os.environ.get("CI") == "true"
    errors = 0
    for p in problems:
        is_error = p.severity == "error" or strict
        print(f"{'error' if is_error else 'warning'}: {p}")
        errors += is_error
    return errors


def reading_grade() -> int:
    errors = 0
    for page in sorted(DOCS.rglob("*.md")):
        try:
            g = readability.grade(page.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue  # already reported by the front matter check
        if g > readability.MAX_GRADE:
            rel = page.relative_to(ROOT)
            print(f"error: {rel}: reading grade {g:.1f} is above {readability.MAX_GRADE}. "
                  "How to fix: use shorter sentences (20 words or fewer) and plainer words.")
            errors += 1
    return errors


def links() -> int:
    with tempfile.TemporaryDirectory() as out:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", out],
            cwd=ROOT, capture_output=True, text=True,
            env={**os.environ, "SITE_SKIP_PDFS": "1"})
    if result.returncode:
        print("error: the site does not build:")
        print(result.stderr.strip() or result.stdout.strip())
        return 1
    return 0


def main() -> int:
    steps = [("front matter", front_matter), ("reading grade", reading_grade), ("links and build", links)]
    failed = 0
    for name, step in steps:
        errors = step()
        print(f"{name}: {'ok' if not errors else f'{errors} problem(s)'}")
        failed += errors
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
