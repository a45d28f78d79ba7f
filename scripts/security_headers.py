"""Security headers for the built site: one strict Content Security Policy.

Works on the built files only (no MkDocs), so it moves with the site to any
generator. After a build, in one pass over the pages, it:

1. judges every page, stylesheet and SVG with html_scan.py: only the
   theme's pinned scripts (scripts/pinned_scripts.yml), nothing loaded
   from another origin; any finding fails the build, naming the source;
2. puts the same policy on every page as
   <meta http-equiv="Content-Security-Policy"> plus
   <meta name="referrer" content="no-referrer">, right after <meta charset>
   (found by the parser, replacing the tags of an earlier run);
3. writes `_headers` (Netlify and Cloudflare Pages format) with the policy
   as a real header, plus the headers a <meta> tag cannot carry.

script-src allows the pinned hashes and nothing else, on every page: with
Material's instant navigation the first page's policy stays in force while
later pages are swapped in. Running it twice gives the same files.

Command line: `python scripts/security_headers.py SITE_DIR [DOCS_DIR [BASE_PATH]]`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from site_core import html_scan

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


def pinned_hashes() -> set[str]:
    return set(html_scan.pinned()["inline"])


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
    return (
        f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
    )


@dataclass
class Result:
    pages: int = 0
    hashes: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)


def apply(site_dir: Path, meta: bool = True, docs_dir: Path | None = None, base_path: str = "/") -> Result:
    """Judge the built site, add the policy to each page and write _headers.

    meta=False leaves the pages alone (for `mkdocs serve`, whose live reload
    injects an inline script the policy would block) and still judges them
    and writes _headers. Problems name the file to fix and how.
    """
    hashes = pinned_hashes()
    result = Result(hashes=hashes)
    findings, scans = html_scan.scan_site(site_dir, docs_dir, base_path)
    result.problems += html_scan.describe(findings)
    tags = meta_tags(hashes)
    for rel, scan in scans.items():
        if scan.policy_at is None:
            result.problems.append(
                f"{rel}: no <head>, so no Content Security Policy. How to fix: render it with a template that has one"
            )
            continue
        result.pages += 1
        if meta and not result.problems:
            file = site_dir / rel
            file.write_text(with_policy(file.read_text(encoding="utf-8"), scan, tags), encoding="utf-8")
    (site_dir / "_headers").write_text(headers_file(hashes), encoding="utf-8")
    return result


def with_policy(text: str, scan: html_scan.Scan, tags: str) -> str:
    """The page with the policy tags after <meta charset>, earlier ones removed."""
    at = scan.policy_at
    pieces, last, removed_before = [], 0, 0
    for start, end in sorted(scan.policy_spans):
        end += text[end : end + 1] == "\n"
        pieces.append(text[last:start])
        last = end
        if end <= at:
            removed_before += end - start
    pieces.append(text[last:])
    text, at = "".join(pieces), at - removed_before
    return text[:at] + "\n" + tags + text[at:].lstrip("\n")


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 3:
        print("usage: security_headers.py SITE_DIR [DOCS_DIR [BASE_PATH]]", file=sys.stderr)
        return 2
    result = apply(
        Path(argv[0]), docs_dir=Path(argv[1]) if len(argv) > 1 else None, base_path=argv[2] if len(argv) > 2 else "/"
    )
    for problem in result.problems:
        print(f"error: {problem}")
    print(f"Content Security Policy on {result.pages} pages, {len(result.hashes)} pinned inline script hash(es)")
    return 1 if result.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
