"""The self-hosted font: its files hold exactly the characters the site
uses (Latin with the Spanish and typographic characters, site_core.font_subset),
each weight in a main file and a file of seldom-used signs, and every
character on a page is among them; every page preloads its regular and
bold main files, the browser uses those preloads rather than fetching the
files a second time, fetches a signs file only for a page that shows one
of its signs, and the text is drawn in the site's font, not a fallback,
and shown while the font loads (overrides/main.html,
docs/assets/stylesheets/fonts.css).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urljoin

import pytest
from fontTools.ttLib import TTFont

from conftest import ROOT, skip_module_without_chromium
from site_core.font_subset import CHARACTERS, FEATURES, FONTS, SIGNS, SOURCES, faces, unicode_range

skip_module_without_chromium()

FAMILY = "Atkinson Hyperlegible Next"
PAGES = ["", "understanding-empathy/five-myths/", "worksheets/daily-check-in/"]
DECLARED = set(
    re.findall(
        r'url\("\.\./fonts/([^"]+\.woff2)"\)', (ROOT / "docs/assets/stylesheets/fonts.css").read_text(encoding="utf-8")
    )
)


FONTS_CSS = (ROOT / "docs/assets/stylesheets/fonts.css").read_text(encoding="utf-8")
# Drawn by a system font on purpose: the arrow of a footnote's way back.
FALLBACK = {"\u21a9"}


def test_each_file_holds_exactly_its_characters_and_together_the_sites():
    cut = faces()
    assert sorted(f.name for f in FONTS.glob("*.woff2")) == sorted(face.file for face in cut)
    assert len(cut) == 2 * len(list(SOURCES.glob("*.woff2"))) == 4
    for weight in (400, 700):
        held = [set(TTFont(FONTS / face.file).getBestCmap()) for face in cut if face.weight == weight]
        assert set().union(*held) == CHARACTERS, f"weight {weight}: run `make fonts`"
        assert not set.intersection(*held), f"weight {weight}: a character in two files"
    for face in cut:
        held = set(TTFont(FONTS / face.file).getBestCmap())
        assert held == face.characters, (
            f"{face.file}: missing {sorted(map(chr, face.characters - held))}, extra {len(held - face.characters)}; "
            "run `make fonts`"
        )
    # The signs are Latin-1 signs only; every letter is in the main files.
    assert SIGNS and all(0xA1 <= c <= 0xBF for c in SIGNS)


def test_each_file_keeps_its_kerning_and_only_the_features_the_site_asks_for():
    for face in faces():
        font = TTFont(FONTS / face.file)
        kept = {
            record.FeatureTag
            for table in ("GSUB", "GPOS")
            if table in font
            for record in font[table].table.FeatureList.FeatureRecord
        }
        assert kept == set(FEATURES) == {"kern"}, f"{face.file}: {sorted(kept)}; run `make fonts`"
        # Kerning pairs survive the cut: the pair lookups still hold data.
        lookups = font["GPOS"].table.LookupList.Lookup
        assert any(sub.Format in (1, 2) for lookup in lookups if lookup.LookupType == 2 for sub in lookup.SubTable)


def test_fonts_css_declares_what_each_file_holds_and_shows_text_while_it_loads():
    declared = re.findall(r"@font-face\s*{([^}]*)}", FONTS_CSS)
    assert len(declared) == len(DECLARED) == len(faces())
    for face, rule in zip(faces(), declared, strict=True):
        assert f'url("../fonts/{face.file}")' in rule and f"font-weight: {face.weight};" in rule, "run `make fonts`"
        assert f"unicode-range: {unicode_range(face.characters)};" in rule, "run `make fonts`"
        assert "font-display: swap;" in rule


def test_the_font_has_every_letter_and_sign_the_pages_use(html_pages):
    lacking: dict[str, list[str]] = {}
    for path, soup in html_pages.items():
        shown = "".join(
            text for text in soup.find_all(string=True) if not text.find_parent(["script", "style", "svg", "head"])
        )
        for char in set(shown):
            if char.isspace() or ord(char) in CHARACTERS or char in FALLBACK:
                continue
            lacking.setdefault(f"{char!r} {unicodedata.name(char, '?')}", []).append(path)
    assert not lacking, "Characters the site's font lacks (add them to CHARACTERS in scripts/font_subset.py " + (
        "and run `make fonts`, or write them another way):\n"
        + "\n".join(f"  {c}: {', '.join(sorted(paths)[:3])}" for c, paths in sorted(lacking.items()))
    )


def preloads(soup) -> list:
    return soup.select('link[rel="preload"][as="font"]')


def test_every_page_preloads_the_regular_and_bold_faces(html_pages):
    for path, soup in html_pages.items():
        links = preloads(soup)
        names = sorted(link["href"].rsplit("/", 1)[-1] for link in links)
        assert names == [
            "atkinson-hyperlegible-next-latin-400-normal.woff2",
            "atkinson-hyperlegible-next-latin-700-normal.woff2",
        ], f"{path}: preloads {names}"
        for link in links:
            # Fonts are always fetched in CORS mode; a preload without
            # crossorigin does not match, and the file downloads twice.
            assert link.has_attr("crossorigin") and link.get("type") == "font/woff2", f"{path}: {link}"


def test_preloaded_files_are_the_ones_fonts_css_declares(html_pages):
    names = {link["href"].rsplit("/", 1)[-1] for soup in html_pages.values() for link in preloads(soup)}
    assert names <= DECLARED, f"preloaded but not in fonts.css: {sorted(names - DECLARED)}"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_browser_fetches_each_face_once_and_draws_with_it(browser, served_site, path):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    fetched: list[str] = []
    context.on("request", lambda r: fetched.append(r.url) if r.url.endswith(".woff2") else None)
    page = context.new_page()
    try:
        page.goto(urljoin(served_site, path))
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_load_state("load")
        preloaded = page.eval_on_selector_all(
            'link[rel="preload"][as="font"]', "els => els.map(e => e.href)"
        )  # absolute already
        for url in preloaded:
            assert fetched.count(url) == 1, f"{url} fetched {fetched.count(url)} times (a preload that did not match?)"
        assert len(fetched) == len(set(fetched)), f"a font was fetched twice: {fetched}"
        loaded = page.evaluate(
            "[...document.fonts].filter(f => f.status === 'loaded')"
            ".map(f => f.family.replace(/[\"']/g, '') + ' ' + f.weight + ' ' + f.style)"
        )
        assert f"{FAMILY} 400 normal" in loaded and f"{FAMILY} 700 normal" in loaded, loaded
        body_font = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontFamily")
        assert body_font.strip("\"'").startswith(FAMILY), body_font
        # These pages show none of the seldom-used signs: their files stay on the server.
        assert not [url for url in fetched if "-signs-" in url], fetched
    finally:
        context.close()


def test_a_page_showing_a_sign_fetches_that_weights_signs_file_once(browser, served_site):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    fetched: list[str] = []
    context.on("request", lambda r: fetched.append(r.url.rsplit("/", 1)[-1]) if r.url.endswith(".woff2") else None)
    page = context.new_page()
    try:
        page.goto(urljoin(served_site, PAGES[1]))
        page.evaluate("document.fonts.ready.then(() => true)")
        assert not [name for name in fetched if "-signs-" in name], fetched
        # A degree sign in regular text, then one in bold.
        for weight, sign in ((400, "°"), (700, "½")):
            file = f"atkinson-hyperlegible-next-latin-signs-{weight}-normal.woff2"
            with page.expect_response(lambda response, file=file: response.url.endswith("/" + file)):
                page.evaluate(
                    """([text, weight]) => { const p = document.createElement("p"); p.textContent = text;
                    p.style.fontWeight = weight; document.querySelector("article").append(p); }""",
                    [f"It was 20{sign} outside", weight],
                )
            page.evaluate("document.fonts.ready.then(() => true)")
            assert fetched.count(f"atkinson-hyperlegible-next-latin-signs-{weight}-normal.woff2") == 1, fetched
    finally:
        context.close()
