"""Diagrams: hand-made SVG pictures in includes/diagrams/, shown in a page
with one line, `<!-- diagram shame-reflex -->`.

A diagram is drawn inside the page (not loaded as an image), so the site's
stylesheet colours it: the same file follows the light and dark schemes and
prints as dark lines on white paper. For that it carries no colours of its
own, only the classes below. Its <title> names it and its <desc> says in
words everything it shows; the page prints that text under the picture, so
a reader who cannot see it, or zooms past it, loses nothing.

check() holds every file to these rules, and to the site's security judge
(html_scan), before any page uses it; figure() is what a page gets.
"""

from __future__ import annotations

import html
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from site_core import html_scan, readability
from site_core.content_model import Problem

SVG_NS = "http://www.w3.org/2000/svg"
SHORT_CODE = re.compile(r"^<!-- diagram (?P<name>[a-z0-9-]+) -->$")
# The only classes a diagram may use; site.css colours them for each scheme
# and print.css for paper.
CLASSES = {"d-box", "d-accent", "d-line", "d-dashed", "d-arrow", "d-text", "d-strong", "d-muted"}
COLOUR_ATTRIBUTES = {"fill", "stroke", "color", "stop-color", "flood-color", "lighting-color", "style"}
# Drawn across a phone (about 330 px of column), the smallest text must
# still be 11 px: font-size × 330 / viewBox width.
PHONE_COLUMN_PX = 330
MIN_TEXT_PX = 11
MAX_BYTES = 16 * 1024
HINT_CLASSES = f"use only the classes {', '.join(sorted(CLASSES))}; site.css gives them colours"


@dataclass(frozen=True)
class Diagram:
    name: str
    title: str
    words: str  # the <desc>: everything the picture shows, in words
    svg: str  # the file as the page shows it, on one block of lines


def _tag(element: ET.Element) -> str:
    return element.tag.removeprefix(f"{{{SVG_NS}}}")


def _line(text: str, needle: str) -> int | None:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def check_file(file: Path, where: str) -> list[Problem]:
    """One diagram file's problems, each with what to do."""
    name = file.stem
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [Problem(where, None, None, "the file is not UTF-8 text", "save it as UTF-8")]

    def problem(message: str, hint: str, needle: str | None = None) -> Problem:
        return Problem(where, _line(text, needle) if needle else None, None, message, hint)

    if len(text.encode("utf-8")) > MAX_BYTES:
        return [problem(f"the file is over {MAX_BYTES // 1024} KB", "simplify the drawing; a diagram needs few shapes")]
    try:
        root = ET.fromstring(text)
    except ET.ParseError as err:
        return [Problem(where, err.position[0], None, f"is not well-formed SVG ({err})", "close every element")]
    if root.tag != f"{{{SVG_NS}}}svg":
        return [problem("the file is not an SVG picture", f'start it with <svg xmlns="{SVG_NS}" ...>')]
    problems = [problem(message, hint) for message, hint in html_scan.scan_document(text, where, svg=True).findings]
    view = (root.get("viewBox") or "").split()
    if len(view) != 4:
        problems.append(problem("the picture has no viewBox", 'give the <svg> a viewBox="0 0 440 300"', "<svg"))
    if root.get("width") or root.get("height"):
        problems.append(
            problem("the <svg> has a width or height", "leave them out: the picture fits the column", "<svg")
        )
    if root.get("role") != "img" or root.get("aria-labelledby") != f"{name}-title {name}-desc":
        problems.append(
            problem(
                "the <svg> is not named for screen readers",
                f'give it role="img" aria-labelledby="{name}-title {name}-desc"',
                "<svg",
            )
        )
    children = list(root)
    title = children[0] if children and _tag(children[0]) == "title" else None
    desc = children[1] if len(children) > 1 and _tag(children[1]) == "desc" else None
    if title is None or title.get("id") != f"{name}-title" or not (title.text or "").strip():
        problems.append(
            problem("the picture has no title first", f'start it with <title id="{name}-title">A short name</title>')
        )
    if desc is None or desc.get("id") != f"{name}-desc" or not (desc.text or "").strip():
        problems.append(
            problem(
                "the picture has no description after its title",
                f'add <desc id="{name}-desc">, saying in words everything the picture shows</desc>',
            )
        )
    elif (grade := readability.kept_grade(desc.text)) > readability.MAX_GRADE:
        problems.append(
            problem(
                f"the description reads at grade {grade:.1f}, above {readability.MAX_GRADE}",
                "use shorter sentences and plainer words",
                "<desc",
            )
        )
    width = float(view[2]) if len(view) == 4 else 0
    for element in root.iter():
        for attribute in sorted(set(element.attrib) & COLOUR_ATTRIBUTES):
            if attribute in {"fill", "stroke"} and element.get(attribute) == "none":
                continue
            problems.append(
                problem(
                    f"<{_tag(element)}> sets its own {attribute}",
                    f"remove it and give the element a class instead ({', '.join(sorted(CLASSES))})",
                    f'{attribute}="{element.get(attribute)}"',
                )
            )
        unknown = set((element.get("class") or "").split()) - CLASSES
        if unknown:
            problems.append(problem(f"unknown class {', '.join(sorted(unknown))}", HINT_CLASSES, sorted(unknown)[0]))
        if _tag(element) == "style":
            problems.append(problem("the picture has its own <style>", HINT_CLASSES, "<style"))
    sizes = [float(e.get("font-size")) for e in root.iter() if e.get("font-size")]
    if sizes and width and min(sizes) * PHONE_COLUMN_PX / width < MIN_TEXT_PX:
        smallest = f"{min(sizes):g}"
        problems.append(
            problem(
                f"text at font-size {smallest} would be under {MIN_TEXT_PX} px on a phone",
                f"use at least font-size {math.ceil(MIN_TEXT_PX * width / PHONE_COLUMN_PX)}, or a narrower viewBox",
                f'font-size="{smallest}"',
            )
        )
    return problems


