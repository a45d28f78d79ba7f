"""Readers search in their own words: the vocabulary file, the index it
feeds, and the real search in Chromium on the built site."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import ROOT
from site_core import search_words

DOCS = ROOT / "docs"


# --- The vocabulary file ------------------------------------------------------------


def test_the_real_vocabulary_is_valid():
    assert search_words.check(DOCS) == []


@pytest.mark.parametrize(
    "entry, words",
    [
        ("  - words: [cheated]\n    pages: [no-such-page.md]\n", "'no-such-page.md' does not exist under docs/"),
        ("  - words: [Cheated]\n    pages: [start-here.md]\n", "'Cheated' is not a plain lower-case word"),
        ("  - words: ['<b>x</b>']\n    pages: [start-here.md]\n", "is not a plain lower-case word"),
        ("  - words: []\n    pages: [start-here.md]\n", "at least 1 item"),
        ("  - words: [cheated]\n    pages: [/etc/passwd.md]\n", "must be a page path from docs/"),
        ("  - words: [cheated]\n    pages: [start-here.md]\n    boost: 9\n", "Extra inputs are not permitted"),
    ],
)
def test_a_bad_entry_fails_naming_the_file_and_line(tmp_path, entry, words):
    path = tmp_path / "search_words.yml"
    path.write_text("# comment\nentries:\n  - words: [fine]\n    pages: [start-here.md]\n" + entry, encoding="utf-8")
    found = search_words.check(DOCS, path)
    assert found and all(p.path == "scripts/search_words.yml" for p in found)
    assert any(words in p.message and p.line == 5 for p in found), [str(p) for p in found]


def test_phrases_give_every_word_something_to_match():
    assert search_words.tokens("should i leave") == ["should", "i", "leave", "shouldileave", "ileave"]
    assert search_words.tokens("d-day") == ["d", "day", "dday"]
    assert search_words.tokens("porn") == ["porn"]


def test_page_locations_match_the_index():
    assert search_words.page_location("index.md") == ""
    assert search_words.page_location("questions/index.md") == "questions/"
    assert search_words.page_location("questions/stay-or-go.md") == "questions/stay-or-go/"


def test_the_words_go_into_the_built_index_not_the_pages(site, html_pages):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert set(search_words.FIELDS) <= set(index["config"]["fields"])
    docs = {doc["location"]: doc for doc in index["docs"]}
    assert "cheated" in docs["start-here/"]["keywords"].split()
    # The first page of an entry gets its words as keywords, the others as related words.
    assert "dday" in docs["paths/first-seven-days/"]["keywords"].split()
    assert "dday" in docs["betrayed-partner/looking-after-yourself/"]["related"].split()
    assert "cheated" not in html_pages["start-here/index.html"].get_text().lower()


def test_applying_twice_gives_the_same_index(site, tmp_path):
    copy = tmp_path / "search"
    copy.mkdir()
    original = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    (copy / "search_index.json").write_text(original, encoding="utf-8")
    search_words.apply(tmp_path)
    assert (copy / "search_index.json").read_text(encoding="utf-8") == original


# --- The real search, in Chromium ---------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
needs_browser = pytest.mark.skipif(
    not CHROMIUM.exists() and os.environ.get("CI") != "true", reason="Chromium is not installed at /usr/bin/chromium"
)

# Everyday queries, with the pages of which at least one must be in the top three.
QUERIES = {
    "cheated": ["start-here/", "betrayed-partner/looking-after-yourself/"],
    "amends": ["why-empathy-is-hard/caring-for-yourself-after-disclosure/"],
    "I feel like a monster": ["why-empathy-is-hard/caring-for-yourself-after-disclosure/"],
    "SLAA": ["why-empathy-is-hard/caring-for-yourself-after-disclosure/"],
    "cheating": ["start-here/", "betrayed-partner/looking-after-yourself/"],
    "My husband cheated": ["start-here/", "betrayed-partner/looking-after-yourself/"],
    "infedelity": ["start-here/", "betrayed-partner/looking-after-yourself/"],
    "D-day": ["betrayed-partner/looking-after-yourself/"],
    "just found out": ["paths/first-seven-days/", "betrayed-partner/looking-after-yourself/"],
    "first week": ["paths/first-seven-days/"],
    "surviving infidelity": ["paths/first-seven-days/"],
    "empathy course": ["paths/learning-empathy/"],
    "how to be more empathetic": ["paths/learning-empathy/", "understanding-empathy/empathy-is-a-skill/"],
    "facilitator guide": ["paths/learning-empathy/facilitator-guide/"],
    "run a group": ["paths/learning-empathy/facilitator-guide/"],
    "where do I start": ["where-to-start/"],
    "affair analyzer": ["where-to-start/"],
    "quiz": ["where-to-start/"],
    "action plan": ["where-to-start/"],
    "polygraph": ["letters/formal-disclosure/"],
    "formal disclosure": ["letters/formal-disclosure/"],
    "setting boundaries": ["betrayed-partner/boundaries-not-control/"],
    "PTSD": ["betrayed-partner/betrayal-trauma-and-triggers/"],
    "he slipped": ["rebuilding-intimacy/slips-and-relapse/"],
    "therapist resources": ["counselors/"],
    "screening for abuse": ["counselors/screening-before-couples-work/", "counselors/"],
    "sociopath": ["questions/narcissist-or-sociopath/"],
    "PrEP": ["questions/should-i-get-tested/"],
    "afraid to leave": ["questions/want-to-leave-but-afraid/", "get-help/crisis-and-safety/"],
    "I hate myself": ["get-help/crisis-and-safety/"],
    "insomnia": ["questions/awake-at-night/"],
    "my boyfriend cheated": ["questions/dating-not-married/", "start-here/"],
    "coworker": ["questions/affair-partner-is-a-coworker/"],
    "affair partner keeps texting": ["questions/affair-partner-keeps-contacting/"],
    "you made me do it": ["questions/drove-me-to-it/"],
    "christmas": ["questions/anniversaries-and-holidays/"],
    "pastor": ["questions/faith-pressure-to-forgive/"],
    "credit card debt": ["questions/hidden-spending-too/"],
    "tracking app": ["questions/phone-support-or-surveillance/"],
    "consent": ["questions/sex-feels-like-a-duty/"],
    "hurt letter": ["letters/impact-letter/"],
    "impact letter": ["letters/impact-letter/"],
    "apology letter": ["letters/empathy-letter/"],
    "empathy letter": ["letters/empathy-letter/"],
    "should I leave": ["questions/stay-or-go/"],
    "divorce": ["questions/stay-or-go/"],
    "gaslighting": ["why-empathy-is-hard/denial-and-minimizing/", "betrayed-partner/when-your-partner-minimizes/"],
    "narcissist": ["why-empathy-is-hard/the-empathy-gap/"],
    "porn": ["betrayed-partner/pornography-and-online-betrayal/", "get-help/finding-support/"],
    "hidden porn and webcam sites": ["betrayed-partner/pornography-and-online-betrayal/"],
    "should we try a trial separation": ["betrayed-partner/deciding-whether-to-stay/"],
    "lgbtq couple": ["rebuilding-intimacy/lgbtq-couples/"],
    "broke our open relationship agreement": ["rebuilding-intimacy/lgbtq-couples/"],
    "porn addiction": ["get-help/finding-support/"],
    "sex addicts": ["get-help/finding-support/"],
    "trickle truth": ["questions/new-details-after-the-letters/"],
    "the other woman": ["questions/new-details-after-the-letters/", "questions/picturing-it-and-checking/"],
    "emotional affair": ["questions/only-emotional/"],
    "relapsed": ["questions/doing-the-work-still-no-trust/"],
    "STD": ["paths/first-seven-days/day-2-safety-first/", "betrayed-partner/looking-after-yourself/"],
    "chlamydia": ["paths/first-seven-days/day-2-safety-first/"],
    "counsellor": ["get-help/finding-support/"],
    "counselling": ["get-help/finding-support/"],
    "handouts": ["worksheets/"],
    "worksheet packets": ["worksheets/"],
    "forgive": ["rebuilding-intimacy/forgiveness/"],
    "triggers": ["worksheets/reminders-and-triggers-plan/", "questions/when-my-partner-is-triggered/"],
    "suicidal": ["get-help/crisis-and-safety/"],
    "abuse": ["get-help/crisis-and-safety/"],
    "checking his phone": ["questions/picturing-it-and-checking/"],
    "kids": ["questions/telling-kids-and-friends/"],
    "how long to heal": ["questions/how-long-healing-takes/"],
    "can't sleep": ["betrayed-partner/looking-after-yourself/"],
    "hookup": ["get-help/finding-support/"],
    "gay": ["rebuilding-intimacy/lgbtq-couples/", "questions/same-sex-couple/", "questions/safe-because-he-decided/"],
    "what to say": ["understanding-empathy/what-empathy-sounds-like/"],
}


# The search is ready: its worker has the index and shows "Type to start
# searching" (a function, not an expression: the CSP blocks eval).
READY = """() => { const meta = document.querySelector(".md-search-result__meta");
  return meta !== null && meta.textContent.trim() === "Type to start searching"; }"""
# The results of a query are shown: the placeholder has given way to a count,
# and the first results are in the list (Material adds them a batch at a time).
ANSWERED = """() => { const meta = document.querySelector(".md-search-result__meta");
  if (meta === null || !/matching document/.test(meta.textContent)) return false;
  return /^No matching/.test(meta.textContent.trim())
    || document.querySelector(".md-search-result__list > .md-search-result__item") !== null; }"""


@pytest.fixture(scope="module")
def search_page(browser, served_site):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(served_site)
    page.locator("input.md-search__input").click()
    # The index loads when a reader first opens the search; until it is ready,
    # a query finds nothing. Material says so in place of its placeholder.
    page.wait_for_function(READY, timeout=30_000)
    yield page
    context.close()
    assert errors == []


def search(page, query: str) -> list[str]:
    """The top three pages for a query, once Material has shown its results.

    The box is emptied first, which brings back the placeholder; the results
    of the new query are in when the placeholder gives way to a count."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")  # Material searches on key up
    page.wait_for_function(READY)
    box.fill(query)
    box.press("End")
    page.wait_for_function(ANSWERED)
    shown = page.eval_on_selector_all(
        ".md-search-result__list > .md-search-result__item > a",
        "links => links.slice(0, 3).map(a => new URL(a.href).pathname)",
    )
    return [path.split("/site/", 1)[1] for path in shown]


def test_there_are_enough_queries():
    assert len(QUERIES) >= 25


@needs_browser
@pytest.mark.parametrize("query", QUERIES)
def test_the_right_page_is_in_the_top_three(search_page, query):
    top = search(search_page, query)
    assert set(top) & set(QUERIES[query]), f"{query!r} gave {top}"


@needs_browser
def test_a_search_that_finds_nothing_offers_a_way_on(search_page, served_site):
    search(search_page, "zzqxvw")
    meta = search_page.locator(".md-search-result__meta")
    assert meta.inner_text().strip() == "No matching documents"
    note = search_page.locator(".eab-search-help")
    assert note.is_visible()
    links = {a.inner_text(): a.get_attribute("href") for a in note.locator("a").all()}
    assert links == {
        "Start here": served_site + "start-here/",
        "Questions readers ask": served_site + "questions/",
        "Get help now": served_site + "get-help/crisis-and-safety/",
    }
    search(search_page, "trust")
    assert search_page.locator(".eab-search-help").count() == 0
