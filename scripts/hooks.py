"""MkDocs hooks: the thin adapter between MkDocs and the site's own modules.

MkDocs puts scripts/ on sys.path while it imports this file, so the plain
modules beside it import directly. Real work lives in those modules; this
file only moves data between them and MkDocs.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

import answer_fields
import content_model
import worksheet_cards
import worksheet_pdf

log = logging.getLogger("mkdocs.hooks.worksheets")
ROOT = Path(__file__).resolve().parent.parent
PDF_CACHE = ROOT / ".cache" / "worksheet-pdfs"
PDF_DIR = "worksheets/pdf"

# Worksheet data gathered while pages render, used after the build.
_worksheets: dict[str, worksheet_pdf.Worksheet] = {}
_front_matter: dict[str, dict] = {}


def on_config(config):
    # Templates show audience names from the same vocabulary the schema uses.
    config.extra["audiences"] = content_model.vocabulary()["audiences"]
    return config


def on_files(files, config):
    """Stop the build on any front matter problem, listing every one."""
    docs_dir = Path(config["docs_dir"])
    problems = []
    _front_matter.clear()
    _worksheets.clear()
    for file in files.documentation_pages():
        path = Path(file.abs_src_path)
        problems += content_model.check_file(path, f"docs/{file.src_uri}", docs_dir)
        if not problems:
            _front_matter[file.src_uri] = content_model.load_front_matter(path)
    if problems:
        raise PluginError("Front matter problems:\n" + "\n".join(f"  {p}" for p in problems))
    return files


def on_page_markdown(markdown, page, config, files):
    if page.meta.get("type") == "worksheet":
        first_line = content_model.body_first_line(Path(page.file.abs_src_path))
        try:
            markdown, _ = answer_fields.parse(markdown, first_line)
        except answer_fields.AnswerSyntaxError as err:
            raise PluginError(f"docs/{page.file.src_uri}:{err.line}: {str(err).split(': ', 1)[1]}") from None
        slug = Path(page.file.src_uri).stem
        page.meta["downloads"] = [(label, f"{PDF_DIR}/{worksheet_pdf.pdf_name(slug, key)}")
                                  for key, (label, _) in worksheet_pdf.PAPERS.items()]
    if worksheet_cards.MARKER in markdown:
        worksheets = {src: meta for src, meta in _front_matter.items() if meta.get("type") == "worksheet"}
        markdown = markdown.replace(worksheet_cards.MARKER, worksheet_cards.render(worksheets))
    return markdown


def on_page_content(html, page, config, files):
    meta = page.meta
    if meta.get("type") == "worksheet":
        _worksheets[page.file.src_uri] = worksheet_pdf.Worksheet(
            slug=Path(page.file.src_uri).stem, title=meta["title"], description=meta["description"],
            url=page.canonical_url, body_html=html, max_pages=meta["pages"], site_name=config["site_name"])
    return html


def on_post_build(config):
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
