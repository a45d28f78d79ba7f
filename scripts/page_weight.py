"""Page weight: the bytes a first visit to a built page transfers, compressed.

Works on the built site only. For one page it lists the files a first visit
loads (the HTML, its stylesheets and scripts, the font files those
stylesheets declare for characters the page's text has, as a browser
reads each file's unicode-range, the icon, and what docs/assets/javascripts/page-scripts.js
fetches for a page that has what those scripts work on), gzips each at level 6 as a static host would (fonts and
images are sent as they are), and sums them. The search index is not on the
list: the site fetches it only when a reader starts a search
(docs/assets/javascripts/search-on-demand.js), and `scripts/bench.py`
measures it, and the real transfer in a browser, separately.

The size budget test (tests/test_size_budget.py) and the benchmark use it.
Command line: `python scripts/page_weight.py SITE_DIR PAGE.html...`.
"""

from __future__ import annotations

import gzip
import posixpath
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser as Selector

BUDGET = 150 * 1024  # a first visit to an article, search index excluded
# What page-scripts.js fetches for a page that has an element the selector
# matches (from the edition's root), and what those scripts fetch in turn.
ON_DEMAND = {
    ".ws-field, [data-ws-papers]": ["assets/javascripts/worksheets.js"],
    "[data-sc-form]": ["assets/javascripts/self-check.js", "assets/self-check.json"],
}
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+?)['"]?\s*\)""")
FONT_FACE = re.compile(r"@font-face\s*{[^}]*}", re.I)
UNICODE_RANGE = re.compile(r"unicode-range\s*:\s*([^;}]+)", re.I)
RANGE_PART = re.compile(r"U\+([0-9A-F?]+)(?:-([0-9A-F]+))?", re.I)


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self.icons: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        rel = set((a.get("rel") or "").lower().split())
        if tag == "link" and "stylesheet" in rel and a.get("href"):
            self.styles.append(a["href"])
        elif tag == "link" and "icon" in rel and a.get("href"):
            self.icons.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.scripts.append(a["src"])


def _local(base: Path, site: Path, url: str) -> Path | None:
    """The file in the built site that a relative address in `base` points to."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    target = (
        site / posixpath.normpath(posixpath.join(base.parent.relative_to(site).as_posix(), unquote(parts.path)))
    ).resolve()
    return target if target.is_file() and target.is_relative_to(site.resolve()) else None


def unicode_range(face: str) -> set[int] | None:
    """The code points a @font-face rule's unicode-range covers; None without one (it covers all)."""
    declared = UNICODE_RANGE.search(face)
    if not declared:
        return None
    points: set[int] = set()
    for start, end in RANGE_PART.findall(declared.group(1)):
        low, high = (start.replace("?", "0"), end or start.replace("?", "F"))
        points.update(range(int(low, 16), int(high, 16) + 1))
    return points


def page_characters(html: str) -> set[int]:
    """Every character of the page's text (what a font may be asked to draw), scripts and styles aside."""
    tree = Selector(html)
    for node in tree.css("script, style"):
        node.decompose()
    return set(map(ord, tree.root.text() if tree.root else ""))


def sent_bytes(file: Path) -> int:
    """What a compressing static host sends for the file's body."""
    data = file.read_bytes()
    return len(gzip.compress(data, 6, mtime=0)) if file.suffix in COMPRESSED else len(data)


@dataclass
class Weight:
    page: str
    files: dict[str, tuple[str, int]] = field(default_factory=dict)  # path: (kind, bytes sent)

    @property
    def total(self) -> int:
        return sum(size for _, size in self.files.values())

    def by_kind(self) -> dict[str, int]:
        kinds: dict[str, int] = {}
        for kind, size in self.files.values():
            kinds[kind] = kinds.get(kind, 0) + size
        return kinds


def first_visit(site: Path, page: Path) -> Weight:
    """The compressed bytes of a first visit to one built page."""
    site = site.resolve()
    page = page.resolve()
    html = page.read_text(encoding="utf-8")
    refs = _Refs()
    refs.feed(html)
    shown = page_characters(html)
    weight = Weight(page.relative_to(site).as_posix())

    def add(file: Path | None, kind: str) -> None:
        if file is not None:
            weight.files.setdefault(file.relative_to(site).as_posix(), (kind, sent_bytes(file)))

    add(page, "html")
    for href in refs.styles:
        css = _local(page, site, href)
        add(css, "css")
        if css is None:
            continue
        for face in FONT_FACE.findall(css.read_text(encoding="utf-8")):
            covers = unicode_range(face)
            if covers is not None and not covers & shown:
                continue  # a browser fetches this file only for a page with one of its characters
            for url in CSS_URL.findall(face):
                add(_local(css, site, url), "fonts")
    for src in refs.scripts:
        add(_local(page, site, src), "js")
    for href in refs.icons:
        add(_local(page, site, href), "images")
    # The edition's root: where its own scripts folder is.
    roots = [src.split("assets/javascripts/")[0] for src in refs.scripts if "assets/javascripts/" in src]
    if roots:
        tree = Selector(html)
        for selector, files in ON_DEMAND.items():
            if tree.css_first(selector) is not None:
                for file in files:
                    add(_local(page, site, roots[0] + file), "js" if file.endswith(".js") else "other")
    return weight


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: page_weight.py SITE_DIR PAGE.html...", file=sys.stderr)
        return 2
    site = Path(argv[0])
    for name in argv[1:]:
        w = first_visit(site, site / name)
        kinds = ", ".join(f"{k} {v / 1024:.1f}" for k, v in sorted(w.by_kind().items()))
        print(f"{w.page}: {w.total / 1024:.1f} KB ({kinds})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
