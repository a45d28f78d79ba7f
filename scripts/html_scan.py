"""The last word on safety: a parse of the HTML, SVG and CSS readers get.

Source checks (markup_safety.py) read Markdown and give good line numbers,
but text reaches a page by many routes: the body, blocks nested in blocks,
attribute lists, includes, front matter, the glossary, theme overrides.
This module judges the result instead, with a real HTML parser, so no route
can walk around it. In a built file it reports:

- any script element but the pinned ones (scripts/pinned_scripts.yml), and
  any inline event handler attribute;
- javascript:, vbscript: and data: addresses, however they are cased,
  entity-encoded or split by whitespace;
- forms that submit to another site;
- anything loaded from another origin: src, srcset, poster, stylesheets,
  preloads and icons, CSS url() and @import in style attributes, style
  elements and stylesheets;
- frames, objects, embeds, <base> and <meta http-equiv> other than the
  policy's own.

The parser is lexbor (selectolax), which follows the HTML standard, so a
page is read the way a browser reads it.

Each finding is (message, hint); site-level callers add the page's source.
A whole-site scan keeps each document's answer until the document, this
module, the pinned scripts or the parser change (_KeptScans).
Command line: `python scripts/html_scan.py SITE_DIR [DOCS_DIR]`.
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import html
import posixpath
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from selectolax.lexbor import LexborHTMLParser

from site_core import build_cache

PINNED_FILE = Path(__file__).with_name("pinned_scripts.yml")

# Elements that bring in another document or plugin.
EMBEDS = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe"}
# Attributes that hold an address the browser may follow or fetch.
URL_ATTRS = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "cite",
    "longdesc",
    "usemap",
    "manifest",
    "codebase",
    "ping",
    "lowsrc",
    "dynsrc",
    "srcset",
    "imagesrcset",
    "archive",
    "classid",
    "profile",
    "icon",
    "itemtype",
}
# SVG animation attributes that can set an address on another attribute.
ANIMATION_VALUES = {"values", "to", "from", "by"}
# What each element fetches as the page loads (or on a click, for ping).
LOADS = {
    "img": ("src", "srcset", "lowsrc", "dynsrc"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
    "script": ("src", "href", "xlink:href"),
    "link": ("href", "imagesrcset"),
    "body": ("background",),
    "table": ("background",),
    "tbody": ("background",),
    "thead": ("background",),
    "tfoot": ("background",),
    "tr": ("background",),
    "td": ("background",),
    "th": ("background",),
    "a": ("ping",),
    "area": ("ping",),
}
# <link rel> values that only describe a relation; nothing is fetched.
DESCRIPTIVE_RELS = {
    "canonical",
    "alternate",
    "author",
    "license",
    "help",
    "bookmark",
    "external",
    "next",
    "prev",
    "me",
    "nofollow",
    "noopener",
    "noreferrer",
    "tag",
}
# <meta http-equiv> values the build itself writes or that change nothing.
HARMLESS_HTTP_EQUIV = {"content-security-policy", "x-ua-compatible", "content-type"}
CSS_REFERENCE = re.compile(
    r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s*(['"])(.*?)\3|image-set\(\s*(['"])(.*?)\5""", re.I | re.S
)
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.S)
CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.S)
SCRIPT_MIME = {
    "",
    "text/javascript",
    "application/javascript",
    "module",
    "text/ecmascript",
    "application/ecmascript",
    "application/x-javascript",
    "application/x-ecmascript",
    "text/jscript",
    "text/livescript",
    "text/x-javascript",
    "text/x-ecmascript",
}

HINT_SCRIPT = (
    "remove it. Pages run only the theme's own scripts (scripts/pinned_scripts.yml); to show code, "
    "put it in a fenced code block. After a Material upgrade, review the theme's new script and pin it there"
)
HINT_HANDLER = "remove the attribute; use a plain link or a Markdown feature (admonitions, tabs, details) instead"
HINT_SCRIPT_URL = (
    "link to a page of this site (like ../get-help/index.md) or to a web address that starts "
    "with https://; save images and files under docs/assets/ and point to them"
)
HINT_FORM = "remove the form; link to the other site instead, so nothing a reader types is sent from this one"
HINT_EXTERNAL = (
    "save a copy under docs/assets/ (check its license first) and point to it with a relative path, "
    "or link to it instead of loading it"
)
HINT_EMBED = "remove it and link to the content instead; embeds load pages and trackers from other sites"
HINT_PAGE_TAG = "remove it; a page's settings belong in its front matter, the site's in mkdocs.yml"


