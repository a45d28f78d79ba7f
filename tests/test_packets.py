"""Themed packets: several worksheets in one fillable PDF (scripts/packets.yml).

The data file is checked like all content; the PDFs are read back from the
real build: a contents page whose page numbers are right, each worksheet
whole with its own fields (named so no two share an answer), tagged, with
the site's fonts subset, in both paper sizes; the worksheets index lists
every packet with both downloads.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import ROOT
from site_core import help_lines, packets, publish
from site_core.content_model import load_front_matter
from site_core.worksheet_pdf import PAPERS, pdf_name

DOCS = ROOT / "docs"
PACKETS = packets.load().packets
PAGE_SIZES = {"letter": (612, 792), "a4": (595, 842)}
CONTENTS_LINE = re.compile(r"^(?P<title>.+?) ?\.{3,} *(?P<page>\d+)$")


def test_the_themes_are_there():
    """At least the four themes counselors asked for, each from real worksheets."""
    assert {"the-letters", "first-weeks", "talking-and-listening", "safety-and-triggers"} <= {p.slug for p in PACKETS}
    assert packets.check(DOCS) == []


# --- The data file ------------------------------------------------------------------


def problems_for(tmp_path: Path, text: str) -> list[str]:
    data = tmp_path / "packets.yml"
    data.write_text(text, encoding="utf-8")
    return [str(p) for p in packets.check(DOCS, data)]


def packet(*sheets: str, slug: str = "test") -> str:
    lines = "".join(f"      - {s}\n" for s in sheets)
    return f"  - slug: {slug}\n    title: A packet\n    description: Two sheets.\n    sheets:\n{lines}"


def test_a_missing_worksheet_is_named_with_its_line(tmp_path):
    text = "packets:\n" + packet("worksheets/daily-check-in.md", "worksheets/no-such-sheet.md")
    assert problems_for(tmp_path, text) == [
        "scripts/packets.yml:7: field 'sheets': packet 'test' lists worksheets/no-such-sheet.md, which does not "
        "exist. How to fix: use a path from docs/, such as worksheets/daily-check-in.md."
    ]


def test_a_page_that_is_not_a_worksheet_is_refused(tmp_path):
    text = "packets:\n" + packet("worksheets/daily-check-in.md", "letters/empathy-letter.md")
    (problem,) = problems_for(tmp_path, text)
    assert problem.startswith("scripts/packets.yml:7: field 'sheets': packet 'test' lists letters/empathy-letter.md")
    assert "which is not a worksheet" in problem


def test_the_line_is_the_packets_own_when_a_sheet_is_in_two(tmp_path):
    text = (
        "packets:\n"
        + packet("worksheets/daily-check-in.md", "worksheets/feelings-vocabulary.md", slug="one")
        + packet("worksheets/daily-check-in.md", "worksheets/gone.md", slug="two")
    )
    (problem,) = problems_for(tmp_path, text)
    assert problem.startswith("scripts/packets.yml:13: field 'sheets': packet 'two' lists worksheets/gone.md")


def test_a_slug_used_twice_is_refused(tmp_path):
    sheets = ("worksheets/daily-check-in.md", "worksheets/feelings-vocabulary.md")
    text = "packets:\n" + packet(*sheets, slug="same") + packet(*sheets, slug="same")
    (problem,) = problems_for(tmp_path, text)
    assert problem.startswith("scripts/packets.yml:8: field 'slug': packet 'same' appears twice")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("packets:\n" + packet("worksheets/daily-check-in.md"), "at least 2 items"),
        ("packets:\n" + packet("worksheets/daily-check-in.md", "worksheets/daily-check-in.md"), "more than once"),
        ("packets:\n" + packet("worksheets/a.md", "worksheets/b.md", slug="Not A Slug"), "not a plain slug"),
        ("packets:\n" + packet("worksheets/a.md", "worksheets/b.md") + "    pages: 3\n", "Extra inputs"),
        ("packets: [\n", "cannot be read"),
    ],
    ids=["one sheet", "a sheet twice", "bad slug", "unknown key", "not yaml"],
)
def test_a_malformed_file_says_what_is_wrong(tmp_path, text, says):
    (problem,) = problems_for(tmp_path, text)
    assert problem.startswith("scripts/packets.yml:1: cannot be read")
    assert says in problem


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("packets:\n  - slug: caf\xe9\n".encode("latin-1"), "the file is not UTF-8 text"),
        (b"- just a list\n", "cannot be read"),
        (b"packets: 3\n", "cannot be read"),
    ],
    ids=["not utf-8", "a list", "not a list of packets"],
)
def test_a_file_of_the_wrong_kind_is_named(tmp_path, content, says):
    data = tmp_path / "packets.yml"
    data.write_bytes(content)
    (problem,) = [str(p) for p in packets.check(DOCS, data)]
    assert problem.startswith("scripts/packets.yml") and says in problem and "How to fix:" in problem


def test_no_file_means_no_packets(tmp_path):
    missing = tmp_path / "packets.yml"
    assert packets.check(DOCS, missing) == [] and packets.card_lines(DOCS, missing) == []


# --- One document: nothing named twice ------------------------------------------------


@pytest.fixture(scope="module")
def documents(site):
    config = publish.SiteConfig.from_file(ROOT / "mkdocs.yml")
    return {d.slug: d for d in packets.documents(publish.built_worksheets(site, config), config.site_url)}


@pytest.mark.parametrize("packet", PACKETS, ids=lambda p: p.slug)
def test_every_id_is_unique_and_every_reference_finds_one(packet, documents):
    """Two sheets in one document: a field, label, heading or footnote
    never collides with the other sheet's, and none points to the wrong one."""
    soup = BeautifulSoup(documents[packet.pdf_slug].document(), "html.parser")
    ids = [tag["id"] for tag in soup.select("[id]")]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    references = [label["for"] for label in soup.select("label[for]")]
    for attribute in ("aria-labelledby", "aria-describedby", "aria-controls"):
        references += [ref for tag in soup.select(f"[{attribute}]") for ref in tag[attribute].split()]
    references += [a["href"][1:] for a in soup.select('a[href^="#"]')]
    assert references and set(references) <= set(ids), sorted(set(references) - set(ids))


