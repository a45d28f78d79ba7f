"""The tools the tests stand on: the warm Python that runs builds and checks
(tests/warm_python.py) and the order that spreads the long tests over the
workers (conftest.spread_the_long_tests)."""

from __future__ import annotations

import os

import pytest
import warm_python

from conftest import spread_the_long_tests

SCRIPT = """import os, sys
print("argv", sys.argv[1:])
print("cwd", os.getcwd())
print("env", os.environ.get("WARM_TEST"), os.environ.get("WARM_PARENT"))
print("path", sys.path[0])
print("oops", file=sys.stderr)
sys.exit(int(sys.argv[1]))
"""


def test_a_warm_run_is_its_own_process(tmp_path, monkeypatch):
    (tmp_path / "tool.py").write_text(SCRIPT, encoding="utf-8")
    monkeypatch.setenv("WARM_PARENT", "from the parent")
    for code in (0, 3):
        result = warm_python.run(["tool.py", str(code)], cwd=tmp_path, env={"WARM_TEST": "given"})
        assert result.returncode == code
        assert result.stdout.splitlines() == [
            f"argv ['{code}']",
            f"cwd {tmp_path}",
            "env given None",  # only the environment it was given
            f"path {tmp_path}",
        ]
        assert result.stderr == "oops\n"
    assert os.getcwd() != str(tmp_path)  # this process stayed where it was


def test_a_warm_module_run_gets_its_errors_and_exit_code(tmp_path):
    result = warm_python.run(["-m", "mkdocs", "build", "--strict"], cwd=tmp_path)
    assert result.returncode != 0
    assert "mkdocs.yml" in result.stderr  # MkDocs' own message: no config file here


def test_an_exception_in_a_warm_run_fails_it_with_the_traceback(tmp_path):
    (tmp_path / "boom.py").write_text("raise ValueError('broken on purpose')\n", encoding="utf-8")
    result = warm_python.run(["boom.py"], cwd=tmp_path)
    assert result.returncode == 1
    assert "ValueError: broken on purpose" in result.stderr


class Item:
    """What the ordering reads of a collected test: its name and its markers."""

    def __init__(self, name: str, long: bool = False):
        self.nodeid = name
        self.long = long

    def get_closest_marker(self, name: str):
        return "a marker" if name == "long" and self.long else None


def items(long: int, short: int) -> list[Item]:
    made = [Item(f"tests/test_a.py::test_{n}") for n in range(short)]
    made[short // 3 : short // 3] = [Item(f"tests/test_b.py::test_long[{n}]", long=True) for n in range(long)]
    return made


@pytest.mark.parametrize("workers, long, short", [(2, 13, 1553), (2, 7, 100), (3, 10, 1000), (4, 6, 50)])
def test_each_workers_first_share_starts_with_its_part_of_the_long_tests(monkeypatch, workers, long, short):
    monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", str(workers))
    given = items(long, short)
    ordered = spread_the_long_tests(given)
    assert sorted(map(id, ordered)) == sorted(map(id, given))  # nothing lost, nothing twice
    left, start = len(ordered), 0
    for worker in range(workers):
        share = left // (workers - worker)  # as pytest-xdist's worksteal hands them out
        left -= share
        mine = len(range(worker, long, workers))
        assert all(item.long for item in ordered[start : start + mine])
        assert not any(item.long for item in ordered[start + mine : start + share])
        start += share
    assert [item for item in ordered if not item.long] == [item for item in given if not item.long]  # in order


def test_one_worker_keeps_the_order(monkeypatch):
    monkeypatch.delenv("PYTEST_XDIST_WORKER_COUNT", raising=False)
    given = items(4, 20)
    assert spread_the_long_tests(given) == given
