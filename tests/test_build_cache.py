"""Results kept between builds (scripts/build_cache.py): an answer is
computed once per set of inputs, read back later, and computed again when
its entry is missing or spoiled."""

from __future__ import annotations

from site_core import build_cache, readability


def test_an_answer_is_kept_read_back_and_computed_again_when_spoiled(tmp_path):
    calls = []

    def compute():
        calls.append(1)
        return {"grade": 6.5, "names": frozenset({"Ana", "Jo"})}

    first = build_cache.kept("grades", "text one", compute, tmp_path)
    assert build_cache.kept("grades", "text one", compute, tmp_path) == first
    assert len(calls) == 1
    [entry] = (tmp_path / "grades").iterdir()
    entry.write_bytes(b"\x00spoiled")
    assert build_cache.kept("grades", "text one", compute, tmp_path) == first
    assert len(calls) == 2 and entry.read_bytes() != b"\x00spoiled"


def test_other_inputs_are_another_entry(tmp_path):
    assert build_cache.kept("k", "a", lambda: 1, tmp_path) == 1
    assert build_cache.kept("k", "b", lambda: 2, tmp_path) == 2
    assert build_cache.kept("k", "a", lambda: 3, tmp_path) == 1
    assert len(list((tmp_path / "k").iterdir())) == 2


def test_a_folder_that_cannot_be_written_still_gives_the_answer(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert build_cache.kept("k", "a", lambda: 7, blocked) == 7


def test_a_kept_reading_grade_is_the_grade(tmp_path, monkeypatch):
    monkeypatch.setattr(build_cache, "CACHE", tmp_path)
    text = "The picture shows three steps. Each step is short. You can go back to any step."
    assert readability.kept_grade(text) == readability.grade(text)
    assert readability.kept_grade(text) == readability.grade(text)  # read back
    assert len(list((tmp_path / "reading-grades").iterdir())) == 1


def test_a_table_keeps_the_last_runs_answers_only(tmp_path):
    calls: list[str] = []

    def run(keys):
        table = build_cache.Table("scans", "site", tmp_path)
        answers = [table.get(k, lambda k=k: calls.append(k) or k.upper()) for k in keys]
        table.save()
        return answers

    assert run(["a", "b"]) == ["A", "B"] and calls == ["a", "b"]
    assert run(["b", "c"]) == ["B", "C"] and calls == ["a", "b", "c"]  # b read back
    assert run(["a"]) == ["A"] and calls == ["a", "b", "c", "a"]  # a was not kept by the last run
    [entry] = (tmp_path / "scans").iterdir()
    entry.write_bytes(b"\x00spoiled")
    assert run(["a"]) == ["A"] and calls[-1] == "a" and len(calls) == 5


def test_the_code_behind_an_answer_is_the_module_and_the_versions(tmp_path):
    module = tmp_path / "judge.py"
    module.write_text("RULE = 1\n", encoding="utf-8")
    first = build_cache.code(str(module), "tinycss2")
    assert "RULE = 1" in first and "tinycss2 " in first
    module.write_text("RULE = 2\n", encoding="utf-8")
    assert build_cache.code(str(module), "tinycss2") != first
    assert build_cache.code(str(module)) != build_cache.code(str(module), "tinycss2")
