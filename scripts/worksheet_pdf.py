"""Worksheet PDFs: fillable, tagged, one per paper size, cached by their inputs.

Each worksheet's rendered HTML (from its one Markdown source) is wrapped in
a print document and handed to WeasyPrint with the site's font and the
same field styles the web page uses. Finished PDFs are cached under a hash
of everything that shapes them, so an unchanged worksheet is never
rendered twice; the rest render in parallel, one process per core.
"""

from __future__ import annotations

import hashlib
import html
import importlib.metadata
import multiprocessing
import os
import re
import shutil
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STYLESHEETS = [
    ROOT / "docs/assets/stylesheets/fonts.css",
    ROOT / "docs/assets/stylesheets/worksheets.css",
    ROOT / "overrides/pdf/worksheet.css",
]
FONTS = sorted((ROOT / "docs/assets/fonts").glob("*.woff2"))
PAPERS = {"letter": ("US Letter", "letter"), "a4": ("A4", "A4")}
LICENSE_NOTE = "CC BY-NC-SA 4.0: free to print and share, not to sell"
LICENSE_NOTES = {"en": LICENSE_NOTE, "es": "CC BY-NC-SA 4.0: puedes imprimirla y compartirla, no venderla"}
ZIP_DATE = (2026, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Worksheet:
    """What one worksheet's PDFs are made from."""

    slug: str
    title: str
    description: str
    url: str  # the worksheet's web address, printed in the footer
    body_html: str  # the page content as MkDocs rendered it
    max_pages: int
    site_name: str
    crisis_note: str  # the main crisis lines as text: paper has no links to tap
    source: str = ""  # the Markdown file, from the project root, for error messages
    kind: str = "Worksheet"  # the label above the title, in the page's language
    guide: bool = False  # a printable guide, not a worksheet: kept out of the zips
    lang: str = "en"  # the page's language: the PDF's /Lang, and the voice a screen reader uses

    def document(self) -> str:
        """The standalone HTML document WeasyPrint renders."""
        return (
            f'<!DOCTYPE html>\n<html lang="{html.escape(self.lang)}"><head><meta charset="utf-8">'
            f"<title>{html.escape(self.title)}</title>"
            f'<meta name="description" content="{html.escape(self.description)}">'
            f'<meta name="author" content="{html.escape(self.site_name)}">'
            f'<meta name="generator" content="{html.escape(self.site_name)}">'
            '</head><body class="ws-pdf">'
            f'<p class="ws-brand" aria-hidden="true">{html.escape(self.site_name)} · {html.escape(self.kind)}</p>'
            f"<h1>{html.escape(self.title)}</h1>"
            f"{clean(self.body_html)}"
            "</body></html>"
        )

    def page_css(self, paper: str) -> str:
        """Paper size and footer, which differ per document."""

        def quoted(text: str) -> str:
            return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

        footer = quoted(f"{self.site_name} · {self.url}") + ' "\\A" ' + quoted(LICENSE_NOTES[self.lang])
        # The crisis lines head every printed page, in the margin, so they
        # never push the worksheet past its page budget.
        return (
            f"@page {{ size: {PAPERS[paper][1]};"
            f" @top-left {{ content: {quoted(self.crisis_note)}; }}"
            f" @bottom-left {{ content: {footer}; }} }}"
        )


class _Permalinks(HTMLParser):
    """The spans of the headings' permalink anchors (<a class="headerlink">)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.spans: list[tuple[int, int]] = []
        self._open: int | None = None
        self._depth = 0

    def _at(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if tag != "a":
            return
        if self._open is not None:
            self._depth += 1
        elif "headerlink" in (dict(attrs).get("class") or "").split():
            self._open, self._depth = self._at(), 0

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            if self._depth:
                self._depth -= 1
            else:
                self.spans.append((self._open, self._at() + len("</a>")))
                self._open = None


def clean(body_html: str) -> str:
    """The page content as print wants it: no permalink anchors, and each
    field's PDF name (/TU) in the title attribute, where WeasyPrint looks."""
    parser = _Permalinks(body_html)
    parser.feed(body_html)
    parser.close()
    pieces, last = [], 0
    for start, end in parser.spans:
        pieces.append(body_html[last:start])
        last = end
    pieces.append(body_html[last:])
    return "".join(pieces).replace(' data-pdf-title="', ' title="')


def pdf_name(slug: str, paper: str) -> str:
    return f"{slug}-{paper}.pdf"


def shared_inputs() -> bytes:
    """A hash of what every PDF is made with: WeasyPrint's version (read
    without importing it, half a second that a rebuild with every PDF
    cached would spend for nothing), this module, the stylesheets, the fonts."""
    h = hashlib.sha256()
    for part in (importlib.metadata.version("weasyprint"), Path(__file__).read_text(encoding="utf-8")):
        h.update(part.encode("utf-8") + b"\0")
    for path in STYLESHEETS + FONTS:
        h.update(path.read_bytes() + b"\0")
    return h.digest()


def cache_keys(ws: Worksheet, shared: bytes) -> dict[str, str]:
    """For each paper, a hash of every input that shapes the PDF."""
    document = ws.document().encode("utf-8")
    keys = {}
    for paper in PAPERS:
        h = hashlib.sha256(shared)
        for part in (document, ws.page_css(paper).encode("utf-8"), str(ws.max_pages).encode()):
            h.update(part + b"\0")
        keys[paper] = h.hexdigest()[:32]
    return keys


class TooManyPages(Exception):
    pass


def render(ws: Worksheet, paper: str, target: Path) -> int:
    """Render one PDF to target; return its page count."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    # Only local files and inline data: a worksheet never reaches the network.
    fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    fonts = FontConfiguration()  # makes the site's @font-face rules apply
    styles = [CSS(filename=str(p), url_fetcher=fetcher, font_config=fonts) for p in STYLESHEETS]
    styles.append(CSS(string=ws.page_css(paper), url_fetcher=fetcher, font_config=fonts))
    options = {"pdf_forms": True, "pdf_variant": "pdf/ua-1", "pdf_tags": True}
    document = HTML(string=ws.document(), base_url=ws.url, url_fetcher=fetcher).render(
        stylesheets=styles, font_config=fonts, **options
    )
    pages = len(document.pages)
    if pages > ws.max_pages:
        raise TooManyPages(
            f"{ws.source or ws.slug}: the {PAPERS[paper][0]} PDF has {pages} pages but the front matter "
            f"allows {ws.max_pages}. How to fix: trim answer lines or text, or raise 'pages' and say why "
            "in a comment beside it."
        )
    document.write_pdf(target, **options)
    return pages


def _pages_file(cached: Path) -> Path:
    return cached.with_suffix(".pages")


def _render_into_cache(job: tuple[Worksheet, str, Path]) -> str | None:
    """Render one job into the cache; return the page-budget error, if any."""
    ws, paper, cached = job
    # Named by process: two builds at once (tests in parallel) never write one file.
    partial = cached.with_suffix(f".{os.getpid()}.part")
    try:
        pages = render(ws, paper, partial)
    except TooManyPages as err:
        partial.unlink(missing_ok=True)
        return str(err)
    counted = cached.with_suffix(f".{os.getpid()}.pages-part")
    counted.write_text(str(pages))
    counted.replace(_pages_file(cached))
    partial.replace(cached)
    return None


def _budget_problems(worksheets: list[Worksheet], counts: dict[tuple[str, str], int]) -> list[str]:
    """Worksheets whose longest PDF is shorter than their page budget: the
    budget on the web page and the index would promise the wrong size."""
    problems = []
    for ws in worksheets:
        longest = max(counts[ws.slug, paper] for paper in PAPERS)
        if longest < ws.max_pages:
            problems.append(
                f"{ws.source or ws.slug}: the front matter says 'pages: {ws.max_pages}' but the "
                f"PDFs have at most {longest}. How to fix: set 'pages: {longest}'."
            )
    return problems


def build(worksheets: list[Worksheet], out_dir: Path, cache_dir: Path) -> dict[str, int]:
    """Write every worksheet's PDFs into out_dir, rendering only what changed.

    Returns counts: {'rendered': n, 'cached': n}. Raises TooManyPages naming
    every worksheet whose PDFs are longer, or shorter, than its page budget.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    jobs, ready = [], []
    shared = shared_inputs()
    for ws in worksheets:
        for paper, key in cache_keys(ws, shared).items():
            cached = cache_dir / f"{key}.pdf"
            (ready if cached.exists() else jobs).append((ws, paper, cached))
    if len(jobs) > 1:
        # spawn, not fork: a build may run threads (mkdocs serve), and a forked
        # worker would copy their locks. The workers import site_core afresh.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(len(jobs), os.cpu_count() or 1), mp_context=context) as pool:
            errors = list(pool.map(_render_into_cache, jobs))
    else:
        errors = [_render_into_cache(job) for job in jobs]
    if any(errors):
        raise TooManyPages("\n".join(e for e in errors if e))
    counts = {}
    for ws, paper, cached in jobs + ready:
        pages = _pages_file(cached)
        counts[ws.slug, paper] = int(pages.read_text()) if pages.exists() else ws.max_pages
    short = _budget_problems(worksheets, counts)
    if short:
        raise TooManyPages("\n".join(short))
    for ws, paper, cached in jobs + ready:
        shutil.copyfile(cached, out_dir / pdf_name(ws.slug, paper))
    return {"rendered": len(jobs), "cached": len(ready)}


def zip_name(paper: str) -> str:
    return f"empathy-after-betrayal-worksheets-{paper}.zip"


def write_zips(worksheets: list[Worksheet], out_dir: Path) -> None:
    """One "download all" archive per paper size, the same bytes for the same
    PDFs (a fixed date on every entry), whichever build made them."""
    sheets = [ws for ws in worksheets if not ws.guide]
    for paper in PAPERS:
        with zipfile.ZipFile(out_dir / zip_name(paper), "w", zipfile.ZIP_STORED) as archive:
            for ws in sorted(sheets, key=lambda w: w.slug):
                name = pdf_name(ws.slug, paper)
                archive.writestr(zipfile.ZipInfo(name, date_time=ZIP_DATE), (out_dir / name).read_bytes())
