"""Accessibility, proven in a real browser (Chromium): WCAG 2.2 AA.

1. axe-core, with the WCAG 2.0, 2.1 and 2.2 A and AA rules, finds nothing
   in what a reader opens that no page shows on load (the menu, search
   results, a tooltip, back to top, the self-check's plan), in the light and
   the dark (slate) colour scheme. No rule is turned off. Every built page
   as it loads is checked in test_every_page_browser.py.
2. The keyboard reaches every visible control of each page type with Tab,
   and each control shows a focus indicator (an outline or a box shadow that
   is not there without focus).

axe-core and how it runs under the site's real Content Security Policy:
tests/axe_checks.py.
"""

from __future__ import annotations

import pytest

from conftest import skip_module_without_chromium

skip_module_without_chromium()

from axe_checks import AT_REST, AXE_JS, DESKTOP, PHONE, REDUCED_MOTION, SCHEMES  # noqa: E402
from axe_checks import problems as axe_problems  # noqa: E402

# --- 1. axe-core on what a reader opens -----------------------------------------


def open_menu(page):
    page.locator("label[for='__drawer']:visible").first.click()
    page.wait_for_function("() => document.getElementById('__drawer').checked")


def search_for_empathy(page):
    if page.viewport_size["width"] >= 960:  # Material's search box is in the header
        page.locator("input.md-search__input").click()
    else:  # a search button opens it
        page.locator("label[for='__search']:visible").first.click()
    page.keyboard.type("empathy")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)


def show_a_glossary_tooltip(page):
    page.locator("article abbr[tabindex]").first.focus()
    page.locator(".md-tooltip2--active").first.wait_for(timeout=5_000)


def show_back_to_top(page):
    page.mouse.wheel(0, 4000)
    page.wait_for_function("() => window.scrollY > 1000")
    page.mouse.wheel(0, -400)
    page.locator(".md-top:not([hidden])").wait_for(timeout=5_000)


def show_a_self_check_plan(page):
    page.locator("[data-sc-form]:not([hidden])").wait_for(timeout=10_000)
    for selector in (
        'input[name="who"][value="betrayed"]',
        'input[name="safety"][value="afraid"]',
        'input[name="hardest"][value="sleep"]',
    ):
        page.check(selector)
    page.get_by_role("button", name="Show my plan").click()
    page.locator("[data-sc-plan]:not([hidden]) [data-sc-items] a").first.wait_for(timeout=5_000)


# Things a reader opens that no page shows on load, so the loop above never
# sees them: (name, width, page, how to open it).
STATES = [
    ("menu", PHONE, "worksheets/daily-check-in/", open_menu),
    ("search results", PHONE, "understanding-empathy/five-myths/", search_for_empathy),
    ("search results", DESKTOP, "understanding-empathy/five-myths/", search_for_empathy),
    ("glossary tooltip", DESKTOP, "understanding-empathy/five-myths/", show_a_glossary_tooltip),
    ("back to top", DESKTOP, "understanding-empathy/five-myths/", show_back_to_top),
    ("self-check plan", PHONE, "where-to-start/", show_a_self_check_plan),
    ("self-check plan", DESKTOP, "where-to-start/", show_a_self_check_plan),
]


@pytest.mark.long
@pytest.mark.parametrize("scheme", SCHEMES)
def test_menus_search_and_tooltips_pass_axe(locked_context, served_site, scheme):
    problems: list[str] = []
    for name, viewport, path, show in STATES:
        context = locked_context(color_scheme=scheme, viewport=viewport, reduced_motion=REDUCED_MOTION).context
        context.add_init_script(path=str(AXE_JS))
        page = context.new_page()
        try:
            assert page.goto(served_site + path).ok
            show(page)
            page.evaluate(AT_REST)
            width = "phone" if viewport is PHONE else "desktop"
            problems += axe_problems(page, f"{path} with {name} open [{scheme}, {width}]")
        finally:
            context.close()
    if problems:
        pytest.fail(f"{len(problems)} axe violation(s):\n" + "\n".join(problems), pytrace=False)


# --- 2. The keyboard ----------------------------------------------------------

# One page of each type.
PAGE_TYPES = {
    "home": "",
    "article": "understanding-empathy/five-myths/",
    "question": "questions/angry-when-i-ask/",
    "worksheet": "worksheets/daily-check-in/",
    "worksheets index": "worksheets/",
    "glossary": "glossary/",
    "self-check": "where-to-start/",
}
# What a page shows once its script has run, for pages that change on load.
READY = {"self-check": "[data-sc-form]:not([hidden])"}

