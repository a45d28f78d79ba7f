"""axe-core in Chromium, for the accessibility tests: the script, the rules
and a readable report.

axe-core comes from the pinned PyPI package axe-playwright-python, which
ships axe.min.js in its wheel: nothing is downloaded at test time. The tests
use only that file, not the package's Python API.

The site's Content Security Policy has no 'unsafe-inline' for scripts, so a
<script> tag added to the page (Playwright's add_script_tag) would be
blocked. axe goes in as an init script instead: those run outside the page's
policy, so the pages are tested with their real policy in force and no
bypass_csp.
"""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
AXE_VERSION = "4.12.1"  # what axe-playwright-python==0.1.8 ships; see requirements.txt
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's scheme
# The rules with these tags that axe files under colour ("cat.color":
# contrast, links told apart by colour), as a script expression. Only those
# change with the colour scheme; the others read the page's structure
# (names, roles, sizes), which the scheme does not touch.
COLOUR_RULES = "axe.getRules(tags).filter((r) => r.tags.includes('cat.color')).map((r) => r.ruleId)"
# Runs axe on the page, every rule with these tags or the colour rules alone;
# what comes back is only what the report needs.
RUN_AXE = f"""([tags, colourOnly]) => axe.run(document, {{
  runOnly: colourOnly ? {{type: "rule", values: {COLOUR_RULES}}} : {{type: "tag", values: tags}},
  resultTypes: ["violations"],
}}).then((r) => r.violations.map((v) => ({{
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.map((n) => ({{target: n.target, summary: n.failureSummary}})),
}})))"""
# axe measures the page at rest. With reduced motion Material turns its CSS
# transitions off (its own prefers-reduced-motion rule), so a resized page,
# a new scheme or an opened menu is at rest at once; every colour and size
# is the same.
REDUCED_MOTION = "reduce"
# After a resize or a click: Material's layout runs on the next frames, then
# its CSS transitions (the drawer sliding, colours fading) must end, or axe
# measures colours halfway. A bound of 2 seconds for any that never end.
AT_REST = """() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
  .then(() => Promise.race([
    Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))),
    new Promise((r) => setTimeout(r, 2000))]))
  .then(() => true)"""


def problems(page, where: str, colour_only: bool = False) -> list[str]:
    """axe's WCAG A and AA violations on the page as it is now, one report
    each: from every rule, or from the colour rules alone."""
    return [describe(where, violation) for violation in page.evaluate(RUN_AXE, [WCAG_TAGS, colour_only])]


def colour_rules(page) -> list[str]:
    """The rules a colour-only run checks, as the page's axe has them."""
    return page.evaluate(f"(tags) => {COLOUR_RULES}", WCAG_TAGS)


def describe(where: str, violation: dict, limit: int = 6) -> str:
    lines = [f"{where}: {violation['id']} ({violation['impact']}): {violation['help']}"]
    for node in violation["nodes"][:limit]:
        summary = " ".join(line.strip() for line in (node["summary"] or "").splitlines()[1:3])
        lines.append(f"    {' '.join(map(str, node['target']))}  <- {summary}")
    if len(violation["nodes"]) > limit:
        lines.append(f"    ...and {len(violation['nodes']) - limit} more")
    return "\n".join(lines)
