"""Built pages without the theme's indentation between their tags.

Material's templates indent their markup and leave blank lines where a
template tag stood, so every page carries runs of spaces and line breaks
between tags that a browser draws as one space at most (about 1 KB of
every page, compressed). After a build this turns each run between two
tags that holds a line break into a single line break, which draws the
same: a run of white space between tags shows as one space, or as
nothing between blocks.

Only white space between tags is touched, never text, never an
attribute's value. Elements whose white space can show as typed (pre,
textarea, code, kbd, samp) and those whose text is not markup (script,
style) are left exactly as they are, and so are comments. The site has
no element styled white-space: pre-line, the one rule under which two
line breaks would draw differently from one. tests/test_html_whitespace.py
compares parse trees before and after, and checks every built page.
"""

from __future__ import annotations

import re
from itertools import chain
from pathlib import Path

# Elements whose content is kept byte for byte.
KEPT = ("pre", "textarea", "code", "kbd", "samp", "script", "style")
# A tag's inside, quoted values read whole (written so the engine does not
# backtrack through it).
_INSIDE = rb"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*"""


def _token(kept_names: bytes) -> re.Pattern[bytes]:
    """One token of markup: a comment (it may hold markup someone set
    aside), a kept element whole, or a tag. Every tag is read whole, quoted
    values included, so a ">" or "<" inside a value is never taken for the
    end or start of a tag. Split by it, a page is text, token, text, ..."""
    comment = rb"<!--.*?-->"
    kept = rb"<(?P<kept>" + kept_names + rb")\b" + _INSIDE + rb">.*?</(?P=kept)\s*>"
    tag = rb"<[A-Za-z/!?]" + _INSIDE + rb">"
    return re.compile(rb"(" + comment + rb"|" + kept + rb"|" + tag + rb")", re.S)


# The theme and Markdown write tags in lower case. A page whose raw HTML
# writes a kept element otherwise (<PRE>) gets the slower pattern that
# reads names in any case (re.I would slow every page threefold).
TOKEN = _token(b"|".join(k.encode() for k in KEPT))
TOKEN_ANY_CASE = _token(b"|".join(b"".join(b"[%c%c]" % (c, c - 32) for c in k.encode()) for k in KEPT))
_OPENINGS = [b"<" + k.encode() for k in KEPT]


def collapsed(html: bytes) -> bytes:
    lower = html.lower()
    token = TOKEN if all(html.count(o) == lower.count(o) for o in _OPENINGS) else TOKEN_ANY_CASE
    # split() gives text, token, the kept element's name, text, token, ...
    parts = token.split(html)
    texts = [b"\n" if text.isspace() and b"\n" in text and b"\x0b" not in text else text for text in parts[0::3]]
    tokens = parts[1::3] + [b""]
    return b"".join(chain.from_iterable(zip(texts, tokens, strict=True)))


def apply(site_dir: Path) -> None:
    """Collapse every built page in place."""
    for page in site_dir.rglob("*.html"):
        html = page.read_bytes()
        new = collapsed(html)
        if new != html:
            page.write_bytes(new)
