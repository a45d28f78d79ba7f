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
from markdown.treeprocessors import Treeprocessor

from site_core import content_model, editions, self_check
from site_core.extensions import location

MARKER = "<!-- self-check -->"
# The words around the questions and the guide, per edition language
# (option `lang`); the questions and rules themselves come from the data file.
WORDS = {
    "en": {
        "form": "Where do I start? Questions",
        "question": "Question {number} of {count}",
        "show": "Show my plan",
        "again": "Start again",
        "plan": "Your plan",
        "print": "Print my plan",
        "guide": "The same advice, question by question",
        "guide_intro": "Find the answers that fit you. Each one says where to start.",
        "unsafe": "**If you are not safe with your partner, or are thinking of ending your life,** put your safety "
        "first. Couples exercises are not safe while there is fear, threats, control or violence. "
        "{crisis} has every help line.",
        "for": " (for {readers})",
        "and": " and ",
        "audiences": {},
    },
    "es": {
        "form": "¿Por dónde empiezo? Preguntas",
        "question": "Pregunta {number} de {count}",
        "show": "Ver mi plan",
        "again": "Empezar de nuevo",
        "plan": "Tu plan",
        "print": "Imprimir mi plan",
        "guide": "Los mismos consejos, pregunta por pregunta",
        "guide_intro": "Busca las respuestas que encajan contigo. Cada una dice por dónde empezar.",
        "unsafe": "**Si no te sientes a salvo con tu pareja, o piensas en quitarte la vida,** lo primero es tu "
        "seguridad. Los ejercicios de pareja no son seguros si hay miedo, amenazas, control o violencia. "
        "En {crisis} están todas las líneas de ayuda.",
        "for": " (para {readers})",
        "and": " y ",
        "audiences": {
            "betrayed-partner": "la persona traicionada",
            "partner-who-hurt": "quien causó el daño",
            "couples": "parejas",
            "counselors": "terapeutas",
        },
    },
}


def _form(data: self_check.SelfCheck, w: dict = WORDS["en"]) -> str:
    parts = [f'<form class="sc-form" data-sc-form hidden novalidate aria-label="{html.escape(w["form"])}">']
    count = len(data.questions)
    for number, question in enumerate(data.questions, start=1):
        kind = "radio" if question.pick == "one" else "checkbox"
        parts.append(
            f'<fieldset class="sc-question" id="sc-q-{question.id}"><legend>'
            f'<span class="sc-count">{w["question"].format(number=number, count=count)}</span> '
            f"{html.escape(question.text)}</legend>"
        )
        for option in question.options:
            parts.append(
                f'<label class="sc-option"><input type="{kind}" name="{question.id}" value="{option.id}"> '
                f"<span>{html.escape(option.label)}</span></label>"
            )
        parts.append("</fieldset>")
    parts.append(
        f'<p class="sc-actions"><button class="md-button md-button--primary" type="submit">{w["show"]}</button> '
        f'<button class="md-button" type="button" data-sc-reset>{w["again"]}</button></p></form>'
    )
    return "".join(parts)


def _plan(data: self_check.SelfCheck, w: dict = WORDS["en"]) -> list[str]:
    return [
        '<section class="sc-plan" data-sc-plan hidden tabindex="-1" aria-labelledby="sc-plan-title" markdown>',
        "",
        f'<h2 id="sc-plan-title">{w["plan"]}</h2>',
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
        f'<button class="md-button md-button--primary" type="button" data-sc-print>{w["print"]}</button> '
        f'<button class="md-button" type="button" data-sc-reset>{w["again"]}</button></p>',
        "",
        "</section>",
    ]


