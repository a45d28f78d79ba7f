"""Material's stylesheets, cut down to the rules this site's pages can use.

Material ships one main.css for every feature of the theme (137 KB, 23 KB
compressed) and one palette.css with every colour it offers, and a phone
downloads both before it paints anything. This site uses a fraction of
them. After a build, this writes one copy of both holding only the rules
that can match something here, main's then the palette's, and the pages
link the copy in place of the two (one request before the first paint,
not two).

A selector can match only if every class it names, and every value it
asks of an attribute ([data-md-color-primary=indigo]), appears as a word
in the built pages, their scripts or their data: scripts add classes and
set attributes after a page loads. A word in a script that ends in - or _
may be a prefix the script completes ("md-status--" + kind), so classes
that start with it count as used. Inside :is(), :where() and :has(),
one of the selectors listed must be able to match; what a selector says
inside :not() is not judged. A value of dir, which only templates write,
must be in the pages themselves. At-rules other than @media, @supports,
@container and @layer (@font-face, @keyframes) stay whole: when in
doubt, a rule stays.

Material's files stay beside the copy, untouched, so each build cuts
from the whole file: a --dirty rebuild, the live preview and the Spanish
edition (its own folder, its own copy) stay right. A cut is kept in
.cache/ under a hash of the file, the words and this module's code
(site_core.build_cache), so a rebuild that changed none of them does not
cut again. A copy's name holds a hash of its content, so no browser keeps
a stale one.

tests/test_used_css_browser.py shows pages look the same, to the pixel,
with the whole files and with the copy.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import tinycss2

from site_core import build_cache

STYLESHEETS = "assets/stylesheets"
# Material's stylesheets carry a hash of their content in their name.
MATERIAL = re.compile(r"^(main|palette)\.([0-9a-f]{8})\.min\.css$")
# Our copy: both cut files in one, named after both of Material's
# (main.57a0d79d+palette.fb2fffe2.used.1a2b3c4d.css).
COPY = re.compile(r"^main\.[0-9a-f]{8}(?:\+palette\.[0-9a-f]{8})?\.used\.[0-9a-f]{8}\.css$")
_NAME = r"(?:main|palette)\.[0-9a-f]{8}(?:\+palette\.[0-9a-f]{8})?\.(?:min|used\.[0-9a-f]{8})\.css"
# A stylesheet link, with the address's folder part and file name apart.
LINK = re.compile(r"""(<link\b[^>]*?\bhref=")([^"]*?)(""" + _NAME + r""")(")""")
# A whole link tag to Material's palette, and the line break after it.
PALETTE_LINK = re.compile(r"""<link\b[^>]*?\bhref="([^"]*?)(palette\.[0-9a-f]{8}\.min\.css)"[^>]*>\n?""")
# A word, as class names and attribute values are written: ASCII, like all of
# Material's. The scan reads files as bytes, which halves its time; a name
# outside this pattern is never judged, since the scan could not find it.
WORD = re.compile(r"[A-Za-z0-9_-]+")
WORD_BYTES = re.compile(WORD.pattern.encode())
# Files a page's classes and attributes can come from.
SOURCES = {".html", ".js", ".json"}
# Shorter prefixes ("md-", "__") would count almost every class as used.
SHORTEST_PREFIX = 5
# Pseudo-classes that match only where one of their selectors matches
# (:not() matches where its selectors do not, so it is never judged).
ALTERNATIVES = {"is", "where", "has", "-webkit-any", "-moz-any", "matches"}
# Attributes only the theme's templates and Markdown write, never a script
# (Material's reads the page's dir, to place things right to left, but never
# sets it): a value of theirs must be in the pages themselves. Without this,
# every [dir=rtl] rule would stay, since the script has the word "rtl".
WRITTEN_IN_PAGES = {"dir"}
# Blocks of rules a cut can go into; other at-rules stay whole.
NESTING = {"media", "supports", "container", "layer"}


@dataclass(frozen=True)
class Words:
    """Every word in the site's pages, scripts and data."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    in_pages: frozenset[str] = frozenset()  # the words of the HTML pages alone

    def has(self, name: str) -> bool:
        return name in self.exact or name.startswith(self.prefixes)


@dataclass
class Cut:
    """One stylesheet cut down: which (main, palette), its copy's name, both sizes compressed."""

    family: str
    copy: str  # the copy's name (one copy holds both)
    gzip_before: int
    gzip_after: int


def words_in(site_dir: Path) -> Words:
    found: set[bytes] = set()
    in_pages: set[bytes] = set()
    for path in site_dir.rglob("*"):
        if path.suffix in SOURCES and path.is_file():
            words = WORD_BYTES.findall(path.read_bytes())
            (in_pages if path.suffix == ".html" else found).update(words)
    found |= in_pages
    exact = {word.decode("ascii") for word in found}
    prefixes = tuple(sorted(w for w in exact if w.endswith(("-", "_")) and len(w) >= SHORTEST_PREFIX))
    return Words(frozenset(exact), prefixes, frozenset(word.decode("ascii") for word in in_pages))


def selectors(prelude: list) -> list[list]:
    """A rule's selector list, split at its top-level commas."""
    parts: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def attribute_value(block) -> tuple[str, str] | None:
    """The attribute and the word an attribute selector asks for ([a=b], [a~=b], [a|=b]), else None."""
    tokens = [t for t in block.content if t.type not in ("whitespace", "comment")]
    if len(tokens) >= 3 and tokens[1].type == "literal" and tokens[1].value in ("=", "~=", "|="):
        value = tokens[2].value if tokens[2].type in ("ident", "string") else None
        if value and WORD.fullmatch(value) and tokens[0].type == "ident":
            return tokens[0].lower_value, value
    return None


