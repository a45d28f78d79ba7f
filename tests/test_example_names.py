"""Invented names keep one role: a name on two pages must be in the cast."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from site_core import example_names

FRONT = "---\ntitle: A page\n---\n\n"


def site(tmp_path: Path, pages: dict[str, str], cast: str = "cast: {}\n") -> tuple[Path, Path]:
    docs = tmp_path / "docs"
    for name, body in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(FRONT + body, encoding="utf-8")
    cast_file = tmp_path / "cast.yml"
    cast_file.write_text(cast, encoding="utf-8")
    return docs, cast_file


def messages(docs: Path, cast_file: Path) -> list[str]:
    return [str(p) for p in example_names.problems(docs, cast_file)]


def test_the_real_site_keeps_each_name_to_one_role():
    assert example_names.problems(ROOT / "docs", ROOT / "scripts" / "cast.yml") == []


def test_a_name_on_two_pages_is_named_with_the_second_page(tmp_path):
    docs, cast = site(
        tmp_path, {"a.md": "Priya tells Omar how she feels.\n", "b.md": "Omar found the messages. Priya said sorry.\n"}
    )
    found = messages(docs, cast)
    assert len(found) == 2
    assert any(m.startswith("docs/b.md:") and "'Priya' is also used on a.md" in m for m in found)
    assert all("new name" in m for m in found)


def test_one_page_may_use_a_name_many_times(tmp_path):
    docs, cast = site(tmp_path, {"a.md": "Priya asks. Priya waits.\n", "b.md": "Omar writes.\n"})
    assert messages(docs, cast) == []


def test_a_cast_member_stays_on_their_pages(tmp_path):
    cast_text = "cast:\n  Priya: {role: betrayed-partner, partner: Omar, pages: [a.md, b.md]}\n"
    docs, cast = site(
        tmp_path, {"a.md": "Priya asks.\n", "b.md": "Priya waits.\n", "c.md": "Priya cheated.\n"}, cast_text
    )
    found = messages(docs, cast)
    assert len(found) == 1 and found[0].startswith("docs/c.md:")
    assert "in the cast as the betrayed partner with Omar" in found[0]


def test_a_cast_page_without_the_name_is_reported(tmp_path):
    cast_text = "cast:\n  Priya: {role: other, pages: [a.md, b.md]}\n"
    docs, cast = site(tmp_path, {"a.md": "Priya asks.\n", "b.md": "Nobody here.\n"}, cast_text)
    assert any("'Priya' does not appear on b.md" in m for m in messages(docs, cast))


@pytest.mark.parametrize(
    "bodies",
    [
        # A word the site also writes in lower case is a word, not a name.
        ("Will you listen?\n", "I will listen. Will it help?\n"),
        # A cited author, in the text before the surname.
        ("Jennifer Schneider studied disclosure.\n", "As Jennifer Schneider found.\n"),
        # Link targets, short codes and code are not prose.
        ("See [this](priya.md) and `Priya`.\n", "<!-- call Priya -->\n"),
    ],
)
def test_what_is_not_a_person_is_not_counted(tmp_path, bodies):
    docs, cast = site(tmp_path, {"a.md": bodies[0], "b.md": bodies[1]})
    (docs / "c.md").write_text("---\ntitle: C\nsources:\n  - {author: Schneider, J. P.}\n---\n", encoding="utf-8")
    assert messages(docs, cast) == []


def test_not_names_are_skipped(tmp_path):
    docs, cast = site(tmp_path, {"a.md": "Oh, I see.\n", "b.md": "Oh no.\n"}, "cast: {}\nnot_names: [Oh]\n")
    assert messages(docs, cast) == []


@pytest.mark.parametrize(
    "cast_text, fragment",
    [
        ("cast:\n  Priya: {role: villain, pages: [a.md, b.md]}\n", "Input should be"),
        ("cast:\n  Priya: {role: other, pages: [a.md]}\n", "at least 2 items"),
        ("cast: [\n", "cannot be read"),
    ],
)
def test_a_broken_cast_file_is_named(tmp_path, cast_text, fragment):
    docs, cast = site(tmp_path, {"a.md": "Priya.\n"}, cast_text)
    found = example_names.problems(docs, cast)
    assert found and all(p.path == "scripts/cast.yml" for p in found)
    assert any(fragment in str(p) for p in found)


def test_the_name_list_is_kept_between_builds_and_read_again_when_spoiled(tmp_path, monkeypatch):
    import gender_guesser.detector as detector

    whole = frozenset(n for n in detector.Detector(case_sensitive=True).names if n[:1].isupper())
    from site_core import build_cache

    monkeypatch.setattr(build_cache, "CACHE", tmp_path)
    try:
        example_names._names.cache_clear()
        assert example_names._names() == whole and "Jordan" in whole
        [kept] = (tmp_path / "given-names").glob("*.marshal")
        example_names._names.cache_clear()
        assert example_names._names() == whole  # from the kept file
        kept.write_bytes(b"\x00not marshal")
        example_names._names.cache_clear()
        assert example_names._names() == whole
        assert kept.read_bytes() != b"\x00not marshal"  # written again, whole
        assert list(kept.parent.iterdir()) == [kept]  # no partial file left behind
    finally:
        example_names._names.cache_clear()
