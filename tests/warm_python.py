"""`python -m mkdocs build ...` and `python scripts/check.py ...` for the tests,
run in a process forked from one that has already imported MkDocs, Material,
pymdown-extensions, pydantic and the site's own modules.

A build of the fixture site takes under a second, and a third of that is
imports; the tests run about a hundred builds and checks. Forking from a
warm process skips them, and each run still starts clean: the server only
imports (no build runs in it, so no module holds another project's state),
and every run gets its own working folder, arguments, environment, module
search path and output, as a new interpreter would. It is the standard
library's forkserver: one per test worker, started on first use.
"""

from __future__ import annotations

import multiprocessing
import os
import runpy
import subprocess
import sys
import tempfile
from pathlib import Path

# What a build and `make check` import; the rest they import themselves.
PRELOAD = [
    "mkdocs.__main__",
    "mkdocs.commands.build",
    "mkdocs.config.defaults",
    "material.plugins.search.plugin",
    "material.plugins.tags.plugin",
    "markdown",
    "pymdownx.superfences",
    "pymdownx.snippets",
    "pydantic",
    "jinja2",
    "site_core.hooks",
    "site_core.check",
]

_server = None


def _forkserver():
    global _server
    if _server is None:
        _server = multiprocessing.get_context("forkserver")
        _server.set_forkserver_preload(PRELOAD)
    return _server


def _run(args: list[str], cwd: str, env: dict[str, str], out: str, err: str) -> None:
    """In the forked process: become `python ARGS` started in cwd with env."""
    for fd, path in ((1, out), (2, err)):
        os.dup2(os.open(path, os.O_WRONLY), fd)
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    if args[0] == "-m":  # python -m module: the working folder comes first on the path
        sys.argv = [args[1], *args[2:]]
        sys.path.insert(0, cwd)
        runpy.run_module(args[1], run_name="__main__", alter_sys=True)
    else:  # python script.py: the script's folder comes first
        script = str(Path(cwd, args[0]))
        sys.argv = [script, *args[1:]]
        sys.path.insert(0, os.path.dirname(script))
        runpy.run_path(script, run_name="__main__")


class Run:
    """`python ARGS` started in cwd with env (this process's environment if
    none is given); `result()` waits for it to end."""

    def __init__(self, args: list[str], cwd: Path, env: dict[str, str] | None = None):
        self.args = args
        self._folder = tempfile.TemporaryDirectory(prefix="warm-python-")
        self._out, self._err = Path(self._folder.name, "out"), Path(self._folder.name, "err")
        self._out.touch()
        self._err.touch()
        env = dict(os.environ if env is None else env)
        self._process = _forkserver().Process(target=_run, args=(args, str(cwd), env, str(self._out), str(self._err)))
        self._process.start()

    def result(self) -> subprocess.CompletedProcess:
        self._process.join()
        try:
            return subprocess.CompletedProcess(
                [sys.executable, *self.args],
                self._process.exitcode,
                self._out.read_text(encoding="utf-8", errors="replace"),
                self._err.read_text(encoding="utf-8", errors="replace"),
            )
        finally:
            self._folder.cleanup()


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Like subprocess.run([sys.executable, *args], cwd=cwd, env=env,
    capture_output=True, text=True): exit code, standard output and error."""
    return Run(args, cwd, env).result()
