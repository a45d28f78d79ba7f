"""Markup safety: no page can run a script or load anything from elsewhere.

Readers may be watched, so a page must never run code of its own or make a
request to another site. This module reads the Markdown of a page, the way
a contributor wrote it, and reports every construct that could:

- a raw <script> tag;
- an inline event handler attribute (onclick=, onerror=, ...), in HTML or
  in an attribute list like `{ onclick="..." }`;
- a javascript: (or vbscript:) or data: address in a link, image or attribute;
- <iframe>, <frame>, <object>, <embed> and <applet>;
- images, media, scripts and stylesheets from another site (http://,
  https:// or //), in HTML, in Markdown images and in CSS url().

Raw HTML is read with Python's html.parser; code spans, fenced code blocks,
HTML comments and the front matter are blanked first (keeping line numbers),
so a page may still show these things as examples inside code. Every finding
is a content_model.Problem: "docs/x.md:12: ... How to fix: ...".

The MkDocs hook runs it on every page (`on_files`); `scripts/check.py` runs
it without building. Command line: `python scripts/markup_safety.py [FILE...]`.
"""

from __future__ import annotations

import html
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from site_core.content_model import FRONT_MATTER, Problem

FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.S)
COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
# Markdown images and links: ![alt](url) and [text](url), inline or by reference.
MD_LINK = re.compile(r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*<?([^)\s>]*)")
MD_REF_IMAGE = re.compile(r"!\[([^\[\]\n]*)\](?:\[([^\[\]\n]*)\])?")
MD_REF_DEF = re.compile(r"^[ \t]{0,3}\[([^\[\]\n]+)\]:[ \t]*<?(\S+?)>?(?:[ \t]|$)", re.M)
# attr_list blocks, like {: .class onclick="..." } after a heading or a link.
ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*?)[ \t]*\}")
ATTR_PAIR = re.compile(r"""([^\s=]+)=(?:"([^"]*)"|'([^']*)'|(\S+))""")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)

FORBIDDEN_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet"}
# Tags that change how the whole page behaves (where links go, redirects).
PAGE_TAGS = {"base", "meta"}
# Attributes that hold an address a browser may follow or load.
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
}
# Attributes that make the browser fetch something as the page loads.
LOADS = {
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "link": ("href",),
    "script": ("src",),
}

HINT_SCRIPT = (
    "remove it. Pages cannot run scripts of their own; behaviour for the whole site belongs in "
    "docs/assets/javascripts/ and needs a maintainer's review. To show code as an example, "
    "put it in a fenced code block (```)"
)
HINT_HANDLER = (
    "remove the attribute. Pages cannot run scripts; use a plain link or a Markdown feature "
    "(admonitions, tabs, details) instead"
)
HINT_JS_URL = "link to a page of this site (like ../get-help/index.md) or to a web address that starts with https://"
HINT_FRAME = (
    "remove it and link to the content instead, like [Watch the talk](https://example.org/talk). "
    "Embeds load pages and trackers from other sites"
)
HINT_PAGE_TAG = "remove it; a page's settings belong in its front matter, the site's in mkdocs.yml"
HINT_EXTERNAL = (
    "save a copy of the file under docs/assets/ (check its license first) and point to it "
    "with a relative path, like ../assets/images/name.png, or link to it instead of embedding it"
)


def _is_external(url: str) -> bool:
    """An address on another site: any scheme with //, or a scheme-relative //host."""
    return bool(re.match(r"(?:[a-z][a-z0-9+.-]*:)?//|https?:", _clean(url)))


def _clean(url: str) -> str:
    """What a browser sees: entities decoded, whitespace and controls dropped, lower case."""
    return re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()


def _is_script_url(url: str) -> bool:
    return _clean(url).startswith(("javascript:", "vbscript:"))


def _scheme_label(url: str) -> str | None:
    """'javascript:' for an address that runs code, 'data:' for one that
    carries a whole document or file; None for an ordinary address."""
    if _is_script_url(url):
        return "javascript:"
    return "data:" if _clean(url).startswith("data:") else None


def _blank(match: re.Match) -> str:
    """The matched text as spaces, keeping its newlines (and so line numbers)."""
    return re.sub(r"[^\n]", " ", match.group(0))


def mask(text: str) -> str:
    """The page with front matter, fenced code, code spans and HTML comments blanked."""
    front = FRONT_MATTER.match(text)
    if front:
        text = _blank(front) + text[front.end() :]
    lines = text.split("\n")
    fence: str | None = None
    for i, line in enumerate(lines):
        opening = FENCE.match(line)
        if fence is None:
            if opening:
                fence = opening.group(1)
                lines[i] = ""
        else:
            if (
                opening
                and opening.group(1)[0] == fence[0]
                and len(opening.group(1)) >= len(fence)
                and not line[opening.end() :].strip()
            ):
                fence = None
            lines[i] = ""
    text = "\n".join(lines)
    text = COMMENT.sub(_blank, text)
    return CODE_SPAN.sub(_blank, text)


