"""`make new`: start a page that passes the checks the moment it exists.

    python scripts/new_page.py article "Title" [--section understanding-empathy]
    python scripts/new_page.py question "Title"
    python scripts/new_page.py worksheet "Title" [--article letters/empathy-letter.md]

Creates docs/<folder>/<slug>.md as a draft: front matter with a
placeholder description and no editorial check (an editor records that
after checking the page), the outline STYLE.md gives for the page type with
its instructions as "<!-- Guide: ... -->" comments, and adds the page to
`nav:` in mkdocs.yml. The build refuses the page until the placeholder and
every guide comment are replaced. The nav is changed with a round-trip
YAML library (ruamel.yaml), so the file's comments and layout stay as they
are. An existing page is never overwritten.

Every step is a plain function (slugify, front_matter, outline, add_to_nav,
create) so the tests can call them without a shell.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml
from ruamel.yaml import YAML

from site_core import content_model

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("article", "question", "worksheet")
DEFAULT_SECTION = "understanding-empathy"
# Folders that hold one page type of their own rather than articles.
TYPE_FOLDERS = {"question": "questions", "worksheet": "worksheets"}
MAX_SLUG = 50
DESCRIPTION = content_model.PLACEHOLDER_DESCRIPTION
# Who a new question or worksheet is for, until its author says otherwise.
# Articles take the audience of their section's index page.
DEFAULT_AUDIENCE = {"question": ["betrayed-partner"], "worksheet": ["couples", "counselors"]}
DEFAULT_TAGS = {"question": ["Trust"], "worksheet": ["Worksheets"]}


class ScaffoldError(Exception):
    """Something that stops a page being created, with how to fix it."""

    def __init__(self, message: str, hint: str):
        super().__init__(f"{message}. How to fix: {hint}.")


@dataclass(frozen=True)
class Created:
    path: Path  # the new Markdown file
    rel: str  # its path from docs/, as the nav writes it
    nav_changed: bool  # False when mkdocs.yml already listed the path
    nav_parent: str  # the nav section it went into


# --- Names and dates ------------------------------------------------------------


def slugify(title: str, max_length: int = MAX_SLUG) -> str:
    """A file name from a title: lower case ASCII words joined by hyphens.

    'Don't' becomes 'dont' rather than 'don-t'; the slug is cut at a word
    boundary so it never exceeds max_length.
    """
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"(?<=\w)'(?=\w)", "", text.lower())
    words = re.findall(r"[a-z0-9]+", text)
    slug = ""
    for word in words:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > max_length:
            break
        slug = longer
    return slug or (words[0][:max_length] if words else "")


def one_year_later(day: dt.date) -> dt.date:
    """The same date 12 months on; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def yaml_scalar(text: str) -> str:
    """text as a YAML value: plain where that reads back the same, else quoted."""
    try:
        if yaml.safe_load(f"key: {text}") == {"key": text}:
            return text
    except yaml.YAMLError:
        pass
    return "'" + text.replace("'", "''") + "'"


# --- Sections ------------------------------------------------------------------------


def sections(docs_dir: Path) -> list[str]:
    """Folders under docs/ that take articles: those with an index.md page."""
    return sorted(
        d.name
        for d in docs_dir.iterdir()
        if d.is_dir() and (d / "index.md").is_file() and d.name not in TYPE_FOLDERS.values()
    )


def check_section(section: str, docs_dir: Path) -> str:
    for kind, folder in TYPE_FOLDERS.items():
        if section == folder:
            raise ScaffoldError(
                f"'{section}' holds {kind}s, not articles", f"run 'new_page.py {kind} \"Title\"' instead"
            )
    known = sections(docs_dir)
    if section not in known:
        raise ScaffoldError(
            f"there is no section folder 'docs/{section}'", "choose one of these sections: " + ", ".join(known)
        )
    return section


def section_defaults(section: str, docs_dir: Path) -> tuple[list[str], list[str]]:
    """(audience, tags) for a new article: those of the section's index page,
    keeping only its first tag so the author adds the ones that fit."""
    meta = content_model.load_front_matter(docs_dir / section / "index.md")
    vocabulary = content_model.vocabulary()
    audience = [a for a in meta.get("audience", []) if a in vocabulary["audiences"]]
    tags = [t for t in meta.get("tags", []) if t in vocabulary["tags"]][:1]
    return audience or list(vocabulary["audiences"]), tags


