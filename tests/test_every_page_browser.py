"""Every built page (404.html and the Spanish edition too), in Chromium.

For each page, in both colour schemes (light and dark, Material's default
and slate) and at both phone and desktop width:

1. axe-core finds no problem with the WCAG 2.0, 2.1 and 2.2 A and AA rules.
   No rule is turned off. With its blocks open (in both schemes, at both
   widths) a page gets every rule; with them closed, the colour rules
   (contrast, links told apart by colour): the other rules read structure,
   names and sizes, which are the same with blocks closed, where less of
   the page is there to check, and the same in either scheme.
2. Nothing is fetched from another origin, nothing is blocked by the
   Content Security Policy, and no script fails.

One load of a page serves all four views: loaded in one scheme at one
width, checked; its collapsed blocks opened and resized to the other width,
checked; switched to the other scheme with Material's own toggle and its
blocks closed again, checked; resized back with its blocks open, checked.
So each scheme is seen with blocks closed and open, at both widths. Which
scheme and which width a page loads in alternate from page to page, so
both schemes and both widths are also checked straight after a load. axe's
own work is most of the time (about 0.4 s a run on 2 cores); a load per
view would add half as much again, for the same assertions.

The pages are split into interleaved groups, one test each, so pytest-xdist
spreads the crawl over every core; they are marked long, so each worker starts
with its share (conftest.spread_the_long_tests).

axe-core and how it runs under the site's real Content Security Policy:
tests/axe_checks.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import record_page_problems, settle, skip_module_without_chromium

skip_module_without_chromium()

from axe_checks import (  # noqa: E402
    AT_REST,
    AXE_JS,
    AXE_VERSION,
    DESKTOP,
    PHONE,
    REDUCED_MOTION,
    SCHEMES,
    colour_rules,
)
from axe_checks import problems as axe_problems  # noqa: E402

# Interleaved groups of pages, one test each: enough for the workers to share
# the crawl evenly, few enough that opening a browser context stays cheap.
GROUPS = 10

# Opens every collapsed block (axe skips content while it is hidden) and
# remembers which, so they can be closed again; or closes those again.
OPEN_BLOCKS = """() => { window.__eabOpened = [...document.querySelectorAll("details:not([open])")];
  window.__eabOpened.forEach((d) => { d.open = true; }); }"""
CLOSE_BLOCKS = "() => { (window.__eabOpened || []).forEach((d) => { d.open = false; }); }"
# Material's palette toggle, as a reader clicks it: it swaps the scheme in place.
SWITCH_SCHEME = """(scheme) => document.querySelector(
  `input[name="__palette"][data-md-color-scheme="${scheme}"]`).click()"""
SHOWN_SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"


def page_paths(site: Path) -> list[str]:
    """Every built HTML page, as the URL path a reader opens."""
    return [p.relative_to(site).as_posix().removesuffix("index.html") for p in sorted(site.rglob("*.html"))]


def group(site: Path, number: int) -> list[tuple[int, str]]:
    """The pages of one group, each with its place in the whole list."""
    return list(enumerate(page_paths(site)))[number::GROUPS]


def views(position: int) -> list[tuple[str, dict, bool]]:
    """The four views of the page at this place in the list: (reader's scheme,
    width, blocks open), in the order they are checked. The first is the load."""
    schemes = ["light", "dark"] if position % 2 == 0 else ["dark", "light"]
    widths = [PHONE, DESKTOP] if position // 2 % 2 == 0 else [DESKTOP, PHONE]
    first, second = schemes
    return [(first, widths[0], False), (first, widths[1], True), (second, widths[1], False), (second, widths[0], True)]


def test_the_groups_cover_every_page_and_every_view(site):
    paths = page_paths(site)
    assert len(paths) > 20 and "404.html" in paths and "es/" in paths
    covered = sorted(path for number in range(GROUPS) for _, path in group(site, number))
    assert covered == sorted(paths)
    # Every page is seen in all four combinations, each scheme with its blocks
    # closed and open; each scheme and each width comes first (straight after
    # a load) on some pages.
    for n in range(4):
        seen = {(scheme, width["width"]) for scheme, width, _ in views(n)}
        assert seen == {(s, w["width"]) for s in SCHEMES for w in (PHONE, DESKTOP)}
        assert {(scheme, opened) for scheme, _, opened in views(n)} == {(s, o) for s in SCHEMES for o in (True, False)}
        # Every rule runs with blocks open, at both widths and in both schemes.
        assert {width["width"] for _, width, opened in views(n) if opened} == {PHONE["width"], DESKTOP["width"]}
        assert {scheme for scheme, _, opened in views(n) if opened} == set(SCHEMES)
    assert {views(n)[0][0] for n in range(4)} == set(SCHEMES)
    assert {views(n)[0][1]["width"] for n in range(4)} == {PHONE["width"], DESKTOP["width"]}


@pytest.mark.long
@pytest.mark.parametrize("number", range(GROUPS))
def test_every_page_passes_axe_and_stays_on_this_origin_in_both_schemes_and_widths(
    locked_context, served_site, site, number
):
    pages = group(site, number)
    assert pages
    locked = locked_context(viewport=PHONE, reduced_motion=REDUCED_MOTION)
    locked.context.add_init_script(path=str(AXE_JS))
    page = locked.context.new_page()
    problems: list[str] = []
    broken: list[str] = []  # CSP violations and script errors
    record_page_problems(page, broken)
    assert page.goto(served_site).ok
    assert page.evaluate("axe.version") == AXE_VERSION
    # The closed views' colour-only runs check contrast and colour-only links at least.
    assert {"color-contrast", "link-in-text-block"} <= set(colour_rules(page))
    for position, path in pages:
        looks = views(position)
        scheme, width, _ = looks[0]
        page.emulate_media(color_scheme=scheme)
        page.set_viewport_size(width)
        assert page.goto(served_site + path, wait_until="load").ok, path
        page.evaluate("document.fonts.ready.then(() => true)")
        for n, (scheme, width, opened) in enumerate(looks):
            if n:
                if scheme != looks[n - 1][0]:
                    page.evaluate(CLOSE_BLOCKS)
                    page.evaluate(SWITCH_SCHEME, SCHEMES[scheme])
                if opened:
                    page.evaluate(OPEN_BLOCKS)
                page.set_viewport_size(width)
            # At rest after the load too: the theme's scripts place the
            # sidebars and the header in the first frames.
            page.evaluate(AT_REST)
            shown = page.evaluate(SHOWN_SCHEME)
            assert shown == SCHEMES[scheme], f"{path}: colour scheme {shown!r}, expected {SCHEMES[scheme]!r}"
            where = f"{path or '(home)'} [{scheme}, {'phone' if width is PHONE else 'desktop'}]"
            problems += axe_problems(page, where, colour_only=not opened)
    settle(page)  # late requests and errors (the search worker, the sitemap) count too
    problems += broken
    if problems:
        pytest.fail(f"{len(problems)} problem(s) in pages of group {number}:\n" + "\n".join(problems), pytrace=False)


def test_a_colour_only_run_finds_contrast_and_a_full_run_finds_the_rest_too(locked_context, served_site):
    locked = locked_context(viewport=DESKTOP, reduced_motion=REDUCED_MOTION)
    locked.context.add_init_script(path=str(AXE_JS))
    page = locked.context.new_page()
    assert page.goto(served_site).ok
    # Pale grey on white, and a picture with no text for screen readers.
    page.evaluate("""() => { const p = document.createElement("p");
      p.textContent = "Hard to read"; p.style.color = "#ddd"; p.style.background = "#fff";
      const img = document.createElement("img"); img.width = 20; img.height = 20;
      document.querySelector("article").append(p, img); }""")
    colour = " ".join(axe_problems(page, "home", colour_only=True))
    full = " ".join(axe_problems(page, "home"))
    assert "color-contrast" in colour and "image-alt" not in colour
    assert "color-contrast" in full and "image-alt" in full