# Every control a reader can see and Tab to, each marked with its number, and
# how each looks without focus. A radio group is one Tab stop (arrow keys move
# inside it), so each group counts once, by its name.
SNAPSHOT = """() => {
  const look = (el) => { const c = getComputedStyle(el);
    return [c.outlineStyle, c.outlineWidth, c.outlineColor, c.boxShadow].join(" | "); };
  const all = [...document.querySelectorAll(
    "a[href], button, input, textarea, select, summary, abbr[tabindex], [tabindex], label")];
  window.__eabLook = new Map(all.map((el) => [el, look(el)]));
  const wanted = [];
  document.querySelectorAll("a[href], button, input, textarea, select, summary, abbr[tabindex], [tabindex]")
    .forEach((el) => {
      const shown = el.checkVisibility({opacityProperty: true, visibilityProperty: true})
        && el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0;
      if (!shown || el.disabled || el.tabIndex < 0 || el.closest("[inert]")) return;
      const key = el.type === "radio" && el.name ? "radio:" + el.name : "el:" + wanted.length;
      el.dataset.eabKey = key;
      wanted.push({key, html: el.outerHTML.slice(0, 120)});
    });
  return wanted;
}"""

# What has focus now, and whether it shows. A visually hidden input (Material's
# colour scheme switch) shows focus on its <label>, so that is what is checked.
# The indicator must be an outline or a box shadow that is not there without
# focus: a colour change alone is not enough.
FOCUSED = """async () => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const shown = (x) => x.checkVisibility({opacityProperty: true, visibilityProperty: true})
    && x.getBoundingClientRect().width > 1 && x.getBoundingClientRect().height > 1;
  const look = (x) => { const c = getComputedStyle(x);
    const ring = (c.outlineStyle !== "none" && parseFloat(c.outlineWidth) > 0
                  && !/rgba\\([^)]*,\\s*0\\)|transparent/.test(c.outlineColor)) || c.boxShadow !== "none";
    return {ring, now: [c.outlineStyle, c.outlineWidth, c.outlineColor, c.boxShadow].join(" | ")}; };
  const check = () => {
    let target = el;
    if (!shown(el)) {
      const labels = [...(el.labels || [])];
      if (el.nextElementSibling && el.nextElementSibling.tagName === "LABEL") labels.push(el.nextElementSibling);
      target = labels.find(shown) || el;
    }
    const {ring, now} = look(target);
    const before = window.__eabLook.get(target) || null;
    return {shown: shown(target), ring, changed: now !== before, before, now};
  };
  let result = check();
  if (!(result.shown && result.ring && result.changed)) {
    // Focus styles that fade in (the skip link, heading permalinks): let
    // every transition on the page end, then look again.
    await new Promise((r) => requestAnimationFrame(r));
    await Promise.race([
      Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))),
      new Promise((r) => setTimeout(r, 1000))]);
    result = check();
  }
  if (!el.dataset.eabSeen) el.dataset.eabSeen = String(Math.random());
  return {id: el.dataset.eabSeen, key: el.dataset.eabKey || null, html: el.outerHTML.slice(0, 120), ...result};
}"""


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_tab_reaches_every_visible_control_and_focus_shows(locked_context, served_site, kind):
    context = locked_context(viewport=DESKTOP).context
    page = context.new_page()
    try:
        assert page.goto(served_site + PAGE_TYPES[kind]).ok
        if kind in READY:
            page.locator(READY[kind]).wait_for(timeout=10_000)
        wanted = {w["key"]: w["html"] for w in page.evaluate(SNAPSHOT)}
        assert len(wanted) > 20, wanted
        reached: set[str] = set()
        seen: set[str] = set()
        problems: list[str] = []
        cap = 2 * len(wanted) + 50
        for _ in range(cap):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            if focused is None or focused["id"] in seen:
                break  # back to the start: the whole page has been walked
            seen.add(focused["id"])
            if focused["key"]:
                reached.add(focused["key"])
            if not focused["shown"]:
                problems.append(f"Tab stops on something not visible: {focused['html']}")
            elif not (focused["ring"] and focused["changed"]):
                problems.append(
                    f"no focus indicator: {focused['html']}\n"
                    f"    unfocused: {focused['before']}\n    focused:   {focused['now']}"
                )
        else:
            problems.append(f"Tab never left the page in {cap} presses (a keyboard trap?)")
        missed = [html for key, html in wanted.items() if key not in reached]
        problems += [f"never reached by Tab: {html}" for html in missed]
    finally:
        context.close()
    if problems:
        pytest.fail(f"{PAGE_TYPES[kind] or '(home)'}: " + "\n".join(problems), pytrace=False)