# --- The page ----------------------------------------------------------------------

AUDIENCE_HELP = "any of: " + ", ".join(content_model.vocabulary()["audiences"])

ARTICLE = """\
<!-- Guide: Open with two to four short sentences: what this page is about and what the reader takes away. No heading here; the page title comes from the front matter. -->

## Your first main point

<!-- Guide: One idea per section, under a plain heading. Write to "you" and "your partner". Keep sentences to 20 words or fewer and aim for a reading grade of 6 to 7 (STYLE.md, "Reading level"). -->

## Your second main point

<!-- Guide: Show the idea with a short invented example: an "Instead of" admonition followed by a "Try" admonition (STYLE.md, "Examples"). If the page touches on conflict, abuse or threats, link ../get-help/crisis-and-safety.md (STYLE.md, "Safety"). -->

## Try this

<!-- Guide: One small step the reader can take today, with a link to a worksheet, for example [Daily check-in](../worksheets/daily-check-in.md). Add the worksheet to `worksheets` in the front matter too. -->

## Related reading

<!-- Guide: Two to four links to related pages on this site, as a list. If you cite research, add it to `sources` in the front matter and cite it as [^its-id] after the sentence it supports; the Sources list is made for you (STYLE.md, "Sources"). -->
"""

QUESTION = """\
<!-- Guide: Start with the reader's question as a quote block: 60 to 150 invented words in the first person, then a last quote line such as "— Partner, three months after finding out". Invent every detail; never use a real person's story (STYLE.md, "Examples"). -->

## The short answer

<!-- Guide: Two to four sentences that answer the question directly and kindly. -->

## Why this happens

<!-- Guide: Explain what may be going on, in plain words. An explanation is not an excuse: say so where it matters (STYLE.md, "Safety"). -->

## What you can do

<!-- Guide: Concrete next steps, with a short "Instead of" and "Try" example where it helps. If the situation involves threats, fear or abuse, link ../get-help/crisis-and-safety.md. -->

## Try this

<!-- Guide: One small step, with a link to a worksheet, for example [What helps me feel safe](../worksheets/what-helps-me-feel-safe.md). -->

## Related reading

<!-- Guide: Two to four links to related pages on this site, as a list. -->
"""

WORKSHEET = """\
<!-- Guide: Open with one line: what this worksheet is for and who fills it in. The whole sheet must print on the number of pages given in `pages` (aim for 1; `make sheet SHEET=docs/worksheets/this-file.md` measures it). -->

!!! about "Why this helps"
    <!-- Guide: Two or three sentences on why this exercise helps. This box shows on the web page only, not on paper. -->

## How to use it

<!-- Guide: Two or three short bullets: when to do it, alone or together (each of you with your own copy), what to do with the answers. -->

## Part 1: Your first set of prompts

<!-- Guide: Answer space is one line per field; the text after "|" labels the field on the page and in the PDF. Use lines, box, field, rating or checklist (STYLE.md, "Worksheet answer syntax"). A question gets at least 3 lines. Replace the sample field below. -->

:: lines 3 | Write your first prompt here

## A note on safety

Take a break if this brings up more than you can handle right now. You can come back to it later, or bring it to a counselor. If there is abuse, threats or fear in your relationship, couples exercises are not safe. In the US, call the National Domestic Violence Hotline at <!-- call us-dv-hotline -->; in the UK, the National Domestic Abuse Helpline on <!-- call gb-national-da-helpline -->. If you have thoughts of harming yourself, call or text <!-- call us-988 --> (US) or Samaritans on <!-- call gb-samaritans --> (UK and Ireland). Elsewhere: <!-- web intl-findahelpline -->. More on [Crisis and safety](../get-help/crisis-and-safety.md).
"""

OUTLINES = {"article": ARTICLE, "question": QUESTION, "worksheet": WORKSHEET}


