"""Worksheets: the web page, the index, and the real PDFs and zips the build makes."""

from __future__ import annotations

import re
import zipfile

import pytest
from pypdf import PdfReader

from conftest import ROOT, run_build
from site_core import editions, guided_paths, packets
from site_core.content_model import load_front_matter, split_front_matter
from site_core.extensions.answers import render
from site_core.worksheet_pdf import PAPERS, pdf_name, zip_name

# Every edition's worksheets (site_core.editions): English, and each translation's own.
SOURCES = [
    p
    for edition in editions.EDITIONS
    for p in sorted((edition.docs_dir(ROOT) / "worksheets").glob("*.md"))
    if p.name != "index.md"
]
ENGLISH_SOURCES = [p for p in SOURCES if p.is_relative_to(ROOT / "docs")]
# Printable guides (type: guide) go through the same PDF pipeline.
GUIDES = sorted(p for p in (ROOT / "docs").rglob("*.md") if load_front_matter(p).get("type") == "guide")
PAGE_SIZES = {"letter": (612, 792), "a4": (595, 842)}
MAX_BYTES = 150 * 1024


def edition(src) -> editions.Edition:
    return next(e for e in editions.TRANSLATIONS + (editions.ENGLISH,) if src.is_relative_to(e.docs_dir(ROOT)))


def sheet_id(src) -> str:
    return f"{edition(src).lang}/{src.stem}"


def source_fields(path):
    """A worksheet's fields, with a path workbook's gathered from its steps."""
    _, body = split_front_matter(path.read_text(encoding="utf-8"))
    return render("\n".join(guided_paths.expand_workbooks(body.split("\n"), edition(path).docs_dir(ROOT))))[1]


def test_the_full_set_is_there():
    assert len(ENGLISH_SOURCES) >= 13
    # The Spanish edition has every worksheet but the course's workbook, whose lessons are English only.
    assert {p.name for p in SOURCES if edition(p) is editions.SPANISH} == {
        p.name for p in ENGLISH_SOURCES if p.name != "learning-empathy-workbook.md"
    }


@pytest.fixture(scope="module")
def pdfs(site):
    return {
        (src, paper): site / edition(src).prefix / "worksheets" / "pdf" / pdf_name(src.stem, paper)
        for src in SOURCES
        for paper in PAPERS
    }


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("src", SOURCES, ids=sheet_id)
def test_pdf_prints_the_main_crisis_lines_and_the_crisis_page(src, paper, pdfs):
    """On paper a link is useless: every page of every PDF carries the numbers."""
    from site_core import help_lines

    main = [line for line in help_lines.load().lines if line.main]
    assert len(main) >= 4
    for page in PdfReader(pdfs[(src, paper)]).pages:
        text = " ".join(page.extract_text().split())
        for line in main:
            assert (line.phone or str(line.url).split("//")[1].rstrip("/")) in text, (line.id, text[-400:])
        assert f"empathy-after-betrayal.github.io/site/{edition(src).prefix}get-help/crisis-and-safety/" in text


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("src", SOURCES, ids=sheet_id)
def test_pdf_is_fillable_tagged_and_within_budget(src, paper, pdfs):
    meta = load_front_matter(src)
    path = pdfs[(src, paper)]
    assert path.stat().st_size <= MAX_BYTES, f"{path.name} is {path.stat().st_size} bytes"
    reader = PdfReader(path)

    assert 1 <= len(reader.pages) <= meta["pages"]
    for page in reader.pages:
        width, height = (round(float(x)) for x in page.mediabox.upper_right)
        assert (width, height) == PAGE_SIZES[paper]

    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == edition(src).lang
    assert reader.metadata.title == meta["title"]

    expected = {name: f for f in source_fields(src) for name in f.pdf_names}
    # pypdf lists a radio group's buttons again as "group.group"; count groups.
    fields = {name: f for name, f in reader.get_fields().items() if "." not in name}
    assert set(fields) == set(expected)
    for name, field in fields.items():
        assert field.get("/TU"), f"{name} has no accessible name"
        assert field["/TU"].startswith(expected[name].prompt)

    fonts = [
        page["/Resources"]["/Font"][key].get_object() for page in reader.pages for key in page["/Resources"]["/Font"]
    ]
    for font in fonts:
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, "font not embedded"
        assert "Atkinson" in str(font["/BaseFont"]) and "+" in str(font["/BaseFont"]), "font not the subset site font"


@pytest.mark.parametrize("src", SOURCES, ids=sheet_id)
def test_page_budget_is_what_the_pdfs_take(src, pdfs):
    """The web page and the index say how many pages a sheet prints on:
    the longer of its two PDFs takes exactly that many."""
    longest = max(len(PdfReader(pdfs[(src, paper)]).pages) for paper in PAPERS)
    assert longest == load_front_matter(src)["pages"]


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("src", SOURCES, ids=sheet_id)
def test_no_tick_box_label_wraps_on_paper(src, paper, pdfs):
    """Each checklist option's label is on one printed line, whole."""
    options = [o for f in source_fields(src) if f.kind == "checklist" for o in f.options]
    lines = [
        " ".join(line.split())
        for page in PdfReader(pdfs[(src, paper)]).pages
        for line in page.extract_text().split("\n")
    ]
    for option in options:
        assert any(" ".join(option.split()) in line for line in lines), (option, paper)