@cache
def pinned() -> dict:
    """The pinned scripts: inline hashes, data scripts and script files."""
    data = yaml.safe_load(PINNED_FILE.read_text(encoding="utf-8"))
    return {
        "inline": {f"'sha256-{item['sha256']}'" for item in data["inline"]},
        "data": {(item["type"], item["id"]) for item in data["data"]},
        "files": [item["path"] for item in data["files"]],
    }


def script_hash(source: str) -> str:
    """The CSP source expression for one inline script: 'sha256-...'."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def clean_url(value: str) -> str:
    """An address as a browser reads its scheme: entities decoded (the parser
    already did once; twice catches double encoding in CSS), whitespace and
    control characters dropped, lower case."""
    return re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(value)).lower()


def is_script_url(value: str) -> bool:
    return clean_url(value).startswith(("javascript:", "vbscript:", "livescript:", "mocha:"))


def is_data_url(value: str) -> bool:
    return clean_url(value).startswith("data:")


def is_external(value: str) -> bool:
    """An address on another origin: a scheme with //, a scheme-relative //host,
    or any scheme but the harmless ones (a relative path has none)."""
    url = clean_url(value).replace("\\", "/")
    if url.startswith("//"):
        return True
    scheme = re.match(r"([a-z][a-z0-9+.-]*):", url)
    return bool(scheme) and scheme.group(1) not in {"mailto", "tel", "sms", "data", "javascript", "vbscript"}


def css_references(css: str) -> list[str]:
    """Every address a piece of CSS may fetch, escapes and comments undone."""
    text = CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), CSS_COMMENT.sub("", css))
    return [
        next(g for g in (m.group(2), m.group(4), m.group(6)) if g is not None) for m in CSS_REFERENCE.finditer(text)
    ]


def css_findings(css: str, where: str) -> list[tuple[str, str]]:
    found = []
    for url in css_references(css):
        if is_script_url(url):
            found.append((f"{where} uses a script address ({url.strip()[:40]})", HINT_SCRIPT_URL))
        elif is_external(url):
            found.append((f"{where} loads {url.strip()} from another site", HINT_EXTERNAL))
    if re.search(r"expression\s*\(|behavior\s*:|-moz-binding", css, re.I):
        found.append((f"{where} holds a CSS feature that runs code", HINT_SCRIPT))
    return found


def _resolve(page: str, src: str, base_path: str) -> str | None:
    """The site path a same-site address points to, from a page's site path;
    base_path is where the site is published ('/site/' for .../site/)."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        return None
    if parts.path.startswith("/"):
        if not parts.path.startswith(base_path):
            return None
        path = parts.path[len(base_path) :]
    else:
        path = posixpath.join(posixpath.dirname(page), parts.path)
    return posixpath.normpath(path).lstrip("/")


@dataclass
class Scan:
    """What one document holds: findings, and where the policy tags go."""

    findings: list[tuple[str, str]] = field(default_factory=list)
    inline_hashes: set[str] = field(default_factory=set)
    policy_spans: list[tuple[int, int]] = field(default_factory=list)  # our earlier <meta> tags
    charset_end: int | None = None  # just after the first <meta charset>
    head_end: int | None = None  # just after <head>

    @property
    def policy_at(self) -> int | None:
        """Where the policy's <meta> tags go: after <meta charset>, else after <head>."""
        return self.charset_end if self.charset_end is not None else self.head_end


