"""Images on a page: every one described, and none too heavy for a phone.

Checks each image a page shows, in Markdown (![alt](path)) or in HTML
(<img>): it needs alt text, so a screen reader can say what it shows, and
a local image file must be at most 300 KB, so a page stays quick on a slow
connection. Code, comments and front matter are skipped, as in
markup_safety, whose masking this reuses.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from site_core.content_model import Problem
from site_core.markup_safety import MD_LINK, mask

MAX_BYTES = 300 * 1024
HINT_ALT = (
    "describe what the image shows in a few words, like ![Two chairs facing each other](../assets/images/chairs.webp); "
    "if it adds nothing, remove it"
)
HINT_SIZE = "resize it (about 1600 px wide is plenty) and save it as WebP or JPEG, under 300 KB"


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str | None, str]] = []  # (line, alt, src)

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            values = dict(attrs)
            self.found.append((self.getpos()[0], values.get("alt"), values.get("src") or ""))

    handle_startendtag = handle_starttag


def images(text: str) -> list[tuple[int, str | None, str]]:
    """(line, alt text or None, address) for every image on the page."""
    masked = mask(text)
    found = [
        (masked.count("\n", 0, m.start()) + 1, m.group(2), m.group(3))
        for m in MD_LINK.finditer(masked)
        if m.group(1) == "!"
    ]
    parser = _Images()
    parser.feed(masked)
    parser.close()
    return found + parser.found


def check_text(text: str, path: str, page: Path | None = None) -> list[Problem]:
    """Problems with one page's images; page is its file, to find local images."""
    problems = []
    for line, alt, src in images(text):
        if not (alt or "").strip():
            problems.append(Problem(path, line, None, f"the image {src} has no alt text", HINT_ALT))
        local = _local_file(page, src)
        if local is not None and local.stat().st_size > MAX_BYTES:
            size = local.stat().st_size // 1024
            problems.append(
                Problem(path, line, None, f"the image {src} is {size} KB, over the 300 KB limit", HINT_SIZE)
            )
    return problems


def _local_file(page: Path | None, src: str) -> Path | None:
    parts = urlsplit(src)
    if page is None or parts.scheme or parts.netloc or not parts.path:
        return None
    target = (page.parent / posixpath.normpath(unquote(parts.path))).resolve()
    return target if target.is_file() else None


def check_file(file: Path, rel: str) -> list[Problem]:
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return []  # the content model reports it
    return check_text(text, rel, file)