@pytest.mark.parametrize("src", SOURCES, ids=sheet_id)
def test_the_printed_safety_note_carries_numbers(src, html_pages):
    """Paper has no links to tap: the safety note at the end of each sheet
    (printed from the page body, in the browser and in the PDF) gives help
    lines' numbers as text, not only a link."""
    from site_core import help_lines

    phones = [line.phone for line in help_lines.load().lines if line.phone]
    body = html_pages[f"{edition(src).prefix}worksheets/{src.stem}/index.html"].select_one("article")
    heading = body.find(
        lambda tag: tag.name == "h2" and re.search("note on safety|sobre (la )?seguridad", tag.get_text(), re.I)
    )
    assert heading, "no 'A note on safety' section"
    note = " ".join(" ".join(el.get_text(" ").split()) for el in heading.find_next_siblings())
    assert sum(phone in note for phone in phones) >= 1, note


def test_pdf_widgets_are_in_the_tag_tree(pdfs):
    reader = PdfReader(next(iter(pdfs.values())))
    widgets = [
        a.get_object()
        for page in reader.pages
        for a in page.get("/Annots", [])
        if a.get_object()["/Subtype"] == "/Widget"
    ]
    assert widgets and all("/StructParent" in w for w in widgets)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("ed", editions.EDITIONS, ids=lambda e: e.lang)
def test_download_all_zip_holds_every_pdf(site, paper, ed):
    with zipfile.ZipFile(site / ed.prefix / "worksheets" / "pdf" / zip_name(paper)) as archive:
        assert sorted(archive.namelist()) == sorted(pdf_name(s.stem, paper) for s in SOURCES if edition(s) is ed)
        assert archive.testzip() is None


@pytest.mark.parametrize("src", SOURCES, ids=sheet_id)
def test_web_page_offers_both_downloads_and_print(src, html_pages, site):
    soup = html_pages[f"{edition(src).prefix}worksheets/{src.stem}/index.html"]
    downloads = [a["href"] for a in soup.select(".ws-actions a[download]")]
    assert len(downloads) == len(PAPERS)
    for href in downloads:
        assert (site / edition(src).prefix / "worksheets" / src.stem / href).resolve().is_file(), href
    assert soup.select_one(".ws-actions button[data-ws-print]") is not None
    labels = {label["for"] for label in soup.select(".ws-field label[for]")}
    for control in soup.select(".ws-field textarea, .ws-field input[type=text]"):
        assert control["id"] in labels
    # The label names each field; a title too would be read out twice and
    # give every field a tooltip (and Material's script more work on load).
    assert not soup.select(".ws-field [title]")


@pytest.mark.parametrize("ed", editions.EDITIONS, ids=lambda e: e.lang)
def test_index_has_a_card_and_downloads_for_every_worksheet(html_pages, site, ed):
    soup = html_pages[f"{ed.prefix}worksheets/index.html"]
    cards = soup.select(".grid.cards li")
    titles = {load_front_matter(s)["title"] for s in SOURCES if edition(s) is ed}
    assert titles <= {li.find("a").get_text(strip=True) for li in cards}
    for href in {a["href"] for a in soup.select("a[download]")}:
        assert (site / ed.prefix / "worksheets" / href).is_file(), href


def test_unchanged_rebuild_renders_no_pdf(site, tmp_path):
    # The session's site build filled the cache; a second build must use it.
    result = run_build(ROOT, tmp_path / "again")
    assert result.returncode == 0, result.stderr
    documents = len(ENGLISH_SOURCES) + len(GUIDES) + len(packets.load().packets)
    assert f"Worksheet PDFs: 0 rendered, {2 * documents} from cache" in result.stderr


@pytest.mark.parametrize("src", GUIDES, ids=lambda p: p.stem)
def test_a_guide_is_a_page_and_a_pdf_in_each_size(src, site, html_pages):
    """A facilitator guide downloads as a PDF in both sizes, on the pages its
    front matter says, labelled as a guide and kept out of the worksheet zips."""
    meta = load_front_matter(src)
    page = html_pages[src.relative_to(ROOT / "docs").with_suffix("").as_posix() + "/index.html"]
    links = {a["href"].rsplit("/", 1)[-1] for a in page.select(".ws-actions a[download]")}
    assert links == {pdf_name(src.stem, paper) for paper in PAPERS}
    counts = []
    for paper in PAPERS:
        reader = PdfReader(site / "worksheets" / "pdf" / pdf_name(src.stem, paper))
        counts.append(len(reader.pages))
        assert reader.metadata.title == meta["title"]
        assert "· guide" in reader.pages[0].extract_text().lower()
        with zipfile.ZipFile(site / "worksheets" / "pdf" / zip_name(paper)) as archive:
            assert pdf_name(src.stem, paper) not in archive.namelist()
    assert max(counts) == meta["pages"]


@pytest.mark.parametrize(
    ("page", "body"),
    [
        ("<main><!-- site_core:content -->\n<p>Body</p>\n<!-- /site_core:content --></main>", "<p>Body</p>"),
        # A marker's words elsewhere (here in a script, before the template's
        # comments): the parser tells them apart.
        (
            '<script>var m = "<!-- site_core:content -->";</script>'
            "<!-- site_core:content --><p>Real</p><!-- /site_core:content -->",
            "<p>Real</p>",
        ),
        ('<p title="<!-- /site_core:content -->">x</p><!-- site_core:content -->y<!-- /site_core:content -->', "y"),
        ("<p>No markers</p>", None),
        ("<!-- /site_core:content --><p>Wrong order</p><!-- site_core:content -->", None),
    ],
)
def test_the_printed_body_is_what_the_content_markers_hold(page, body):
    from site_core.publish import page_content

    assert page_content(page) == body