def check(root: Path, docs_dir: Path, edition=None) -> list[Problem]:
    """Every diagram file's problems, and every page's use of a diagram:
    an unknown name, one diagram twice on a page (its ids would repeat), or
    a file that no page shows (delete it, or use it). Each edition
    (site_core.editions) has its own drawings, in its own words."""
    includes = edition.includes if edition else "includes"
    docs = edition.docs if edition else "docs"
    folder = root / includes / "diagrams"
    known = {f.stem: f for f in sorted(folder.glob("*.svg"))}
    problems = [p for name, file in known.items() for p in check_file(file, f"{includes}/diagrams/{file.name}")]
    used: set[str] = set()
    for page in sorted(docs_dir.rglob("*.md")):
        where = f"{docs}/{page.relative_to(docs_dir).as_posix()}"
        on_page: set[str] = set()
        # A page that is not UTF-8 is reported by the content model; read what can be read.
        text = page.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.split("\n"), 1):
            found = SHORT_CODE.match(line.strip())
            if not found:
                continue
            name = found["name"]
            if name not in known:
                problems.append(
                    Problem(where, number, None, f"no diagram named '{name}'", f"use one of: {', '.join(known)}")
                )
            elif name in on_page:
                problems.append(
                    Problem(where, number, None, f"the diagram '{name}' is shown twice", "show it once per page")
                )
            on_page.add(name)
        used |= on_page
    for name in sorted(set(known) - used):
        problems.append(
            Problem(
                f"{includes}/diagrams/{name}.svg",
                None,
                None,
                "no page shows this diagram",
                f"add <!-- diagram {name} --> on a line of its own where it helps, or delete the file",
            )
        )
    return problems


@cache
def _load(file: Path, mtime: float) -> Diagram:
    text = file.read_text(encoding="utf-8")
    root = ET.fromstring(text)
    title, desc = (" ".join((child.text or "").split()) for child in list(root)[:2])
    # One block of lines with no blank one, so Markdown keeps it as one HTML block.
    svg = "\n".join(line for line in text.split("\n") if line.strip() and not line.startswith("<?xml"))
    # Beside a visible caption that says the same, the picture is named by its title alone.
    svg = svg.replace(f'aria-labelledby="{file.stem}-title {file.stem}-desc"', f'aria-labelledby="{file.stem}-title"')
    return Diagram(file.stem, title, desc, svg)


def load(folder: Path, name: str) -> Diagram:
    file = folder / f"{name}.svg"
    return _load(file, file.stat().st_mtime)


def figure(diagram: Diagram) -> str:
    """The HTML a page shows: the picture and, under it, the same in words."""
    return (
        f'<figure class="eab-diagram" id="diagram-{diagram.name}">\n{diagram.svg}\n'
        f"<figcaption><strong>{html.escape(diagram.title)}.</strong> {html.escape(diagram.words)}</figcaption>\n"
        "</figure>"
    )