def front_matter(
    kind: str,
    title: str,
    today: dt.date,
    audience: list[str],
    tags: list[str],
    articles: list[str] | None = None,
    description: str = DESCRIPTION,
) -> str:
    """The front matter block (with its --- lines) for a new page: a draft."""
    lines = [
        "---",
        f"title: {yaml_scalar(title)}",
        f"description: {yaml_scalar(description)}",
    ]
    if kind == "worksheet":
        lines.append("type: worksheet")
    lines += [
        f"audience: [{', '.join(audience)}]  # {AUDIENCE_HELP}",
        f"tags: [{', '.join(tags)}]  # tags listed in scripts/vocabulary.yml",
        "# A draft until an editor checks the page and adds the two dates below",
        "# (CONTRIBUTING.md, 'How pages are checked'):",
        f"# editorial_check: {today.isoformat()}",
        f"# next_check: {one_year_later(today).isoformat()}",
    ]
    if kind == "worksheet":
        lines += [
            "minutes: 15  # about how long it takes to fill in",
            "pages: 1  # the printed pages it takes (1 wherever the content allows, up to 8); the build checks it",
            "articles:  # the articles this worksheet serves, as paths from docs/",
            *(f"  - {a}" for a in articles or []),
        ]
    else:
        lines += [
            "# worksheets:  # related worksheets, as paths from docs/",
            "#   - worksheets/daily-check-in.md",
        ]
    lines += [
        "# sources:  # when the page cites research; cite each in the text as [^its-id]",
        "#   - id: wiseman-1996",
        "#     author: Wiseman, T.",
        "#     year: 1996",
        "#     title: A concept analysis of empathy",
        "#     published_in: Journal of Advanced Nursing, 23(6), 1162-1167",
        "#     doi: 10.1046/j.1365-2648.1996.12213.x",
        "---",
    ]
    return "\n".join(lines) + "\n"


def outline(kind: str) -> str:
    """The body of a new page: the type's headings with instructions as comments."""
    return OUTLINES[kind]


# --- The nav -------------------------------------------------------------------------


class _NavLoader(yaml.SafeLoader):
    """Reads mkdocs.yml whatever tags it uses (!ENV, !!python/name:...)."""


_NavLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def nav_paths(config_text: str) -> list[str]:
    """Every page path listed in the nav of a mkdocs.yml text, in order."""
    config = yaml.load(config_text, Loader=_NavLoader) or {}
    paths: list[str] = []

    def walk(node):
        if isinstance(node, str):
            if node.endswith(".md"):
                paths.append(node)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(config.get("nav"))
    return paths


def _round_trip() -> YAML:
    """A YAML reader-writer that gives mkdocs.yml back exactly as written."""
    rt = YAML()
    rt.preserve_quotes = True
    rt.indent(mapping=2, sequence=4, offset=2)
    rt.width = 4096
    return rt


def _entry_path(item) -> str | None:
    if isinstance(item, str):
        return item
    if isinstance(item, dict) and len(item) == 1:
        value = next(iter(item.values()))
        return value if isinstance(value, str) else None
    return None


def _find_group(node, folder: str):
    """The nav list that holds folder's pages: the one with folder/index.md,
    else the first with any page in folder (depth first)."""
    if isinstance(node, dict):
        node = list(node.values())
    if not isinstance(node, list):
        return None, None
    paths = [_entry_path(item) for item in node]
    if folder + "index.md" in paths:
        return node, folder + "index.md"
    for item in node:
        for child in item.values() if isinstance(item, dict) else []:
            found = _find_group(child, folder)
            if found[0] is not None:
                return found
    if any(p and p.startswith(folder) for p in paths):
        return node, None
    return None, None