class _Scanner(HTMLParser):
    """Collects (line, message, hint) for every unsafe tag or attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []
        self._style_line: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in FORBIDDEN_TAGS:
            if tag == "script":
                self.found.append((line, "raw <script> tag", HINT_SCRIPT))
            else:
                self.found.append((line, f"<{tag}> embeds content from elsewhere", HINT_FRAME))
        elif tag in PAGE_TAGS:
            self.found.append((line, f"<{tag}> tag changes how the whole page behaves", HINT_PAGE_TAG))
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append((line, f"inline event handler '{name}=' on <{tag}>", HINT_HANDLER))
            elif name in URL_ATTRS and _scheme_label(value):
                self.found.append((line, f"{_scheme_label(value)} address in {name}= on <{tag}>", HINT_JS_URL))
            elif name == "style":
                self._check_css(value, line, f"style= on <{tag}>")
        if tag not in FORBIDDEN_TAGS:  # those are reported whatever they load
            external = [url for url in _loaded_urls(tag, attrs) if _is_external(url)]
            if external:
                self.found.append((line, f"<{tag}> loads {external[0]} from another site", HINT_EXTERNAL))
        if tag == "style":
            self._style_line = line

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "style":
            self._style_line = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._style_line = None

    def handle_data(self, data: str) -> None:
        if self._style_line is not None:
            self._check_css(data, self._style_line, "a <style> block")

    def _check_css(self, css: str, line: int, where: str) -> None:
        for match in CSS_URL.finditer(css):
            url = match.group(1) or match.group(2)
            if _is_external(url):
                self.found.append((line, f"{where} loads {url} from another site", HINT_EXTERNAL))
            elif _is_script_url(url):
                self.found.append((line, f"javascript: address in {where}", HINT_JS_URL))


def _loaded_urls(tag: str, attrs: list[tuple[str, str | None]]) -> list[str]:
    """The addresses a tag makes the browser fetch as the page loads."""
    if tag == "link":
        rel = set((dict(attrs).get("rel") or "").lower().split())
        if rel and not rel & {
            "stylesheet",
            "icon",
            "preload",
            "prefetch",
            "preconnect",
            "dns-prefetch",
            "modulepreload",
            "manifest",
            "import",
        }:
            return []  # a plain reference, like rel="license"
    urls = []
    for name, value in attrs:
        if value and name in LOADS.get(tag, ()):
            if name == "srcset":  # "a.png 1x, b.png 2x"
                urls += [part.split()[0] for part in value.split(",") if part.strip()]
            else:
                urls.append(value)
    return urls


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _markdown_findings(text: str) -> list[tuple[int, str, str]]:
    """Unsafe Markdown links, images, reference definitions and attribute lists."""
    found = []
    refs: dict[str, str] = {}
    for m in MD_REF_DEF.finditer(text):
        label, url = m.group(1).strip().lower(), m.group(2)
        refs[label] = url
        if _scheme_label(url):
            found.append(
                (
                    _line_at(text, m.start()),
                    f"{_scheme_label(url)} address in link definition [{m.group(1)}]",
                    HINT_JS_URL,
                )
            )
    for m in MD_LINK.finditer(text):
        is_image, url = m.group(1) == "!", m.group(3)
        line = _line_at(text, m.start())
        if _scheme_label(url):
            found.append((line, f"{_scheme_label(url)} address in a Markdown link", HINT_JS_URL))
        elif is_image and _is_external(url):
            found.append((line, f"image loads {url} from another site", HINT_EXTERNAL))
    for m in MD_REF_IMAGE.finditer(text):
        after = text[m.end() : m.end() + 1]
        if after == "(":
            continue  # an inline image, handled above
        label = (m.group(2) or m.group(1)).strip().lower()
        url = refs.get(label)
        if url and _is_external(url):
            found.append((_line_at(text, m.start()), f"image loads {url} from another site", HINT_EXTERNAL))
    for m in ATTR_LIST.finditer(text):
        for pair in ATTR_PAIR.finditer(m.group(1)):
            name = pair.group(1).lower()
            value = next(v for v in pair.group(2, 3, 4) if v is not None)
            line = _line_at(text, m.start())
            if name.startswith("on"):
                found.append((line, f"inline event handler '{name}=' in an attribute list", HINT_HANDLER))
            elif name in URL_ATTRS and _scheme_label(value):
                found.append((line, f"{_scheme_label(value)} address in {name}= in an attribute list", HINT_JS_URL))
    return found


def check_text(text: str, path: str) -> list[Problem]:
    """Every unsafe construct in one page's Markdown; an empty list means safe."""
    masked = mask(text)
    scanner = _Scanner()
    scanner.feed(masked)
    scanner.close()
    found = set(scanner.found) | set(_markdown_findings(masked))
    return [Problem(path, line, None, message, hint) for line, message, hint in sorted(found)]


def check_file(file: Path, rel: str) -> list[Problem]:
    """Check one Markdown file; a file that is not UTF-8 is the content model's to report."""
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return []
    return check_text(text, rel)


def check_docs(docs_dir: Path) -> list[Problem]:
    """Check every Markdown page under docs_dir (docs/, or a translation's)."""
    from site_core import editions  # here: editions imports content_model, which imports this module

    folder = editions.of_docs_dir(docs_dir).docs
    return [
        problem
        for file in sorted(docs_dir.rglob("*.md"))
        for problem in check_file(file, f"{folder}/{file.relative_to(docs_dir).as_posix()}")
    ]


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent
    files = [Path(a) for a in argv] or sorted((root / "docs").rglob("*.md"))
    problems = [
        p
        for f in files
        for p in check_file(f, f.resolve().relative_to(root).as_posix() if f.resolve().is_relative_to(root) else str(f))
    ]
    for p in problems:
        print(f"error: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
