"""Results kept between builds, in .cache/, under a hash of everything they depend on.

Some checks in every build spend most of their time loading a library or
its data for an answer that changes only when their input does (the given
names of gender-guesser's list; the reading grade of a diagram's
description). `kept` stores such an answer once and reads it on later
builds. The key holds every input, the library's version included, so a
changed input is a new entry and a stale answer is never read. A missing
or unreadable entry is computed again; a checkout where .cache/ cannot be
written still builds, only slower.

Values are what `marshal` writes: numbers, strings, lists, dicts, sets.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

CACHE = Path(__file__).resolve().parent.parent / ".cache"
T = TypeVar("T")


def kept(kind: str, inputs: str, compute: Callable[[], T], folder: Path | None = None) -> T:
    """compute()'s answer for these inputs, from .cache/<kind>/ when it is there."""
    entry = (folder or CACHE) / kind / (hashlib.sha256(inputs.encode()).hexdigest()[:24] + ".marshal")
    try:
        return marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass  # not kept yet, or unreadable: compute it again
    value = compute()
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        partial = entry.with_name(f"{entry.name}.{os.getpid()}")
        partial.write_bytes(marshal.dumps(value))
        os.replace(partial, entry)  # whole or not at all, even with builds side by side
    except OSError:
        pass
    return value