def add_to_nav(config_text: str, rel: str, title: str, keep_sorted: bool = False) -> tuple[str, str]:
    """Add docs path rel to the nav group of its folder; return (text, group name).

    The page goes at the end of the group that holds its folder's pages (or,
    with keep_sorted, before the first page whose path sorts after it). It is
    written like its neighbors: 'Title: path' when they have titles, a bare
    path when they take titles from their pages. mkdocs.yml is read and
    written with a round-trip YAML library, so comments and layout stay.
    """
    if rel in nav_paths(config_text):
        return config_text, _group_name(config_text, rel)
    rt = _round_trip()
    config = rt.load(config_text)
    if not isinstance(config, dict) or "nav" not in config:
        raise ScaffoldError("mkdocs.yml has no 'nav:' section", "add the nav back before adding pages")
    folder = rel.rsplit("/", 1)[0] + "/"
    group, index = _find_group(config["nav"], folder)
    if group is None:
        raise ScaffoldError(
            f"the nav in mkdocs.yml lists no page in '{folder}'",
            f"add the section to the nav by hand (with its {folder}index.md), then run this again",
        )
    siblings = [item for item in group if (p := _entry_path(item)) and p != index and p.startswith(folder)]
    titled = any(isinstance(item, dict) for item in siblings) if siblings else True
    entry = {title: rel} if titled else rel
    at = len(group)
    if keep_sorted:
        at = next(
            (
                i
                for i, item in enumerate(group)
                if (p := _entry_path(item)) and p != index and p.startswith(folder) and p > rel
            ),
            len(group),
        )
    if at == len(group) and at - 1 in group.ca.items:
        # A comment after the last entry belongs after the group: keep it there.
        group.ca.items[at] = group.ca.items.pop(at - 1)
    group.insert(at, entry)
    out = io.StringIO()
    rt.dump(config, out)
    text = out.getvalue()
    if "\r\n" in config_text:
        text = text.replace("\n", "\r\n")
    if rel not in nav_paths(text):
        raise ScaffoldError(
            f"could not add '{rel}' to the nav in mkdocs.yml",
            f"add the line '- {yaml_scalar(title) + ': ' if titled else ''}{rel}' to the nav by hand",
        )
    return text, _group_name(text, rel)


def _group_name(config_text: str, rel: str) -> str:
    """The title of the nav section that lists rel ('' at the top level)."""
    config = yaml.load(config_text, Loader=_NavLoader) or {}

    def find(node, parent):
        if isinstance(node, str):
            return parent if node == rel else None
        if isinstance(node, list):
            return next((hit for item in node if (hit := find(item, parent)) is not None), None)
        if isinstance(node, dict):
            for key, value in node.items():
                hit = find(value, key if isinstance(value, list) else parent)
                if hit is not None:
                    return hit
        return None

    return find(config.get("nav"), "") or ""


def default_article(config_text: str, docs_dir: Path) -> str:
    """The first article in the nav: a worksheet needs one in `articles`."""
    for path in nav_paths(config_text):
        folder = path.split("/")[0]
        if (
            "/" in path
            and not path.endswith("/index.md")
            and folder in sections(docs_dir)
            and (docs_dir / path).is_file()
        ):
            return path
    raise ScaffoldError(
        "the nav lists no article for the worksheet to serve",
        "pass --article with a page path from docs/, like letters/empathy-letter.md",
    )


# --- Putting it together -----------------------------------------------------------


