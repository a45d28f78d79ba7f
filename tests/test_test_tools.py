"""The tools the tests stand on: the warm Python that runs builds and checks
(tests/warm_python.py) and the order that spreads the crawl of every page
over the workers (conftest.spread_the_crawl)."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest
import warm_python

from conftest import CRAWL, spread_the_crawl

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


def items(crawl: int, rest: int) -> list:
    made = [SimpleNamespace(nodeid=f"tests/test_a.py::test_{n}") for n in range(rest)]
    made[rest // 3 : rest // 3] = [SimpleNamespace(nodeid=f"tests/{CRAWL}[{n}]") for n in range(crawl)]
    return made


@pytest.mark.parametrize("workers, crawl, rest", [(2, 10, 1553), (2, 7, 100), (3, 10, 1000), (4, 6, 50)])
def test_each_workers_first_share_starts_with_its_part_of_the_crawl(monkeypatch, workers, crawl, rest):
    monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", str(workers))
    given = items(crawl, rest)
    ordered = spread_the_crawl(given)
    assert sorted(map(id, ordered)) == sorted(map(id, given))  # nothing lost, nothing twice
    left, start = len(ordered), 0
    for worker in range(workers):
        share = left // (workers - worker)  # as pytest-xdist's worksteal hands them out
        left -= share
        mine = len(range(worker, crawl, workers))
        assert all(CRAWL in item.nodeid for item in ordered[start : start + mine])
        assert not any(CRAWL in item.nodeid for item in ordered[start + mine : start + share])
        start += share
    others = [item for item in ordered if CRAWL not in item.nodeid]
    assert others == [item for item in given if CRAWL not in item.nodeid]  # the rest keep their order


def test_one_worker_keeps_the_order(monkeypatch):
    monkeypatch.delenv("PYTEST_XDIST_WORKER_COUNT", raising=False)
    given = items(4, 20)
    assert spread_the_crawl(given) == given
