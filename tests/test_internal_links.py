"""Every link within the built site resolves: checked on the HTML, not the Markdown.

MkDocs' `validation:` checks links written in Markdown. This checks what
readers get: every href and src in every built page, including those that
templates (overrides/), raw HTML and the theme write. A link within the site
(relative, root-relative, or absolute under site_url) must name a file in the
built site, and its #fragment an id (or <a name>) on that page. Links to
other sites, mailto:, tel: and sms: are not followed.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import ROOT

SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
SITE_URL = SITE_URL.rstrip("/") + "/"
# Elements and the attributes that hold an address.
ADDRESSES = {
    "a": ["href"],
    "area": ["href"],
    "link": ["href"],
    "script": ["src"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "form": ["action"],
}
NOT_FOLLOWED = ("mailto:", "tel:", "sms:", "data:", "blob:")


def addresses(soup):
    """(element, attribute, address) for every address in a parsed page."""
    for tag, attrs in ADDRESSES.items():
        for el in soup.find_all(tag):
            for attr in attrs:
                value = el.get(attr)
                if value is None:
                    continue
                if attr == "srcset":
                    for candidate in value.split(","):
                        if candidate.strip():
                            yield el, attr, candidate.split()[0]
                else:
                    yield el, attr, value.strip()


def target_file(site: Path, url: str) -> tuple[Path | None, str]:
    """The built file an address within the site names, and why not if none."""
    path = unquote(urlsplit(url).path)[len(urlsplit(SITE_URL).path) :]
    candidate = site / path
    if path == "" or path.endswith("/"):
        candidate = candidate / "index.html"
    elif candidate.is_dir():
        candidate = candidate / "index.html"  # a static host redirects dir -> dir/
    if not candidate.resolve().is_relative_to(site.resolve()):
        return None, "points outside the site"
    return (candidate, "") if candidate.is_file() else (None, f"no file {candidate.relative_to(site)}")


def page_ids(soup) -> set[str]:
    return {el["id"] for el in soup.find_all(id=True)} | {el["name"] for el in soup.find_all("a", attrs={"name": True})}


def broken_links(site: Path, html_pages: dict, pages) -> tuple[list[str], int, int]:
    """The broken links on these pages (their ids looked up on every page),
    with how many links and how many #fragments were checked."""
    host = urlsplit(SITE_URL).netloc
    ids: dict[str, set[str]] = {}
    problems: list[str] = []
    checked = fragments = 0
    for rel in pages:
        soup = html_pages[rel]
        base = SITE_URL + rel
        for el, attr, address in addresses(soup):
            if not address or address.lower().startswith(NOT_FOLLOWED):
                continue
            url = urljoin(base, address)
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https"):
                problems.append(f"{rel}: <{el.name} {attr}={address!r}>: a {parts.scheme}: address")
                continue
            if parts.netloc != host:
                continue  # another site
            if not (parts.path + "/").startswith(urlsplit(SITE_URL).path):
                if not urlsplit(address).netloc:  # a relative link that climbs out of the site
                    problems.append(f"{rel}: <{el.name} {attr}={address!r}>: points outside the site")
                continue  # the full address of another site on the same host
            checked += 1
            target, why = target_file(site, url)
            if target is None:
                problems.append(f"{rel}: <{el.name} {attr}={address!r}>: {why}")
                continue
            if parts.fragment and target.suffix == ".html":
                fragments += 1
                key = target.relative_to(site).as_posix()
                if key not in ids:
                    ids[key] = page_ids(html_pages[key])
                if unquote(parts.fragment) not in ids[key]:
                    problems.append(
                        f"{rel}: <{el.name} {attr}={address!r}>: no id {unquote(parts.fragment)!r} on {key}"
                    )
    return problems, checked, fragments


def test_every_link_within_the_site_resolves(site, html_pages):
    assert len(html_pages) > 20
    problems, checked, fragments = broken_links(site, html_pages, html_pages)
    assert checked > 1000 and fragments > 50, (checked, fragments)
    assert not problems, f"{len(problems)} broken link(s) within the site:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "address, problem",
    [
        ("../no-such-page/", "no file"),
        ("#no-such-heading", "no id"),
        ("/site/assets/missing.css", "no file"),
        (SITE_URL + "glossary/#not-a-term", "no id"),
        ("../../../../etc/passwd", "outside the site"),
        ("/elsewhere/", "outside the site"),
    ],
)
def test_a_broken_link_is_reported(site, html_pages, address, problem):
    """The checker finds each kind of broken link, added to a copy of one page,
    and nothing else there: only that page is checked, against the whole site."""
    from bs4 import BeautifulSoup

    page = "understanding-empathy/five-myths/index.html"
    soup = BeautifulSoup(str(html_pages[page]), "html.parser")
    assert broken_links(site, html_pages, [page])[0] == []
    link = soup.new_tag("a", href=address)
    link.string = "broken"
    soup.find("article").append(link)
    (found,), _, _ = broken_links(site, {**html_pages, page: soup}, [page])
    assert re.search(re.escape(f"<a href={address!r}>") + ".*" + problem, found), found
