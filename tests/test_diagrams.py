"""Diagrams (includes/diagrams/, site_core.diagrams): every file held to the
rules that let the site colour it, name it and keep it safe; every page's
use of one checked; and, in Chromium, each picture readable in the light
and dark schemes, on paper, and on a phone.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, settle
from site_core import diagrams

DOCS = ROOT / "docs"
FOLDER = ROOT / "includes" / "diagrams"
NAMES = sorted(f.stem for f in FOLDER.glob("*.svg"))
# Each diagram and one page that shows it.
SHOWN_ON = {
    name: next(
        p.relative_to(DOCS).as_posix()
        for p in sorted(DOCS.rglob("*.md"))
        if f"<!-- diagram {name} -->" in p.read_text(encoding="utf-8")
    )
    for name in NAMES
}


def test_there_are_diagrams_and_they_pass():
    assert len(NAMES) >= 4
    assert [str(p) for p in diagrams.check(ROOT, DOCS)] == []


# --- The rules, one broken at a time --------------------------------------------------

GOOD = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" role="img" aria-labelledby="x-title x-desc">
  <title id="x-title">Two boxes</title>
  <desc id="x-desc">One box leads to the next. The second one is the goal.</desc>
  <rect class="d-box" x="10" y="10" width="150" height="60"/>
  <path class="d-line" d="M160 40 H240"/>
  <text class="d-text" x="85" y="45" font-size="16" text-anchor="middle">Start</text>
</svg>
"""


def project_with(tmp_path: Path, svg: str, page: str = "Intro.\n\n<!-- diagram x -->\n") -> Path:
    (tmp_path / "includes" / "diagrams").mkdir(parents=True)
    (tmp_path / "includes" / "diagrams" / "x.svg").write_text(svg, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(page, encoding="utf-8")
    return tmp_path


def problems(tmp_path: Path, svg: str = GOOD, page: str = "Intro.\n\n<!-- diagram x -->\n") -> list[str]:
    root = project_with(tmp_path, svg, page)
    return [str(p) for p in diagrams.check(root, root / "docs")]


def test_a_good_diagram_passes(tmp_path):
    assert problems(tmp_path) == []


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ('class="d-box"', 'class="d-box" fill="#c00"', "<rect> sets its own fill"),
        ('class="d-line"', 'class="d-line" stroke="red"', "<path> sets its own stroke"),
        ('class="d-text"', 'class="d-text" style="fill: red"', "<text> sets its own style"),
        ("<rect", "<style>rect { fill: red }</style>\n  <rect", "has its own <style>"),
        ('class="d-box"', 'class="d-box big"', "unknown class big"),
        ('font-size="16"', 'font-size="9"', "text at font-size 9 would be under 11 px on a phone"),
        (' viewBox="0 0 400 200"', "", "has no viewBox"),
        (' role="img"', ' width="400" role="img"', "has a width or height"),
        (' role="img"', "", "not named for screen readers"),
        ('  <title id="x-title">Two boxes</title>\n', "", "has no title first"),
        ("One box leads to the next. The second one is the goal.", "", "has no description after its title"),
        (
            "One box leads to the next. The second one is the goal.",
            "Comprehensive institutional accountability necessitates interpersonal understanding regarding "
            "psychological vulnerability and its consequences.",
            "the description reads at grade",
        ),
        ("<rect", "<script>alert(1)</script>\n  <rect", "<script> inside an SVG picture"),
        ("<rect", '<image href="https://evil.example/x.png"/>\n  <rect', "loads https://evil.example/x.png"),
        ("</svg>", "", "is not well-formed SVG"),
    ],
    ids=[
        "own fill",
        "own stroke",
        "style attribute",
        "style element",
        "unknown class",
        "text too small",
        "no viewBox",
        "fixed width",
        "no role",
        "no title",
        "no description",
        "hard description",
        "script",
        "image from elsewhere",
        "not XML",
    ],
)
def test_each_rule_names_the_file_and_the_fix(tmp_path, old, new, says):
    assert old in GOOD
    found = problems(tmp_path, GOOD.replace(old, new))
    assert found, says
    assert all(p.startswith("includes/diagrams/x.svg") and "How to fix:" in p for p in found)
    assert any(says in p for p in found), found


def test_a_file_that_is_not_utf8_is_named(tmp_path):
    root = project_with(tmp_path, GOOD)
    (root / "includes" / "diagrams" / "x.svg").write_bytes(GOOD.replace("Start", "D\xe9but").encode("latin-1"))
    (root / "docs" / "other.md").write_bytes("Caf\xe9 <!-- diagram x -->\n".encode("latin-1"))
    found = [str(p) for p in diagrams.check(root, root / "docs")]
    assert found == ["includes/diagrams/x.svg: the file is not UTF-8 text. How to fix: save it as UTF-8."]


def test_a_colour_off_is_allowed(tmp_path):
    assert problems(tmp_path, GOOD.replace('class="d-line"', 'class="d-line" fill="none"')) == []


@pytest.mark.parametrize(
    ("page", "says"),
    [
        ("Intro.\n\n<!-- diagram x -->\n\n<!-- diagram nope -->\n", "docs/page.md:5: no diagram named 'nope'"),
        ("<!-- diagram x -->\n\nText.\n\n<!-- diagram x -->\n", "docs/page.md:5: the diagram 'x' is shown twice"),
        ("No picture here.\n", "includes/diagrams/x.svg: no page shows this diagram"),
    ],
    ids=["unknown name", "twice on a page", "unused file"],
)
def test_a_page_uses_each_diagram_well(tmp_path, page, says):
    assert any(p.startswith(says) for p in problems(tmp_path, page=page))