def can_match(selector: list, words: Words) -> bool:
    """False when the selector names a class or attribute value no page or script has."""
    for n, token in enumerate(selector):
        if token.type == "literal" and token.value == "." and n + 1 < len(selector):
            following = selector[n + 1]
            if following.type == "ident" and WORD.fullmatch(following.value) and not words.has(following.value):
                return False
        elif token.type == "[] block":
            asked = attribute_value(token)
            if asked is not None:
                name, value = asked
                if not (value in words.in_pages if name in WRITTEN_IN_PAGES else words.has(value)):
                    return False
        elif token.type == "function" and token.lower_name in ALTERNATIVES:
            if not any(can_match(s, words) for s in selectors(token.arguments)):
                return False
    return True


def cut_rules(rules: list, words: Words) -> str:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            kept = [s for s in selectors(rule.prelude) if can_match(s, words)]
            if kept:
                prelude = ",".join(tinycss2.serialize(s).strip() for s in kept)
                out.append(prelude + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in NESTING:
            inner = cut_rules(
                tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True), words
            )
            if inner:
                out.append("@" + rule.at_keyword + tinycss2.serialize(rule.prelude) + "{" + inner + "}")
        elif rule.type != "error":
            out.append(tinycss2.serialize([rule]))
    return "".join(out)


def cut(css: str, words: Words) -> str:
    """The stylesheet with only the rules that can match (its source map comment goes too)."""
    return cut_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), words)


class _KeptCuts:
    """The last build's cuts for one site address (an edition), replaced whole
    on each build, so the folder holds one build's answers, not every build's."""

    KIND = "used-css"

    def __init__(self, base_path: str, words: Words):
        self.judge = build_cache.digest(
            "\0".join(
                [
                    build_cache.code(__file__, "tinycss2"),
                    " ".join(sorted(words.exact)),
                    " ".join(words.prefixes),
                    " ".join(sorted(words.in_pages)),
                ]
            )
        )
        self.words = words
        self.table = build_cache.Table(self.KIND, base_path)

    def cut(self, css: str) -> str:
        return self.table.get(build_cache.digest(f"{self.judge}\0{css}"), lambda: cut(css, self.words))

    def save(self) -> None:
        self.table.save()


def apply(site_dir: Path, base_path: str = "/") -> list[Cut]:
    """Cut Material's stylesheets in site_dir's assets and point the pages
    that link them at the copies. base_path is the site's path on its host
    (/site/), which addresses from the root start with (the 404 page's)."""
    folder = site_dir / STYLESHEETS
    originals = sorted(p for p in folder.glob("*.min.css") if MATERIAL.match(p.name)) if folder.is_dir() else []
    if not originals:
        return []
    words = words_in(site_dir)
    kept = _KeptCuts(base_path, words)
    # main before palette, as the theme links them; one file to fetch, not
    # two, and the same rules in the same order.
    originals.sort(key=lambda p: MATERIAL.match(p.name).group(1) != "main")
    names, texts, sizes = [], [], []
    for original in originals:
        family, name_hash = MATERIAL.match(original.name).groups()
        css = original.read_text(encoding="utf-8")
        texts.append(kept.cut(css))
        names.append(f"{family}.{name_hash}")
        sizes.append((family, _gzip_size(css), _gzip_size(texts[-1])))
    kept.save()
    text = "\n".join(texts)
    copy = folder / f"{'+'.join(names)}.used.{hashlib.sha256(text.encode()).hexdigest()[:8]}.css"
    if not copy.is_file() or copy.read_text(encoding="utf-8") != text:
        copy.write_text(text, encoding="utf-8")
    for old in folder.glob("*.used.*.css"):
        if COPY.match(old.name) and old != copy:
            old.unlink()
    for page in site_dir.rglob("*.html"):
        _relink(page, site_dir, base_path, copy)
    return [Cut(family, copy.name, before, after) for family, before, after in sizes]


def _relink(page: Path, site_dir: Path, base_path: str, copy: Path) -> None:
    """Point the page's link to this site's main Material stylesheet at the
    copy, and drop its link to the palette, which the copy holds too."""
    text = page.read_text(encoding="utf-8")
    folder = os.path.normpath(site_dir / STYLESHEETS)

    def ours(address: str, name: str) -> bool:
        """Whether the link is to this site's stylesheets (not another edition's)."""
        if address.startswith("/"):
            within = address.removeprefix(base_path.rstrip("/") + "/")
            target = os.path.normpath(site_dir / within / name) if within != address else ""
        else:
            target = os.path.normpath(page.parent / address / name)
        return os.path.dirname(target) == folder

    def relinked(match: re.Match) -> str:
        start, address, name, end = match.groups()
        if not name.startswith("main.") or not ours(address, name):
            return match.group(0)
        return start + address + copy.name + end

    def unlinked(match: re.Match) -> str:
        return "" if "+palette." in copy.name and ours(*match.groups()) else match.group(0)

    new = PALETTE_LINK.sub(unlinked, LINK.sub(relinked, text))
    if new != text:
        page.write_text(new, encoding="utf-8")


def _gzip_size(text: str) -> int:
    return len(gzip.compress(text.encode(), 6, mtime=0))
