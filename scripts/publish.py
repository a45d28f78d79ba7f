"""Site outputs: one command over a built site folder, after any engine's build.

    python -m site_core.publish SITE_DIR [--config mkdocs.yml] [--serving]

1. Cuts Material's stylesheets down to the rules the pages can use, and
   points the pages at the copies (used_css.py); drops the theme's
   indentation between tags (html_whitespace.py).
2. Judges every built page and puts the Content Security Policy on it
   (security_headers.py, html_scan.py), and writes _headers.
3. Adds readers' own words to the search index (search_words.py).
4. Makes each worksheet's PDFs from its built page (worksheet_pdf.py),
   rendering only what changed, the "download all" zips, and the themed
   packets of several worksheets in one PDF (packets.py).

It needs no MkDocs objects, only the built files and mkdocs.yml (site_url,
site_name, docs_dir), so it works the same on MkDocs, ProperDocs or
Zensical output. It is idempotent: run twice, it gives the same files. The
zips always hold every worksheet, because the PDFs come from the built
pages on disk, which a --dirty build keeps. The MkDocs hook calls run().
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from site_core import (
    content_model,
    help_lines,
    html_scan,
    html_whitespace,
    packets,
    search_words,
    security_headers,
    used_css,
    worksheet_pdf,
)

PDF_DIR = "worksheets/pdf"
WORKSHEETS_PAGE = "worksheets/"  # where the packets are listed, printed in their footer
CRISIS_PAGE = "get-help/crisis-and-safety/"
# Page types made into PDFs, with the label printed above the title.
PRINTABLE = {"worksheet": "Worksheet", "guide": "Guide"}
LABELS = {"en": PRINTABLE, "es": {"worksheet": "Hoja de trabajo", "guide": "Guía"}}
# Short: the note must fit the top margin of an A4 page.
CRISIS_WORDS = {"en": ("Crisis help.", "All help lines:"), "es": ("Ayuda urgente.", "Más líneas:")}
# overrides/partials/content.html marks the page body (what the Markdown
# became) with these comments, so outputs can take it from the built page.
CONTENT_START = "site_core:content"
CONTENT_END = "/site_core:content"


class PublishError(Exception):
    """An output the site cannot ship, with what to fix."""


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml whatever tags it uses (!ENV, !!python/name:...)."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteConfig:
    """What the outputs need from mkdocs.yml."""

    root: Path  # the folder mkdocs.yml is in
    docs_dir: Path
    site_url: str  # the published address (never the preview server's)
    site_name: str
    lang: str = "en"  # theme.language: the edition (site_core.editions)

    @classmethod
    def from_file(cls, path: Path) -> SiteConfig:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTagLoader) or {}
        root = path.resolve().parent
        site_url = (data.get("site_url") or "/").rstrip("/") + "/"
        lang = (data.get("theme") or {}).get("language") or "en"
        return cls(root, root / (data.get("docs_dir") or "docs"), site_url, data.get("site_name") or "", lang)

    @property
    def base_path(self) -> str:
        return urlsplit(self.site_url).path or "/"

    @property
    def pdf_cache(self) -> Path:
        return self.root / ".cache" / "worksheet-pdfs"


class _Content(HTMLParser):
    """Finds the offsets of the content markers in a built page."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.start: int | None = None
        self.end: int | None = None

    def handle_comment(self, data: str) -> None:
        line, col = self.getpos()
        at = self.line_starts[line - 1] + col
        if data.strip() == CONTENT_START and self.start is None:
            self.start = at + len(data) + 7  # past "<!--" + data + "-->"
        elif data.strip() == CONTENT_END and self.start is not None and self.end is None:
            self.end = at


def page_content(page_html: str) -> str | None:
    """The body of a built page, between the content markers."""
    # Each marker once, the start first: those are the template's, and no
    # parse is needed. Otherwise the parser tells the template's comments
    # from a marker's words inside a script, an attribute or a comment.
    start, end = f"<!-- {CONTENT_START} -->", f"<!-- {CONTENT_END} -->"
    if page_html.count(start) == page_html.count(end) == 1:
        at, until = page_html.index(start) + len(start), page_html.index(end)
        if at <= until:
            return page_html[at:until].strip("\n")
    parser = _Content(page_html)
    parser.feed(page_html)
    parser.close()
    if parser.start is None or parser.end is None:
        return None
    return page_html[parser.start : parser.end].strip("\n")


def crisis_note(config: SiteConfig) -> str:
    """The main crisis lines as text, for the top of every printed page."""
    opening, closing = CRISIS_WORDS[config.lang]
    return f"{opening} {help_lines.main_lines_text(lang=config.lang)} {closing} {urljoin(config.site_url, CRISIS_PAGE)}"