def test_the_figure_is_one_html_block_with_its_words(tmp_path):
    root = project_with(tmp_path, GOOD.replace("<rect", "\n\n  <rect"))
    figure = diagrams.figure(diagrams.load(root / "includes" / "diagrams", "x"))
    assert "\n\n" not in figure
    assert 'aria-labelledby="x-title"' in figure
    assert figure.endswith(
        "<figcaption><strong>Two boxes.</strong> One box leads to the next. The second one is the goal."
        "</figcaption>\n</figure>"
    )


# --- On the built pages ----------------------------------------------------------------


def built(src: str) -> str:
    """The built page of a source page: a/b.md is a/b/index.html, a/index.md a/index.html."""
    stem = src.removesuffix(".md")
    return (stem.removesuffix("index") if stem.endswith("index") else f"{stem}/") + "index.html"


@pytest.mark.parametrize("name", NAMES)
def test_every_page_that_names_a_diagram_shows_it_with_its_words(name, html_pages):
    diagram = diagrams.load(FOLDER, name)
    pages = [
        p.relative_to(DOCS).as_posix()
        for p in sorted(DOCS.rglob("*.md"))
        if f"<!-- diagram {name} -->" in p.read_text(encoding="utf-8")
    ]
    assert pages
    for src in pages:
        soup = html_pages[built(src)]
        figure = soup.select_one(f"article figure#diagram-{name}")
        assert figure is not None, src
        svg = figure.find("svg")
        assert svg["role"] == "img"
        assert figure.select_one(f"#{svg['aria-labelledby']}").get_text(strip=True) == diagram.title
        assert " ".join(figure.figcaption.get_text(" ").split()) == f"{diagram.title}. {diagram.words}"
        assert not svg.select("[fill]:not([fill=none]), [stroke], [style], style, script")


# --- In a real browser -------------------------------------------------------------------

COLOURS = """(name) => {
  const svg = document.querySelector(`#diagram-${name} svg`);
  let el = svg, bg = "rgba(0, 0, 0, 0)";
  for (; el && bg.startsWith("rgba(0, 0, 0, 0)"); el = el.parentElement) bg = getComputedStyle(el).backgroundColor;
  const style = (sel, prop) => [...svg.querySelectorAll(sel)].map((e) => getComputedStyle(e)[prop]);
  return {background: bg.startsWith("rgba(0, 0, 0, 0)") ? "rgb(255, 255, 255)" : bg,
          text: style(".d-text:not(.d-muted)", "fill"), muted: style(".d-muted", "fill"),
          boxes: style(".d-box", "stroke"), box_fill: style(".d-box:not(.d-accent)", "fill"),
          lines: style(".d-line", "stroke"), arrows: style(".d-arrow", "fill")};
}"""
SMALLEST_TEXT_PX = """(name) => {
  const svg = document.querySelector(`#diagram-${name} svg`);
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return Math.min(...[...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
}"""


def rgba(colour: str) -> tuple[float, float, float, float]:
    parts = [float(x) for x in re.findall(r"[\d.]+", colour)]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)


def contrast(colour: str, background: str) -> float:
    """WCAG contrast of a colour, blended over its background by its alpha."""
    *fg, alpha = rgba(colour)
    bg = rgba(background)[:3]
    blended = [alpha * f + (1 - alpha) * b for f, b in zip(fg, bg, strict=True)]

    def luminance(rgb) -> float:
        lin = [(v / 255) / 12.92 if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(blended), luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def open_page(locked_context, served_site, name, **options):
    page = locked_context(**options).context.new_page()
    page.goto(served_site + built(SHOWN_ON[name]).removesuffix("index.html"))
    settle(page)
    return page


@pytest.mark.parametrize("name", NAMES)
def test_a_diagram_follows_the_scheme_with_readable_contrast(name, locked_context, served_site):
    seen = {}
    for scheme in ("light", "dark"):
        page = open_page(locked_context, served_site, name, color_scheme=scheme)
        colours = page.evaluate(COLOURS, name)
        seen[scheme] = colours
        assert colours["text"] and colours["boxes"], name
        for text in colours["text"] + colours["muted"]:
            assert contrast(text, colours["background"]) >= 4.5, (scheme, text, colours["background"])
        for graphic in colours["boxes"] + colours["lines"] + colours["arrows"]:
            assert contrast(graphic, colours["background"]) >= 3, (scheme, graphic, colours["background"])
    assert seen["light"]["text"] != seen["dark"]["text"], "the text does not change with the scheme"
    assert seen["light"]["background"] != seen["dark"]["background"]


@pytest.mark.parametrize("name", NAMES)
def test_a_diagram_prints_dark_on_white_from_either_scheme(name, locked_context, served_site):
    for scheme in ("light", "dark"):
        page = open_page(locked_context, served_site, name, color_scheme=scheme)
        page.emulate_media(media="print", color_scheme=scheme)
        colours = page.evaluate(COLOURS, name)
        for colour in colours["text"] + colours["boxes"] + colours["lines"] + colours["arrows"]:
            assert max(rgba(colour)[:3]) < 60, (scheme, colour)
        for colour in colours["box_fill"]:
            assert min(rgba(colour)[:3]) > 240, (scheme, colour)


@pytest.mark.parametrize("name", NAMES)
def test_a_diagram_fits_a_phone_with_text_that_can_be_read(name, locked_context, served_site):
    page = open_page(locked_context, served_site, name, viewport={"width": 360, "height": 800})
    width = page.evaluate(f"document.querySelector('#diagram-{name} svg').getBoundingClientRect().right")
    assert width <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "the page scrolls sideways"
    assert page.evaluate(SMALLEST_TEXT_PX, name) >= diagrams.MIN_TEXT_PX
