"""The editions: English at the site's root, Spanish under es/, twins, the
language switch, hreflang, each edition's own search, stale translations and
the Spanish reading level."""

from __future__ import annotations

import json
import shutil
import statistics
from posixpath import normpath
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from conftest import ROOT
from site_core import editions, readability, self_check, ui_strings

SPANISH_PAGES = sorted(editions.SPANISH.docs_dir(ROOT).rglob("*.md"))
SITE_URL = "https://empathy-after-betrayal.github.io/site/"
# The pages the Spanish edition must have (issue: the core of the site).
CORE = [
    "index.md",
    "start-here.md",
    "where-to-start.md",
    "about/index.md",
    "glossary.md",
    "get-help/index.md",
    "get-help/crisis-and-safety.md",
    "get-help/finding-support.md",
    "get-help/browsing-safely.md",
    "get-help/quick-exit.md",
    "understanding-empathy/index.md",
    "letters/index.md",
    "letters/empathy-letter.md",
    "letters/impact-letter.md",
    "paths/first-seven-days/index.md",
    "worksheets/index.md",
]


def built(src: str, edition: editions.Edition) -> str:
    """A page's built file under the site root."""
    return edition.prefix + editions.page_url(src) + "index.html"


def test_the_spanish_edition_has_the_core_pages():
    twins = editions.twins(editions.SPANISH)
    assert set(CORE) <= set(twins), sorted(set(CORE) - set(twins))
    days = {p for p in twins if p.startswith("paths/first-seven-days/day-")}
    assert len(days) == 7