def built_worksheets(site_dir: Path, config: SiteConfig) -> list[worksheet_pdf.Worksheet]:
    """Every worksheet, from its front matter and its built page."""
    crisis = crisis_note(config)
    found = []
    for built, source in sorted(html_scan.source_pages(config.docs_dir).items()):
        meta = content_model.load_front_matter(config.root / source)
        if meta.get("type") not in PRINTABLE:
            continue
        page = site_dir / built
        if not page.is_file():
            raise PublishError(f"{source}: no built page at {built}. How to fix: build the site first")
        body = page_content(page.read_text(encoding="utf-8"))
        if body is None:
            raise PublishError(
                f"{built}: the page has no content markers. How to fix: keep the "
                f"<!-- {CONTENT_START} --> comments in overrides/partials/content.html"
            )
        found.append(
            worksheet_pdf.Worksheet(
                slug=Path(source).stem,
                title=meta["title"],
                description=meta["description"],
                url=urljoin(config.site_url, built.removesuffix("index.html")),
                body_html=body,
                max_pages=meta["pages"],
                site_name=config.site_name,
                crisis_note=crisis,
                source=source,
                kind=LABELS[config.lang][meta["type"]],
                guide=meta["type"] == "guide",
                lang=config.lang,
            )
        )
    return found


@dataclass
class Outputs:
    pages: int
    hashes: int
    rendered: int = 0
    cached: int = 0
    pdfs_skipped: bool = False
    stylesheets: list[used_css.Cut] = field(default_factory=list)


def run(site_dir: Path, config: SiteConfig, serving: bool = False, skip_pdfs: bool = False) -> Outputs:
    """Every site output; raises PublishError naming what to fix."""
    stylesheets = used_css.apply(site_dir, config.base_path)
    html_whitespace.apply(site_dir)
    security = security_headers.apply(site_dir, meta=not serving, docs_dir=config.docs_dir, base_path=config.base_path)
    if security.problems:
        raise PublishError(
            "The built pages would run or load what the site did not ship:\n"
            + "\n".join(f"  {p}" for p in security.problems)
        )
    # Readers' own words are English words for English pages, so far.
    english = config.lang == "en"
    if english:
        words_file = config.root / "scripts" / search_words.DATA_FILE.name
        vocabulary = search_words.check(config.docs_dir, words_file)
        if vocabulary:
            raise PublishError("The search vocabulary has problems:\n" + "\n".join(f"  {p}" for p in vocabulary))
        search_words.apply(site_dir, search_words.load(words_file))
    outputs = Outputs(
        pages=security.pages, hashes=len(security.hashes), pdfs_skipped=skip_pdfs, stylesheets=stylesheets
    )
    if skip_pdfs:
        return outputs
    worksheets = built_worksheets(site_dir, config)
    packets_file = config.root / "scripts" / packets.DATA_FILE.name
    themed = packets.documents(worksheets, urljoin(config.site_url, WORKSHEETS_PAGE), packets_file) if english else []
    out_dir = site_dir / PDF_DIR
    try:
        counts = worksheet_pdf.build(worksheets + themed, out_dir, config.pdf_cache)
    except worksheet_pdf.TooManyPages as err:
        raise PublishError(str(err)) from None
    worksheet_pdf.write_zips(worksheets, out_dir)
    outputs.rendered, outputs.cached = counts["rendered"], counts["cached"]
    return outputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m site_core.publish", description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path, help="the built site folder")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site configuration")
    parser.add_argument("--serving", action="store_true", help="leave the pages' meta tags out (live preview)")
    args = parser.parse_args(argv)
    try:
        out = run(
            args.site_dir,
            SiteConfig.from_file(args.config),
            serving=args.serving,
            skip_pdfs=os.environ.get("SITE_SKIP_PDFS") == "1",
        )
    except PublishError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if out.stylesheets:
        print(
            "Material's stylesheets cut to the rules in use (compressed): "
            + ", ".join(
                f"{c.family} {c.gzip_before / 1024:.1f} -> {c.gzip_after / 1024:.1f} KB" for c in out.stylesheets
            )
        )
    print(
        f"Content Security Policy on {out.pages} pages ({out.hashes} pinned inline scripts); "
        + (
            "worksheet PDFs skipped (SITE_SKIP_PDFS=1)"
            if out.pdfs_skipped
            else f"worksheet PDFs: {out.rendered} rendered, {out.cached} from cache"
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
