"""MkDocs hooks: thin glue between MkDocs and the site's own code.

Nothing here changes what a page says: the page transforms are Markdown
extensions (site_core.extensions, listed in mkdocs.yml) and the site
outputs are one post-build command (site_core.publish). The hooks only:

- stop the build early on any page problem, listing every one with its
  file and line (content model, safe markup, images, help-line numbers,
  assets), and give MkDocs' own link warnings a line and a fix;
- join our CSS and JavaScript into one file of each kind, serve them
  minified (site_core.asset_bundle), and write the
  self-check's data for its script (site_core.self_check);
- put the page's file and first body line in front of its Markdown, so the
  extensions can name them in errors, and hand the template the editorial
  record and the Sources list (front matter, which extensions never see);
- shorten the sidebar's large sections to their index page
  (site_core.sidebar), and keep the theme's compiled templates between
  builds (site_core.template_cache);
- call site_core.publish after the build.

No state is kept between build phases: what a phase needs it reads from
the config or the files, so `mkdocs build --dirty` and `mkdocs serve` give
the same outputs as a clean build.
"""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from site_core import (
    asset_bundle,
    build_hints,
    content_model,
    diagrams,
    editions,
    editorial_record,
    example_names,
    guided_paths,
    help_lines,
    html_scan,
    image_checks,
    markup_safety,
    packets,
    publish,
    search_words,
    self_check,
    sidebar,
    template_cache,
    ui_strings,
    worksheet_pdf,
)
from site_core.extensions import location

log = logging.getLogger("mkdocs.hooks.site_core")
# on_config leaves the bundle plan here, in this build's config, for on_files.
BUNDLES = "site_core_bundles"


def _edition(config) -> editions.Edition:
    return editions.by_lang(config["theme"]["language"])


def _root(config) -> Path:
    return Path(config.config_file_path).parent


def on_config(config):
    # Link and nav warnings come from MkDocs itself; give them a line and a fix.
    docs_dir = Path(config["docs_dir"])
    for name in ("mkdocs.structure.pages", "mkdocs.structure.nav"):
        logger = logging.getLogger(name)
        logger.filters = [f for f in logger.filters if not isinstance(f, _ExplainWarnings)]
        logger.addFilter(_ExplainWarnings(docs_dir))
    # One stylesheet and one script of our own, not one request per file.
    bundles = {}
    for key, bundle, kind in (
        ("extra_css", asset_bundle.CSS_BUNDLE, "css"),
        ("extra_javascript", asset_bundle.JS_BUNDLE, "js"),
    ):
        config[key][:], joined = asset_bundle.plan(config[key], bundle, "." + kind)
        if joined:
            bundles[bundle] = (joined, kind)
    config[BUNDLES] = bundles
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
    """Stop the build on any page, markup, image or asset problem, listing every one."""
    docs_dir = Path(config["docs_dir"])
    root, edition = _root(config), _edition(config)
    # Every edition uses the English edition's assets (styles, scripts, fonts).
    english_docs = root / editions.ENGLISH.docs
    glossary = f"{edition.includes}/glossary.md"
    # The glossary is appended to every page, so it is checked like one.
    problems = markup_safety.check_file(root / glossary, glossary)
    for file in files.documentation_pages():
        path, where = Path(file.abs_src_path), f"{edition.docs}/{file.src_uri}"
        problems += (
            content_model.check_file(path, where, docs_dir)
            + markup_safety.check_file(path, where)
            + image_checks.check_file(path, where)
            + help_lines.literal_numbers(path.read_text(encoding="utf-8", errors="replace"), where)
        )
    scripts = root / "scripts"
    checks = root / edition.data
    problems += (
        guided_paths.check(docs_dir)
        + self_check.problems(english_docs, checks)
        + diagrams.check(root, docs_dir, edition)
    )
    if edition is editions.ENGLISH:
        # The cast is the English pages'; a translation keeps its twin's names.
        problems += example_names.problems(docs_dir, scripts / example_names.CAST_FILE.name)
        words = scripts / search_words.DATA_FILE.name
        problems += (
            packets.check(docs_dir, scripts / packets.DATA_FILE.name)
            + html_scan.scan_assets(docs_dir)
            + search_words.check(docs_dir, words)
        )
    else:
        problems += editions.link_problems(edition, root)
    if problems:
        raise PluginError("Page problems:\n" + "\n".join(f"  {p}" for p in problems))
    if edition is not editions.ENGLISH:
        for asset in sorted((english_docs / "assets").rglob("*")):
            uri = asset.relative_to(english_docs).as_posix()
            if asset.is_file() and files.get_file_from_path(uri) is None:
                files.append(File(uri, str(english_docs), config["site_dir"], config["use_directory_urls"]))
    for bundle, (sources, kind) in config.get(BUNDLES, {}).items():
        files.append(File.generated(config, bundle, content=asset_bundle.join(english_docs, sources, kind)))
    for file in list(files):
        kind = asset_bundle.own_kind(file.src_uri)
        if kind and not file.generated_by:
            text = asset_bundle.minified(Path(file.abs_src_path).read_text(encoding="utf-8"), kind)
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=text))
    # The self-check's questions and rules, for its script (same origin, like every asset).
    files.append(
        File.generated(
            config,
            self_check.JSON_FILE,
            content=self_check.to_json(self_check.cached(checks), english_docs, edition, root),
        )
    )
    return files


