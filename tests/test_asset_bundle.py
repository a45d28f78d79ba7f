"""One stylesheet and one script of our own per page (scripts/asset_bundle.py)."""

from __future__ import annotations

import yaml

from conftest import ROOT
from site_core import asset_bundle

CSS = asset_bundle.CSS_BUNDLE


def test_plan_joins_plain_local_files_of_the_bundle_folder_in_order():
    entries = [
        "assets/stylesheets/a.css",
        "https://example.org/x.css",
        "assets/stylesheets/b.css",
        "other/c.css",
        "assets/stylesheets/d.css",
    ]
    new, joined = asset_bundle.plan(entries, CSS, ".css")
    assert joined == ["assets/stylesheets/a.css", "assets/stylesheets/b.css", "assets/stylesheets/d.css"]
    assert new == [CSS, "https://example.org/x.css", "other/c.css"]


def test_plan_leaves_a_single_file_or_special_scripts_alone():
    assert asset_bundle.plan(["assets/stylesheets/a.css"], CSS, ".css") == (["assets/stylesheets/a.css"], [])
    module = {"path": "assets/javascripts/m.js", "type": "module"}
    entries = ["assets/javascripts/a.js", module]
    assert asset_bundle.plan(entries, asset_bundle.JS_BUNDLE, ".js") == (entries, [])


def test_join_keeps_order_and_separates_scripts(tmp_path):
    (tmp_path / "a.js").write_text("var a = 1\n", encoding="utf-8")
    (tmp_path / "b.js").write_text("(function () {})()", encoding="utf-8")
    text = asset_bundle.join(tmp_path, ["a.js", "b.js"], "js")
    assert text.index("var a=1") < text.index("(function")
    assert "var a=1\n;" in text


def test_minified_drops_comments_and_spacing_but_not_strings():
    js = asset_bundle.minified('// why\nvar a = "x  // y";\n/* note */\nvar b = /a\\/b/;\n', "js")
    assert js == 'var a="x  // y";var b=/a\\/b/;'
    css = asset_bundle.minified('/* why */\n.a  {\n  content: "a  /* b */";\n}\n', "css")
    assert css == '.a{content:"a  /* b */"}'


def test_our_scripts_and_stylesheets_are_served_minified(site):
    for folder, kind in asset_bundle.OWN_FOLDERS.items():
        for path in sorted((ROOT / "docs" / folder).glob("*." + kind)):
            served = (site / folder / path.name).read_text(encoding="utf-8")
            assert served == asset_bundle.minified(path.read_text(encoding="utf-8"), kind), path.name
            assert len(served) < path.stat().st_size, path.name
    vendored = next((ROOT / "docs/assets/javascripts/vendor").glob("*.min.js"))
    assert (site / "assets/javascripts/vendor" / vendored.name).read_bytes() == vendored.read_bytes()


def test_built_pages_link_the_bundles_which_hold_every_source(site, html_pages):
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    for key, bundle, kind in (
        ("extra_css", asset_bundle.CSS_BUNDLE, "css"),
        ("extra_javascript", asset_bundle.JS_BUNDLE, "js"),
    ):
        sources = [e for e in config.get(key, []) if isinstance(e, str) and e.startswith(bundle.rsplit("/", 1)[0])]
        if len(sources) < 2:
            continue
        text = (site / bundle).read_text(encoding="utf-8")
        for source in sources:
            source_text = (ROOT / "docs" / source).read_text(encoding="utf-8")
            assert asset_bundle.minified(source_text, kind).strip() in text, source
    soup = html_pages["understanding-empathy/five-myths/index.html"]
    styles = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    scripts = [s["src"] for s in soup.find_all("script", src=True)]
    assert sum("site-bundle.css" in h for h in styles) == 1
    assert not any(h.endswith(("/fonts.css", "/site.css", "/safety.css")) for h in styles), styles
    assert sum("site-bundle.js" in s for s in scripts) == 1
    # Material's bundle comes before ours, and the search-on-demand script before Material's.
    order = [
        next(i for i, s in enumerate(scripts) if name in s)
        for name in ("search-on-demand.js", "assets/javascripts/bundle.", "site-bundle.js")
    ]
    assert order == sorted(order), scripts
