"""Diagram short codes: a line `<!-- diagram shame-reflex -->` becomes the
picture from includes/diagrams/shame-reflex.svg and its words beneath (see
site_core.diagrams), drawn into the page so the site's colours apply.

    - site_core.extensions.diagrams:
        diagrams_dir: includes/diagrams   # relative to where the build runs
"""

from __future__ import annotations

from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from site_core import diagrams
from site_core.extensions import location


class _Diagrams(Preprocessor):
    def __init__(self, md: Markdown, folder: Path):
        super().__init__(md)
        self.folder = folder

    def run(self, lines: list[str]) -> list[str]:
        out = []
        for line in lines:
            found = diagrams.SHORT_CODE.match(line.strip())
            if not found:
                out.append(line)
                continue
            try:
                diagram = diagrams.load(self.folder, found["name"])
            except FileNotFoundError:
                where = location.where(self.md, line.strip())
                raise location.PageError(
                    f"{where}: no diagram named '{found['name']}'. How to fix: use a file name from {self.folder}/"
                ) from None
            # Blank lines around it: Markdown reads the figure as one HTML block.
            out += ["", *diagrams.figure(diagram).split("\n"), ""]
        return out


class DiagramsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"diagrams_dir": ["includes/diagrams", "the diagram files, relative to where the build runs"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        location.register(md)
        # After superfences (a fenced example stays an example), before raw HTML blocks are read (20).
        md.preprocessors.register(_Diagrams(md, Path(self.getConfig("diagrams_dir"))), "site_core_diagrams", 21)


def makeExtension(**kwargs) -> DiagramsExtension:
    return DiagramsExtension(**kwargs)