def create(
    kind: str,
    title: str,
    root: Path = ROOT,
    section: str | None = None,
    slug: str | None = None,
    article: str | None = None,
    today: dt.date | None = None,
) -> Created:
    """Write the new page and add it to the nav; raise ScaffoldError on any problem."""
    if kind not in KINDS:
        raise ScaffoldError(f"unknown page type '{kind}'", "use one of: " + ", ".join(KINDS))
    title = " ".join(title.split())
    if not 3 <= len(title) <= 90:
        raise ScaffoldError(f"the title has {len(title)} characters", "give a title of 3 to 90 characters")
    if section and kind != "article":
        raise ScaffoldError(
            f"--section is for articles; {kind}s live in docs/{TYPE_FOLDERS[kind]}/", "leave out --section"
        )
    if article and kind != "worksheet":
        raise ScaffoldError("--article is for worksheets", "leave out --article")
    docs_dir = root / "docs"
    config_file = root / "mkdocs.yml"
    today = today or dt.date.today()
    slug = slugify(slug or title)
    if not slug:
        raise ScaffoldError(f"the title {title!r} gives no file name", "pass --slug with a few plain words")

    folder = check_section(section or DEFAULT_SECTION, docs_dir) if kind == "article" else TYPE_FOLDERS[kind]
    rel = f"{folder}/{slug}.md"
    path = docs_dir / rel
    if path.exists():
        raise ScaffoldError(
            f"docs/{rel} already exists, and this command never overwrites a page",
            "edit that page, or choose another title or --slug",
        )

    config_text = config_file.read_text(encoding="utf-8")
    if kind == "article":
        audience, tags = section_defaults(folder, docs_dir)
    else:
        audience, tags = DEFAULT_AUDIENCE[kind], DEFAULT_TAGS[kind]
    articles = None
    if kind == "worksheet":
        article = article or default_article(config_text, docs_dir)
        if not (docs_dir / article).is_file() or article.startswith("worksheets/"):
            raise ScaffoldError(
                f"--article {article!r} is not an article under docs/",
                "give a page path from docs/, like letters/empathy-letter.md",
            )
        articles = [article]

    text = front_matter(kind, title, today, audience, tags, articles) + "\n" + outline(kind)
    # The scaffold is unfinished on purpose; the rest of its front matter must be valid.
    finished = front_matter(
        kind, title, today, audience, tags, articles, description="A sentence that stands in for the description."
    )
    problems = content_model.check_page(finished, f"docs/{rel}", docs_dir)
    if problems:  # a vocabulary change can make the defaults invalid
        raise ScaffoldError(
            "the new page would not pass the content model:\n  " + "\n  ".join(map(str, problems)),
            "report this as a bug in scripts/new_page.py",
        )
    new_config, group = add_to_nav(config_text, rel, title, keep_sorted=kind == "question")

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite
        out.write(text)
    if new_config != config_text:
        config_file.write_text(new_config, encoding="utf-8", newline="")
    return Created(path, rel, new_config != config_text, group)


def next_steps(kind: str, created: Created) -> list[str]:
    folder = created.rel.split("/")[0]
    steps = [
        f"Open docs/{created.rel} and replace each <!-- Guide: ... --> comment with your own words "
        "(STYLE.md explains every part).",
        "Replace the description with one sentence about the page (160 characters at most).",
        "Check audience and tags in the front matter; tags come from scripts/vocabulary.yml.",
    ]
    if kind == "worksheet":
        steps.append("Set minutes, pages and articles, and link the worksheet from those articles.")
    else:
        steps.append(f"Add the page, with a one-line summary, to the list in docs/{folder}/index.md.")
    if kind == "article":
        steps.append("Shorten its title in the nav of mkdocs.yml if the menu needs a shorter one.")
    steps += [
        "Preview with `make serve`, then run `make check` and fix what it reports "
        "(it refuses the page while a Guide comment or the placeholder description is left).",
        "Open a pull request. The page is a draft, and CI fails on drafts, until an editor checks it "
        "and adds editorial_check and next_check. No clinician has reviewed it; only a reviewer "
        "listed in scripts/reviewers.yml can add clinical_review (CONTRIBUTING.md, 'How pages are checked').",
    ]
    return steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="new_page.py", description="Create a new page from the STYLE.md outline and add it to the nav."
    )
    parser.add_argument("kind", choices=KINDS, help="the page type")
    parser.add_argument("title", help="the page title, in quotes")
    parser.add_argument("--section", help=f"for an article: its folder under docs/ (default {DEFAULT_SECTION})")
    parser.add_argument("--slug", help="the file name without .md (default: made from the title)")
    parser.add_argument("--article", help="for a worksheet: the article it serves, as a path from docs/")
    args = parser.parse_args(argv)
    try:
        created = create(args.kind, args.title, ROOT, args.section, args.slug, args.article)
    except ScaffoldError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"Created docs/{created.rel}")
    where = f'under "{created.nav_parent}"' if created.nav_parent else "at the top level"
    if created.nav_changed:
        print(f"Added it to the nav in mkdocs.yml, {where}.")
    else:
        print(f"The nav in mkdocs.yml already listed it, {where}.")
    print("\nNext steps:")
    for number, step in enumerate(next_steps(args.kind, created), 1):
        print(f"  {number}. {step}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
