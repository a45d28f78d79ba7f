"""The site's Python passes ruff (pinned; settings in pyproject.toml), as make check runs it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.parametrize("args", [["check", "--output-format", "concise"], ["format", "--check"]])
def test_scripts_and_tests_pass_ruff(args):
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *args, "scripts", "tests"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
