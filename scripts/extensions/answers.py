"""Worksheet answer space as a Python-Markdown block processor.

    :: lines 4 | What did I do?          (site_core.answer_fields has the syntax)

It runs on blocks, after superfences has set fenced code aside, so a fenced
example stays an example, and it works wherever a block can be: inside
admonitions, tabs and details too. Each field becomes the HTML that
answer_fields.to_html gives, kept as raw HTML so the web page, the print
view and the PDF get the same form controls. A malformed line stops the
build, naming the file and line.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor

from site_core import answer_fields
from site_core.extensions import location

FIELD = "::"


class AnswerSyntaxError(location.PageError):
    pass


class _AnswerFields(BlockProcessor):
    def __init__(self, parser, extension: AnswersExtension):
        super().__init__(parser)
        self.extension = extension

    def test(self, parent: etree.Element, block: str) -> bool:
        return FIELD in block and any(line.lstrip().startswith(FIELD) for line in block.split("\n"))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        lines = blocks.pop(0).split("\n")
        first = next(i for i, line in enumerate(lines) if line.lstrip().startswith(FIELD))
        if first:  # text before the field is a paragraph of its own
            blocks.insert(0, "\n".join(lines[first:]))
            self.parser.parseBlocks(parent, ["\n".join(lines[:first])])
            return
        i = 0
        while i < len(lines):
            line = lines[i].strip()
            i += 1
            if not line.startswith(FIELD):
                blocks.insert(0, "\n".join(lines[i - 1 :]))  # ordinary text after the fields
                return
            field = self._field(line)
            if field.kind == "checklist":
                while i < len(lines) and (option := answer_fields.OPTION_LINE.match(lines[i])):
                    field.options.append(option["option"])
                    i += 1
                long = next((o for o in field.options if len(o) > answer_fields.MAX_OPTION), None)
                if long:
                    self._fail(
                        line,
                        f"the checklist option '{long}' has {len(long)} characters",
                        f"keep each option to {answer_fields.MAX_OPTION} characters, so it prints on one row",
                    )
                if not 2 <= len(field.options) <= 12:
                    self._fail(
                        line,
                        f"the checklist '{field.prompt}' has {len(field.options)} option(s)",
                        "put 2 to 12 '- option' lines right after the checklist line",
                    )
            seen = self.extension.names
            if field.name in seen:
                self._fail(
                    line,
                    f"two fields have the same prompt '{field.prompt}' (the other is at {seen[field.name]})",
                    "give every field on a worksheet its own prompt",
                )
            seen[field.name] = location.where(self.parser.md, line)
            self.extension.fields.append(field)
            paragraph = etree.SubElement(parent, "p")
            paragraph.text = self.parser.md.htmlStash.store(answer_fields.to_html(field))

    def _field(self, line: str) -> answer_fields.Field:
        try:
            return answer_fields.parse_field(line[len(FIELD) :], 0)
        except answer_fields.AnswerSyntaxError as err:
            raise AnswerSyntaxError(f"{location.where(self.parser.md, line)}: {err.detail}") from None

    def _fail(self, line: str, message: str, hint: str):
        raise AnswerSyntaxError(f"{location.where(self.parser.md, line)}: {message}. How to fix: {hint}.")


class AnswersExtension(Extension):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.reset()

    def reset(self) -> None:
        self.names: dict[str, str] = {}  # field name -> where it was first used
        self.fields: list[answer_fields.Field] = []

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        location.register(md)
        # Before lists (30-40) and paragraphs (10): a field line is never either.
        md.parser.blockprocessors.register(_AnswerFields(md.parser, self), "site_core_answers", 75)


def makeExtension(**kwargs) -> AnswersExtension:
    return AnswersExtension(**kwargs)


# The site's block extensions, for rendering a worksheet outside a build.
BLOCK_EXTENSIONS = [
    "admonition",
    "attr_list",
    "md_in_html",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
]


def render(text: str) -> tuple[str, list[answer_fields.Field]]:
    """A worksheet body as HTML, with its fields in order (tests, tools)."""
    extension = AnswersExtension()
    html = Markdown(extensions=[*BLOCK_EXTENSIONS, extension]).convert(text)
    return html, extension.fields
