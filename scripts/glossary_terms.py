"""Glossary tooltips that a keyboard can reach, once per term per page.

The abbr extension wraps every use of a glossary term (includes/glossary.md)
in <abbr title="...">. Marking each use would add a tab stop per word, so
this keeps the first use of each term in running text, makes it focusable
(the theme shows the definition on hover and on focus), and turns the rest
back into plain text. Terms inside links and headings stay plain: a focus
stop inside a link is a nested control, and a heading already says the term.
"""
from __future__ import annotations

import re

TAG = re.compile(r"<(?P<close>/?)(?P<name>abbr|a|h[1-6])\b(?P<attrs>[^>]*)>", re.I)
CONTEXTS = {"a", "h1", "h2", "h3", "h4", "h5", "h6"}


def first_use_only(html: str) -> str:
    out: list[str] = []
    seen: set[str] = set()
    depth = 0          # how many links or headings enclose the current point
    pos = 0
    keep_close: list[bool] = []   # for each open abbr: is its closing tag kept?
    for tag in TAG.finditer(html):
        name, closing = tag["name"].lower(), bool(tag["close"])
        out.append(html[pos:tag.start()])
        pos = tag.end()
        if name in CONTEXTS:
            depth += -1 if closing else 1
            out.append(tag.group())
        elif closing:
            if keep_close.pop():
                out.append(tag.group())
        else:
            term = html[pos:html.find("</abbr>", pos)].lower()
            keep = depth == 0 and term not in seen and 'title="' in tag["attrs"]
            if keep:
                seen.add(term)
                out.append(f'<abbr tabindex="0"{tag["attrs"]}>')
            keep_close.append(keep)
    out.append(html[pos:])
    return "".join(out)
