"""The quick exit, crisis help and privacy, checked in a real browser (Chromium).

Every request the browser makes is recorded, and any to another origin fails
the test. The browser's origin lock (conftest.py) makes those fail before
they reach the network; the quick exit's destination alone is answered, in
the browser, with a tiny page. One browser serves the whole run; each test
opens its own context.
"""

from __future__ import annotations

import re

import pytest

from conftest import LockedContext, navigate, record_page_problems, settle, skip_module_without_chromium

skip_module_without_chromium()

from playwright.sync_api import Page, expect  # noqa: E402

EXIT_URL = "https://www.bbc.co.uk/weather"
EXIT_PAGE = "<!doctype html><title>Weather</title><h1>Weather</h1>"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# A page with headings, so Material renders its skip link.
ARTICLE = "get-help/quick-exit/"
STATUS = "[data-eab-exit-status]"


class Session(LockedContext):
    """A locked context (conftest.py) that also collects the CSP violations and
    script errors of its pages, and can answer the quick exit's destination."""

    def __init__(self, browser, base: str, allow_exit: bool = False, **options):
        super().__init__(browser, base, viewport=options.pop("viewport", DESKTOP), **options)
        self.base = base
        self.problems: list[str] = []
        if allow_exit:
            self.answer(EXIT_URL, status=200, html=EXIT_PAGE)

    def new_page(self) -> Page:
        page = self.context.new_page()
        record_page_problems(page, self.problems)
        return page

    def open(self, path: str = "") -> Page:
        page = self.new_page()
        page.goto(self.base + path)
        return page

    def close(self):
        self.context.close()


@pytest.fixture
def session(browser, served_site):
    """A fresh context; at the end, no request left this origin and nothing broke the CSP."""
    opened: list[Session] = []

    def make(**options) -> Session:
        s = Session(browser, served_site, **options)
        opened.append(s)
        return s

    yield make
    for s in opened:
        s.close()
    for s in opened:
        assert s.foreign == [], f"requests to another origin: {s.foreign}"
        assert s.problems == [], "\n".join(s.problems)


def exit_link(page: Page):
    return page.locator("[data-eab-exit]")


def press_shift(page: Page, times: int):
    for _ in range(times):
        page.keyboard.press("Shift")


def address(page) -> str:
    """The page's address without its anchor: Material's scroll tracking
    writes the section in view into the hash as the page scrolls."""
    return page.url.split("#")[0]


# --- Leaving ------------------------------------------------------------------


def test_leave_link_blanks_the_page_at_once(session):
    s = session()
    # "No content" keeps the browser on the page, to see the state it left in.
    s.answer(EXIT_URL)
    page = s.open(ARTICLE)
    exit_link(page).click()
    page.wait_for_function("() => document.documentElement.hasAttribute('data-eab-leaving')")
    assert page.url == s.base + ARTICLE
    assert page.evaluate("getComputedStyle(document.body).display") == "none"
    assert page.evaluate("document.documentElement.hasAttribute('data-eab-leaving')")
    assert page.title() == "Loading"


def test_leave_link_leaves_without_a_way_back(session):
    s = session(allow_exit=True)
    page = s.open("")
    page.goto(s.base + ARTICLE)
    exit_link(page).click()
    page.wait_for_url(EXIT_URL)
    page.go_back()
    assert page.url != s.base + ARTICLE, "Back returned to the page the reader left"
    assert page.url == s.base, "Back should skip the left page and reach the one before"


def test_shift_three_times_leaves_and_the_status_counts(session):
    s = session(allow_exit=True)
    page = s.open(ARTICLE)
    site_url = page.url
    status = page.locator(STATUS)
    expect(status).to_have_text("")
    press_shift(page, 1)
    expect(status).to_have_text("Shift pressed 1 of 3 times")
    expect(exit_link(page)).to_have_attribute("data-eab-presses", "1")
    press_shift(page, 1)
    expect(status).to_have_text("Shift pressed 2 of 3 times")
    press_shift(page, 1)
    page.wait_for_url(EXIT_URL)
    page.go_back()
    assert page.url != site_url


