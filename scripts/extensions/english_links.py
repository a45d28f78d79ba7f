"""Links from a translation to a page that exists in English only.

A Spanish page writes `[Volver a hablar](en:rebuilding-intimacy/talking-again.md)`,
the English page's path under docs/. This turns it into the English page's
address relative to the page, marks the link hreflang="en", and adds
"(en inglés)" after its text, so a reader always knows before following it
that the page is in another language. editions.link_problems() checks,
before the build, that each such page exists and has no twin (a page with a
twin is linked as usual).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from site_core import editions
from site_core.extensions import location


class _EnglishLinks(Treeprocessor):
    def __init__(self, md: Markdown, label: str):
        super().__init__(md)
        self.label = label

    def run(self, root: etree.Element) -> None:
        path = getattr(self.md, "site_core_source", ("", 1, []))[0]
        edition = next((e for e in editions.TRANSLATIONS if path.startswith(e.docs + "/")), None)
        src = path.removeprefix(edition.docs + "/") if edition else path
        # From this page's address to the site's root, where English lives.
        up = "../" * (editions.page_url(src).count("/") + (edition.prefix.count("/") if edition else 0))
        for link in root.iter("a"):
            href = link.get("href", "")
            if not href.startswith(editions.ENGLISH_LINK):
                continue
            target, _, anchor = href.removeprefix(editions.ENGLISH_LINK).partition("#")
            link.set("href", up + editions.page_url(target) + (f"#{anchor}" if anchor else ""))
            link.set("hreflang", "en")
            mark = etree.SubElement(link, "span", {"class": "eab-lang-note"})
            mark.text = " " + self.label


class EnglishLinksExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"label": ["(en inglés)", "the words after a link to a page in English"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        location.register(md)
        # Last (below MkDocs' own link check, at 0): MkDocs reads en: as an
        # outside address and leaves it alone; the English page's address,
        # outside this edition's pages, would look like a broken link to it.
        md.treeprocessors.register(_EnglishLinks(md, self.getConfig("label")), "site_core_english_links", -10)


def makeExtension(**kwargs) -> EnglishLinksExtension:
    return EnglishLinksExtension(**kwargs)
