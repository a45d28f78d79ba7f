"""The worksheets index cards, from each worksheet's own front matter.

A line `<!-- worksheet-cards -->` on a page becomes the cards (see
site_core.worksheet_cards), read straight from docs/worksheets/*.md, so any
engine renders them and a title or description is written once.

    - site_core.extensions.worksheet_cards:
        docs_dir: docs                          # relative to where the build runs
        packets_file: scripts/packets.yml       # the same; the themed packets
"""

from __future__ import annotations

from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from site_core import content_model, packets, worksheet_cards


def worksheets(docs_dir: Path) -> dict[str, dict]:
    """Each worksheet's source path (from docs/) and front matter."""
    found = {}
    for file in sorted((docs_dir / "worksheets").glob("*.md")):
        meta = content_model.load_front_matter(file)
        if meta.get("type") == "worksheet":
            found[file.relative_to(docs_dir).as_posix()] = meta
    return found


class _Cards(Preprocessor):
    def __init__(self, md: Markdown, docs_dir: Path, packets_file: str, lang: str):
        super().__init__(md)
        self.docs_dir, self.packets_file, self.lang = docs_dir, packets_file, lang

    def run(self, lines: list[str]) -> list[str]:
        if not any(line.strip() == worksheet_cards.MARKER for line in lines):
            return lines
        # No packets_file: this edition has no packets (the Spanish one, so far).
        packet_cards = packets.card_lines(self.docs_dir, Path(self.packets_file)) if self.packets_file else []
        cards = worksheet_cards.render(worksheets(self.docs_dir), packet_cards, self.lang).split("\n")
        out = []
        for line in lines:
            out += cards if line.strip() == worksheet_cards.MARKER else [line]
        return out


class WorksheetCardsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "docs_dir": ["docs", "the docs folder, relative to where the build runs"],
            "packets_file": ["scripts/packets.yml", "the themed packets, relative to the same; empty for none"],
            "lang": ["en", "the cards' words: en or es"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # Before md_in_html (20) reads the cards' <div markdown> blocks.
        cards = _Cards(md, Path(self.getConfig("docs_dir")), self.getConfig("packets_file"), self.getConfig("lang"))
        md.preprocessors.register(cards, "site_core_worksheet_cards", 23)


def makeExtension(**kwargs) -> WorksheetCardsExtension:
    return WorksheetCardsExtension(**kwargs)
