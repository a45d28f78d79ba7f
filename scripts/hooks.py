"""MkDocs hooks: the thin adapter between MkDocs and the site's own modules.

MkDocs puts scripts/ on sys.path while it imports this file, so the plain
modules beside it import directly. Real work lives in those modules; this
file only moves data between them and MkDocs.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import mkdocs.utils
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

import answer_fields
import asset_bundle
import build_hints
import content_model
import editorial_record
import glossary_terms
import help_lines
import html_scan
import image_checks
import markup_safety
import security_headers
import worksheet_cards
import worksheet_pdf

log = logging.getLogger("mkdocs.hooks.worksheets")
ROOT = Path(__file__).resolve().parent.parent
PDF_CACHE = ROOT / ".cache" / "worksheet-pdfs"
PDF_DIR = "worksheets/pdf"
GLOSSARY = ROOT / "includes" / "glossary.md"
CRISIS_PAGE = "get-help/crisis-and-safety/"

# Worksheet data gathered while pages render, used after the build.
_worksheets: dict[str, worksheet_pdf.Worksheet] = {}
_front_matter: dict[str, dict] = {}
_serving = False
_published_url = ""
# Our CSS and JavaScript joined into one file of each kind: bundle -> (sources, kind).
_bundles: dict[str, tuple[list[str], str]] = {}


def on_startup(command, dirty):
    # `mkdocs serve` injects an inline live-reload script that the CSP would block.
    global _serving
    _serving = command == "serve"


def on_config(config):
    # `mkdocs serve` points site_url at the preview server. Worksheet PDFs print
    # the published address, so they stay the same (and cached) in a preview.
    global _published_url
    with open(config.config_file_path, encoding="utf-8") as file:
        _published_url = mkdocs.utils.yaml_load(file).get("site_url") or config.site_url
    # Link and nav warnings come from MkDocs itself; give them a line and a fix.
    docs_dir = Path(config["docs_dir"])
    for name in ("mkdocs.structure.pages", "mkdocs.structure.nav"):
        logger = logging.getLogger(name)
        logger.filters = [f for f in logger.filters if not isinstance(f, _ExplainWarnings)]
        logger.addFilter(_ExplainWarnings(docs_dir))
    # One stylesheet and one script of our own, not one request per file.
    _bundles.clear()
    for key, bundle, kind in (("extra_css", asset_bundle.CSS_BUNDLE, "css"),
                              ("extra_javascript", asset_bundle.JS_BUNDLE, "js")):
        config[key][:], joined = asset_bundle.plan(config[key], bundle, "." + kind)
        if joined:
            _bundles[bundle] = (joined, kind)
    return config


class _ExplainWarnings(logging.Filter):
    def __init__(self, docs_dir: Path):
        super().__init__()
        self.docs_dir = docs_dir

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            record.msg, record.args = build_hints.explain(record.getMessage(), self.docs_dir), ()
        return True


def on_files(files, config):
    """Stop the build on any front matter, markup or image problem, listing every one."""
    docs_dir = Path(config["docs_dir"])
    _front_matter.clear()
    _worksheets.clear()
    # The glossary is appended to every page, so it is checked like one.
    problems = markup_safety.check_file(GLOSSARY, "includes/glossary.md")
    for file in files.documentation_pages():
        path, where = Path(file.abs_src_path), f"docs/{file.src_uri}"
        found = (content_model.check_file(path, where, docs_dir) + markup_safety.check_file(path, where)
                 + image_checks.check_file(path, where)
                 + help_lines.literal_numbers(path.read_text(encoding="utf-8", errors="replace"), where))
        if not found:
            _front_matter[file.src_uri] = content_model.load_front_matter(path)
        problems += found
    problems += html_scan.scan_assets(docs_dir)
    if problems:
        raise PluginError("Page problems:\n" + "\n".join(f"  {p}" for p in problems))
    for bundle, (sources, kind) in _bundles.items():
        files.append(File.generated(config, bundle, content=asset_bundle.join(docs_dir, sources, kind)))
    return files


def on_page_markdown(markdown, page, config, files):
    # MkDocs hands over the body without front matter or the blank lines
    # after it; count back from the end so errors name the file's line.
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    first_line = source.count("\n") - markdown.count("\n") + 1
    try:
        markdown = help_lines.expand(markdown, f"docs/{page.file.src_uri}", first_line)
    except ValueError as err:
        raise PluginError(str(err)) from None
    if page.meta.get("type") == "worksheet":
        try:
            markdown, _ = answer_fields.parse(markdown, first_line)
        except answer_fields.AnswerSyntaxError as err:
            raise PluginError(f"docs/{page.file.src_uri}:{err.line}: {err.detail}") from None
        slug = Path(page.file.src_uri).stem
        page.meta["for_whom"] = content_model.audience_phrase(page.meta["audience"])
        page.meta["downloads"] = [(label, f"{PDF_DIR}/{worksheet_pdf.pdf_name(slug, key)}")
                                  for key, (label, _) in worksheet_pdf.PAPERS.items()]
    # The review record and the sources, as the page shows them.
    review = page.meta.get("clinical_review")
    if review:
        page.meta["clinical_reviewer"] = content_model.reviewers()[review["reviewer"]]
    markdown += editorial_record.sources_markdown(page.meta.get("sources", []))
    if worksheet_cards.MARKER in markdown:
        worksheets = {src: meta for src, meta in _front_matter.items() if meta.get("type") == "worksheet"}
        markdown = markdown.replace(worksheet_cards.MARKER, worksheet_cards.render(worksheets))
    return markdown


def on_page_content(html, page, config, files):
    html = glossary_terms.first_use_only(html)
    meta = page.meta
    if meta.get("type") == "worksheet":
        _worksheets[page.file.src_uri] = worksheet_pdf.Worksheet(
            slug=Path(page.file.src_uri).stem, title=meta["title"], description=meta["description"],
            url=urljoin(_published_url, page.url), body_html=html, max_pages=meta["pages"], site_name=config["site_name"],
            crisis_note=f"Crisis help. {help_lines.main_lines_text()} "
                        f"All help lines: {urljoin(_published_url, CRISIS_PAGE)}")
    return html


def on_post_build(config):
    security = security_headers.apply(Path(config["site_dir"]), meta=not _serving, docs_dir=Path(config["docs_dir"]),
                                      base_path=urlsplit(config["site_url"] or "/").path or "/")
    if security.problems:
        raise PluginError("The built pages would run or load what the site did not ship:\n"
                          + "\n".join(f"  {p}" for p in security.problems))
    log.info("Content Security Policy on %d pages, %d pinned inline script hashes%s", security.pages,
             len(security.hashes), " (meta tags left out while serving)" if _serving else "")
    if os.environ.get("SITE_SKIP_PDFS") == "1":
        log.info("Worksheet PDFs skipped (SITE_SKIP_PDFS=1)")
        return
    worksheets = list(_worksheets.values())
    out_dir = Path(config["site_dir"]) / PDF_DIR
    try:
        counts = worksheet_pdf.build(worksheets, out_dir, PDF_CACHE)
    except worksheet_pdf.TooManyPages as err:
        raise PluginError(str(err)) from None
    worksheet_pdf.write_zips(worksheets, out_dir)
    log.info("Worksheet PDFs: %(rendered)d rendered, %(cached)d from cache", counts)
