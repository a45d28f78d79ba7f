"""`make sheet SHEET=docs/worksheets/x.md`: one worksheet's PDFs, fast.

Renders the page with the site's own Markdown settings (mkdocs.yml) and
the PDF pipeline, without building the site, then prints how many pages
each paper size takes against the page budget in front matter. The PDFs
land in .cache/sheet-preview/ to open and look at. The full build stays
the judge: it renders from the built page and fails on any mismatch.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import markdown
import yaml

from site_core import content_model, publish, worksheet_pdf

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".cache" / "sheet-preview"


def _markdown(config_file: Path) -> markdown.Markdown:
    from mkdocs.config import load_config  # the engine's own reading of mkdocs.yml (!!python/name tags too)

    config = load_config(str(config_file))
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])


def preview(sheet: Path, config_file: Path = ROOT / "mkdocs.yml") -> dict[str, int]:
    site = publish.SiteConfig.from_file(config_file)
    text = sheet.read_text(encoding="utf-8")
    meta = yaml.safe_load(content_model.split_front_matter(text)[0] or "") or {}
    if meta.get("type") not in publish.PRINTABLE:
        raise SystemExit(f"{sheet}: not a worksheet or guide (its front matter has no 'type: worksheet')")
    body = _markdown(config_file).convert(content_model.split_front_matter(text)[1])
    ws = worksheet_pdf.Worksheet(
        slug=sheet.stem,
        title=meta["title"],
        description=meta["description"],
        url=f"{site.site_url}worksheets/{sheet.stem}/",
        body_html=body,
        max_pages=99,
        site_name=site.site_name,
        crisis_note=publish.crisis_note(site),
        kind=publish.PRINTABLE[meta["type"]],
    )
    OUT.mkdir(parents=True, exist_ok=True)
    return {
        paper: worksheet_pdf.render(ws, paper, OUT / worksheet_pdf.pdf_name(sheet.stem, paper))
        for paper in worksheet_pdf.PAPERS
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Page counts of worksheet PDFs, without a full build.")
    parser.add_argument("sheets", nargs="+", type=Path)
    failed = 0
    for sheet in parser.parse_args(argv).sheets:
        budget = content_model.load_front_matter(sheet).get("pages")
        counts = preview(sheet)
        longest = max(counts.values())
        verdict = "matches the budget" if longest == budget else f"does NOT match 'pages: {budget}'"
        sizes = ", ".join(f"{worksheet_pdf.PAPERS[p][0]} {n}" for p, n in counts.items())
        print(f"{sheet}: {sizes} page(s); {verdict}. PDFs in {OUT.relative_to(ROOT)}/")
        failed += longest != budget
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
