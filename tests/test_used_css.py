"""Material's stylesheets cut down to the rules the pages can use
(scripts/used_css.py): what a cut keeps and drops, where its words come
from, and that every page links the copies. That pages look the same with
the copies: tests/test_used_css_browser.py.
"""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT
from site_core import build_cache, publish, used_css

# "rtl" as a script has it (Material's reads the page's dir); "ltr" as a page has it.
WORDS = used_css.Words(
    frozenset({"md-used", "slate", "md-also", "rtl", "ltr"}), ("md-status--",), frozenset({"md-used", "ltr"})
)


def cut(css: str) -> str:
    return used_css.cut(css, WORDS)


@pytest.mark.parametrize(
    ("css", "kept"),
    [
        (".md-used{color:red}", ".md-used{color:red}"),
        (".md-unused{color:red}", ""),
        # One selector of a list goes, the rest stay.
        (".md-unused,.md-used a{color:red}", ".md-used a{color:red}"),
        # Every class of a selector must be used.
        (".md-used .md-unused{color:red}", ""),
        (".md-used.md-unused{color:red}", ""),
        # Elements and ids are not judged.
        ("a:hover,#x{color:red}", "a:hover,#x{color:red}"),
        # A class a script builds from a prefix counts as used.
        (".md-status--warning{color:red}", ".md-status--warning{color:red}"),
        # Attribute values: a word no page or script has drops the selector.
        ("[data-md-color-scheme=slate]{color:red}", "[data-md-color-scheme=slate]{color:red}"),
        ('[data-md-color-primary="pink"]{color:red}', ""),
        # dir is written by templates only: its value must be in the pages, not only in a script.
        ("[dir=rtl] .md-used{color:red}", ""),
        ('[DIR="rtl"] .md-used{color:red}', ""),
        ("[dir=ltr] .md-used{color:red}", None),
        ("[data-md-state=rtl]{color:red}", None),
        # Values that are not one word, and prefix matches, are not judged.
        ('[data-md-color-media="(prefers-color-scheme: dark)"]{color:red}', None),
        ("[class^=md-x]{color:red}", "[class^=md-x]{color:red}"),
        # Names the scan could not find (it reads ASCII words) are not judged.
        (".café{color:red}", None),
        ("[lang=español] .md-used{color:red}", None),
        # :not() is never judged; :is() and :has() need one selector that can match.
        (".md-used:not(.md-unused){color:red}", ".md-used:not(.md-unused){color:red}"),
        (".md-used :is(.md-unused,.md-also){color:red}", ".md-used :is(.md-unused,.md-also){color:red}"),
        (".md-used :is(.md-unused,.md-gone){color:red}", ""),
        (".md-used:has(.md-unused){color:red}", ""),
        # Rules in @media are cut too, and an empty @media goes.
        ("@media print{.md-unused{color:red}.md-used{color:blue}}", "@media print{.md-used{color:blue}}"),
        ("@media print{.md-unused{color:red}}", ""),
        ("@supports (display:grid){@media screen{.md-unused{color:red}}}", ""),
        # Rules whose content is not selectors stay whole.
        ("@keyframes md-unused{0%{opacity:0}to{opacity:1}}", "@keyframes md-unused{0%{opacity:0}to{opacity:1}}"),
        ("@font-face{font-family:x;src:url(x.woff2)}", "@font-face{font-family:x;src:url(x.woff2)}"),
        # The source map comment goes: it would describe the whole file.
        (".md-used{color:red}/*# sourceMappingURL=main.css.map*/", ".md-used{color:red}"),
    ],
)
def test_a_cut_keeps_what_can_match_and_drops_the_rest(css, kept):
    assert cut(css) == (css if kept is None else kept)


