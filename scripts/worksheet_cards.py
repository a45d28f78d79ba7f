"""The worksheets index: a card per worksheet, grouped by who it is for.

Everything on a card comes from the worksheet's own front matter, so a
title or description is written once.
"""

from __future__ import annotations

import html
from pathlib import PurePosixPath

from site_core import content_model, worksheet_pdf

MARKER = "<!-- worksheet-cards -->"
# Reader groups, in the order a reader scans them. Counselors use every
# worksheet, so they get a note rather than a group of their own.
GROUPS = ["betrayed-partner", "partner-who-hurt", "couples"]
HEADINGS = {
    "betrayed-partner": "For the betrayed partner",
    "partner-who-hurt": "For the partner who caused the hurt",
    "couples": "For couples",
}


def downloads(slug: str) -> str:
    """A card's links to a document's PDFs, one per paper size, from the index page."""
    return " · ".join(
        f'<a href="pdf/{worksheet_pdf.pdf_name(slug, key)}" download>PDF, {label}</a>'
        for key, (label, _) in worksheet_pdf.PAPERS.items()
    )


def render(worksheets: dict[str, dict], packet_cards: list[str] = ()) -> str:
    """Markdown for the cards on worksheets/index.md, beside the worksheets.

    worksheets maps each worksheet's source path to its front matter;
    packet_cards is the packets' own Markdown (site_core.packets.card_lines),
    listed beside the zips.
    """
    zips = " ".join(
        f'<a class="md-button" href="pdf/{worksheet_pdf.zip_name(key)}" download>All worksheets, {label} (zip)</a>'
        for key, (label, _) in worksheet_pdf.PAPERS.items()
    )
    out = ['<p class="ws-actions">' + zips + "</p>", ""]
    if packet_cards:
        out += [
            "## Packets by theme",
            "",
            "Several worksheets in one fillable PDF, with a contents page, for a course of sessions or a client"
            " to take home. Each worksheet inside is the same as on its own page.",
            "",
            '<div class="grid cards" markdown>',
            "",
            *packet_cards,
            "</div>",
            "",
        ]
    for group in GROUPS:
        members = sorted((src, m) for src, m in worksheets.items() if group in m["audience"])
        if not members:
            continue
        out += [f"## {HEADINGS[group]}", "", '<div class="grid cards" markdown>', ""]
        for src, meta in members:
            link, slug = PurePosixPath(src).name, PurePosixPath(src).stem
            pages = "1 page" if meta["pages"] == 1 else f"{meta['pages']} pages"
            out += [
                f"-   **[{meta['title']}]({link})**",
                "",
                f"    {meta['description']}",
                "",
                f"    *{html.escape(content_model.audience_phrase(meta['audience']))} "
                f"About {meta['minutes']} minutes, {pages}.*",
                "",
                f"    {downloads(slug)}",
                "",
            ]
        out += ["</div>", ""]
    return "\n".join(out)