def _guide(
    data: self_check.SelfCheck,
    docs_dir: Path,
    page_dir: str,
    w: dict = WORDS["en"],
    edition: editions.Edition = editions.ENGLISH,
) -> list[str]:
    """Each answer with the pages its rules add: the plan, readable without a script.

    The rules name English pages (docs_dir). In a translation, each page is
    linked in the translation where it has a twin, and in English otherwise."""
    twins = None if edition is editions.ENGLISH else editions.twins(edition)
    labels = {**content_model.vocabulary()["audiences"], **w["audiences"]}
    roles = set(labels) - {"counselors"}

    def link(page: str) -> str:
        if twins is None:
            matter, target = content_model.load_front_matter(docs_dir / page), posixpath.relpath(page, page_dir or ".")
        elif page in twins:
            matter = content_model.load_front_matter(edition.docs_dir() / twins[page])
            target = posixpath.relpath(twins[page], page_dir or ".")
        else:
            matter, target = content_model.load_front_matter(docs_dir / page), f"en:{page}"
        # Without a "who" answer to sort by, say who a page is for when it is not for everyone.
        audience = matter.get("audience") or []
        readers = [a for a in labels if a in audience and a in roles] or [a for a in labels if a in audience]
        whom = (
            w["for"].format(readers=w["and"].join(labels[a] for a in readers))
            if readers and set(readers) != roles
            else ""
        )
        return f"[{matter.get('title', page)}]({target}){whom}"

    out = [
        '<div class="sc-guide" data-sc-guide markdown>',
        "",
        f"## {w['guide']}",
        "",
        w["guide_intro"],
        "",
    ]
    # The help lines first, as in a plan with a danger answer.
    out += [w["unsafe"].format(crisis=link("get-help/crisis-and-safety.md")), ""]
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
    def __init__(self, md: Markdown, docs_dir: Path, data_file: Path, lang: str = "en"):
        super().__init__(md)
        self.lang = lang
        self.docs_dir = docs_dir
        self.data_file = data_file

    def run(self, lines: list[str]) -> list[str]:
        if not any(line.strip() == MARKER for line in lines):
            return lines
        data = self_check.cached(self.data_file)
        source = getattr(self.md, "site_core_source", ("docs/index.md",))[0]
        edition = editions.by_lang(self.lang)
        page_dir = posixpath.dirname(source.removeprefix(edition.docs + "/"))
        w = WORDS[self.lang]
        # The rules name English pages; a translation finds its twins from them.
        english_docs = self.docs_dir if edition is editions.ENGLISH else editions.ENGLISH.docs_dir()
        block = [_form(data, w), ""] + _plan(data, w) + [""] + _guide(data, english_docs, page_dir, w, edition)
        out: list[str] = []
        for line in lines:
            out += ["", *block] if line.strip() == MARKER else [line]
        return out


class _OutOfContents(Treeprocessor):
    """Takes the plan's and the guide's headings out of the table of contents.

    The script shows one or the other: the guide hides once the form is
    ready, and the plan stays hidden until a reader asks for it. In the
    contents their headings would lead nowhere, and Material's anchor
    tracking would write one of them into the address bar as soon as a
    reader scrolled, as if the answers were going there. The headings
    themselves stay, for readers without the script and for paper."""

    PARTS = ("data-sc-plan", "data-sc-guide")
    HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

    def run(self, root) -> None:
        hidden = {
            heading.get("id")
            for part in root.iter()
            if any(name in part.attrib for name in self.PARTS)
            for heading in part.iter()
            if heading.tag in self.HEADINGS
        }
        toc = self.md.treeprocessors["toc"] if "toc" in self.md.treeprocessors else None
        if not hidden or toc is None:
            return
        self.md.toc_tokens = _without(self.md.toc_tokens, hidden)
        contents = self.md.serializer(toc.build_toc_div(self.md.toc_tokens))
        for postprocessor in self.md.postprocessors:
            contents = postprocessor.run(contents)
        self.md.toc = contents


def _without(tokens: list[dict], ids: set) -> list[dict]:
    """The table of contents without the headings in `ids`; their children move up."""
    kept: list[dict] = []
    for token in tokens:
        children = _without(token.get("children", []), ids)
        kept += children if token["id"] in ids else [{**token, "children": children}]
    return kept


class SelfCheckExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "docs_dir": ["docs", "the docs folder, relative to where the build runs"],
            "data_file": ["scripts/self_check.yml", "the questions and rules, relative to the same"],
            "lang": ["en", "the edition's language (site_core.editions): en or es"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        location.register(md)
        # After the location marker is read (200), before help-line short codes (22).
        md.preprocessors.register(
            _SelfCheck(md, Path(self.getConfig("docs_dir")), Path(self.getConfig("data_file")), self.getConfig("lang")),
            "site_core_self_check",
            25,
        )
        # After the table of contents is made (5).
        md.treeprocessors.register(_OutOfContents(md), "site_core_self_check_contents", 4)


def makeExtension(**kwargs) -> SelfCheckExtension:
    return SelfCheckExtension(**kwargs)