class _Judge:
    """Walks one parsed document and collects what it must not carry."""

    def __init__(self, page: str, svg: bool, base_path: str) -> None:
        self.page, self.svg, self.base_path = page, svg, base_path
        self.scan = Scan()

    def _add(self, message: str, hint: str) -> None:
        if (message, hint) not in self.scan.findings:
            self.scan.findings.append((message, hint))

    def walk(self, root) -> None:
        if root is None:
            return
        for node in root.traverse(include_text=False):
            if node.tag.startswith("-"):  # comments and the doctype: inert, as a browser parses them
                continue
            # SVG keeps its camelCase names (foreignObject, feImage); compare in lower case.
            self.element(node.tag.lower(), {name.lower(): value or "" for name, value in node.attributes.items()}, node)

    def element(self, tag: str, a: dict, node) -> None:
        if tag in EMBEDS:
            self._add(f"<{tag}> embeds content from elsewhere", HINT_EMBED)
        elif tag == "base":
            self._add("<base> changes where every link on the page goes", HINT_PAGE_TAG)
        elif tag == "foreignobject":
            self._add("<foreignObject> puts a web page inside a picture", HINT_EMBED)
        elif tag == "meta":
            self._meta(a)
        elif tag in ("form", "button", "input") and (a.get("action") or a.get("formaction")):
            target = a.get("action") or a.get("formaction")
            if is_external(target):
                self._add(f"<{tag}> sends what a reader types to {target.strip()}", HINT_FORM)
        for name, value in a.items():
            self._attribute(tag, name, value)
        self._loads(tag, a)
        if tag == "script":
            self._script(a, node.text(deep=True))
        elif tag == "style":
            for finding in css_findings(node.text(deep=True), "a <style> element"):
                self._add(*finding)
        elif tag == "template":
            # Inert until a script copies it out: judged as if it were not.
            for finding in scan_document(node.html or "", self.page, self.svg, self.base_path).findings:
                self._add(*finding)

    def _meta(self, a: dict) -> None:
        equiv = a.get("http-equiv", "").strip().lower()
        if equiv == "refresh":
            self._add("<meta http-equiv=refresh> sends the reader to another page", HINT_PAGE_TAG)
        elif equiv and equiv not in HARMLESS_HTTP_EQUIV:
            self._add(f"<meta http-equiv={equiv}> changes how the page behaves", HINT_PAGE_TAG)

    def _attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self._add(f"inline event handler '{name}=' on <{tag}>", HINT_HANDLER)
        elif name in URL_ATTRS or name.endswith(":href"):
            for url in [p.strip().split(" ")[0] for p in value.split(",")] if "srcset" in name else [value]:
                if is_script_url(url):
                    self._add(f"script address in {name}= on <{tag}>", HINT_SCRIPT_URL)
                elif is_data_url(url):
                    self._add(f"data: address in {name}= on <{tag}>", HINT_SCRIPT_URL)
        elif name in ANIMATION_VALUES and re.search(r"(?:java|vb)script:|data:", clean_url(value)):
            self._add(f"script address in {name}= on <{tag}>", HINT_SCRIPT_URL)
        elif name == "style":
            for finding in css_findings(value, f"style= on <{tag}>"):
                self._add(*finding)

    def _loads(self, tag: str, a: dict) -> None:
        names = LOADS.get(tag, ())
        if tag == "link":
            rels = set(a.get("rel", "").lower().split())
            if rels and rels <= DESCRIPTIVE_RELS:
                return
        if tag == "script" or tag in EMBEDS:
            return  # judged as a whole
        for name in names:
            value = a.get(name, "")
            urls = [p.strip().split(" ")[0] for p in value.split(",")] if "srcset" in name else [value]
            for url in filter(None, (u.strip() for u in urls)):
                if tag in ("a", "area") and name == "ping":
                    self._add(f"ping= on <{tag}> reports clicks to {url}", HINT_EXTERNAL)
                elif is_external(url):
                    self._add(f"<{tag}> loads {url} from another site", HINT_EXTERNAL)

    def _script(self, attrs: dict, body: str) -> None:
        kind = attrs.get("type", "").strip().lower()
        src = attrs.get("src") or attrs.get("href") or attrs.get("xlink:href")
        allowed = pinned()
        if self.svg:
            self._add("<script> inside an SVG picture", HINT_SCRIPT)
        elif src is not None:
            target = _resolve(self.page, src.strip(), self.base_path)
            if target is None or not any(fnmatch.fnmatchcase(target, pattern) for pattern in allowed["files"]):
                self._add(f"<script src={src.strip()}> is not one of the theme's script files", HINT_SCRIPT)
        elif kind in SCRIPT_MIME or attrs.get("language"):
            digest = script_hash(body)
            if digest in allowed["inline"]:
                self.scan.inline_hashes.add(digest)
            else:
                self._add(f"inline <script> that is not the theme's own ({' '.join(body.split())[:60]!r})", HINT_SCRIPT)
        elif (kind, attrs.get("id", "")) not in allowed["data"]:
            self._add(f"<script type={kind}> that is not the theme's own", HINT_SCRIPT)


