"""Where a page's text came from, for error messages.

Engines hand Markdown extensions the page body without its file name or
front matter. The MkDocs hook puts one comment first, `<!-- site_core:
docs/x.md:12 -->` (the file, and the file line of the body's first line);
the `site_core_location` preprocessor takes it off before anything else
runs and keeps the original lines, so an extension can turn a piece of text
back into "docs/x.md:14". Without the comment (another engine, a unit
test), lines count from the body's start.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.preprocessors import Preprocessor

MARKER = re.compile(r"^<!-- site_core: (?P<path>\S+):(?P<line>\d+) -->$")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")

try:  # under MkDocs and ProperDocs, a BuildError stops the build cleanly, without a traceback
    from mkdocs.exceptions import BuildError as _EngineError
except ImportError:  # pragma: no cover - another engine
    _EngineError = Exception


class PageError(_EngineError, ValueError):
    """A problem in a page, with where it is and how to fix it."""


def marker(path: str, first_line: int) -> str:
    return f"<!-- site_core: {path}:{first_line} -->"


class _Location(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        found = MARKER.match(lines[0]) if lines else None
        if found:
            lines = lines[1:]
        self.md.site_core_source = (
            found["path"] if found else "the page",
            int(found["line"]) if found else 1,
            list(lines),
        )
        return lines


def register(md: Markdown) -> None:
    """Add the location preprocessor once, ahead of every other."""
    if "site_core_location" not in md.preprocessors:
        md.preprocessors.register(_Location(md), "site_core_location", 200)


def where(md: Markdown, text: str) -> str:
    """'docs/x.md:14' for the first line outside code that holds text."""
    path, first, lines = getattr(md, "site_core_source", ("the page", 1, []))
    fence = None
    needle = text.strip()
    for number, line in enumerate(lines, start=first):
        opening = FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is not None and opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
            fence = None
        elif fence is None and needle and needle in line:
            return f"{path}:{number}"
    return path
