"""The site's font, cut down to the characters its pages use.

scripts/fonts/ holds Atkinson Hyperlegible Next's Latin files as published
(SIL Open Font License, scripts/fonts/OFL.txt). This module writes smaller
copies of them into docs/assets/fonts/, with only the characters below,
and keeps the unicode-range of each face in fonts.css the same set, so a
browser never fetches a face for a character it does not hold.

Pages in a language with other letters (Portuguese ã, French ç) need them
added to CHARACTERS; then run `make fonts`. tests/test_fonts.py fails when
a page uses a letter the font lacks, and names it.

Usage: python -m site_core.font_subset
"""

from __future__ import annotations

import re
import sys
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


def subset_face(source: Path, dest: Path) -> None:
    options = subset.Options()
    options.flavor = "woff2"
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=CHARACTERS)
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(dest)


def write_unicode_ranges(css: str) -> str:
    return re.sub(r"unicode-range: [^;]+;", f"unicode-range: {unicode_range(CHARACTERS)};", css)


def main() -> int:
    sources = sorted(SOURCES.glob("*.woff2"))
    for source in sources:
        subset_face(source, FONTS / source.name)
        print(f"{source.name}: {source.stat().st_size:,} -> {(FONTS / source.name).stat().st_size:,} bytes")
    FONTS_CSS.write_text(write_unicode_ranges(FONTS_CSS.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"fonts.css: unicode-range {unicode_range(CHARACTERS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
