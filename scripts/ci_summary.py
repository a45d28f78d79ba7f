"""The pull request's job summary: what failed, and how to fix it.

`python -m site_core.ci_summary check.log build.log test.log` reads the
output of make check, make build and make test and prints Markdown for
GitHub's job summary. Many contributors edit a page in the browser and
never run make, so the summary speaks to them: each problem with its file
and the fix the check suggested, then how to see the same on a computer.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

CHECK_PROBLEM = re.compile(r"^(error|warning): (.+)$")
BUILD_PROBLEM = re.compile(r"^\s+((?:docs|scripts|includes|overrides)/\S+?):(?:\d+:)?\s.*How to fix: .*$")
TEST_FAILED = re.compile(r"^FAILED (\S+)(?: - (.*))?$")
TEST_TOTAL = re.compile(r"^=+ (.*(?:passed|failed|error).*) in [\d.]+s")
STEPS = {"check": "make check", "build": "make build", "test": "make test"}
LIMIT = 50  # a summary is for reading; the full logs are in the job


def problems(step: str, text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        if step == "check" and (m := CHECK_PROBLEM.match(line)):
            found.append(f"**{m.group(1)}**: {m.group(2)}")
        elif step == "build" and BUILD_PROBLEM.match(line):
            found.append(f"**error**: {line.strip()}")
        elif step == "test" and (m := TEST_FAILED.match(line)):
            found.append(f"**failed**: `{m.group(1)}`" + (f": {m.group(2)}" if m.group(2) else ""))
    return list(dict.fromkeys(found))


def summary(logs: dict[str, str | None]) -> str:
    out = ["## Site checks", ""]
    failed = False
    for step, text in logs.items():
        command = STEPS[step]
        if text is None:
            out += [f"- `{command}`: did not run", ""]
            continue
        found = problems(step, text)
        total = next((m.group(1) for line in text.splitlines() if (m := TEST_TOTAL.match(line))), None)
        bad = [p for p in found if not p.startswith("**warning**")]
        failed |= bool(bad) or (total is not None and "failed" in total)
        status = "problems found" if bad else "ok"
        out.append(f"### `{command}`: {status}" + (f" ({total})" if total else ""))
        out.append("")
        out += [f"- {p}" for p in found[:LIMIT]]
        if len(found) > LIMIT:
            out.append(f"- ...and {len(found) - LIMIT} more; see the step's log.")
        out.append("")
    if failed:
        out += [
            "### How to fix",
            "",
            "Each line above names the file (and line) and ends with how to fix it; the same notes show",
            "on the pull request's **Files changed** tab. Edit the file on GitHub with the pencil icon, or",
            "on your computer run `make check` to see the same list. The built site is attached to this run",
            "as **site-preview**: download it and open `index.html` to see your change.",
            "",
        ]
    return "\n".join(out)


def main(argv: list[str]) -> int:
    logs = {}
    for path, step in zip(argv, STEPS, strict=False):
        file = Path(path)
        logs[step] = file.read_text(encoding="utf-8", errors="replace") if file.is_file() else None
    print(summary(logs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
