"""`make zensical-trial`: build the site with Zensical and report what renders.

Zensical reads mkdocs.yml and runs Python-Markdown extensions, but no MkDocs
hooks. This trial builds the site with the pinned version in its own
virtual environment (.venv-zensical, so the main one stays as CI has it),
runs the site outputs (python -m site_core.publish) over the result, and
prints one line per feature: rendered or not. It is a trial, never a gate:
it exits 0 whatever it finds, and CI does not run it. CONTRIBUTING.md,
"Platform", records the findings and the plan for 2027-05-05.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from site_core import publish

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv-zensical"
SITE = ROOT / "site-zensical"
PINS = ["zensical==0.1.3"]


def _run(*args: str | Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=ROOT, capture_output=True, text=True, **kw)


def install() -> str | None:
    """Set up the trial's environment; the reason it failed, or None."""
    python = VENV / "bin" / "python"
    if not python.exists():
        made = _run(sys.executable, "-m", "venv", VENV)
        if made.returncode:
            return made.stderr.strip()
    steps = [["-r", ROOT / "requirements.txt", *PINS], ["--no-build-isolation", "--no-deps", "-e", ROOT]]
    for step in steps:
        done = _run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *step)
        if done.returncode:
            lines = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
            return "; ".join(lines) or done.stderr.strip()[-500:]
    return None


def features(site: Path) -> dict[str, bool]:
    """What a reader would see, feature by feature."""

    def page(rel: str) -> BeautifulSoup | None:
        file = site / rel
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser") if file.is_file() else None

    sheet, index, crisis, article = (
        page("worksheets/daily-check-in/index.html"),
        page("worksheets/index.html"),
        page("get-help/crisis-and-safety/index.html"),
        page("why-empathy-is-hard/shame-and-the-defensive-reflex/index.html"),
    )
    return {
        "pages built": bool(sheet and index and crisis and article),
        "answer fields (extension)": bool(sheet and sheet.select("textarea[data-pdf-title]")),
        "worksheet cards (extension)": bool(index and index.select(".grid.cards li")),
        "glossary on first use (extension)": bool(sheet and sheet.select('abbr[tabindex="0"]')),
        "help-line numbers (extension)": bool(crisis and crisis.select('a[href^="tel:"]')),
        "safety bar (theme override)": bool(sheet and sheet.select(".eab-safety a[data-eab-exit]")),
        "review status (theme override)": bool(article and article.select(".eab-reviewed")),
        "Sources list (hook)": bool(article and article.find(id="sources")),
        "content security policy (post-build)": bool(
            sheet and sheet.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        ),
        "worksheet PDFs (post-build)": (site / "worksheets/pdf/daily-check-in-a4.pdf").is_file(),
    }


def main() -> int:
    problem = install()
    if problem:
        print(f"Zensical trial: could not install {', '.join(PINS)}: {problem}")
        return 0
    shutil.rmtree(SITE, ignore_errors=True)
    # Zensical takes site_dir only from the configuration, so the trial
    # builds from a copy of mkdocs.yml that points it at site-zensical/.
    config = ROOT / "mkdocs-zensical.yml"
    data = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=publish._AnyTagLoader)
    config.write_text(yaml.safe_dump({**data, "site_dir": SITE.name}, sort_keys=False), encoding="utf-8")
    try:
        built = _run(VENV / "bin" / "zensical", "build", "--config-file", config.name)
    finally:
        config.unlink()
    print(f"zensical build: exit {built.returncode}")
    print("\n".join(built.stderr.strip().splitlines()[-15:]))
    if SITE.is_dir():
        outputs = _run(VENV / "bin" / "python", "-m", "site_core.publish", SITE)
        print(f"site outputs: exit {outputs.returncode} {(outputs.stdout + outputs.stderr).strip()[-800:]}")
        for name, ok in features(SITE).items():
            print(f"  {'renders' if ok else 'missing'}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
