"""The worksheet answer-space syntax: one field's parse, check and HTML.

The Markdown extension site_core.extensions.answers finds the field lines
(after code is set aside, inside any block) and calls parse_field and
to_html for each.

A worksheet marks answer space with one line per field; the text after `|`
is the prompt, which labels the field on the web page and in the PDF:

    :: lines 4 | What did I do?          ruled writing lines (1-20; a question
                                          gets 3 or more, other prompts 2 or more)
    :: box 5 | Anything else              an open box, N lines tall (same minimum)
    :: field | Date                       a short one-line answer
    :: rating 1-5 | How safe did I feel?  tick one number (0-10 at most)
    :: checklist | What did I notice?     tick boxes, one per `- option`
    - Tight chest                         line right after it (2-12)

The same HTML serves the web page, the browser's print view and the PDF:
WeasyPrint turns each textarea and input into a PDF form field. On the web
the visible label names each field. The PDF field's name (/TU) waits in
data-pdf-title, which becomes the title attribute WeasyPrint reads only
in the PDF (worksheet_pdf.clean). A title on the web page would make a
screen reader say the prompt twice, and Material would pop a tooltip over
every field.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

FIELD_SYNTAX = re.compile(r"^\s*(?P<kind>[a-z]+)(?:\s+(?P<arg>\S+))?\s*\|(?P<prompt>.*)$")
OPTION_LINE = re.compile(r"^\s*[-*]\s+(?P<option>\S.*?)\s*$")
SIZES = range(1, 21)
# A checklist option fits one printed row at this length (worksheets.css keeps it unbroken).
MAX_OPTION = 60
SYNTAX_HELP = (
    "use one of ':: lines N | prompt', ':: box N | prompt', ':: field | prompt', "
    "':: rating A-B | prompt' or ':: checklist | prompt' followed by '- option' lines "
    "(see CONTRIBUTING.md, 'Worksheet answer space')"
)


class AnswerSyntaxError(ValueError):
    """A malformed answer field, with where it is and how to fix it."""

    def __init__(self, line: int, message: str, hint: str):
        self.line = line
        self.detail = f"{message}. How to fix: {hint}."
        super().__init__(f"line {line}: {self.detail}")


@dataclass
class Field:
    kind: str  # lines, box, field, rating or checklist
    prompt: str
    name: str  # unique within the worksheet; names the PDF field
    line: int  # line in the source file, for error messages
    size: int = 1  # lines for lines/box
    scale: tuple[int, int] = (0, 0)  # rating range
    options: list[str] = field(default_factory=list)

    @property
    def pdf_names(self) -> list[str]:
        """The PDF form field names this field becomes."""
        if self.kind == "checklist":
            return [f"{self.name}--{slug(o)}" for o in self.options]
        return [self.name]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")


def parse_field(rest: str, line: int) -> Field:
    """One field from the text after '::'; line is for the error message."""
    syntax = FIELD_SYNTAX.match(rest)
    if not syntax:
        raise AnswerSyntaxError(line, f"'::{rest}' is not answer syntax", SYNTAX_HELP)
    kind, arg, prompt = syntax["kind"], syntax["arg"], " ".join(syntax["prompt"].split())
    if not prompt:
        raise AnswerSyntaxError(
            line,
            f"the '{kind}' answer field has no prompt",
            "write the prompt after '|', for example ':: field | Date'",
        )
    f = Field(kind, prompt, slug(prompt) or f"field-{line}", line)
    if kind in ("lines", "box"):
        if not (arg and arg.isdigit() and int(arg) in SIZES):
            raise AnswerSyntaxError(
                line, f"'{kind}' needs a number of lines from 1 to 20, got {arg!r}", f"write ':: {kind} 4 | {prompt}'"
            )
        f.size = int(arg)
        need = rows_needed(prompt)
        if f.size < need:
            raise AnswerSyntaxError(
                line,
                f"'{prompt}' gets {f.size} line(s) but {_needs_why(prompt)} needs at least {need}",
                f"write ':: {kind} {need} | {prompt}' or more, or ask for something shorter",
            )
    elif kind == "rating":
        scale = re.fullmatch(r"(\d+)-(\d+)", arg or "")
        if not scale or not int(scale[1]) < int(scale[2]) <= 10:
            raise AnswerSyntaxError(
                line,
                f"'rating' needs a range like 1-5 (at most 0-10), got {arg!r}",
                f"write ':: rating 1-5 | {prompt}'",
            )
        f.scale = (int(scale[1]), int(scale[2]))
    elif kind in ("field", "checklist"):
        if arg:
            raise AnswerSyntaxError(line, f"'{kind}' takes no size, got {arg!r}", f"write ':: {kind} | {prompt}'")
    else:
        raise AnswerSyntaxError(line, f"unknown answer field '{kind}'", SYNTAX_HELP)
    return f


# Room to write, by what a prompt asks: a question wants a few sentences,
# anything else (a sentence to finish, a list) at least two lines. A date,
# a name or a number is a `field`.
QUESTION_ROWS = 3
OTHER_ROWS = 2


def rows_needed(prompt: str) -> int:
    return QUESTION_ROWS if prompt.rstrip().endswith("?") else OTHER_ROWS


def _needs_why(prompt: str) -> str:
    return "a question" if prompt.rstrip().endswith("?") else "a written answer"


def to_html(f: Field) -> str:
    """One field as an HTML block (a single line, so Markdown leaves it alone)."""
    prompt = html.escape(f.prompt)
    fid = f"ws-{f.name}"
    if f.kind in ("lines", "box"):
        return (
            f'<div class="ws-field ws-{f.kind} ws-rows-{f.size}"><label for="{fid}">{prompt}</label>'
            f'<textarea id="{fid}" name="{f.name}" rows="{f.size}" data-pdf-title="{prompt}"></textarea></div>'
        )
    if f.kind == "field":
        return (
            f'<div class="ws-field ws-short"><label for="{fid}">{prompt}</label>'
            f'<input type="text" id="{fid}" name="{f.name}" data-pdf-title="{prompt}"></div>'
        )
    if f.kind == "rating":
        low, high = f.scale
        choices = "".join(
            f'<label class="ws-choice"><input type="radio" name="{f.name}" value="{n}" data-pdf-title="{prompt}">'
            f"<span>{n}</span></label>"
            for n in range(low, high + 1)
        )
        return (
            f'<fieldset class="ws-field ws-rating"><legend>{prompt}</legend>'
            f'<div class="ws-choices">{choices}</div></fieldset>'
        )
    choices = "".join(
        f'<label class="ws-choice"><input type="checkbox" name="{name}" value="Yes" '
        f'data-pdf-title="{prompt}: {html.escape(option)}"><span>{html.escape(option)}</span></label>'
        for name, option in zip(f.pdf_names, f.options, strict=True)
    )
    return (
        f'<fieldset class="ws-field ws-checklist"><legend>{prompt}</legend>'
        f'<div class="ws-choices">{choices}</div></fieldset>'
    )
