"""The "Where do I start?" self-check, drawn from scripts/self_check.yml.

A line `<!-- self-check -->` on a page becomes three things:

- the questions as a form of native radio buttons and checkboxes in
  fieldsets, hidden until the page's script (self-check.js) shows it: the
  form has no address to send to, so without the script nothing could
  carry the answers anywhere, not even into the address bar;
- the place the plan appears, with the safety note (help-line short codes,
  expanded by site_core.extensions.help_lines, which runs after this);
- the same advice as a guide in plain Markdown, one "if this is you"
  line per answer, for readers without JavaScript and for paper.

    - site_core.extensions.self_check:
        docs_dir: docs                      # relative to where the build runs
        data_file: scripts/self_check.yml   # the same
"""

from __future__ import annotations

import html
import posixpath
from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from site_core import content_model, self_check
from site_core.extensions import location

MARKER = "<!-- self-check -->"


def _form(data: self_check.SelfCheck) -> str:
    parts = ['<form class="sc-form" data-sc-form hidden novalidate aria-label="Where do I start? Questions">']
    count = len(data.questions)
    for number, question in enumerate(data.questions, start=1):
        kind = "radio" if question.pick == "one" else "checkbox"
        parts.append(
            f'<fieldset class="sc-question" id="sc-q-{question.id}"><legend>'
            f'<span class="sc-count">Question {number} of {count}</span> {html.escape(question.text)}</legend>'
        )
        for option in question.options:
            parts.append(
                f'<label class="sc-option"><input type="{kind}" name="{question.id}" value="{option.id}"> '
                f"<span>{html.escape(option.label)}</span></label>"
            )
        parts.append("</fieldset>")
    parts.append(
        '<p class="sc-actions"><button class="md-button md-button--primary" type="submit">Show my plan</button> '
        '<button class="md-button" type="button" data-sc-reset>Start again</button></p></form>'
    )
    return "".join(parts)


def _plan(data: self_check.SelfCheck) -> list[str]:
    return [
        '<section class="sc-plan" data-sc-plan hidden tabindex="-1" aria-labelledby="sc-plan-title" markdown>',
        "",
        '<h2 id="sc-plan-title">Your plan</h2>',
        "",
        '<div class="admonition warning sc-safety" data-sc-safety hidden markdown>',
        "",
        f'<p class="admonition-title">{html.escape(data.safety.title)}</p>',
        "",
        data.safety.text.strip(),
        "",
        "</div>",
        "",
        "<div data-sc-items></div>",
        "",
        '<p class="sc-actions">'
        '<button class="md-button md-button--primary" type="button" data-sc-print>Print my plan</button> '
        '<button class="md-button" type="button" data-sc-reset>Start again</button></p>',
        "",
        "</section>",
    ]


def _guide(data: self_check.SelfCheck, docs_dir: Path, page_dir: str) -> list[str]:
    """Each answer with the pages its rules add: the plan, readable without a script."""
    labels = content_model.vocabulary()["audiences"]
    roles = set(labels) - {"counselors"}

    def link(page: str) -> str:
        matter = content_model.load_front_matter(docs_dir / page)
        # Without a "who" answer to sort by, say who a page is for when it is not for everyone.
        audience = matter.get("audience") or []
        readers = [a for a in labels if a in audience and a in roles] or [a for a in labels if a in audience]
        whom = f" (for {' and '.join(labels[a] for a in readers)})" if readers and set(readers) != roles else ""
        return f"[{matter.get('title', page)}]({posixpath.relpath(page, page_dir or '.')}){whom}"

    out = [
        '<div class="sc-guide" data-sc-guide markdown>',
        "",
        "## The same advice, question by question",
        "",
        "Find the answers that fit you. Each one says where to start.",
        "",
    ]
    # The help lines first, as in a plan with a danger answer.
    out += [
        "**If you are not safe with your partner, or are thinking of ending your life,** put your safety first. "
        f"Couples exercises are not safe while there is fear, threats, control or violence. "
        f"{link('get-help/crisis-and-safety.md')} has every help line.",
        "",
    ]
    out += [line for line in data.safety.text.splitlines() if line.startswith("- ")] + [""]
    for question in data.questions:
        lines = []
        for option in question.options:
            pages = list(
                dict.fromkeys(
                    p
                    for r in data.rules
                    if option.id in r.when.get(question.id, [])
                    for s in self_check.SECTIONS
                    for p in r.items(s)
                )
            )
            if option.danger:
                pages = [p for p in pages if p not in data.couples_exercises]
            if pages:
                lines.append(f"- **{option.label}:** " + ", ".join(link(p) for p in pages) + ".")
        if lines:
            out += [f"### {question.text.split('?')[0]}?", ""] + lines + [""]
    return out + ["</div>", ""]


class _SelfCheck(Preprocessor):
    def __init__(self, md: Markdown, docs_dir: Path, data_file: Path):
        super().__init__(md)
        self.docs_dir = docs_dir
        self.data_file = data_file

    def run(self, lines: list[str]) -> list[str]:
        if not any(line.strip() == MARKER for line in lines):
            return lines
        data = self_check.cached(self.data_file)
        source = getattr(self.md, "site_core_source", ("docs/index.md",))[0]
        page_dir = posixpath.dirname(source.removeprefix("docs/"))
        block = [_form(data), ""] + _plan(data) + [""] + _guide(data, self.docs_dir, page_dir)
        out: list[str] = []
        for line in lines:
            out += ["", *block] if line.strip() == MARKER else [line]
        return out


class SelfCheckExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "docs_dir": ["docs", "the docs folder, relative to where the build runs"],
            "data_file": ["scripts/self_check.yml", "the questions and rules, relative to the same"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        location.register(md)
        # After the location marker is read (200), before help-line short codes (22).
        md.preprocessors.register(
            _SelfCheck(md, Path(self.getConfig("docs_dir")), Path(self.getConfig("data_file"))),
            "site_core_self_check",
            25,
        )


def makeExtension(**kwargs) -> SelfCheckExtension:
    return SelfCheckExtension(**kwargs)
