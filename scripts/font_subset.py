"""The site's font, cut down to the characters its pages use.

scripts/fonts/ holds Atkinson Hyperlegible Next's Latin files as published
(SIL Open Font License, scripts/fonts/OFL.txt). This module writes smaller
copies of them into docs/assets/fonts/, with only the characters below,
and writes the @font-face rules of fonts.css with each file's
unicode-range, so a browser never fetches a file for a character it does
not hold.

Each weight is cut in two. The main file holds what nearly every page
shows: ASCII, the Spanish letters and signs, the typographic quotes and
dashes. The signs file holds the Latin-1 signs a page seldom uses (© ° ½
and the like). A browser fetches a signs file only for a page that shows
one of its characters, so the rest save its bytes (about 2.4 KB a visit).

Pages in a language with other letters (Portuguese ã, French ç) need them
added to CHARACTERS; then run `make fonts`. tests/test_fonts.py fails when
a page uses a letter the font lacks, and names it.

Usage: python -m site_core.font_subset
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Path(__file__).resolve().parent / "fonts"
FONTS = ROOT / "docs" / "assets" / "fonts"
FONTS_CSS = ROOT / "docs" / "assets" / "stylesheets" / "fonts.css"

# English and Spanish: printable ASCII; the no-break space and the Latin-1
# signs (¡ ¿ « » · ¶ ª º °; the font has no micro sign, and a soft hyphen
# is never drawn); the Spanish letters; the typographic dashes, quotes,
# ellipsis and bullet; the euro and trade mark signs.
CHARACTERS = frozenset(
    [*range(0x20, 0x7F), *(c for c in range(0xA0, 0xC0) if c not in (0xAD, 0xB5))]
    + [ord(c) for c in "ÁÉÍÑÓÚÜáéíñóúü"]
    + [*range(0x2013, 0x2015), *range(0x2018, 0x201B), *range(0x201C, 0x201F), 0x2022, 0x2026, 0x20AC, 0x2122]
)


# The Latin-1 signs a page seldom shows, in their own small files.
SIGNS = frozenset(c for c in range(0xA1, 0xC0) if c in CHARACTERS) - {ord(c) for c in "¡¿«»¶·"}
MAIN = CHARACTERS - SIGNS
FAMILY = "Atkinson Hyperlegible Next"
SOURCE_NAME = re.compile(r"^(.+)-(\d{3})-(normal|italic)\.woff2$")


@dataclass(frozen=True)
class Face:
    source: Path
    file: str  # in docs/assets/fonts/
    weight: int
    style: str
    characters: frozenset[int]


def unicode_range(code_points) -> str:
    """CSS unicode-range for a set of code points, runs joined: U+20-7E, U+A0-BF, ..."""
    points = sorted(code_points)
    runs: list[list[int]] = []
    for point in points:
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in runs)


# The OpenType features the site's stylesheets ask for (Material sets
# "kern" and "liga"; the font has no ligatures). The font's others (frac,
# tnum, pnum, locl for Catalan or Turkish, and the mark positioning its
# composed letters never need) would add about 0.5 KB to every weight.
FEATURES = ["kern"]


def subset_face(source: Path, dest: Path, characters: frozenset[int]) -> None:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = FEATURES
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=characters)
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(dest)


def faces() -> list[Face]:
    """Every file the site serves, cut from its source: for each weight, the main file and the signs file."""
    out = []
    for source in sorted(SOURCES.glob("*.woff2")):
        match = SOURCE_NAME.match(source.name)
        if not match:
            raise ValueError(f"{source.name}: expected a name like atkinson-hyperlegible-next-latin-400-normal.woff2")
        stem, weight, style = match.groups()
        out.append(Face(source, f"{stem}-{weight}-{style}.woff2", int(weight), style, MAIN))
        out.append(Face(source, f"{stem}-signs-{weight}-{style}.woff2", int(weight), style, SIGNS))
    return out


def font_face_rules(all_faces: list[Face]) -> str:
    rules = []
    for face in all_faces:
        rules.append(
            "@font-face {\n"
            f'  font-family: "{FAMILY}";\n'
            f"  font-style: {face.style};\n"
            f"  font-weight: {face.weight};\n"
            "  font-display: swap;\n"
            f'  src: url("../fonts/{face.file}") format("woff2");\n'
            f"  unicode-range: {unicode_range(face.characters)};\n"
            "}\n"
        )
    return "".join(rules)


def with_font_faces(css: str, all_faces: list[Face]) -> str:
    """fonts.css with its @font-face rules written anew after its opening comment."""
    at = css.find("@font-face")
    return (css[:at] if at >= 0 else css.rstrip() + "\n") + font_face_rules(all_faces)


def main() -> int:
    all_faces = faces()
    for face in all_faces:
        subset_face(face.source, FONTS / face.file, face.characters)
        print(f"{face.file}: {(FONTS / face.file).stat().st_size:,} bytes, {len(face.characters)} characters")
    FONTS_CSS.write_text(with_font_faces(FONTS_CSS.read_text(encoding="utf-8"), all_faces), encoding="utf-8")
    print(f"fonts.css: {len(all_faces)} faces")
    return 0


if __name__ == "__main__":
    sys.exit(main())
