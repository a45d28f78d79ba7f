"""Search on demand, in a real browser (Chromium): no page load fetches the
search index or starts the search worker; a reader who starts a search gets
results as usual, on a first page and after instant navigation
(docs/assets/javascripts/search-on-demand.js). Sizes, not times: the first
visit's byte budget is in test_size_budget.py.
"""

from __future__ import annotations

import re

import pytest

from conftest import navigate, settle, skip_module_without_chromium

skip_module_without_chromium()

from playwright.sync_api import Page, expect  # noqa: E402

ARTICLE = "understanding-empathy/five-myths/"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
INDEX = re.compile(r"/search/search_index\.json(?:$|[?#])")
# The site's search helpers (readers' words, the note when nothing matches).
HELPER = re.compile(r"/assets/javascripts/(search-words|search-help)\.js(?:$|[?#])")
WORKER = re.compile(r"/assets/javascripts/workers/search\.[^/]*\.js(?:$|[?#])")


# One Chromium for the whole run: the `browser` fixture in conftest.py (a second
# sync Playwright in the same run fails with "Sync API inside the asyncio loop").


class Visit:
    """One browser context on the served site, recording the search requests and script errors."""

    def __init__(self, browser, base: str, viewport: dict):
        self.base = base
        self.context = browser.new_context(viewport=viewport)
        self.index: list[str] = []
        self.worker: list[str] = []
        self.helpers: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", self._request)
        self.page: Page = self.context.new_page()
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))

    def _request(self, request):
        if INDEX.search(request.url):
            self.index.append(request.url)
        elif WORKER.search(request.url):
            self.worker.append(request.url)
        elif HELPER.search(request.url):
            self.helpers.append(HELPER.search(request.url).group(1))

    def open(self, path: str) -> Page:
        self.page.goto(self.base + path)
        settle(self.page)  # late starters would show up here
        return self.page

    def expect_results(self, query: str) -> None:
        self.page.keyboard.type(query)  # Material searches as keys are released
        results = self.page.locator(".md-search-result__item")
        expect(results.first).to_be_visible(timeout=10_000)


@pytest.fixture
def visit(browser, served_site):
    opened: list[Visit] = []

    def make(viewport: dict = DESKTOP) -> Visit:
        v = Visit(browser, served_site, viewport)
        opened.append(v)
        return v

    yield make
    for v in opened:
        v.context.close()
    for v in opened:
        assert v.errors == [], v.errors


@pytest.mark.parametrize("path", ["", ARTICLE, "worksheets/daily-check-in/"])
def test_no_page_load_fetches_the_index_or_starts_the_worker(visit, path):
    v = visit()
    v.open(path)
    v.page.mouse.wheel(0, 600)  # reading, not searching
    settle(v.page)
    assert v.index == [], "the search index was fetched before anyone searched"
    assert v.worker == [], "the search worker started before anyone searched"
    assert v.helpers == [], "the search helpers were fetched before anyone searched"


def test_clicking_the_search_box_loads_the_index_once_and_finds_pages(visit):
    v = visit()
    page = v.open(ARTICLE)
    page.locator("input.md-search__input").click()
    v.expect_results("empathy letter")
    assert len(v.index) == 1 and len(v.worker) == 1, (v.index, v.worker)
    assert sorted(v.helpers) == ["search-help", "search-words"]
    # The query reached the worker in the index's words (search-words.js):
    # the stop words left out, the phrase also asked for joined up.
    assert page.evaluate("window.eabSearchQuery('should I leave')") == "leave shouldileave"


@pytest.mark.parametrize("key", ["/", "s"])
def test_the_search_shortcut_loads_the_index(visit, key):
    v = visit()
    page = v.open(ARTICLE)
    page.keyboard.press(key)
    expect(page.locator("input.md-search__input")).to_be_focused()
    v.expect_results("shame")
    assert len(v.index) == 1


def test_tapping_search_on_a_phone_finds_pages(visit):
    v = visit(PHONE)
    page = v.open(ARTICLE)
    assert v.index == []
    page.locator('label.md-header__button[for="__search"]').click()
    expect(page.locator("input.md-search__input")).to_be_focused()
    v.expect_results("forgiveness")
    assert len(v.index) == 1


def test_search_works_after_instant_navigation(visit):
    v = visit()
    page = v.open("")
    page.evaluate("window.__samePage = true")
    navigate(page, page.locator(".md-nav__link", has_text="Start here").first.click)
    assert page.url == v.base + "start-here/"
    assert page.evaluate("window.__samePage === true"), "instant navigation reloaded the page"
    assert v.index == [], "instant navigation fetched the search index"
    page.locator("input.md-search__input").click()
    v.expect_results("trust")
    # Results lead on, still by instant navigation, and search works there too.
    before = page.url
    navigate(page, page.locator(".md-search-result__item a").first.click)
    assert page.url != before
    page.wait_for_function("() => !document.getElementById('__search').checked")  # search has closed
    assert page.evaluate("window.__samePage === true")
    page.keyboard.press("/")
    v.expect_results("letter")
    assert len(v.index) == 1, v.index
    assert sorted(v.helpers) == ["search-help", "search-words"], "the helpers were fetched again"
