"""What a page rests on, as readers see it: its Sources list.

Front matter lists each source once (content_model.Source); the text cites
it as [^id]. This module writes the footnote definitions for those ids
under a "Sources" heading at the end of the page, so Python-Markdown's
footnotes extension numbers the citations in reading order, links each
mark to its entry and each entry back to the text. Contributors never
write the definitions by hand (the content model rejects them).
"""

from __future__ import annotations

import re

# footnotes' PLACE_MARKER: the list goes here rather than after everything.
FOOTNOTES_HERE = "///Footnotes Go Here///"
HEADING = "Sources"
# Characters Markdown would read as markup inside plain front matter text.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~^])")


def _text(value: object) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(value).strip())


def reference(source: dict) -> str:
    """One source in the site's style: Author (Year). Title. *Published in*. Link."""
    link = f"https://doi.org/{source['doi']}" if source.get("doi") else str(source["url"])
    label = f"doi:{source['doi']}" if source.get("doi") else _text(re.sub(r"^https?://(www\.)?", "", link).rstrip("/"))
    title = _text(source["title"]).rstrip(".?!")
    year = source["year"] if source.get("year") is not None else "n.d."
    return (
        f"{_text(source['author'])} ({year}). {title}. "
        f"*{_text(source['published_in']).rstrip('.')}*. [{label}](<{link}>)"
    )


def sources_markdown(sources: list[dict]) -> str:
    """The Sources section to append to a page's Markdown ('' without sources)."""
    if not sources:
        return ""
    definitions = "\n".join(f"[^{s['id']}]: {reference(s)}" for s in sources)
    return f"\n\n## {HEADING} {{ #sources }}\n\n{FOOTNOTES_HERE}\n\n{definitions}\n"
