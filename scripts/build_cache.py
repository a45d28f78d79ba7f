"""Results kept between builds, in .cache/, under a hash of everything they depend on.

Some checks in every build spend most of their time loading a library or
its data, or parsing every page, for an answer that changes only when its
input does. The key holds every input, the library's version included, so
a changed input is a new entry and a stale answer is never read. A
missing or unreadable entry is computed again; a checkout where .cache/
cannot be written still builds, only slower.

- `kept`: one answer (the given names of gender-guesser's list; the
  reading grade of a diagram's description).
- `Table`: many answers that are replaced whole on every run (the safety
  scan of each built page, by the page's content; the cut of Material's
  stylesheets), so the folder holds the last run's answers, not every
  run's.

Values are what `marshal` writes: numbers, strings, lists, tuples, dicts, sets.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import marshal
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

CACHE = Path(__file__).resolve().parent.parent / ".cache"
T = TypeVar("T")


def digest(inputs: str | bytes) -> str:
    return hashlib.sha256(inputs.encode() if isinstance(inputs, str) else inputs).hexdigest()[:24]


def code(module_file: str, *packages: str) -> str:
    """The code behind an answer, for its inputs: the module's source and the
    installed versions of the packages it computes with."""
    versions = [f"{p} {importlib.metadata.version(p)}" for p in packages]
    return "\0".join([Path(module_file).read_text(encoding="utf-8"), *versions])


def _entry(kind: str, inputs: str, folder: Path | None) -> Path:
    return (folder or CACHE) / kind / f"{digest(inputs)}.marshal"


def _read(entry: Path) -> Any:
    """The kept value, or KeyError when there is none to trust."""
    try:
        return marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        raise KeyError(entry) from None


def _write(entry: Path, value: Any) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        partial = entry.with_name(f"{entry.name}.{os.getpid()}")
        partial.write_bytes(marshal.dumps(value))
        os.replace(partial, entry)  # whole or not at all, even with builds side by side
    except OSError:
        pass


def kept(kind: str, inputs: str, compute: Callable[[], T], folder: Path | None = None) -> T:
    """compute()'s answer for these inputs, from .cache/<kind>/ when it is there."""
    entry = _entry(kind, inputs, folder)
    try:
        return _read(entry)
    except KeyError:
        pass  # not kept yet, or unreadable: compute it again
    value = compute()
    _write(entry, value)
    return value


class Table:
    """Many answers for one run, each under its own key: those the last run
    kept are read back, the others computed, and save() replaces the table
    whole, so the folder holds the last run's answers, not every run's."""

    def __init__(self, kind: str, inputs: str, folder: Path | None = None):
        self.entry = _entry(kind, inputs, folder)
        try:
            last = _read(self.entry)
        except KeyError:
            last = {}  # none yet, or unreadable
        self.last: dict = last if isinstance(last, dict) else {}
        self.now: dict = {}

    def get(self, key: str, compute: Callable[[], T]) -> T:
        """compute()'s answer for this key, from the last run when it kept one."""
        self.now[key] = self.last[key] if key in self.last else compute()
        return self.now[key]

    def save(self) -> None:
        if self.now != self.last:
            _write(self.entry, self.now)
