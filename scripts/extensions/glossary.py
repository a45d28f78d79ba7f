"""Glossary tooltips that a keyboard can reach, once per term per page.

The abbr extension wraps every use of a glossary term (includes/glossary.md)
in <abbr title="...">. Marking each use would add a tab stop per word, so
this tree processor, run after abbr's, keeps the first use of each term in
running text, makes it focusable (the theme shows the definition on hover
and on focus), and turns the rest back into plain text. Terms inside links
and headings stay plain: a focus stop inside a link is a nested control,
and a heading already says the term.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

PLAIN_CONTEXTS = {"a", "h1", "h2", "h3", "h4", "h5", "h6"}


def _unwrap(parent: etree.Element, index: int) -> None:
    """Replace parent[index] by its text, children and tail."""
    element = parent[index]
    text = element.text or ""
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    children = list(element)
    parent.remove(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    tail = element.tail or ""
    if children:
        children[-1].tail = (children[-1].tail or "") + tail
    elif index == 0:
        parent.text += tail
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + tail


class _FirstUseOnly(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        self._walk(root, set(), plain=False)

    def _walk(self, parent: etree.Element, seen: set[str], plain: bool) -> None:
        index = 0
        while index < len(parent):
            child = parent[index]
            if child.tag == "abbr":
                term = "".join(child.itertext()).casefold()
                if plain or term in seen or not child.get("title"):
                    _unwrap(parent, index)
                    continue  # the unwrapped children now sit at index
                seen.add(term)
                child.set("tabindex", "0")
            else:
                self._walk(child, seen, plain or child.tag in PLAIN_CONTEXTS)
            index += 1


class GlossaryExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # abbr's tree processor runs at 7; this one right after it.
        md.treeprocessors.register(_FirstUseOnly(md), "site_core_glossary", 6.5)


def makeExtension(**kwargs) -> GlossaryExtension:
    return GlossaryExtension(**kwargs)