# --- The PDFs -----------------------------------------------------------------------


def pdf(site: Path, slug: str, paper: str) -> PdfReader:
    return PdfReader(site / "worksheets" / "pdf" / pdf_name(slug, paper))


def lines(page) -> list[str]:
    return [" ".join(line.split()) for line in page.extract_text().split("\n")]


def fields_of(reader: PdfReader) -> dict:
    # pypdf lists a radio group's buttons again as "group.group"; count groups.
    return {name: f for name, f in reader.get_fields().items() if "." not in name}


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("packet", PACKETS, ids=lambda p: p.slug)
def test_a_packet_is_its_worksheets_whole(packet, paper, site):
    """A contents page, then each worksheet's pages as it prints alone, with
    every one of its fields, each under a name of its own and a spoken name
    that starts with the worksheet's title."""
    reader = pdf(site, packet.pdf_slug, paper)
    sheets = [pdf(site, Path(s).stem, paper) for s in packet.sheets]
    assert len(reader.pages) == 1 + sum(len(s.pages) for s in sheets) <= packets.pages(packet, DOCS)
    assert reader.metadata.title == packet.title

    expected = {}
    for src, sheet in zip(packet.sheets, sheets, strict=True):
        title = load_front_matter(DOCS / src)["title"]
        for name, field in fields_of(sheet).items():
            expected[f"{Path(src).stem}--{name}"] = f"{title}: {field['/TU']}"
    found = fields_of(reader)
    assert set(found) == set(expected)
    for name, field in found.items():
        assert field["/TU"] == expected[name], name


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("packet", PACKETS, ids=lambda p: p.slug)
def test_the_contents_page_numbers_are_right(packet, paper, site):
    reader = pdf(site, packet.pdf_slug, paper)
    contents = [m for line in lines(reader.pages[0]) if (m := CONTENTS_LINE.match(line))]
    titles = [load_front_matter(DOCS / s)["title"] for s in packet.sheets]
    assert [m["title"] for m in contents] == titles
    start = 2
    for src, entry in zip(packet.sheets, contents, strict=True):
        assert int(entry["page"]) == start, entry["title"]
        # The sheet's title heads the page the contents name, under its brand line.
        assert entry["title"] in lines(reader.pages[start - 1])[:4]
        start += len(pdf(site, Path(src).stem, paper).pages)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("packet", PACKETS, ids=lambda p: p.slug)
def test_a_packet_is_tagged_sized_and_carries_the_crisis_lines(packet, paper, site):
    reader = pdf(site, packet.pdf_slug, paper)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en"
    main = [line for line in help_lines.load().lines if line.main]
    for page in reader.pages:
        width, height = (round(float(x)) for x in page.mediabox.upper_right)
        assert (width, height) == PAGE_SIZES[paper]
        text = " ".join(page.extract_text().split())
        for line in main:
            assert (line.phone or str(line.url).split("//")[1].rstrip("/")) in text, line.id
        for key in page["/Resources"]["/Font"]:
            font = page["/Resources"]["/Font"][key].get_object()
            assert "Atkinson" in str(font["/BaseFont"]) and "+" in str(font["/BaseFont"]), "not the subset site font"


def test_the_index_lists_every_packet_with_both_downloads(html_pages, site):
    soup = html_pages["worksheets/index.html"]
    heading = soup.find("h2", id="packets-by-theme")
    assert heading is not None
    cards = heading.find_next("div", class_="cards").select("li")
    assert [li.find("strong").get_text(strip=True) for li in cards] == [p.title for p in PACKETS]
    for packet, card in zip(PACKETS, cards, strict=True):
        downloads = [a["href"] for a in card.select("a[download]")]
        assert downloads == [f"pdf/{pdf_name(packet.pdf_slug, paper)}" for paper in PAPERS]
        for href in downloads:
            assert (site / "worksheets" / href).is_file(), href
        assert f"{packets.pages(packet, DOCS)} pages" in card.get_text()