def test_shift_with_another_key_does_not_count_and_resets(session):
    s = session(allow_exit=True)
    page = s.open(ARTICLE)
    status = page.locator(STATUS)
    for _ in range(3):
        page.keyboard.press("Shift+A")
    expect(status).to_have_text("")
    press_shift(page, 2)
    expect(status).to_have_text("Shift pressed 2 of 3 times")
    page.keyboard.press("Shift+B")  # resets the count
    expect(status).to_have_text("")
    press_shift(page, 2)
    expect(status).to_have_text("Shift pressed 2 of 3 times")
    settle(page)
    assert page.url == s.base + ARTICLE


def test_shift_count_times_out_after_five_seconds(session):
    s = session(allow_exit=True)
    page = s.new_page()
    page.clock.install()
    page.goto(s.base + ARTICLE)
    status = page.locator(STATUS)
    press_shift(page, 2)
    expect(status).to_have_text("Shift pressed 2 of 3 times")
    page.clock.run_for(5100)
    expect(status).to_have_text("Quick exit timed out")
    press_shift(page, 1)
    expect(status).to_have_text("Shift pressed 1 of 3 times")
    assert page.url == s.base + ARTICLE


def test_back_forward_cache_restore_resets_the_count(session):
    s = session(allow_exit=True)
    page = s.open(ARTICLE)
    press_shift(page, 2)
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    expect(page.locator(STATUS)).to_have_text("")
    assert page.evaluate("getComputedStyle(document.body).display") != "none"
    press_shift(page, 2)
    expect(page.locator(STATUS)).to_have_text("Shift pressed 2 of 3 times")
    assert page.url == s.base + ARTICLE


def test_quick_exit_survives_instant_navigation(session):
    s = session(allow_exit=True)
    page = s.open("")
    page.evaluate("window.__samePage = true")
    navigate(page, page.locator(".md-nav__link", has_text="Start here").first.click)
    assert page.url == s.base + "start-here/"
    assert page.evaluate("window.__samePage === true"), "instant navigation reloaded the page"
    # Relative links in the re-rendered safety bar point to the right place.
    help_href = page.locator(".eab-safety__help").evaluate("a => a.href")
    assert help_href == s.base + "get-help/crisis-and-safety/"
    press_shift(page, 3)
    page.wait_for_url(EXIT_URL)


def test_leave_link_works_without_javascript(session):
    s = session(allow_exit=True, java_script_enabled=False)
    page = s.open(ARTICLE)
    exit_link(page).click()
    page.wait_for_url(EXIT_URL)


# --- Where the controls are ---------------------------------------------------


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_leave_and_help_are_visible_without_scrolling_and_large(session, viewport):
    s = session(viewport=viewport)
    page = s.open(ARTICLE)
    for selector in ("[data-eab-exit]", ".eab-safety__help"):
        box = page.locator(selector).bounding_box()
        assert box is not None, selector
        assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], f"{selector} needs scrolling"
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], f"{selector} is off screen"
        assert box["height"] >= 44 and box["width"] >= 44, f"{selector} is too small: {box}"
        # Nothing covers it.
        covered = page.evaluate(
            """([x, y, sel]) => !document.elementFromPoint(x, y).closest(sel)""",
            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, selector],
        )
        assert not covered, f"something covers {selector}"
    expect(exit_link(page)).to_have_text("Leave this site")
    expect(exit_link(page)).to_have_attribute("href", EXIT_URL)


def test_tab_reaches_skip_link_then_quick_exit(session):
    s = session()
    page = s.open(ARTICLE)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-eab-exit')")
    # The focused control is in view and not covered (WCAG 2.4.11).
    box = page.evaluate(
        "(() => { const r = document.activeElement.getBoundingClientRect();"
        " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
    )
    assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('[data-eab-exit]') !== null", box)


