"""Themed worksheet packets: several worksheets in one fillable PDF (scripts/packets.yml).

A counselor who runs a session on the letters, or hands a client the first
weeks' sheets, wants one file, not five. Each packet in the data file names
its worksheets; the packet PDF is a contents page and then each worksheet
as its own PDF shows it, every one starting on a new page. It goes through
the worksheet pipeline (site_core.worksheet_pdf): the same fields, fonts,
tags, crisis lines and page budget, in both paper sizes.

In one PDF, two fields with one name would share one answer, so each
worksheet's field names and element ids get its slug in front.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from site_core import content_model, worksheet_cards, worksheet_pdf
from site_core.content_model import Problem

DATA_FILE = Path(__file__).with_name("packets.yml")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Attributes that name something unique in one document, or point to it
# (the aria ones hold a list of ids), and links within the page.
_NAMED = re.compile(r'\b(id|for|name|aria-labelledby|aria-describedby|aria-controls)="([^"]*)"')
_ANCHOR = re.compile(r'\bhref="#([^"]*)"')
_PDF_TITLE = ' data-pdf-title="'


class Packet(BaseModel):
    model_config = ConfigDict(extra="forbid")
    slug: str
    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    sheets: list[str] = Field(min_length=2)

    @field_validator("slug")
    @classmethod
    def plain_slug(cls, slug: str) -> str:
        if not SLUG.match(slug):
            raise ValueError(f"'{slug}' is not a plain slug (lower-case words joined by hyphens)")
        return slug

    @field_validator("sheets")
    @classmethod
    def distinct(cls, sheets: list[str]) -> list[str]:
        twice = sorted({s for s in sheets if sheets.count(s) > 1})
        if twice:
            raise ValueError(f"{', '.join(twice)} listed more than once")
        return sheets

    @property
    def pdf_slug(self) -> str:
        return f"packet-{self.slug}"


class Packets(BaseModel):
    model_config = ConfigDict(extra="forbid")
    packets: list[Packet] = Field(default_factory=list)


def _where(path: Path) -> str:
    return f"scripts/{path.name}"


def load(path: Path = DATA_FILE) -> Packets:
    return _load(path, path.stat().st_mtime)


@cache
def _load(path: Path, mtime: float) -> Packets:
    return Packets.model_validate(yaml.load(path.read_text(encoding="utf-8"), Loader=content_model.YAML_LOADER) or {})


def _line_of(text: str, needle: str, after: int = 1) -> int:
    """The first line from `after` on that holds needle (1 if none)."""
    for number, line in enumerate(text.split("\n"), 1):
        if number >= after and needle in line:
            return number
    return 1


def check(docs_dir: Path, path: Path = DATA_FILE) -> list[Problem]:
    """The data file's problems: its schema, unknown or non-worksheet pages, slugs used twice."""
    where = _where(path)
    if not path.is_file():
        return []  # a site without packets
    try:
        text = path.read_text(encoding="utf-8")
        data = load(path)
    except UnicodeDecodeError:
        return [Problem(where, None, None, "the file is not UTF-8 text", "save it as UTF-8")]
    except (yaml.YAMLError, ValidationError) as err:
        detail = str(err).replace("\n", " ")
        return [Problem(where, 1, None, f"cannot be read: {detail}", "follow the comment at the top of the file")]
    problems = []
    seen: set[str] = set()
    line = 0
    for packet in data.packets:
        line = _line_of(text, f"slug: {packet.slug}", after=line + 1)
        if packet.slug in seen:
            problems.append(
                Problem(where, line, "slug", f"packet '{packet.slug}' appears twice", "give each packet its own slug")
            )
        seen.add(packet.slug)
        for sheet in packet.sheets:
            sheet_line = _line_of(text, sheet, after=line)
            file = docs_dir / sheet
            if not file.is_file():
                problems.append(
                    Problem(
                        where,
                        sheet_line,
                        "sheets",
                        f"packet '{packet.slug}' lists {sheet}, which does not exist",
                        "use a path from docs/, such as worksheets/daily-check-in.md",
                    )
                )
            elif content_model.load_front_matter(file).get("type") != "worksheet":
                problems.append(
                    Problem(
                        where,
                        sheet_line,
                        "sheets",
                        f"packet '{packet.slug}' lists {sheet}, which is not a worksheet",
                        "list only pages with 'type: worksheet'",
                    )
                )
    return problems


