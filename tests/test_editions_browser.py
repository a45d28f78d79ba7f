"""The editions in a real browser (Chromium): the language switch lands on
the twin page, after instant navigation too; a Spanish search finds Spanish
pages; and no page asks for a sitemap beside itself, which Material would
do for every hreflang link without docs/assets/javascripts/sitemap-lookups.js.
"""

from __future__ import annotations

import re

import pytest

from conftest import navigate, settle, skip_module_without_chromium

skip_module_without_chromium()

from playwright.sync_api import expect  # noqa: E402

SITEMAP = re.compile(r"/sitemap\.xml(?:$|[?#])")


@pytest.mark.parametrize(
    ("start", "twin", "lang"),
    [
        ("letters/impact-letter/", "es/letters/impact-letter/", "es"),
        ("es/get-help/crisis-and-safety/", "get-help/crisis-and-safety/", "en"),
        ("es/", "", "en"),
    ],
)
def test_the_switch_lands_on_the_twin(locked_context, served_site, start, twin, lang):
    locked = locked_context()
    page = locked.context.new_page()
    page.goto(served_site + start)
    page.locator("a.eab-safety__lang").click()
    page.wait_for_url(served_site + twin)
    expect(page.locator("html")).to_have_attribute("lang", lang)


def test_a_page_with_no_twin_switches_to_the_spanish_home(locked_context, served_site):
    locked = locked_context()
    page = locked.context.new_page()
    page.goto(served_site + "questions/angry-when-i-ask/")
    page.locator("a.eab-safety__lang").click()
    page.wait_for_url(served_site + "es/")
    expect(page.locator("html")).to_have_attribute("lang", "es")


def test_after_instant_navigation_the_switch_follows_the_page(locked_context, served_site):
    """Instant navigation swaps the safety bar with the page, so the switch
    names the new page's twin, not the first page's."""
    locked = locked_context()
    page = locked.context.new_page()
    page.goto(served_site + "es/letters/")
    navigate(page, lambda: page.locator("article a[href$='letters/impact-letter/']").first.click())
    expect(page).to_have_url(served_site + "es/letters/impact-letter/")
    page.locator("a.eab-safety__lang").click()
    page.wait_for_url(served_site + "letters/impact-letter/")


@pytest.mark.parametrize("path", ["letters/impact-letter/", "es/letters/impact-letter/", "es/"])
def test_no_page_asks_for_a_sitemap_beside_itself(locked_context, served_site, path):
    locked = locked_context()
    page = locked.context.new_page()
    page.goto(served_site + path)
    settle(page)
    asked = [url for url in locked.requests if SITEMAP.search(url)]
    # Only the page's own edition's sitemap, which instant navigation reads.
    edition = served_site + ("es/" if path.startswith("es/") else "")
    assert set(asked) <= {edition + "sitemap.xml"}, asked


def test_a_spanish_search_finds_spanish_pages(locked_context, served_site):
    locked = locked_context()
    page = locked.context.new_page()
    page.goto(served_site + "es/")
    page.locator("input.md-search__input").click()
    page.keyboard.type("carta de impacto")
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=10_000)
    settle(page)
    # One read of the whole list: Material may re-render it between reads of single items.
    hrefs = results.evaluate_all("(links) => links.map((link) => link.href)")
    assert hrefs and all(h.startswith(served_site + "es/") for h in hrefs), hrefs
