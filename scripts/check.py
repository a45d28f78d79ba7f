"""`make check`: the fast content checks a contributor runs before a pull request.

1. Front matter of every page against the content model, citations against
   sources, the help lines' check dates (scripts/help_lines.yml), the
   search vocabulary (scripts/search_words.yml), the self-check's
   questions and rules (scripts/self_check.yml), the names in examples
   (scripts/cast.yml), the worksheet packets (scripts/packets.yml) and the
   diagrams (includes/diagrams/).
2. Reading grade of every page (Flesch-Kincaid, 8.0 at most).
3. Safe markup: no scripts, event handlers, javascript: links, embeds or
   files from other sites in any page (scripts/markup_safety.py), no
   help-line number typed by hand, no raw HTML or scripted SVG in docs/.
4. Code style: ruff's lint and format check on scripts/ and tests/.
5. Links and anchors: a strict MkDocs build into a throwaway folder, which
   also scans the built HTML (scripts/html_scan.py).

Prints one line per problem with the file and how to fix it; exits 1 if any.
A draft page, a passed check date and a help line unchecked for 6 months
are warnings here; with CI=true the first two are errors, and a help line
fails at 12 months.

`--front-matter-only` runs step 1 alone, in well under a second: the
pre-commit hook uses it, and it needs only pydantic and PyYAML.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from site_core import (
    content_model,
    diagrams,
    example_names,
    help_lines,
    image_checks,
    markup_safety,
    packets,
    search_words,
    self_check,
)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def front_matter() -> int:
    today = dt.date.today()
    strict = os.environ.get("CI") == "true"
    errors = 0
    for p in search_words.check(DOCS, ROOT / "scripts" / search_words.DATA_FILE.name):
        print(f"error: {p}")
        errors += 1
    for p in self_check.problems(DOCS, ROOT / "scripts" / self_check.DATA_FILE.name):
        print(f"error: {p}")
        errors += 1
    for p in example_names.problems(DOCS, ROOT / "scripts" / example_names.CAST_FILE.name):
        print(f"error: {p}")
        errors += 1
    for p in packets.check(DOCS, ROOT / "scripts" / packets.DATA_FILE.name):
        print(f"error: {p}")
        errors += 1
    for p in diagrams.check(ROOT, DOCS):
        print(f"error: {p}")
        errors += 1
    for p in help_lines.check_staleness(today):
        print(f"{p.severity}: {p}")
        errors += p.severity == "error"
    for p in content_model.check_docs(DOCS, today=today):
        is_error = p.severity == "error" or strict
        print(f"{'error' if is_error else 'warning'}: {p}")
        errors += is_error
    errors += _translations_front_matter(today, strict)
    return errors


def _translations_front_matter(today: dt.date, strict: bool) -> int:
    """Each translation's pages, its links to English pages, its diagrams and self-check words."""
    from site_core import editions

    errors = 0
    for edition in editions.translations(ROOT):
        docs = edition.docs_dir(ROOT)
        problems = (
            self_check.problems(DOCS, ROOT / edition.data)
            + diagrams.check(ROOT, docs, edition)
            + editions.link_problems(edition, ROOT)
        )
        for p in problems:
            print(f"error: {p}")
        errors += len(problems)
        for p in content_model.check_docs(docs, today=today):
            is_error = p.severity == "error" or strict
            print(f"{'error' if is_error else 'warning'}: {p}")
            errors += is_error
    return errors


def reading_grade() -> int:
    from site_core import readability  # here, so the front-matter-only run needs no Markdown stack

    errors = 0
    for page in sorted(DOCS.rglob("*.md")):
        try:
            g = readability.grade(page.read_text(encoding="utf-8"), page.relative_to(ROOT).as_posix())
        except UnicodeDecodeError:
            continue  # already reported by the front matter check
        except ValueError as err:  # a malformed answer field, with its file and line
            print(f"error: {err}")
            errors += 1
            continue
        if g > readability.MAX_GRADE:
            rel = page.relative_to(ROOT)
            print(
                f"error: {rel}: reading grade {g:.1f} is above {readability.MAX_GRADE}. "
                "How to fix: use shorter sentences (20 words or fewer) and plainer words."
            )
            errors += 1
    return errors


