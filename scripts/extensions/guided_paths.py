"""A guided path's workbook, gathered from its step pages.

A line `<!-- path-workbook learning-empathy -->` on a worksheet becomes a
heading per step with that step's answer fields (site_core.guided_paths),
read straight from docs/, so any engine renders it and each reflection is
written once, on its lesson or day.

    - site_core.extensions.guided_paths:
        docs_dir: docs        # relative to where the build runs
"""

from __future__ import annotations

from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from site_core import guided_paths
from site_core.extensions import location


class _Workbook(Preprocessor):
    def __init__(self, md: Markdown, docs_dir: Path):
        super().__init__(md)
        self.docs_dir = docs_dir

    def run(self, lines: list[str]) -> list[str]:
        try:
            return guided_paths.expand_workbooks(lines, self.docs_dir, lambda line: location.where(self.md, line))
        except ValueError as err:
            raise location.PageError(str(err)) from None


class GuidedPathsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"docs_dir": ["docs", "the docs folder, relative to where the build runs"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        location.register(md)
        md.preprocessors.register(_Workbook(md, Path(self.getConfig("docs_dir"))), "site_core_path_workbook", 24)


def makeExtension(**kwargs) -> GuidedPathsExtension:
    return GuidedPathsExtension(**kwargs)