class _HeadPositions(HTMLParser):
    """Where the policy tags go, and the policy tags of an earlier run."""

    def __init__(self, text: str, scan: Scan) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = scan
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def handle_starttag(self, tag, attrs):
        if tag not in ("head", "meta"):
            return
        line, col = self.getpos()
        start = self.line_starts[line - 1] + col
        end = start + len(self.get_starttag_text() or "")
        a = {name: value or "" for name, value in attrs}
        if tag == "head" and self.scan.head_end is None:
            self.scan.head_end = end
        elif tag == "meta":
            if "charset" in a and self.scan.charset_end is None:
                self.scan.charset_end = end
            if (
                a.get("http-equiv", "").strip().lower() == "content-security-policy"
                or a.get("name", "").lower() == "referrer"
            ):
                self.scan.policy_spans.append((start, end))

    handle_startendtag = handle_starttag


def scan_document(text: str, page: str = "index.html", svg: bool = False, base_path: str = "/") -> Scan:
    """Judge one HTML (or SVG) document; page is its path in the site.

    The judging parse is lexbor's (selectolax), which follows the HTML
    standard as browsers do: a comment ends where a browser ends it, and a
    script left open runs to the end of the page. Where the policy tags go
    comes from Python's parser, over the head alone.
    """
    judge = _Judge(page, svg, base_path)
    judge.walk(LexborHTMLParser(text).root)
    head = re.search(r"</head\s*>", text, re.I)
    head_text = text[: head.end()] if head else text
    positions = _HeadPositions(head_text, judge.scan)
    positions.feed(head_text)
    positions.close()
    return judge.scan


# --- Whole site ------------------------------------------------------------------


def source_pages(docs_dir: Path | None) -> dict[str, str]:
    """Built page path -> the Markdown file it comes from (directory URLs)."""
    pages = {}
    if docs_dir is None or not docs_dir.is_dir():
        return pages
    from site_core import editions  # here: editions imports content_model, which imports this module

    folder = editions.of_docs_dir(docs_dir).docs  # docs, or a translation's es/docs
    for file in docs_dir.rglob("*.md"):
        rel = file.relative_to(docs_dir).as_posix()
        stem = rel[:-3]
        if stem == "index" or stem.endswith("/index") or stem.lower().endswith("readme"):
            built = stem.rsplit("/", 1)[0] + "/index.html" if "/" in stem else "index.html"
        else:
            built = f"{stem}/index.html"
        pages[built] = f"{folder}/{rel}"
    return pages


# Pages the theme makes without a Markdown source of their own.
THEME_PAGES = {"404.html": "overrides/404.html"}


@dataclass(frozen=True)
class Finding:
    source: str  # the file to fix
    built: str  # the built file where it shows
    message: str
    hint: str

    def __str__(self) -> str:
        built = f" (built as {self.built})" if self.built != self.source else ""
        return f"{self.source}{built}: {self.message}. How to fix: {self.hint}."


def describe(findings: list[Finding], limit: int = 40) -> list[str]:
    """Findings as lines; one that shows on many pages comes from a template
    or an include, so it is told once, with where to look."""
    by_message: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        by_message.setdefault((f.message, f.hint), []).append(f)
    lines = []
    for (message, hint), group in by_message.items():
        if len(group) > 3:
            names = ", ".join(f.source for f in group[:3])
            lines.append(
                f"{len(group)} pages, among them {names}: {message}. It shows on many pages, so it "
                "comes from a template in overrides/, a file in includes/ or mkdocs.yml. "
                f"How to fix: {hint}."
            )
        else:
            lines += [str(f) for f in group]
    return lines[:limit]


