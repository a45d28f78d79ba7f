"""Templates copied from Material stay in step with the installed Material.

Each override below started as a copy of Material's template. Every line of
the installed original must still be in the override, in the same order,
except the lines we changed on purpose (CHANGED, each with its reason). When
an upgrade of Material changes one of these templates, this test fails and
prints the upstream lines the override does not have: merge them, or add
the change here with a reason.
"""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"

# Template -> {Material's line: our line}, each a deliberate change.
CHANGED = {
    "partials/content.html": {
        # The full title from front matter, which the nav may shorten.
        "<h1>{{ page.title | d(config.site_name, true)}}</h1>": "<h1>{{ page.meta.title | d(page.title, true) | d(config.site_name, true) }}</h1>",
    },
    "partials/progress.html": {
        # A progressbar needs an accessible name (axe aria-progressbar-name), in the page's language.
        '<div class="md-progress" data-md-component="progress" role="progressbar"></div>': '<div class="md-progress" data-md-component="progress" role="progressbar" aria-label="{{ ui.loading }}"></div>',
    },
    "partials/search.html": {
        # A dialog needs an accessible name (axe aria-dialog-name).
        '<div class="md-search" data-md-component="search" role="dialog">': '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
    },
}
GENERATED_NOTE = "This file was automatically generated - do not edit"


def template_lines(path: Path) -> list[str]:
    """Non-blank lines, stripped, without Material's generated-file note."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line and line not in ("{#-", "-#}", GENERATED_NOTE)]


def missing_from(ours: list[str], upstream: list[str]) -> list[str]:
    """Upstream lines that do not appear in ours in upstream's order."""
    missing, at = [], 0
    for line in upstream:
        try:
            at = ours.index(line, at) + 1
        except ValueError:
            missing.append(line)
    return missing


@pytest.mark.parametrize("template", CHANGED)
def test_each_copied_template_keeps_every_line_of_the_installed_original(template):
    upstream = [CHANGED[template].get(line, line) for line in template_lines(MATERIAL / template)]
    missing = missing_from(template_lines(OVERRIDES / template), upstream)
    assert missing == [], (
        f"overrides/{template} lacks these lines of Material {material.__version__}'s "
        f"{template} (merge them, or record the change in CHANGED):\n  " + "\n  ".join(missing)
    )


@pytest.mark.parametrize("template", CHANGED)
def test_each_recorded_change_is_still_needed(template):
    """A change whose Material line is gone upstream, or that we no longer make, is stale."""
    upstream = template_lines(MATERIAL / template)
    ours = template_lines(OVERRIDES / template)
    for theirs, mine in CHANGED[template].items():
        assert theirs in upstream, f"Material's {template} no longer has: {theirs}"
        assert mine in ours, f"overrides/{template} no longer has: {mine}"


def test_the_check_finds_an_upstream_line_the_override_lacks():
    assert missing_from(["a", "c"], ["a", "b", "c"]) == ["b"]
    assert missing_from(["c", "a"], ["a", "c"]) == ["c"]
    assert missing_from(["a", "x", "b"], ["a", "b"]) == []