def on_env(env, config, files):
    """The interface words of this edition's language, for the templates."""
    lang = _edition(config).lang
    env.globals["ui"] = ui_strings.for_lang(lang)
    # The root 404 page answers for every edition's missing addresses.
    env.globals["ui_editions"] = [
        {"lang": e.lang, "prefix": e.prefix, "ui": ui_strings.for_lang(e.lang)}
        for e in editions.EDITIONS
        if e.lang != lang and e in editions.translations(_root(config))
    ]
    env.filters["long_date"] = functools.partial(ui_strings.long_date, lang=lang)
    env.filters["month_year"] = functools.partial(ui_strings.month_year, lang=lang)
    template_cache.attach(env, config.theme.custom_dir)
    return env


def on_nav(nav, config, files):
    """Large sections list their pages on their index page, not in the sidebar."""
    return sidebar.shorten(nav)


def on_page_context(context, page, config, nav):
    """Each edition's address of this page (its twin), or None, for the
    head's hreflang links and the language switch."""
    edition = _edition(config)
    up = "../" * edition.prefix.count("/")  # from this edition's root to the site's
    site_root = (config["site_url"] or "/").removesuffix(edition.prefix)
    page.meta["editions"] = [
        {
            "lang": e.lang,
            "name": e.name,
            "twin": path is not None,
            "current": e is edition,
            # From this edition's root; a page with no twin goes to that edition's home.
            "href": up + (path if path is not None else e.prefix),
            "url": site_root + path if path is not None else None,
        }
        for e, path in (
            (editions.by_lang(lang), path)
            for lang, path in editions.alternates(edition, page.file.src_uri, _root(config)).items()
        )
    ]
    return context


def on_page_markdown(markdown, page, config, files):
    # MkDocs hands over the body without front matter or the blank lines
    # after it; count back from the end for the body's first line.
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    first_line = source.count("\n") - markdown.count("\n") + 1
    meta = page.meta
    if meta.get("type") in publish.PRINTABLE:
        meta["for_whom"] = content_model.audience_phrase(meta["audience"], _edition(config).lang)
        slug = Path(page.file.src_uri).stem
        meta["downloads"] = [
            (key, label, f"{publish.PDF_DIR}/{worksheet_pdf.pdf_name(slug, key)}")
            for key, (label, _) in worksheet_pdf.PAPERS.items()
        ]
    if meta.get("type") in ("path", "step"):
        meta.update(_path_context(page, files, Path(config["docs_dir"]), _edition(config).lang))
    review = meta.get("clinical_review")
    if review:
        meta["clinical_reviewer"] = content_model.reviewers()[review["reviewer"]]
    return (
        location.marker(f"{_edition(config).docs}/{page.file.src_uri}", first_line)
        + "\n"
        + markdown
        + editorial_record.sources_markdown(meta.get("sources", []))
    )


def _path_context(page, files, docs_dir: Path, lang: str = "en") -> dict:
    """What a guided path's index or step page shows, with links relative to the page."""
    paths, _ = guided_paths.collect(docs_dir)

    def link(src: str) -> str:
        return files.get_file_from_path(src).url_relative_to(page.file)

    def workbook(path) -> dict | None:
        if not path.workbook:
            return None
        return {"url": link(path.workbook), "title": content_model.load_front_matter(docs_dir / path.workbook)["title"]}

    if page.meta["type"] == "path":
        path = paths[page.meta["path"]]
        return {
            "path_summary": {
                "count": len(path.steps),
                "step_name": path.step_name,
                "duration": guided_paths.duration(path.minutes, lang),
                "steps_word": guided_paths.step_word(path.step_name, lang, plural=len(path.steps) != 1),
                "step_word": guided_paths.step_word(path.step_name, lang),
                "steps": [
                    {"url": link(s.src), "title": s.title, "duration": guided_paths.duration(s.minutes, lang)}
                    for s in path.steps
                ],
                "workbook": workbook(path),
            }
        }
    path, i = guided_paths.position(paths, page.file.src_uri)
    step = path.steps[i]

    def neighbour(j: int) -> dict | None:
        if 0 <= j < len(path.steps):
            return {"url": link(path.steps[j].src), "title": path.steps[j].title}
        return None

    return {
        "path_step": {
            "label": path.label(step, lang),
            "number": step.number,
            "count": len(path.steps),
            "workbook": workbook(path),
            "duration": guided_paths.duration(step.minutes, lang),
            "index": {"url": link(path.index), "title": path.title},
            "previous": neighbour(i - 1),
            "next": neighbour(i + 1),
        }
    }


def _serving(config) -> bool:
    """`mkdocs serve` points site_url at its own address; its live reload
    injects an inline script the policy would block."""
    host, port = config["dev_addr"]
    return (config["site_url"] or "").startswith(f"http://{host}:{port}/")


def on_post_build(config):
    if os.environ.get("SITE_PUBLISH") == "0":
        return  # the caller runs `python -m site_core.publish` itself (make build)
    try:
        out = publish.run(
            Path(config["site_dir"]),
            publish.SiteConfig.from_file(Path(config.config_file_path)),
            serving=_serving(config),
            skip_pdfs=os.environ.get("SITE_SKIP_PDFS") == "1",
        )
    except publish.PublishError as err:
        raise PluginError(str(err)) from None
    log.info(
        "Content Security Policy on %d pages, %d pinned inline script hashes%s",
        out.pages,
        out.hashes,
        " (meta tags left out while serving)" if _serving(config) else "",
    )
    log.info(
        "Worksheet PDFs skipped (SITE_SKIP_PDFS=1)"
        if out.pdfs_skipped
        else f"Worksheet PDFs: {out.rendered} rendered, {out.cached} from cache"
    )
