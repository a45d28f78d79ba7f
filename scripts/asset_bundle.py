"""One stylesheet and one script for the site's own CSS and JavaScript.

Every file in `extra_css` and `extra_javascript` is a request of its own,
and on a phone's connection each request before the first paint costs a
round trip (Lighthouse counts them as render-blocking). So the build joins
them, in their listed order, into one file of each kind and pages link that
instead; contributors keep editing the separate files.

The bundles, and our other scripts and stylesheets the pages load, are
served minified (rjsmin, rcssmin): comments and spacing are for the people
who edit them, not for a reader's phone to download.

Only files that can be joined without changing what they do are: plain
paths (not modules, deferred or async scripts), local, in the same folder
as the bundle (so relative url()s in CSS still point to the same place).
Anything else keeps its own tag. The source files are still published, so
other tools that read them (the worksheet PDFs) are unaffected.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import rcssmin
import rjsmin

CSS_BUNDLE = "assets/stylesheets/site-bundle.css"
JS_BUNDLE = "assets/javascripts/site-bundle.js"
# Our own scripts and stylesheets: one folder each (vendor/ holds published
# libraries, already minified and pinned by their hash).
OWN_FOLDERS = {"assets/javascripts": "js", "assets/stylesheets": "css"}


def minified(text: str, kind: str) -> str:
    return rjsmin.jsmin(text) if kind == "js" else rcssmin.cssmin(text)


def own_kind(src_uri: str) -> str | None:
    """'js' or 'css' for one of our own scripts or stylesheets, else None."""
    folder, name = posixpath.split(src_uri)
    kind = OWN_FOLDERS.get(folder)
    return kind if kind and name.endswith("." + kind) and not name.endswith(".min." + kind) else None


def joinable(entries: list, bundle: str, suffix: str) -> list[str]:
    """The entries that can go into `bundle`: plain local paths in its folder."""
    folder = posixpath.dirname(bundle)
    return [
        e
        for e in entries
        if isinstance(e, str)
        and e != bundle
        and e.endswith(suffix)
        and "://" not in e
        and not e.startswith("/")
        and posixpath.dirname(posixpath.normpath(e)) == folder
    ]


def plan(entries: list, bundle: str, suffix: str) -> tuple[list, list[str]]:
    """(the new entry list, the paths joined into the bundle).

    The bundle takes the place of the first joined entry; with fewer than
    two joinable entries nothing changes.
    """
    joined = joinable(entries, bundle, suffix)
    if len(joined) < 2:
        return list(entries), []
    out, placed = [], False
    for e in entries:
        if e in joined:
            if not placed:
                out.append(bundle)
                placed = True
        else:
            out.append(e)
    return out, joined


def join(docs_dir: Path, paths: list[str], kind: str) -> str:
    """The files' text, minified, in order, each under a comment naming its source."""
    parts = []
    for p in paths:
        text = minified((docs_dir / p).read_text(encoding="utf-8"), kind).rstrip()
        if kind == "js":
            # A script that ends without a semicolon must not run into the next.
            parts.append(f"/* {p} */\n{text}\n;")
        else:
            parts.append(f"/* {p} */\n{text}")
    return "\n\n".join(parts) + "\n"