@pytest.mark.parametrize("page", SPANISH_PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_each_spanish_page_names_an_english_source_and_is_up_to_date(page):
    from site_core.content_model import load_front_matter

    meta = load_front_matter(page)
    source = ROOT / "docs" / meta["translation_of"]
    assert source.is_file()
    assert meta["source_hash"] == editions.source_hash(source), (
        f"{page.relative_to(ROOT)}: its English source changed; see python -m site_core.editions --stale"
    )


def test_a_changed_english_source_makes_its_translation_stale(tmp_path):
    for part in ("docs", "es"):
        shutil.copytree(ROOT / part, tmp_path / part)
    assert editions.stale(tmp_path) == []
    english = tmp_path / "docs" / "letters" / "impact-letter.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    found = editions.stale(tmp_path)
    assert [item.page for item in found] == ["es/docs/letters/impact-letter.md"]
    assert f"set source_hash: {editions.source_hash(english)}" in str(found[0])
    # A change to the front matter alone (a new check date) is not a change to translate.
    other = tmp_path / "docs" / "letters" / "empathy-letter.md"
    other.write_text(other.read_text(encoding="utf-8").replace("editorial_check: 2026", "editorial_check: 2027", 1))
    assert [item.page for item in editions.stale(tmp_path)] == ["es/docs/letters/impact-letter.md"]


@pytest.mark.parametrize("page", SPANISH_PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_each_spanish_page_is_easy_to_read(page):
    score = readability.ease_es(page.read_text(encoding="utf-8"))
    assert score >= readability.MIN_EASE_ES, f"{page.relative_to(ROOT)}: Fernández Huerta {score:.1f}"


def test_the_spanish_edition_reads_easily_as_a_whole():
    scores = [readability.ease_es(p.read_text(encoding="utf-8")) for p in SPANISH_PAGES]
    assert statistics.median(scores) >= readability.MIN_MEDIAN_EASE_ES


def test_the_spanish_score_tells_hard_from_easy():
    easy = "Lo que sientes tiene sentido. Respira. Hoy no tienes que decidir nada."
    hard = (
        "La reconstrucción institucionalizada de la confianza interpersonal exige, "
        "indefectiblemente, consideraciones extraordinariamente pormenorizadas y multidimensionales."
    )
    assert readability.ease_es(easy) >= readability.MIN_MEDIAN_EASE_ES > readability.ease_es(hard)


def test_every_interface_word_is_in_every_language():
    assert ui_strings.missing() == []
    assert set(ui_strings.languages()) == {e.lang for e in editions.EDITIONS}


def test_the_spanish_configuration_keeps_the_english_one_in_step():
    """MkDocs replaces lists whole, so mkdocs.es.yml repeats the extension
    list: same extensions, in the same order, and english_links added."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    en = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    es = yaml.load((ROOT / "mkdocs.es.yml").read_text(encoding="utf-8"), Loader=Loader)

    def names(config):
        return [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]

    assert [n for n in names(es) if n != "site_core.extensions.english_links"] == names(en)
    assert es["theme"]["language"] == "es" and es["site_url"] == SITE_URL + "es/"
    assert es["plugins"] == [{"search": {"lang": "es"}}]


# --- The built site -----------------------------------------------------------


def test_every_page_under_es_is_spanish(html_pages):
    """No page falls back to English under /es/, and none outside it is Spanish."""
    for path, soup in html_pages.items():
        lang = soup.find("html").get("lang")
        assert lang == ("es" if path.startswith("es/") else "en"), path


def _resolve(page_path: str, href: str) -> str:
    """The site file a relative link on a built page points to."""
    path = urljoin("/" + page_path, href.split("#")[0]).lstrip("/")
    target = normpath(path) if path else ""
    if target.endswith(".html"):
        return target
    return "index.html" if target in ("", ".") else target + "/index.html"


def test_the_language_switch_lands_on_the_twin_or_the_home(html_pages, site):
    twins = editions.twins(editions.SPANISH)
    checked = 0
    for path, soup in html_pages.items():
        if path.endswith("404.html"):
            continue
        links = soup.select("a.eab-safety__lang")
        assert len(links) == 1, path
        link = links[0]
        target = _resolve(path, link["href"])
        assert (site / target).is_file(), (path, link["href"])
        spanish = path.startswith("es/")
        assert link["hreflang"] == ("en" if spanish else "es")
        pair = next(
            (
                (en, tr)
                for en, tr in twins.items()
                if path == (built(tr, editions.SPANISH) if spanish else built(en, editions.ENGLISH))
            ),
            None,
        )
        if pair is not None:
            en, tr = pair
            assert target == (built(en, editions.ENGLISH) if spanish else built(tr, editions.SPANISH)), path
            checked += 1
        elif not spanish:
            assert target == "es/index.html", path
    assert checked == 2 * len(twins)


def test_twins_name_each_other_for_search_engines(html_pages):
    twins = editions.twins(editions.SPANISH)
    for en, es in twins.items():
        for path in (built(en, editions.ENGLISH), built(es, editions.SPANISH)):
            alternates = {
                link["hreflang"]: link["href"] for link in html_pages[path].select("head link[rel=alternate][hreflang]")
            }
            assert alternates == {
                "en": SITE_URL + editions.page_url(en),
                "es": SITE_URL + "es/" + editions.page_url(es),
                "x-default": SITE_URL + editions.page_url(en),
            }, path
    english_only = built("questions/angry-when-i-ask.md", editions.ENGLISH)
    assert not html_pages[english_only].select("head link[hreflang]")


def test_links_to_english_pages_are_marked_and_work(html_pages, site):
    found = 0
    for path, soup in html_pages.items():
        if not path.startswith("es/"):
            continue
        for link in soup.select("article a[hreflang=en]"):
            if link.find_parent(class_="eab-reviewed"):
                continue  # "escrita a partir de su página en inglés": says so itself
            assert link.get_text().endswith("(en inglés)"), (path, link)
            target = _resolve(path, link["href"])
            assert not target.startswith("es/") and (site / target).is_file(), (path, link["href"])
            found += 1
    assert found > 20


def test_each_edition_searches_its_own_pages(site):
    for edition in editions.EDITIONS:
        index = json.loads((site / edition.prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [edition.lang]
        locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert locations
        for location in locations:
            assert not location.startswith(("es/", "../")), location
            assert (site / edition.prefix / (location or ".") / "index.html").is_file() or (
                site / edition.prefix / location
            ).is_file(), location


def test_the_spanish_self_check_speaks_spanish_and_marks_english_pages(site):
    data = json.loads((site / "es" / "assets" / "self-check.json").read_text(encoding="utf-8"))
    twins = editions.twins(editions.SPANISH)
    # Pages are named by their address: a twin's in the Spanish edition, or
    # an English page's (../), marked with its language.
    for address, info in data["pages"].items():
        target = urlsplit(urljoin("/es/", address)).path.lstrip("/")
        assert (site / target / "index.html").is_file(), address
        assert ("lang" in info) == address.startswith("../"), address
    named = {p for rule in data["rules"] for section in data["sections"] for p in rule[section]}
    assert named | set(data["couples"]) <= set(data["pages"])
    english = self_check.load().pages()
    assert len(data["pages"]) == len(english)
    assert sum("lang" in info for info in data["pages"].values()) == len(english - set(twins))


def test_the_not_found_page_answers_in_both_languages(html_pages, site):
    """Static hosts serve the root 404 page for a missing /es/ address too."""
    spanish = html_pages["404.html"].select_one('article section[lang="es"]')
    assert spanish is not None and ui_strings.for_lang("es")["not_found_title"] in spanish.get_text()
    home = spanish.select_one("a[hreflang=es]")["href"]
    assert home == SITE_URL + "es/"
