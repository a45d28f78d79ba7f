"""The first-visit byte budget: 150 KB compressed, search index excluded.

Sizes only, never times (timing belongs in `make bench`). For every built
page, the HTML plus every stylesheet, script, font and icon a first visit
loads, gzipped at level 6 as a static host would send them
(scripts/page_weight.py), must fit the budget. The search index is left out
because the site fetches it only when a reader starts a search; that it
really is is checked in a browser (test_search_on_demand.py).
"""

from __future__ import annotations

import re

from conftest import ROOT
from site_core import page_weight

KB = 1024


def test_every_page_fits_the_first_visit_budget(site):
    pages = [p for p in sorted(site.rglob("*.html")) if p.name != "404.html"]
    assert pages
    over = []
    for page in pages:
        weight = page_weight.first_visit(site, page)
        if weight.total > page_weight.BUDGET:
            kinds = ", ".join(f"{k} {v / KB:.1f} KB" for k, v in sorted(weight.by_kind().items()))
            over.append(f"{weight.page}: {weight.total / KB:.1f} KB ({kinds})")
    assert not over, (
        f"over the {page_weight.BUDGET // KB} KB first-visit budget:\n  "
        + "\n  ".join(over)
        + "\nHow to fix: shrink or drop what grew (run `python scripts/page_weight.py site PAGE` "
        "to see each file), or load it only when a reader needs it."
    )


def test_an_article_loads_its_own_styles_scripts_and_fonts(site):
    weight = page_weight.first_visit(site, site / "understanding-empathy/five-myths/index.html")
    kinds = weight.by_kind()
    assert {"html", "css", "js", "fonts"} <= kinds.keys(), kinds
    assert "assets/javascripts/search-on-demand.js" in weight.files
    assert not any("search_index" in path or "/workers/" in path for path in weight.files)


def test_the_code_some_pages_fetch_counts_on_those_pages_only(site):
    article = page_weight.first_visit(site, site / "understanding-empathy/five-myths/index.html").files
    worksheet = page_weight.first_visit(site, site / "worksheets/daily-check-in/index.html").files
    self_check = page_weight.first_visit(site, site / "es/where-to-start/index.html").files
    assert not any(path.endswith(("worksheets.js", "self-check.js", "self-check.json")) for path in article)
    assert "assets/javascripts/worksheets.js" in worksheet and "assets/javascripts/self-check.js" not in worksheet
    assert {"es/assets/javascripts/self-check.js", "es/assets/self-check.json"} <= self_check.keys()


def test_a_font_file_counts_only_on_pages_with_one_of_its_characters(site):
    plain = page_weight.first_visit(site, site / "understanding-empathy/five-myths/index.html").files
    fonts = sorted(path.rsplit("/", 1)[-1] for path, (kind, _) in plain.items() if kind == "fonts")
    assert fonts == [
        "atkinson-hyperlegible-next-latin-400-normal.woff2",
        "atkinson-hyperlegible-next-latin-700-normal.woff2",
    ]
    assert page_weight.unicode_range("unicode-range: U+20-22, U+A9;") == {0x20, 0x21, 0x22, 0xA9}
    assert page_weight.unicode_range("unicode-range: U+4??;") == set(range(0x400, 0x500))
    assert page_weight.unicode_range("src: url(x.woff2)") is None
    assert page_weight.page_characters("<p>a©</p><script>var x = '½';</script>") == {ord("a"), ord("©")}


def test_the_weight_knows_what_page_scripts_js_fetches():
    # page-scripts.js lists { needs: "selector", src: "path" }; page_weight must count the same.
    source = (ROOT / "docs/assets/javascripts/page-scripts.js").read_text(encoding="utf-8")
    fetched = dict(re.findall(r'\{ needs: "([^"]+)", src: "([^"]+)" \}', source))
    assert fetched and fetched == {selector: files[0] for selector, files in page_weight.ON_DEMAND.items()}


def test_every_page_finds_the_small_tab_icon(html_pages, site):
    # Every first visit fetches the tab's icon: it is our own small drawing,
    # not Material's 1.7 KB picture, and every page's link reaches it.
    missing = set()
    for path, soup in html_pages.items():
        icon = soup.select_one('link[rel="icon"]')
        href = icon["href"] if icon else ""
        target = site / href.removeprefix("/site/") if href.startswith("/") else (site / path).parent / href
        if not (href.endswith(".svg") and target.is_file()):
            missing.add(f"{path}: {href or 'no icon'}")
        elif target.stat().st_size > KB // 2:
            missing.add(f"{path}: {href} is {target.stat().st_size} bytes")
    assert not missing, sorted(missing)[:10]
