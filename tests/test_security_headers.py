"""The Content Security Policy and security headers, in the module and the built site."""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import urljoin

from conftest import ROOT
from site_core import html_scan, ui_strings
from site_core import security_headers as sh

SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)

PAGE = """<!doctype html>
<html><head>
<meta charset="utf-8">
<title>T</title>
<script id="__config" type="application/json">{"base": "."}</script>
<script src="assets/javascripts/bundle.a5f9d56c.min.js"></script>
</head><body>
<p>Text</p>
</body></html>
"""


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_hashes_are_the_csp_form():
    assert html_scan.script_hash("var a = 1;") == sha("var a = 1;")


def test_a_contributors_inline_script_is_refused_not_hashed(tmp_path):
    (tmp_path / "index.html").write_text(PAGE.replace("<p>Text</p>", "<script>var a = 1;</script>"), encoding="utf-8")
    result = sh.apply(tmp_path)
    assert result.problems and "inline <script> that is not the theme's own" in result.problems[0]
    assert sha("var a = 1;") not in (tmp_path / "_headers").read_text(encoding="utf-8")
    assert "Content-Security-Policy" not in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_policy_is_strict():
    policy = sh.policy({sha("x")})
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == f"'self' {sha('x')}"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert "unsafe" not in policy
    assert "frame-ancestors" not in policy  # ignored in <meta>, with a console warning
    assert "frame-ancestors 'none'" in sh.policy(set(), header=True)


def test_apply_adds_one_policy_to_every_page_and_writes_headers(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text(PAGE.replace("assets/", "../assets/"), encoding="utf-8")
    result = sh.apply(tmp_path)
    assert result.pages == 2 and result.problems == []
    assert result.hashes == sh.pinned_hashes() and len(result.hashes) >= 3
    first = (tmp_path / "index.html").read_text(encoding="utf-8")
    second = (tmp_path / "a" / "index.html").read_text(encoding="utf-8")
    tag = sh.meta_tags(result.hashes)
    assert tag in first and tag in second  # the same policy everywhere, for instant navigation
    assert first.index('<meta charset="utf-8">') < first.index("Content-Security-Policy") < first.index("<script")
    assert first.count("Content-Security-Policy") == 1
    assert '<meta name="referrer" content="no-referrer">' in first
    # Running again changes nothing.
    sh.apply(tmp_path)
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == first
    headers = (tmp_path / "_headers").read_text(encoding="utf-8").splitlines()
    assert headers[0] == "/*"
    assert all(line.startswith("  ") and ": " in line for line in headers[1:])
    names = {line.split(":")[0].strip() for line in headers[1:]}
    assert names == {"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"}


def test_apply_holds_one_page_at_a_time(tmp_path):
    # A big site's pages add up to gigabytes (each lists every other in its
    # menu), so apply() must not keep them all in memory. 100 pages of
    # 200 KB: 20 MB together; one page and its parse stay far below 5 MB.
    import tracemalloc

    filler = "<p>" + "x" * 200_000 + "</p>"
    for n in range(100):
        (tmp_path / f"p{n}.html").write_text(PAGE.replace("</body>", filler + "</body>"), encoding="utf-8")
    tracemalloc.start()
    try:
        result = sh.apply(tmp_path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.pages == 100
    assert peak < 5_000_000, f"apply() peaked at {peak / 1e6:.1f} MB for 100 pages of 0.2 MB"


def test_serving_leaves_pages_alone(tmp_path):
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    sh.apply(tmp_path, meta=False)
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == PAGE
    assert (tmp_path / "_headers").is_file()


def test_inline_event_handlers_are_problems(tmp_path):
    (tmp_path / "index.html").write_text(PAGE.replace("<body>", '<body onload="go()">'), encoding="utf-8")
    result = sh.apply(tmp_path)
    assert result.problems and "index.html: inline event handler 'onload=' on <body>" in result.problems[0]


# --- The built site -------------------------------------------------------------


def test_every_built_page_carries_the_policy(site, html_pages):
    headers = (site / "_headers").read_text(encoding="utf-8")
    policies = set()
    for path, soup in html_pages.items():
        metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert len(metas) == 1, path
        policies.add(metas[0]["content"])
        assert soup.find("meta", attrs={"name": "referrer"})["content"] == "no-referrer", path
        for script in soup.find_all("script"):
            if not script.get("src") and script.get("type") != "application/json":
                assert html_scan.script_hash(script.string or "") in metas[0]["content"], path
    assert len(policies) == 1
    assert f"Content-Security-Policy: {policies.pop()}; frame-ancestors 'none'" in headers
    for line in (
        "X-Content-Type-Options: nosniff",
        "Referrer-Policy: no-referrer",
        "Permissions-Policy: camera=(), microphone=(), geolocation=()",
    ):
        assert f"\n  {line}\n" in headers


def test_every_page_has_quick_exit_and_help_in_the_same_place(site, html_pages):
    for path, soup in html_pages.items():
        bar = soup.select_one('[data-md-component="announce"] .eab-safety')
        assert bar is not None, f"{path}: no safety bar"
        exit_link = bar.select_one("a[data-eab-exit]")
        ui = ui_strings.for_lang(soup.find("html")["lang"])
        assert exit_link["href"] == "https://www.bbc.co.uk/weather", path
        assert exit_link.get_text(strip=True) == ui["leave_site"], path
        spanish = path.startswith("es/")
        assert ("Mayús" if spanish else "Shift") in exit_link["title"], path
        links = [" ".join(a.get_text().split()) for a in bar.find_all("a")]
        # The quick exit first, help next, and last the same page in the other language.
        other = "English" if spanish else "Español"
        assert links[:3] == [ui["leave_site"], f"{ui['how_it_works']} {ui['quick_exit']}", ui["get_help_now"]], path
        assert links[3:] == ([other] if path != "404.html" and not path.startswith("es/404") else []), path
        assert bar.select_one('[role="status"][data-eab-exit-status]') is not None, path
        page_url = urljoin(SITE_URL, path.removesuffix("index.html"))
        for a, target in (
            (bar.select_one(".eab-safety__help"), "get-help/crisis-and-safety/"),
            (bar.select_one(".eab-safety__how"), "get-help/quick-exit/"),
        ):
            edition = "es/" if spanish else ""
            assert urljoin(page_url, a["href"]) == SITE_URL + edition + target, f"{path}: {a['href']}"
            assert (site / edition / target / "index.html").is_file()
        footer = soup.select_one(".md-copyright")
        notice = "Educación, no terapia ni atención en crisis." if spanish else "Education, not therapy or crisis care."
        assert notice in footer.get_text(" ", strip=True), path
