"""Turn MkDocs' link and navigation warnings into messages a writer can act on.

MkDocs says what is wrong ("contains a link 'x', but the target is not
found") but not where in the file or what to do. `explain` adds both: the
line of the page where the link is written, and a "How to fix" hint, in the
same "docs/page.md:LINE: ... How to fix: ..." form as the site's own checks.
"""

from __future__ import annotations

import re
from pathlib import Path

DOC_LINK = re.compile(
    r"^Doc file '(?P<page>[^']+)' contains (?:a|an unrecognized relative|an absolute) link '(?P<link>[^']+)'"
)
HINTS = [
    (
        re.compile(r"does not contain an anchor"),
        "link to a heading that exists on that page; a heading like '## Crisis lines' has the anchor #crisis-lines",
    ),
    (
        re.compile(r"is not found among documentation files"),
        "check the path: it is relative to this page (for example ../letters/empathy-letter.md) and must end in .md",
    ),
    (
        re.compile(r"unrecognized relative link"),
        "link to the page's Markdown file, for example ../get-help/index.md, not to a folder or web address",
    ),
    (
        re.compile(r"absolute link"),
        "write the link relative to this page, for example ../get-help/crisis-and-safety.md",
    ),
    (
        re.compile(r"exist in the docs directory, but are not included in the \"nav\""),
        "add each page to the nav: section of mkdocs.yml (make new does this for new pages), or delete it",
    ),
    (
        re.compile(r"is included in the 'nav' configuration, which is not found"),
        "fix the path in the nav: section of mkdocs.yml, or restore the page",
    ),
]


def explain(message: str, docs_dir: Path) -> str:
    """The message with the page's line number and a fix, when known."""
    hint = next((h for pattern, h in HINTS if pattern.search(message)), None)
    if hint is None or "How to fix:" in message:
        return message
    link = DOC_LINK.match(message)
    if link:
        page = link["page"]
        where = f"docs/{page}"
        line = _line_of(docs_dir / page, link["link"])
        if line:
            where += f":{line}"
        message = f"{where}: {message}"
    return f"{message} How to fix: {hint}."


def _line_of(page: Path, link: str) -> int | None:
    try:
        lines = page.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for number, text in enumerate(lines, start=1):
        if f"({link}" in text or f"]: {link}" in text or f'"{link}"' in text:
            return number
    return None
