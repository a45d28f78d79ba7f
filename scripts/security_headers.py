"""Security headers for the built site: one strict Content Security Policy.

Works on the built HTML only (no MkDocs), so it moves with the site to any
generator. After a build it:

1. collects the inline <script> blocks of every page (Material for MkDocs
   writes a few small ones into base.html) and takes their SHA-256 hashes;
2. puts the same policy on every page as
   <meta http-equiv="Content-Security-Policy"> plus
   <meta name="referrer" content="no-referrer">, right after <meta charset>;
3. writes `_headers` (Netlify and Cloudflare Pages format) with the policy
   as a real header, plus the headers a <meta> tag cannot carry.

Every page gets the union of all pages' hashes, not just its own: with
Material's instant navigation the first page's policy stays in force while
later pages are swapped in, and their inline scripts must still run.

Command line: `python scripts/security_headers.py SITE_DIR`.
"""
from __future__ import annotations

import base64
import hashlib
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Script types a browser runs; <script type="application/json"> (Material's
# __config) is data, which CSP does not govern.
JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript",
            "application/ecmascript", "text/jscript", "text/livescript"}

# The policy, directive by directive. Script hashes are added to script-src.
BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    # Material's search runs in a Web Worker loaded from this site.
    "worker-src": ["'self'"],
    # No 'unsafe-inline' for styles either: the built pages have no style
    # attributes or <style> blocks, and Material sets positions and sizes
    # through the CSSOM (element.style), which CSP does not block. The
    # browser tests fail on any violation, so a page that needs inline
    # styles shows up at once.
    "style-src": ["'self'"],
    # Material's icons are data: SVGs in its CSS.
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "manifest-src": ["'self'"],
    "media-src": ["'self'"],
    "frame-src": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
# Only a real header can carry these; browsers ignore them (with a console
# warning) in a <meta> tag.
HEADER_ONLY = {"frame-ancestors": ["'none'"]}
EXTRA_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\n?'
                      r'(?:<meta name="referrer" content="no-referrer">\n?)?')
CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)


class _InlineScripts(HTMLParser):
    """The text of every inline script a browser would run, and inline event handlers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.handlers += [f"{name}= on <{tag}>" for name, _ in attrs if name.startswith("on")]
        if tag == "script":
            a = dict(attrs)
            runs = (a.get("type") or "").strip().lower() in JS_TYPES
            self._current = [] if runs and "src" not in a else None

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


# A full HTML parse of every page is the slowest step of a build, so pages
# are read in two ways. A page with nothing that could be an inline event
# handler (an attribute whose name starts with "on") needs only its script
# blocks parsed; the few others get the full parse.
ON_ATTR = re.compile(r"on[a-z]*\s*=")
SCRIPT_BLOCK = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.I | re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)


def _maybe_handler(page: str) -> bool:
    """Whether the page has "on...=" after a space, quote or slash, as an
    attribute would (a literal-first search: far faster than a character
    class in front)."""
    low = page.lower()
    return any(m.start() and (low[m.start() - 1].isspace() or low[m.start() - 1] in "\"'/")
               for m in ON_ATTR.finditer(low))


def _parse(page: str) -> _InlineScripts:
    parser = _InlineScripts()
    if _maybe_handler(page):
        parser.feed(page)
    else:
        parser.feed("".join(SCRIPT_BLOCK.findall(COMMENT.sub("", page))))
    parser.close()
    return parser


def inline_scripts(page: str) -> list[str]:
    return _parse(page).scripts


def script_hash(source: str) -> str:
    """The CSP source expression for one inline script: 'sha256-...'."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(hashes: set[str] | list[str], header: bool = False) -> str:
    """The policy as one line; header=True adds what only a header can carry."""
    directives = {k: list(v) for k, v in BASE_POLICY.items()}
    directives["script-src"] += sorted(hashes)
    if header:
        directives.update(HEADER_ONLY)
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def headers_file(hashes: set[str] | list[str]) -> str:
    """`_headers` for Netlify and Cloudflare Pages: every path gets these."""
    lines = ["/*", f"  Content-Security-Policy: {policy(hashes, header=True)}"]
    lines += [f"  {name}: {value}" for name, value in EXTRA_HEADERS.items()]
    return "\n".join(lines) + "\n"


def meta_tags(hashes: set[str] | list[str]) -> str:
    return (f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">\n'
            '<meta name="referrer" content="no-referrer">\n')


@dataclass
class Result:
    pages: int = 0
    hashes: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)


def apply(site_dir: Path, meta: bool = True) -> Result:
    """Hash every page's inline scripts, add the policy to each page and write _headers.

    meta=False leaves the pages alone (for `mkdocs serve`, whose live reload
    injects an inline script the policy would block) and still writes _headers.
    Problems name pages the policy cannot cover or would break.
    """
    result = Result()
    # Two passes, one page in memory at a time: every page lists every other
    # in its menu, so the whole site grows with the square of its pages
    # (over a gigabyte at 2,000 pages), and must not be held at once.
    files = sorted(site_dir.rglob("*.html"))
    for file in files:
        parsed = _parse(CSP_META.sub("", file.read_text(encoding="utf-8")))
        result.hashes.update(script_hash(s) for s in parsed.scripts)
        if parsed.handlers:
            result.problems.append(f"{file.relative_to(site_dir).as_posix()}: inline event handler "
                                   f"{parsed.handlers[0]}, which the Content Security Policy blocks. "
                                   "How to fix: move the behaviour into a script file")
    tags = meta_tags(result.hashes)
    for file in files:
        text = CSP_META.sub("", file.read_text(encoding="utf-8"))
        anchor = CHARSET.search(text) or HEAD.search(text)
        if anchor is None:
            result.problems.append(f"{file.relative_to(site_dir).as_posix()}: no <head>, so no Content "
                                   "Security Policy. How to fix: render it with a template that has one")
            continue
        if meta:
            at = anchor.end()
            text = text[:at] + "\n" + tags + text[at:].lstrip("\n")
            file.write_text(text, encoding="utf-8")
        result.pages += 1
    (site_dir / "_headers").write_text(headers_file(result.hashes), encoding="utf-8")
    return result


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: security_headers.py SITE_DIR", file=sys.stderr)
        return 2
    result = apply(Path(argv[0]))
    for problem in result.problems:
        print(f"error: {problem}")
    print(f"Content Security Policy on {result.pages} pages, {len(result.hashes)} inline script hash(es)")
    return 1 if result.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
