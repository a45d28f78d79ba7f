"""Results kept between builds, in .cache/, under a hash of everything they depend on.

Some checks in every build spend most of their time loading a library or
its data, or parsing every page, for an answer that changes only when its
input does. The key holds every input, the library's version included, so
a changed input is a new entry and a stale answer is never read. A
missing or unreadable entry is computed again; a checkout where .cache/
cannot be written still builds, only slower.

- `kept`: one answer (the given names of gender-guesser's list; the
  reading grade of a diagram's description).
- `read_table` / `write_table`: many answers that are replaced whole on
  every run (the safety scan of each built page, by the page's content),
  so the folder holds the last run's answers, not every run's.

Values are what `marshal` writes: numbers, strings, lists, tuples, dicts, sets.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

CACHE = Path(__file__).resolve().parent.parent / ".cache"
T = TypeVar("T")


def digest(inputs: str | bytes) -> str:
    return hashlib.sha256(inputs.encode() if isinstance(inputs, str) else inputs).hexdigest()[:24]


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


def read_table(kind: str, inputs: str, folder: Path | None = None) -> dict:
    """The answers the last run kept under these inputs ({} when none)."""
    try:
        table = _read(_entry(kind, inputs, folder))
    except KeyError:
        return {}
    return table if isinstance(table, dict) else {}


def write_table(kind: str, inputs: str, table: dict, folder: Path | None = None) -> None:
    _write(_entry(kind, inputs, folder), table)
