"""The contributor docs name what exists, so they do not drift from the code."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def layout() -> str:
    return README[README.index("## Layout") :].split("```", 2)[1]


def test_the_readme_layout_names_every_module():
    modules = {p.stem for p in (ROOT / "scripts").rglob("*.py") if p.stem != "__init__"}
    missing = sorted(m for m in modules if not re.search(rf"\b{m}\b", layout()))
    assert missing == [], f"README.md's Layout does not name: {', '.join(missing)}"


def test_every_make_target_is_listed_by_make_help():
    targets = set(re.findall(r"^([a-z][a-z-]*):", MAKEFILE, re.M))
    helped = set(re.findall(r"^## ([a-z][a-z-]*):", MAKEFILE, re.M))
    assert targets - helped == set(), "give each target a '## name: what it does' line"
    assert helped - targets == set()