def test_words_come_from_pages_scripts_and_data_and_script_prefixes_are_long_enough(tmp_path):
    (tmp_path / "index.html").write_text('<p class="md-typeset eab-note">Hello</p>', encoding="utf-8")
    (tmp_path / "app.js").write_text('el.className = "md-status--" + kind; x = "md-";', encoding="utf-8")
    (tmp_path / "data.json").write_text('{"title": "md-from-data"}', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("md-not-a-source", encoding="utf-8")
    words = used_css.words_in(tmp_path)
    assert words.has("md-typeset") and words.has("eab-note") and words.has("md-from-data")
    assert words.has("md-status--info")  # the script completes this prefix
    assert not words.has("md-anything")  # "md-" is too short to count as a prefix
    assert not words.has("md-not-a-source")
    assert "md-typeset" in words.in_pages and "md-from-data" not in words.in_pages


def material_names(html: str) -> list[str]:
    return re.findall(r'href="[^"]*?((?:main|palette)\.[0-9a-f]{8}(?:\+palette\.[0-9a-f]{8})?\.[^"+]*\.css)"', html)


def test_every_page_links_one_cut_copy_of_both_which_is_smaller_and_the_originals_stay(site):
    for edition in (site, site / "es"):
        folder = edition / used_css.STYLESHEETS
        copies = sorted(p.name for p in folder.glob("*.used.*.css"))
        originals = sorted(p.name for p in folder.glob("*.min.css") if used_css.MATERIAL.match(p.name))
        assert [name.split(".")[0] for name in originals] == ["main", "palette"], originals
        # One copy, named after both originals, main's rules first.
        both = "+".join(name.removesuffix(".min.css") for name in originals)
        assert copies == [f"{both}.used.{copies[0][-12:]}"], copies
        whole = sum((folder / name).stat().st_size for name in originals)
        assert (folder / copies[0]).stat().st_size < 0.9 * whole
        text = (folder / copies[0]).read_text(encoding="utf-8")
        assert text.index(".md-typeset") < text.index("[data-md-color-scheme=slate]")
        pages = [p for p in edition.rglob("*.html") if edition == site / "es" or "es" not in p.relative_to(site).parts]
        assert len(pages) > 20
        for page in pages:
            linked = material_names(page.read_text(encoding="utf-8"))
            assert linked == copies, f"{page.relative_to(site)} links {linked}"


def test_a_second_run_changes_nothing_and_a_removed_class_goes(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site / "es", copy)
    base_path = publish.SiteConfig.from_file(ROOT / "mkdocs.es.yml").base_path
    first = {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    used_css.apply(copy, base_path)
    assert {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()} == first
    # A page that no longer uses a class: the next run's copy drops its rules.
    main = next((copy / used_css.STYLESHEETS).glob("main.*.used.*.css"))
    assert ".md-footer__title" in main.read_text(encoding="utf-8")
    for page in copy.rglob("*.html"):
        page.write_text(page.read_text(encoding="utf-8").replace("md-footer__title", "x"), encoding="utf-8")
    used_css.apply(copy, base_path)
    assert not main.exists()  # the stale copy is removed
    main = next((copy / used_css.STYLESHEETS).glob("main.*.used.*.css"))
    assert ".md-footer__title" not in main.read_text(encoding="utf-8")
    for page in copy.rglob("*.html"):  # the 404 page too, whose links start at the root
        assert main.name in material_names(page.read_text(encoding="utf-8")), page.name


def test_a_cut_is_kept_until_the_stylesheet_or_the_words_change(site, tmp_path, monkeypatch):
    monkeypatch.setattr(build_cache, "CACHE", tmp_path / "cache")
    base_path = publish.SiteConfig.from_file(ROOT / "mkdocs.es.yml").base_path
    cuts: list[str] = []
    real = used_css.cut
    monkeypatch.setattr(used_css, "cut", lambda css, words: cuts.append(css) or real(css, words))

    def build(change=lambda copy: None) -> dict:
        """The Spanish edition as a build leaves it, changed, then published: its files."""
        copy = tmp_path / "build"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(site / "es", copy)
        change(copy)
        cuts.clear()
        used_css.apply(copy, base_path)
        return {p.relative_to(copy): p.read_bytes() for p in copy.rglob("*") if p.is_file()}

    first = build()
    assert len(cuts) == 2  # main and palette
    assert build() == first and cuts == []  # the same files: both cuts kept

    # A page that now uses a class whose rules the cut dropped.
    words = used_css.words_in(site / "es")
    original = next((site / "es" / used_css.STYLESHEETS).glob("main.*.min.css")).read_text(encoding="utf-8")
    dropped = sorted(set(re.findall(r"\.(md-[a-z_-]+)", original)) - words.exact)[0]

    def new_class(copy):
        page = copy / "index.html"
        page.write_text(page.read_text(encoding="utf-8").replace("<body", f'<body class="{dropped}"', 1), "utf-8")

    changed = build(new_class)
    assert len(cuts) == 2 and changed != first
    rule = re.compile(rf"\.{re.escape(dropped)}(?![\w-])")
    assert [n for n, v in changed.items() if used_css.COPY.match(n.name) and rule.search(v.decode())]
    assert not [n for n, v in first.items() if used_css.COPY.match(n.name) and rule.search(v.decode())]
    # A spoiled table is cut again, to the same copy.
    for table in (tmp_path / "cache" / used_css._KeptCuts.KIND).iterdir():
        table.write_bytes(b"not marshal")
    assert build() == first and len(cuts) == 2