def scan_site(
    site_dir: Path, docs_dir: Path | None = None, base_path: str = "/"
) -> tuple[list[Finding], dict[str, Scan]]:
    """Every finding in the built site, and each HTML page's scan.

    With the English pages' docs_dir, a translation's folder in the site
    (es/) is left out: it is its own build, judged with its own pages."""
    from site_core import editions  # here: editions imports content_model, which imports this module

    sources = source_pages(docs_dir)
    edition = editions.of_docs_dir(docs_dir) if docs_dir is not None else None
    nested = tuple(e.prefix for e in editions.TRANSLATIONS) if edition is editions.ENGLISH else ()
    folder = edition.docs if edition else "docs"
    findings: list[Finding] = []
    scans: dict[str, Scan] = {}
    kept_scans = _KeptScans(f"{folder}\0{base_path}")
    for file in sorted(site_dir.rglob("*")):
        rel = file.relative_to(site_dir).as_posix()
        suffix = file.suffix.lower()
        if suffix not in {".html", ".htm", ".xhtml", ".shtml", ".svg", ".css"} or not file.is_file():
            continue
        if nested and rel.startswith(nested):
            continue
        text = file.read_text(encoding="utf-8", errors="replace")
        copied = f"{folder}/{rel}" if docs_dir is not None and (docs_dir / rel).is_file() else rel
        if suffix == ".css":
            findings += [Finding(copied, rel, m, h) for m, h in css_findings(text, "the stylesheet")]
            continue
        if suffix == ".svg":
            findings += [Finding(copied, rel, m, h) for m, h in kept_scans.scan(text, rel, True, base_path).findings]
            continue
        source = sources.get(rel) or THEME_PAGES.get(rel)
        if source is None and suffix == ".html" and docs_dir is not None:
            findings.append(
                Finding(
                    f"{folder}/{rel}",
                    rel,
                    "an HTML file that no page made",
                    "write the page in Markdown under docs/; HTML files there are copied as they "
                    "are, without the site's safety checks",
                )
            )
        scan = kept_scans.scan(text, rel, False, base_path)
        scans[rel] = scan
        findings += [Finding(source or rel, rel, m, h) for m, h in scan.findings]
    kept_scans.save()
    return findings, scans


class _KeptScans:
    """Each document's scan, kept from the last build under a hash of the
    document, its path, this module's code, the pinned scripts and the
    parser's version: judging every page again when none of that changed
    would give the same answer, and takes most of a no-change rebuild's
    publishing time (site_core.build_cache)."""

    KIND = "html-scan"

    def __init__(self, site: str):
        pinned_scripts = repr(sorted((k, sorted(map(str, v))) for k, v in pinned().items()))
        self.judge = build_cache.digest(build_cache.code(__file__, "selectolax") + "\0" + pinned_scripts)
        self.table = build_cache.Table(self.KIND, site)

    def scan(self, text: str, page: str, svg: bool, base_path: str) -> Scan:
        def judged() -> tuple:
            s = scan_document(text, page, svg, base_path)
            return (s.findings, s.inline_hashes, s.policy_spans, s.charset_end, s.head_end)

        key = build_cache.digest(f"{self.judge}\0{page}\0{svg}\0{base_path}\0{text}")
        findings, inline_hashes, policy_spans, charset_end, head_end = self.table.get(key, judged)
        return Scan(list(findings), set(inline_hashes), list(policy_spans), charset_end, head_end)

    def save(self) -> None:
        self.table.save()


# Copied to the site as they are, so never run through a page template.
RAW_HTML = {".html", ".htm", ".xhtml", ".xht", ".shtml", ".mht", ".mhtml", ".svgz", ".xml", ".xsl", ".xslt"}


def scan_assets(docs_dir: Path) -> list[Finding]:
    """Files under docs/ that are not pages: raw HTML, and SVG or CSS that
    runs or loads anything; found before the build, naming the file."""
    findings = []
    for file in sorted(docs_dir.rglob("*")):
        suffix, rel = file.suffix.lower(), f"docs/{file.relative_to(docs_dir).as_posix()}"
        if not file.is_file() or suffix not in RAW_HTML | {".svg", ".css"}:
            continue
        if suffix in RAW_HTML:
            findings.append(
                Finding(
                    rel,
                    rel,
                    f"a {suffix} file among the assets is published without the site's template and checks",
                    "write it as a Markdown page, or remove it",
                )
            )
            continue
        text = file.read_text(encoding="utf-8", errors="replace")
        found = (
            css_findings(text, "the stylesheet") if suffix == ".css" else scan_document(text, rel, svg=True).findings
        )
        findings += [Finding(rel, rel, m, h) for m, h in found]
    return findings


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 3:
        print("usage: html_scan.py SITE_DIR [DOCS_DIR [BASE_PATH]]", file=sys.stderr)
        return 2
    findings, scans = scan_site(
        Path(argv[0]), Path(argv[1]) if len(argv) > 1 else None, argv[2] if len(argv) > 2 else "/"
    )
    for line in describe(findings, limit=10_000):
        print(f"error: {line}")
    print(f"Scanned {len(scans)} pages: {len(findings)} problem(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