def reading_ease_es() -> int:
    """The Spanish edition's pages: each easy enough, and the edition's median."""
    import statistics

    from site_core import editions, readability

    errors, scores = 0, []
    if editions.SPANISH not in editions.translations(ROOT):
        return 0
    for page in sorted(editions.SPANISH.docs_dir(ROOT).rglob("*.md")):
        rel = page.relative_to(ROOT).as_posix()
        try:
            score = readability.ease_es(page.read_text(encoding="utf-8"), rel)
        except (UnicodeDecodeError, ValueError) as err:
            print(f"error: {rel}: {err}")
            errors += 1
            continue
        scores.append(score)
        if score < readability.MIN_EASE_ES:
            print(
                f"error: {rel}: Spanish reading ease {score:.1f} is below {readability.MIN_EASE_ES:.0f} "
                "(Fernández Huerta). How to fix: shorter sentences and shorter, everyday words."
            )
            errors += 1
    if scores and statistics.median(scores) < readability.MIN_MEDIAN_EASE_ES:
        print(
            f"error: es/docs: the Spanish pages' median reading ease {statistics.median(scores):.1f} is below "
            f"{readability.MIN_MEDIAN_EASE_ES:.0f}. How to fix: simplify the pages with the lowest scores."
        )
        errors += 1
    return errors


def translations() -> int:
    """Translations whose English source changed since: warnings, so an
    English edit never waits for its translation."""
    from site_core import editions

    for item in editions.stale(ROOT) if editions.translations(ROOT) else []:
        print(f"warning: {item}")
    return 0


def markup() -> int:
    from site_core import (
        editions,
        html_scan,  # here, so the front-matter-only run stays small
    )

    folders = [DOCS] + [edition.docs_dir(ROOT) for edition in editions.translations(ROOT)]
    pages = [page for folder in folders for page in sorted(folder.rglob("*.md"))]
    problems = [p for folder in folders for p in markup_safety.check_docs(folder)] + [
        problem
        for page in pages
        for problem in (
            image_checks.check_file(page, page.relative_to(ROOT).as_posix())
            + help_lines.literal_numbers(
                page.read_text(encoding="utf-8", errors="replace"), page.relative_to(ROOT).as_posix()
            )
        )
    ]
    problems += html_scan.scan_assets(DOCS)
    for p in problems:
        print(f"error: {p}")
    return len(problems)


def links() -> int:
    """Both editions, built strictly as make build does (the Spanish one in es/)."""
    from site_core import editions

    builds = [("mkdocs.yml", "")] + [(e.config, e.prefix) for e in editions.translations(ROOT)]
    with tempfile.TemporaryDirectory() as out:
        for config, prefix in builds:
            site_dir = f"{out}/{prefix}"
            result = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "--site-dir", site_dir],
                cwd=ROOT,
                capture_output=True,
                text=True,
                env={**os.environ, "SITE_SKIP_PDFS": "1"},
            )
            if result.returncode:
                break
    if result.returncode:
        # Keep MkDocs' warnings and errors (and their continuation lines), not its progress.
        lines, keep = [], False
        for line in result.stderr.splitlines():
            if line.startswith(("WARNING", "ERROR", "Aborted")):
                keep = True
            elif not line.startswith((" ", "\t")):
                keep = False
            if keep:
                lines.append(line)
        print("error: the site does not build:")
        print("\n".join(lines) or result.stderr.strip())
        return 1
    return 0


def code_style() -> int:
    """ruff (pinned; settings in pyproject.toml) on the site's Python: lint, then format."""
    errors = 0
    runs = ((["check", "--output-format", "concise"], "ruff check --fix"), (["format", "--check"], "ruff format"))
    for args, fix in runs:
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *args, "scripts", "tests"], cwd=ROOT, capture_output=True, text=True
        )
        if result.returncode:
            print(result.stdout.strip() or result.stderr.strip())
            print(f"error: fix with: .venv/bin/{fix} scripts tests")
            errors += 1
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The fast content checks to run before a pull request.")
    parser.add_argument(
        "--front-matter-only",
        action="store_true",
        help="check only the front matter of every page (the pre-commit hook)",
    )
    args = parser.parse_args(argv)
    steps = [
        ("front matter", front_matter),
        ("reading grade", reading_grade),
        ("Spanish reading ease", reading_ease_es),
        ("translations up to date", translations),
        ("safe markup and images", markup),
        ("code style", code_style),
        ("links and build", links),
    ]
    if args.front_matter_only:
        steps = steps[:1]
    failed = blocking = 0
    for name, step in steps:
        if step is links and blocking:
            # The build stops on the same page problems; fix those first.
            print(f"{name}: skipped until the problems above are fixed")
            continue
        errors = step()
        if step in (front_matter, markup):
            blocking += errors
        print(f"{name}: {'ok' if not errors else f'{errors} problem(s)'}")
        failed += errors
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
