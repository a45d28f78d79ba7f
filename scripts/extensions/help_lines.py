"""Help-line short codes (<!-- call us-988 --> and the rest; see
site_core.help_lines) turned into Markdown from scripts/help_lines.yml.

It runs after superfences has set code aside, so a fenced example of a
short code stays an example, and before raw HTML blocks are read, so a
code on a line of its own (<!-- help-lines -->) becomes the directory.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from site_core import help_lines
from site_core.extensions import location


class _ShortCodes(Preprocessor):
    def __init__(self, md: Markdown, lang: str):
        super().__init__(md)
        self.lang = lang

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "<!--" not in text:
            return lines
        try:
            return help_lines.expand(
                text, "", 1, locate=lambda code: location.where(self.md, code), lang=self.lang
            ).split("\n")
        except ValueError as err:
            raise location.PageError(str(err)) from None


class HelpLinesExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"lang": ["en", "the words around the numbers: en or es"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        location.register(md)
        md.preprocessors.register(_ShortCodes(md, self.getConfig("lang")), "site_core_help_lines", 22)


def makeExtension(**kwargs) -> HelpLinesExtension:
    return HelpLinesExtension(**kwargs)
