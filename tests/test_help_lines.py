"""Help lines: one data file, every number on the site taken from it, and
nothing left unchecked for a year."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import ROOT
from site_core import help_lines

DOCS = ROOT / "docs"


def test_the_data_covers_the_countries_and_readers_the_site_serves():
    data = help_lines.load()
    countries = {line.country for line in data.lines}
    assert {"US", "GB", "GB-SCT", "GB-WLS", "GB-NIR", "IE", "CA", "AU", "NZ", "INTL"} <= countries
    served = {a for line in data.lines for a in line.for_}
    assert {"everyone", "women", "men", "lgbt", "people-who-harm"} <= served
    assert any(line.text and not line.phone for line in data.lines), "a text-only crisis line"
    ids = data.by_id()
    assert ids["gb-national-da-helpline"].for_ == ["women"]
    assert "mainly for women" in ids["gb-national-da-helpline"].about
    assert str(ids["intl-findahelpline"].url).startswith("https://findahelpline.com")


def test_short_codes_render_links_from_the_data():
    out = help_lines.expand(
        "Call <!-- call us-988 -->, text <!-- text us-dv-hotline -->, see <!-- web intl-findahelpline -->.", "p"
    )
    assert out == (
        "Call [988](tel:988), text START to [88788](sms:88788), see [findahelpline.com](<https://findahelpline.com/>)."
    )


@pytest.mark.parametrize(
    "code, words",
    [
        ("<!-- call nobody -->", "names no help line"),
        ("<!-- call gb-shout -->", "has no phone option"),
        ("<!-- help-lines XX -->", "unknown country 'XX'"),
    ],
)
def test_a_bad_short_code_names_the_file_and_line(code, words):
    with pytest.raises(ValueError, match=re.escape(words)) as err:
        help_lines.expand(f"one\ntwo {code}\n", "docs/x.md", first_line=10)
    assert str(err.value).startswith("docs/x.md:11:") and "How to fix:" in str(err.value)


def test_a_typed_number_is_refused_with_the_code_to_use():
    (p,) = help_lines.literal_numbers("x\nCall 0808 2000 247 now.\n", "docs/x.md")
    assert p.line == 2 and "<!-- call gb-national-da-helpline -->" in str(p)
    assert help_lines.literal_numbers("`0808 2000 247` in code is fine.\n", "docs/x.md") == []


def test_no_page_types_a_help_line_number():
    found = [
        str(p)
        for page in sorted(DOCS.rglob("*.md"))
        for p in help_lines.literal_numbers(page.read_text(encoding="utf-8"), page.name)
    ]
    assert found == []


def test_an_old_check_warns_then_fails():
    data = help_lines.load()
    newest = max(line.checked for line in data.lines)
    assert help_lines.check_staleness(newest, data) == []
    warned = help_lines.check_staleness(newest + dt.timedelta(days=200), data)
    assert warned and {p.severity for p in warned} == {"warning"} and "days ago" in warned[0].message
    failed = help_lines.check_staleness(newest + dt.timedelta(days=400), data)
    assert {p.severity for p in failed} == {"error"}


def test_no_help_line_is_over_a_year_old():
    """CI fails when a line goes a year without a check."""
    errors = [str(p) for p in help_lines.check_staleness(dt.date.today()) if p.severity == "error"]
    assert errors == []


# --- The built site ---------------------------------------------------------------


def test_the_crisis_page_puts_every_line_first_grouped_by_country(html_pages):
    soup = html_pages["get-help/crisis-and-safety/index.html"]
    article = soup.select_one("article")
    first_heading = article.find("h2")
    assert first_heading.get_text(strip=True).startswith("Help lines")
    # Nothing but the emergency numbers comes before the lines.
    before = [p for p in first_heading.find_all_previous("p") if p in article.find_all("p")]
    assert len(before) <= 3
    data = help_lines.load()
    for code, name in data.countries.items():
        if any(line.country == code for line in data.lines):
            assert article.find(id=f"help-{code.lower()}").get_text(strip=True).startswith(name)
    hrefs = {a["href"] for a in article.select("a[href]")}
    for line in data.lines:
        if line.phone:
            assert line.dial in hrefs, line.id
        if line.text:
            assert line.sms in hrefs, line.id
    assert "https://findahelpline.com/" in hrefs


def test_every_tel_and_sms_link_on_the_site_comes_from_the_data(html_pages):
    data = help_lines.load()
    known = {line.dial for line in data.lines if line.phone} | {line.sms for line in data.lines if line.text}
    known |= {f"tel:{e.number}" for e in data.emergency}
    found = {
        (path, a["href"]) for path, soup in html_pages.items() for a in soup.select('a[href^="tel:"], a[href^="sms:"]')
    }
    assert found and {href for _, href in found} <= known, {f for f in found if f[1] not in known}