def pages(packet: Packet, docs_dir: Path) -> int:
    """The packet's page budget: a contents page, then each worksheet's own."""
    return 1 + sum(content_model.load_front_matter(docs_dir / s)["pages"] for s in packet.sheets)


def _scoped(ws: worksheet_pdf.Worksheet) -> str:
    """A worksheet's body with its ids, labels, field names and in-page links
    made unique within the packet, and each field's spoken name (/TU)
    starting with the worksheet's title, so a screen reader says which
    sheet a box belongs to."""
    prefix = ws.slug

    def scoped(match: re.Match) -> str:
        names = " ".join(f"{prefix}--{name}" for name in match.group(2).split())
        return f'{match.group(1)}="{names}"'

    body = _NAMED.sub(scoped, ws.body_html)
    body = _ANCHOR.sub(lambda m: f'href="#{prefix}--{m.group(1)}"', body)
    return body.replace(_PDF_TITLE, f"{_PDF_TITLE}{html.escape(ws.title)}: ")


def document(packet: Packet, sheets: list[worksheet_pdf.Worksheet], url: str) -> worksheet_pdf.Worksheet:
    """The packet as one printable document for the worksheet pipeline."""
    first = sheets[0]
    contents = "".join(f'<li><a href="#sheet-{ws.slug}">{html.escape(ws.title)}</a></li>' for ws in sheets)
    parts = [
        f"<p>{html.escape(packet.description)}</p>",
        '<nav class="ws-contents" aria-labelledby="packet-contents"><h2 id="packet-contents">Contents</h2>',
        f"<ol>{contents}</ol></nav>",
        '<h2 id="packet-how-to-use">How to use this packet</h2><ul>',
        "<li>Each worksheet starts on a new page, with its own instructions and its own note on safety.</li>",
        "<li>Fill it in on screen in a PDF reader and save the file, or print only the pages you need and write by "
        "hand.</li>",
        "<li>What you write is private. Keep it where only you can see it, unless you choose to share it.</li>",
        f"<li>Each worksheet is also on its own page at {html.escape(url)}, with more on why it helps.</li>",
        "</ul>",
    ]
    # Each sheet looks as it does on its own (its title a first-level
    # heading, its brand line above), so it takes the same pages.
    for ws in sheets:
        parts.append(
            f'<section class="ws-packet-sheet" aria-labelledby="sheet-{ws.slug}">'
            f'<p class="ws-brand" aria-hidden="true">{html.escape(ws.site_name)} · {html.escape(ws.kind)}</p>'
            f'<h1 id="sheet-{ws.slug}">{html.escape(ws.title)}</h1>'
            f"{_scoped(ws)}</section>"
        )
    return worksheet_pdf.Worksheet(
        slug=packet.pdf_slug,
        title=packet.title,
        description=packet.description,
        url=url,
        body_html="".join(parts),
        max_pages=1 + sum(ws.max_pages for ws in sheets),
        site_name=first.site_name,
        crisis_note=first.crisis_note,
        source=_where(DATA_FILE),
        kind="Packet",
    )


def documents(
    worksheets: list[worksheet_pdf.Worksheet], url: str, path: Path = DATA_FILE
) -> list[worksheet_pdf.Worksheet]:
    """Every packet in the data file, from the worksheets as built."""
    if not path.is_file():
        return []
    by_source = {Path(ws.source).as_posix(): ws for ws in worksheets}
    found = []
    for packet in load(path).packets:
        sheets = [by_source[f"docs/{s}"] for s in packet.sheets]
        found.append(document(packet, sheets, url))
    return found


def card_lines(docs_dir: Path, path: Path = DATA_FILE) -> list[str]:
    """Markdown for the packets on the worksheets index: one line each, with both downloads."""
    if not path.is_file():
        return []
    out = []
    for packet in load(path).packets:
        names = [content_model.load_front_matter(docs_dir / s)["title"] for s in packet.sheets]
        out += [
            f"-   **{packet.title}**",
            "",
            f"    {packet.description}",
            "",
            f"    *{len(names)} worksheets, {pages(packet, docs_dir)} pages with the contents page:"
            f" {'; '.join(names)}.*",
            "",
            f"    {worksheet_cards.downloads(packet.pdf_slug)}",
            "",
        ]
    return out
