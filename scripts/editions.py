"""The site's editions: English at the root of the site, Spanish under es/.

Each edition is its own MkDocs build, from its own configuration
(mkdocs.es.yml inherits mkdocs.yml), with its own pages, includes and
data. Every Spanish page names its English source in `translation_of`
and records `source_hash`, the hash of that source's text when the
Spanish page was last brought up to date, so a check can say which
Spanish pages their English source has moved past (stale()).

Pages in two editions are twins: each one's head names the other
(hreflang) and the language switch in the safety bar goes to it; a page
with no twin switches to the other edition's home.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from site_core import content_model

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Edition:
    lang: str  # the page language (html lang, hreflang, PDF /Lang)
    name: str  # the edition's name in its own language, for the switch
    config: str  # its configuration file
    docs: str  # its pages
    includes: str  # its glossary and diagrams
    data: str  # its self-check data file
    prefix: str  # where it sits in the published site
    # Built and linked from the other editions. A translation in progress
    # is built and checked on its own (make build-es) until it is complete.
    published: bool = True

    def docs_dir(self, root: Path = ROOT) -> Path:
        return root / self.docs


ENGLISH = Edition("en", "English", "mkdocs.yml", "docs", "includes", "scripts/self_check.yml", "")
SPANISH = Edition("es", "Español", "mkdocs.es.yml", "es/docs", "es/includes", "es/self_check.yml", "es/")
EDITIONS = (ENGLISH, SPANISH)
TRANSLATIONS = (SPANISH,)
# A link in a translation to a page that exists in English only:
# [texto](en:rebuilding-intimacy/talking-again.md).
ENGLISH_LINK = "en:"


def translations(root: Path = ROOT) -> list[Edition]:
    """The translations this project has (a copy without es/ has none)."""
    return [e for e in TRANSLATIONS if (root / e.config).is_file() and e.docs_dir(root).is_dir()]


def by_lang(lang: str) -> Edition:
    for edition in EDITIONS:
        if edition.lang == lang:
            return edition
    raise KeyError(f"no edition in language {lang!r}")


def of_docs_dir(docs_dir: Path, root: Path | None = None) -> Edition:
    """The edition whose pages are in docs_dir (English for any other folder,
    such as a test's copy)."""
    docs_dir = docs_dir.resolve()
    for edition in TRANSLATIONS:
        if docs_dir.as_posix().endswith("/" + edition.docs):
            return edition
    return ENGLISH


def source_hash(english_page: Path) -> str:
    """The hash a translation records: the English page's title and body,
    so a change to its dates or tags alone does not make it stale."""
    text = english_page.read_text(encoding="utf-8")
    meta = content_model.load_front_matter(english_page)
    body = content_model.FRONT_MATTER.sub("", text, count=1)
    return hashlib.sha256(f"{meta.get('title', '')}\n{body}".encode()).hexdigest()[:12]


@cache
def _twins(root: Path, edition: Edition) -> tuple[tuple[str, str], ...]:
    docs = edition.docs_dir(root)
    pairs = []
    for page in sorted(docs.rglob("*.md")):
        source = content_model.load_front_matter(page).get("translation_of")
        if isinstance(source, str):
            pairs.append((source, page.relative_to(docs).as_posix()))
    return tuple(pairs)


def twins(edition: Edition, root: Path = ROOT) -> dict[str, str]:
    """English page -> its twin in a translation (paths under each docs folder)."""
    return dict(_twins(root.resolve(), edition))


def page_url(src: str) -> str:
    """A page's address in its edition, as MkDocs writes it (directory URLs)."""
    stem = src.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def alternates(edition: Edition, src: str, root: Path = ROOT) -> dict[str, str | None]:
    """For a page of an edition, each edition's language -> that edition's
    twin address under the site root ('' is the home), or None when the
    other edition has no twin."""
    if edition is ENGLISH:
        english = src
    else:
        english = next((en for en, tr in twins(edition, root).items() if tr == src), None)
    found: dict[str, str | None] = {}
    present = translations(root)
    for other in EDITIONS:
        if other is not edition and other is not ENGLISH and (not other.published or other not in present):
            continue
        if other is ENGLISH:
            path = english
        elif other is edition:
            path = src
        else:
            path = twins(other, root).get(english) if english else None
        found[other.lang] = None if path is None else other.prefix + page_url(path)
    return found


@dataclass(frozen=True)
class Stale:
    page: str  # the translation, from the project root
    source: str  # its English source, from the project root
    recorded: str
    current: str

    def __str__(self) -> str:
        return (
            f"{self.page}: its English source {self.source} has changed since this page was last brought "
            f"up to date (source_hash {self.recorded}, now {self.current}). How to fix: compare the two, "
            f"update the Spanish text, then set source_hash: {self.current}"
        )


def stale(root: Path = ROOT) -> list[Stale]:
    """Translations whose English source changed after they were last updated."""
    found = []
    for edition in TRANSLATIONS:
        docs = edition.docs_dir(root)
        for page in sorted(docs.rglob("*.md")):
            meta = content_model.load_front_matter(page)
            source = root / ENGLISH.docs / str(meta.get("translation_of", ""))
            if not source.is_file() or "source_hash" not in meta:
                continue  # the content model reports these
            current = source_hash(source)
            if str(meta["source_hash"]) != current:
                found.append(
                    Stale(
                        page.relative_to(root).as_posix(),
                        source.relative_to(root).as_posix(),
                        str(meta["source_hash"]),
                        current,
                    )
                )
    return found


EN_LINK = re.compile(r"\]\(\s*<?en:(?P<target>[^)\s>#]*)(?:#[^)\s>]*)?>?")


def link_problems(edition: Edition, root: Path = ROOT) -> list[content_model.Problem]:
    """Each `(en:path.md)` link in a translation: the English page must
    exist, and must have no twin in this edition (link the twin instead)."""
    problems = []
    docs, english = edition.docs_dir(root), ENGLISH.docs_dir(root)
    twin_of = twins(edition, root)
    for page in sorted(docs.rglob("*.md")):
        where = page.relative_to(root).as_posix()
        text = page.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.split("\n"), 1):
            for found in EN_LINK.finditer(line):
                target = found["target"]
                if not (english / target).is_file() or not target.endswith(".md"):
                    problems.append(
                        content_model.Problem(
                            where,
                            number,
                            None,
                            f"links to en:{target}, which is not an English page",
                            "write the English page's path under docs/, e.g. (en:letters/impact-letter.md)",
                        )
                    )
                elif target in twin_of:
                    problems.append(
                        content_model.Problem(
                            where,
                            number,
                            None,
                            f"links to en:{target}, which has a Spanish twin",
                            f"link the Spanish page instead: {twin_of[target]}, relative to this page",
                        )
                    )
    return problems


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m site_core.editions", description="The site's editions.")
    parser.add_argument("--hash", type=Path, metavar="docs/PAGE.md", help="print the source_hash of an English page")
    parser.add_argument("--stale", action="store_true", help="list translations their English source has moved past")
    args = parser.parse_args(argv)
    if args.hash:
        print(source_hash(args.hash))
    if args.stale:
        for item in stale():
            print(f"warning: {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
