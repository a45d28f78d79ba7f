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
# The cards' words in each edition's language (site_core.editions).
WORDS = {
    "en": {
        "betrayed-partner": "For the betrayed partner",
        "partner-who-hurt": "For the partner who caused the hurt",
        "couples": "For couples",
        "all": "All worksheets, {paper} (zip)",
        "minutes": "About {minutes} minutes, {pages}.",
        "page": "1 page",
        "pages": "{n} pages",
        "letter": "US Letter",
    },
    "es": {
        "betrayed-partner": "Para la persona traicionada",
        "partner-who-hurt": "Para quien causó el daño",
        "couples": "Para parejas",
        "all": "Todas las hojas, {paper} (zip)",
        "minutes": "Unos {minutes} minutos, {pages}.",
        "page": "1 página",
        "pages": "{n} páginas",
        "letter": "carta (US Letter)",
    },
}


def _paper(key: str, label: str, lang: str) -> str:
    return WORDS[lang]["letter"] if key == "letter" else label


def downloads(slug: str, lang: str = "en") -> str:
    """A card's links to a document's PDFs, one per paper size, from the index page."""
    return " · ".join(
        f'<a href="pdf/{worksheet_pdf.pdf_name(slug, key)}" download>PDF, {_paper(key, label, lang)}</a>'
        for key, (label, _) in worksheet_pdf.PAPERS.items()
    )


def render(worksheets: dict[str, dict], packet_cards: list[str] = (), lang: str = "en") -> str:
    """Markdown for the cards on worksheets/index.md, beside the worksheets.

    worksheets maps each worksheet's source path to its front matter;
    packet_cards is the packets' own Markdown (site_core.packets.card_lines),
    listed beside the zips.
    """
    w = WORDS[lang]
    zips = " ".join(
        f'<a class="md-button" href="pdf/{worksheet_pdf.zip_name(key)}" download>'
        f"{w['all'].format(paper=_paper(key, label, lang))}</a>"
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
        out += [f"## {w[group]}", "", '<div class="grid cards" markdown>', ""]
        for src, meta in members:
            link, slug = PurePosixPath(src).name, PurePosixPath(src).stem
            pages = w["page"] if meta["pages"] == 1 else w["pages"].format(n=meta["pages"])
            out += [
                f"-   **[{meta['title']}]({link})**",
                "",
                f"    {meta['description']}",
                "",
                f"    *{html.escape(content_model.audience_phrase(meta['audience'], lang))} "
                f"{w['minutes'].format(minutes=meta['minutes'], pages=pages)}*",
                "",
                f"    {downloads(slug, lang)}",
                "",
            ]
        out += ["</div>", ""]
    return "\n".join(out)
