"""The self-hosted font: each face holds exactly the characters the site
uses (Latin with the Spanish and typographic characters, site_core.font_subset)
and every character on a page is among them; every page preloads its regular
and bold faces, the browser uses those preloads rather than fetching the
files a second time, and the text is drawn in the site's font, not a
fallback, and shown while the font loads (overrides/main.html,
docs/assets/stylesheets/fonts.css).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urljoin

import pytest
from fontTools.ttLib import TTFont

from conftest import ROOT, skip_module_without_chromium
from site_core.font_subset import CHARACTERS, FONTS, SOURCES, unicode_range

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


def test_each_face_holds_exactly_the_sites_characters():
    faces = sorted(FONTS.glob("*.woff2"))
    assert [f.name for f in faces] == sorted(f.name for f in SOURCES.glob("*.woff2")) and len(faces) == 2
    for face in faces:
        held = set(TTFont(face).getBestCmap())
        assert held == CHARACTERS, (
            f"{face.name}: missing {sorted(map(chr, CHARACTERS - held))}, extra {len(held - CHARACTERS)}; "
            "run `make fonts`"
        )


def test_fonts_css_declares_what_each_face_holds_and_shows_text_while_it_loads():
    faces = re.findall(r"@font-face\s*{([^}]*)}", FONTS_CSS)
    assert len(faces) == len(DECLARED) == 2
    for face in faces:
        assert f"unicode-range: {unicode_range(CHARACTERS)};" in face, "run `make fonts`"
        assert "font-display: swap;" in face


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
    finally:
        context.close()
