"""The real site, built: every page is there, findable, described and private."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT
from site_core.content_model import load_front_matter
from site_core.sidebar import LARGEST_LISTED

DOCS = ROOT / "docs"
PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))


def built_path(src: str) -> str:
    """Where MkDocs writes a source page (directory URLs)."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"


def front_matter(src: str) -> dict:
    return load_front_matter(DOCS / src)


def test_there_are_pages():
    assert len(PAGES) >= 5


@pytest.mark.parametrize("src", PAGES)
def test_page_has_title_description_and_review_dates(src, html_pages):
    meta = front_matter(src)
    soup = html_pages[built_path(src)]
    h1 = soup.find("h1")
    for permalink in h1.select("a.headerlink"):
        permalink.extract()
    assert h1.get_text(strip=True).casefold() == meta["title"].casefold()
    assert soup.find("meta", attrs={"name": "description"})["content"] == meta["description"]
    status = soup.select_one(".eab-reviewed")
    words = " ".join(status.get_text().split())
    # The kind of check, in words, and nothing that says "reviewed" alone.
    assert f"Checked by our editors on {meta['editorial_check'].strftime('%-d %B %Y').lstrip('0')}." in words
    assert status.select_one("time")["datetime"] == str(meta["editorial_check"])
    assert "Not yet reviewed by a clinician." in words or "Reviewed by a clinician, " in words
    assert status.select_one('a[href$="about/#how-pages-are-checked"]') is not None


@pytest.mark.parametrize("src", PAGES)
def test_page_has_edit_action(src, html_pages):
    soup = html_pages[built_path(src)]
    edit = soup.select_one('a[href*="/edit/main/docs/"]')
    assert edit is not None and edit["href"].endswith(src)


def test_search_index_holds_every_page(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = {doc["location"].split("#")[0] for doc in index["docs"]}
    for src in PAGES:
        url = built_path(src).removesuffix("index.html")
        assert url in indexed, f"{src} is missing from the search index"


REQUEST_ATTRS = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "frame": "src",
    "embed": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "track": "src",
    "object": "data",
    "input": "src",
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def is_external(url: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url.strip(), re.I)) and not url.startswith("data:")


def test_html_loads_nothing_from_another_origin(html_pages):
    offenders = []
    for path, soup in html_pages.items():
        for tag, attr in REQUEST_ATTRS.items():
            offenders += [(path, el[attr]) for el in soup.find_all(tag) if el.get(attr) and is_external(el[attr])]
        for el in soup.find_all(srcset=True):
            offenders += [(path, u) for u in el["srcset"].split(",") if is_external(u.split()[0])]
        for link in soup.find_all("link", href=True):
            if set(link.get("rel", [])) - {"canonical", "alternate", "author", "license"}:
                if is_external(link["href"]):
                    offenders.append((path, link["href"]))
        for el in soup.find_all(style=True):
            offenders += [(path, m) for m in CSS_URL.findall(el["style"]) if is_external(m[0] or m[1])]
        for style in soup.find_all("style"):
            offenders += [(path, m) for m in CSS_URL.findall(style.get_text()) if is_external(m[0] or m[1])]
    assert offenders == []


def test_css_loads_nothing_from_another_origin(site):
    offenders = [
        (css.name, url)
        for css in site.rglob("*.css")
        for match in CSS_URL.findall(css.read_text(encoding="utf-8"))
        for url in match
        if url and is_external(url)
    ]
    assert offenders == []


def test_site_font_is_self_hosted(site):
    fonts = sorted(p.name for p in (site / "assets" / "fonts").glob("*.woff2"))
    assert fonts, "no woff2 font shipped"
    css = (site / "assets" / "stylesheets" / "fonts.css").read_text(encoding="utf-8")
    assert all(name in css for name in fonts)
    assert (site / "assets" / "fonts" / "OFL.txt").is_file()


def test_not_found_page_offers_a_way_home(site):
    page = (site / "404.html").read_text(encoding="utf-8")
    assert "We could not find that page" in page and "crisis-and-safety" in page


def test_tags_index_lists_tagged_pages(html_pages):
    soup = html_pages["tags/index.html"]
    assert len(soup.select(".md-typeset a[href]")) > 3


def sidebar_lists(soup) -> list[list[str]]:
    """The page links each sidebar section lists, in order."""
    return [
        [a["href"] for a in ul.select(":scope > li > a.md-nav__link, :scope > li > div > a.md-nav__link")]
        for ul in soup.select(".md-nav--primary .md-nav__item--nested > nav > ul")
    ]


def test_the_sidebar_lists_no_section_of_more_than_a_dozen_pages(html_pages):
    for path, soup in html_pages.items():
        for listed in sidebar_lists(soup):
            assert len(listed) <= LARGEST_LISTED, f"{path}: the sidebar lists {len(listed)} pages in one section"


def test_every_page_is_listed_in_the_sidebar_or_on_its_section_index(site, html_pages):
    def targets(soup, page: str, selector: str) -> set[Path]:
        here = (site / page).parent
        return {(here / a["href"].split("#")[0]).resolve() for a in soup.select(selector)}

    shortened = 0
    for path, soup in html_pages.items():
        own = (site / path).parent.resolve()
        crumbs = targets(soup, path, ".md-path__item:last-child .md-path__link")
        if not crumbs or own in crumbs or own in targets(soup, path, ".md-nav--primary a.md-nav__link"):
            continue
        shortened += 1
        index = (crumbs.pop() / "index.html").relative_to(site.resolve()).as_posix()
        assert own in targets(html_pages[index], index, "article a[href]"), (
            f"{path}: neither in the sidebar nor listed on its section's page, {index}"
        )
    assert shortened > 50  # the questions and the worksheets, in both editions