CONTRAST = """
(sel) => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => { const [r, g, b] = rgb(c).map((v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const bg = (el) => { for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor;
    if (c && !c.startsWith("rgba(0, 0, 0, 0)") && c !== "transparent") return c; } return "rgb(255, 255, 255)"; };
  const el = document.querySelector(sel);
  const [a, b] = [lum(getComputedStyle(el).color), lum(bg(el))].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_safety_bar_has_aa_contrast(session, scheme):
    s = session(color_scheme=scheme)
    page = s.open(ARTICLE)
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    for selector in ("[data-eab-exit]", ".eab-safety__help", ".eab-safety__how"):
        ratio = page.evaluate(CONTRAST, selector)
        assert ratio >= 4.5, f"{selector} contrast {ratio:.2f}:1 in {scheme} scheme"


# --- Privacy and the Content Security Policy ----------------------------------


def test_the_csp_blocks_an_inline_script_it_does_not_know(session):
    """The policy works, and so does the way these tests notice a violation."""
    s = session()
    page = s.open(ARTICLE)
    with page.expect_console_message(lambda m: m.text.startswith("CSP violation")):
        page.evaluate("""() => { const el = document.createElement("script");
                                 el.textContent = "window.__ran = true"; document.head.append(el); }""")
    assert page.evaluate("window.__ran") is None
    assert any("CSP violation: script-src" in p for p in s.problems), s.problems
    s.problems.clear()


def test_search_works_under_the_csp(session):
    s = session()
    page = s.open("")
    page.locator("input.md-search__input").click()
    page.keyboard.type("empathy")  # Material searches as keys are released
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    assert results.count() > 0


def test_nothing_is_stored_on_the_device(session):
    s = session()
    page = s.open("")
    page.locator("label[for^='__palette_']:visible").click()  # switch to dark mode
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    navigate(page, page.locator(".md-nav__link", has_text="Start here").first.click)
    assert page.url == s.base + "start-here/"
    # The choice holds while the tab stays on the site...
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.locator("input.md-search__input").click()
    page.keyboard.type("letter")
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching documents", timeout=10_000)
    stored = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""], f"the site stored something: {stored}"
    assert s.context.cookies() == []
    # ...and is forgotten on reload.
    page.reload()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"


# --- Answers typed on a worksheet ------------------------------------------------

WORKSHEET = "worksheets/shame-reaction-log/"
LONG_ANSWER = (
    "Me sentí avergonzado y quise irme de la habitación. “I wanted to hide,” I said, ‘and then I got angry instead.’ "
) * 12
QUESTION = "Leave this page? Your answers are not saved."


def type_answers(page: Page) -> None:
    page.locator(".ws-field textarea").first.fill(LONG_ANSWER)
    page.locator(".ws-field input[type='text']").first.fill("Tuesday, after dinner")


def test_printing_keeps_every_typed_answer_whole(session, tmp_path):
    from pypdf import PdfReader

    page = session().open(WORKSHEET)
    type_answers(page)
    assert len(LONG_ANSWER) > 1000
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    (tmp_path / "printed.pdf").write_bytes(page.pdf(format="A4"))
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(tmp_path / "printed.pdf").pages)
    assert "".join(LONG_ANSWER.split()) in text, "the long answer is cut on paper"
    assert "Tuesday,afterdinner" in text
    # Empty boxes still print their writing space; the page comes back after.
    empty = page.locator(".ws-field textarea:not(.ws-printed)")
    assert empty.count() >= 1 and empty.first.evaluate("el => el.checkVisibility()")
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(".ws-print-answer").count() == 0
    assert page.locator(".ws-field textarea").first.input_value() == LONG_ANSWER


def test_a_link_after_typing_asks_before_leaving(session):
    page = session().open(WORKSHEET)
    type_answers(page)
    asked: list[str] = []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", answer)
    with page.expect_event("dialog"):
        page.locator(".md-nav__link", has_text="Start here").first.click()
    settle(page)  # had the page gone on anyway, it would be gone by now
    assert asked == [QUESTION]
    # Typing scrolls the page, and Material's scroll tracking may add a section's anchor.
    assert address(page).endswith(WORKSHEET), "the page left although the reader said no"
    assert page.locator(".ws-field textarea").first.input_value() == LONG_ANSWER
    page.remove_listener("dialog", answer)
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".md-nav__link", has_text="Start here").first.click()
    # Material's scroll tracking may carry a section's anchor along.
    page.wait_for_url(re.compile(r"/start-here/(#[^/]*)?$"))


def test_worksheet_code_comes_only_to_a_page_that_uses_it_even_by_instant_navigation(session):
    s = session()
    scripts: list[str] = []
    s.context.on("request", lambda r: scripts.append(r.url.rsplit("/", 1)[-1]) if r.resource_type == "script" else None)
    page = s.open("why-empathy-is-hard/shame-and-the-defensive-reflex/")
    settle(page)
    assert "worksheets.js" not in scripts and "self-check.js" not in scripts, scripts
    navigate(page, page.locator(f'article a[href$="{WORKSHEET}"]').first.click)
    assert address(page) == s.base + WORKSHEET
    # The script arrives with the page: its Print button shows, and typed answers are guarded.
    page.locator("[data-ws-print]").first.wait_for(state="visible")
    type_answers(page)
    page.once("dialog", lambda dialog: dialog.dismiss())
    with page.expect_event("dialog"):
        page.locator(".md-nav__link", has_text="Start here").first.click()
    settle(page)  # had the page gone on anyway, it would be gone by now
    assert address(page) == s.base + WORKSHEET, "the page left although the reader said no"
    assert scripts.count("worksheets.js") == 1 and "self-check.js" not in scripts, scripts


def test_closing_the_tab_after_typing_asks_the_browser_way(session):
    page = session().open(WORKSHEET)
    type_answers(page)
    kinds: list[str] = []
    page.on("dialog", lambda dialog: (kinds.append(dialog.type), dialog.accept()))
    page.close(run_before_unload=True)
    if not page.is_closed():
        page.wait_for_event("close", timeout=5000)
    assert kinds == ["beforeunload"]


def test_an_untouched_worksheet_never_asks(session):
    page = session().open(WORKSHEET)
    page.on("dialog", lambda dialog: pytest.fail(f"asked: {dialog.message}"))
    page.locator(".md-nav__link", has_text="Start here").first.click()
    # Material's scroll tracking may carry a section's anchor along.
    page.wait_for_url(re.compile(r"/start-here/(#[^/]*)?$"))


@pytest.mark.parametrize("how", ["link", "shift"])
def test_the_quick_exit_never_asks_even_after_typing(session, how):
    page = session(allow_exit=True).open(WORKSHEET)
    type_answers(page)
    page.on("dialog", lambda dialog: pytest.fail(f"the quick exit asked: {dialog.message}"))
    if how == "link":
        exit_link(page).click()
    else:
        page.locator("h1").click()
        press_shift(page, 3)
    page.wait_for_url(EXIT_URL + "**")
    assert page.title() == "Weather"


SAVE_SHEET = "worksheets/daily-check-in/"


@pytest.mark.parametrize("paper, label", [("letter", "US Letter"), ("a4", "A4")])
def test_save_my_answers_fills_the_worksheets_own_pdf(session, tmp_path, paper, label):
    """Every field holds exactly what was typed or ticked; nothing leaves the
    site and nothing is stored (the session fixture checks requests)."""
    from pypdf import PdfReader

    s = session(accept_downloads=True)
    page = s.open(SAVE_SHEET)
    typed = {
        "date": "Martes, 3 de marzo",
        "one-feeling-i-had-today-and-what-brought-it-on": LONG_ANSWER,
        "what-i-heard-my-partner-say-in-a-few-words": "“You felt alone,” she said. ¿Es así?",
    }
    for name, value in typed.items():
        page.locator(f".ws-field [name='{name}']").fill(value)
    page.locator("input[name='how-safe-this-talk-felt-for-me-1-not-safe-5-very-safe'][value='4']").check()
    button = page.get_by_role("button", name=f"Save my answers as PDF ({label})")
    with page.expect_download() as download:
        button.click()
    path = tmp_path / "answers.pdf"
    download.value.save_as(path)
    assert download.value.suggested_filename == f"daily-check-in-{paper}-my-answers.pdf"
    fields = PdfReader(path).get_fields()
    for name, value in typed.items():
        assert fields[name].get("/V") == value, name
    assert fields["how-safe-this-talk-felt-for-me-1-not-safe-5-very-safe"].get("/V") == "/3"  # the fourth button
    assert fields["my-mood-today-0-very-low-10-very-good"].get("/V") in (None, "/Off")
    expect(page.locator("[data-ws-status]")).to_contain_text("saved to your downloads")
    assert page.evaluate("() => localStorage.length + sessionStorage.length") == 0


@pytest.mark.parametrize("locale, first", [("en-US", "letter"), ("en-GB", "a4"), ("es-MX", "letter"), ("es-ES", "a4")])
def test_the_paper_the_region_uses_comes_first(session, locale, first):
    page = session(locale=locale).open(SAVE_SHEET)
    order = page.eval_on_selector_all("[data-ws-papers] [data-ws-paper]", "els => els.map(e => e.dataset.wsPaper)")
    assert order[0] == first and sorted(order) == ["a4", "letter"]
