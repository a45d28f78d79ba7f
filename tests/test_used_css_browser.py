"""Pages look the same, to the pixel, with Material's stylesheets cut down
(scripts/used_css.py) as with Material's whole files, in Chromium: each page
type, in the four views (scheme and width) in turn, and with the search
showing results, the menu open and printed. The comparison is close enough
to see one rule gone.

Each page is loaded once, with the copies as published, and photographed;
then Material's whole files, beside the copies, take the copies' place,
and it is photographed again: one load, so nothing but the stylesheets
differs between the two pictures. They must match pixel for pixel, within
two shades of anti-aliasing.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops

from conftest import settle, skip_module_without_chromium

skip_module_without_chromium()

PAGES = [
    "",
    "understanding-empathy/five-myths/",
    "questions/angry-when-i-ask/",
    "worksheets/daily-check-in/",
    "paths/learning-empathy/lesson-1-what-empathy-is/",
    "where-to-start/",
    "glossary/",
    "404.html",
    "es/",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
VIEWS = [("light", PHONE), ("dark", DESKTOP), ("dark", PHONE), ("light", DESKTOP)]

# The names of the stylesheets the page has, as loaded.
LOADED = "() => [...document.styleSheets].map((s) => (s.href || '').split('/').pop()).filter(Boolean)"
# Puts links to Material's whole files after the link to the cut copy
# (main.57a0d79d+palette.fb2fffe2.used.1a2b3c4d.css -> main.57a0d79d.min.css,
# then palette.fb2fffe2.min.css) and, once they have loaded, removes the
# copy's link; resolves with the number of whole files. The copy's rules
# are the whole files', in the same order, so the page is never without
# its styles: changing a link's address instead leaves it unstyled for a
# moment, and elements Material's reduced-motion rule does not reach can
# be caught mid-transition.
TO_WHOLE_FILES = r"""() => Promise.all([...document.querySelectorAll('link[rel=stylesheet]')]
  .filter((link) => /\.used\.[0-9a-f]{8}\.css$/.test(link.href))
  .map((link) => {
    const folder = link.href.slice(0, link.href.lastIndexOf("/") + 1);
    const names = link.href.slice(folder.length).replace(/\.used\.[0-9a-f]{8}\.css$/, "").split("+");
    let last = link;
    const loads = names.map((name) => new Promise((done, failed) => {
      const whole = link.cloneNode();
      whole.href = folder + name + ".min.css";
      whole.addEventListener("load", done, {once: true});
      whole.addEventListener("error", () => failed(new Error(whole.href)), {once: true});
      last.after(whole);
      last = whole;
    }));
    return Promise.all(loads).then(() => { link.remove(); return names.length; });
  })).then((counts) => counts.reduce((a, b) => a + b, 0))"""


def whole_page(page, width: dict) -> bytes:
    """A screenshot of the whole page. The window is made as tall as the page
    first, and the page left to settle: a full-page screenshot resizes the
    window as it takes the picture, and Material's scripts, which size the
    sidebars on a resize, would race it."""
    page.set_viewport_size({"width": width["width"], "height": page.evaluate("document.documentElement.scrollHeight")})
    settle(page)
    return page.screenshot(animations="disabled")


# Material's rule for reduced motion turns transitions off on elements and
# on ::before and ::after, not on the search box's placeholder, which fades
# its colour for 0.25 s whenever the colours change (at load, and again when
# the stylesheets are swapped). The pictures compare colours at rest, so
# this rule goes into our own stylesheet, which the swap leaves alone.
STILL_PLACEHOLDER = """() => [...document.styleSheets].find((s) => /site-bundle/.test(s.href || ''))
  .insertRule('::placeholder { transition: none !important; }')"""


# On a busy machine Chromium sometimes draws the same edge one shade apart
# from one picture to the next (anti-aliasing of a region drawn again).
# Any change a rule makes is far bigger.
SHADES = 2


def same_picture(png: bytes, other: bytes) -> bool:
    """The same size, and no pixel more than SHADES apart in any channel."""
    first, second = (Image.open(io.BytesIO(data)).convert("RGB") for data in (png, other))
    if first.size != second.size:
        return False
    return max(high for _, high in ImageChops.difference(first, second).getextrema()) <= SHADES


def open_page(locked_context, served_site, path, scheme, width, media="screen", then=None):
    locked = locked_context(viewport=width, reduced_motion="reduce", color_scheme=scheme)
    page = locked.context.new_page()
    assert page.goto(served_site + path, wait_until="load").status in (200, 404)
    page.evaluate(STILL_PLACEHOLDER)
    page.emulate_media(media=media)
    page.evaluate("document.fonts.ready.then(() => true)")
    if then:
        then(page)
    settle(page)
    return page


@pytest.fixture
def looks_the_same(locked_context, served_site):
    """Whether the page, in this view, looks the same with Material's whole stylesheets."""

    def compare(path, scheme, width, **how) -> bool:
        page = open_page(locked_context, served_site, path, scheme, width, **how)
        loaded = page.evaluate(LOADED)
        assert sum(".used." in name for name in loaded) == 1, f"{path}: the page has {loaded}"
        with_copies = whole_page(page, width)
        assert page.evaluate(TO_WHOLE_FILES) == 2
        loaded = page.evaluate(LOADED)
        assert sum(name.endswith(".min.css") and name.startswith(("main.", "palette.")) for name in loaded) == 2
        return same_picture(whole_page(page, width), with_copies)

    return compare


@pytest.mark.parametrize("position", range(len(PAGES)))
def test_each_page_type_looks_the_same_with_the_copies_as_with_materials_whole_files(looks_the_same, position):
    path = PAGES[position]
    scheme, width = VIEWS[position % len(VIEWS)]
    assert looks_the_same(path, scheme, width), f"{path or '(home)'} [{scheme}, {width['width']} px] looks different"


def open_search(page) -> None:
    button = page.locator('label.md-header__button[for="__search"]')
    (button if button.is_visible() else page.locator(".md-search__input")).click()
    page.keyboard.type("trust")
    page.locator(".md-search-result__item").first.wait_for()


def open_menu(page) -> None:
    page.locator('label.md-header__button[for="__drawer"]').click()


@pytest.mark.parametrize(
    ("path", "scheme", "width", "how"),
    [
        ("", "light", PHONE, {"then": open_search}),
        ("understanding-empathy/five-myths/", "dark", DESKTOP, {"then": open_search}),
        ("understanding-empathy/five-myths/", "dark", PHONE, {"then": open_menu}),
        ("understanding-empathy/five-myths/", "light", DESKTOP, {"media": "print"}),
        ("worksheets/daily-check-in/", "light", PHONE, {"media": "print"}),
    ],
    ids=["search results", "search results, desktop", "menu open", "article printed", "worksheet printed"],
)
def test_what_scripts_open_and_print_look_the_same_too(looks_the_same, path, scheme, width, how):
    assert looks_the_same(path, scheme, width, **how)


# Takes Material's rule for the footer's colours out of the page's stylesheet.
DROP_FOOTER_RULE = """() => { for (const sheet of document.styleSheets) {
  const rules = [...sheet.cssRules];
  const at = rules.findIndex((r) => r.selectorText === ".md-footer" && r.style.backgroundColor);
  if (at >= 0) { sheet.deleteRule(at); return true; } } return false; }"""


def test_the_comparison_sees_one_rule_gone(locked_context, served_site):
    page = open_page(locked_context, served_site, "", "light", DESKTOP)
    before = whole_page(page, DESKTOP)
    assert page.evaluate(DROP_FOOTER_RULE)
    assert not same_picture(whole_page(page, DESKTOP), before)
