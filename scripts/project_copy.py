"""A throwaway copy of the project: what `mkdocs build` needs, nothing more.

The tests build broken copies to check the error messages; the benchmark
builds copies so it never touches the working tree's site or PDF cache.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ["docs", "overrides", "scripts", "includes", "mkdocs.yml", "es", "mkdocs.es.yml"]


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest
