"""`make bench`: how fast the site builds and how light it is for a reader.

Prints tables and writes bench/results.json (git-ignored). Every figure is
the median of several runs, and the machine is noted with it. Four parts:

- build:      the real site in a throwaway copy of the project: a clean build
              (PDF cache empty), a rebuild with the PDF cache warm (new site
              folder), a no-change rebuild (same folder again), the same with
              PDFs skipped, and a bare Material build of the same pages. Wall
              time, CPU time and peak memory of the build process and its
              children.
- scale:      generated corpora of 100, 500 and 2,000 articles (about 900
              words, headings, admonitions, tables, valid front matter), each
              built with the project's full configuration and with a bare
              one (PDFs skipped): the ratio is our hooks' and theme
              overrides' overhead, in CPU time (the budget) and wall time.
              Time per page, search index raw and gzip.
- reader:     the real site served by nginx with gzip, as static hosts
              serve it; Chromium (Playwright) loads pages and sums the bytes
              each response really took on the wire (CDP encodedDataLength),
              on a first visit and a repeat visit, with the search index on
              its own line; each worksheet PDF's size and render time.
- lighthouse: Lighthouse (package.json pins it; installed into
              .cache/bench-node) with Debian's Chromium, mobile emulation, on
              one page of each type (PAGES), of our site and of bare
              Material built from the same pages, the runs interleaved;
              the median of five runs (one with --quick) of each score and
              each metric, and the bytes of a first visit.

"Bare Material" means the same pages, Markdown extensions, plugins and nav,
without our hooks, theme overrides, extra CSS or JavaScript.

Usage: python scripts/bench.py [--quick] [--only build,scale,reader,lighthouse]
--quick skips the 2,000-article corpus and runs each measurement fewer times
(about 10 minutes instead of about 45 on 2 cores).

Needs: Chromium at /usr/bin/chromium, nginx (apt-get install nginx-light),
Node.js with npm (for Lighthouse); a part whose tool is missing is skipped
with a note, not failed.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import hashlib
import importlib.metadata
import json
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import yaml

from site_core import page_weight
from site_core.project_copy import copy_project

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM = Path("/usr/bin/chromium")
CHROME_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NODE_DIR = ROOT / ".cache" / "bench-node"
OUT = ROOT / "bench" / "results.json"
# One page of each type readers land on.
PAGES = {
    "home": "",
    "article": "understanding-empathy/five-myths/",
    "question": "questions/angry-when-i-ask/",
    "worksheet": "worksheets/daily-check-in/",
    "lesson": "paths/learning-empathy/lesson-1-what-empathy-is/",
    "self-check": "where-to-start/",
}
LH_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
BUDGETS = {
    "first_visit_kb": 100,  # any page type, compressed, search index excluded
    "performance": 100,  # Lighthouse, mobile, every page type
    "accessibility": 100,
    "best-practices": 100,
    "seo": 100,
    "tbt_over_bare_ms": 30,  # total blocking time, ours minus bare Material's
    "lcp_over_bare_s": 0.1,  # largest contentful paint, ours minus bare Material's
    "cls": 0,
    "hooks_overhead": 0.15,  # full build / bare build - 1, PDFs skipped
    "no_change_extra_s": 2.0,  # no-change rebuild minus bare build
}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
KB = 1024


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- Running and timing -----------------------------------------------------


def timed(cmd: list[str], cwd: Path, **env: str) -> dict:
    """Run a command; its wall time, CPU time and peak memory (its own and its children's).

    CPU time (user + system) counts only the work the build did, not the
    time it waited while other programs had the cores, so it is the steadier
    measure on a shared machine."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env={**ENV, **env}, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            out.seek(0)
            raise RuntimeError(f"{' '.join(cmd)} failed in {cwd}:\n{out.read().decode(errors='replace')[-3000:]}")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}


def build_cmd(config: str, site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config, "--site-dir", str(site_dir)]


def median_of(runs: list[dict]) -> dict:
    return {
        "wall_s": round(statistics.median(r["wall_s"] for r in runs), 3),
        "cpu_s": round(statistics.median(r["cpu_s"] for r in runs), 3),
        "peak_mb": round(statistics.median(r["peak_mb"] for r in runs), 1),
        "runs": [round(r["wall_s"], 3) for r in runs],
    }


def load_config(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write_configs(project: Path, keep_nav: bool = True) -> None:
    """mkdocs.yml (the project's, nav optional) and mkdocs-bare.yml in a project copy."""
    config = load_config(ROOT / "mkdocs.yml")
    if not keep_nav:
        config.pop("nav", None)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    bare = {k: v for k, v in config.items() if k not in ("hooks", "extra_css", "extra_javascript", "extra")}
    # Bare means none of our code: our own Markdown extensions go too.
    bare["markdown_extensions"] = [
        e
        for e in config.get("markdown_extensions", [])
        if not str(next(iter(e)) if isinstance(e, dict) else e).startswith("site_core.")
    ]
    theme = config.get("theme", {})
    bare["theme"] = {
        "name": "material",
        "language": theme.get("language", "en"),
        "font": False,
        "features": theme.get("features", []),
    }
    (project / "mkdocs-bare.yml").write_text(yaml.safe_dump(bare, sort_keys=False), encoding="utf-8")


# --- Machine ------------------------------------------------------------------


def _version(cmd: list[str]) -> str | None:
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return (result.stdout + result.stderr).strip().splitlines()[0] if (result.stdout + result.stderr).strip() else None


def machine() -> dict:
    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else platform.processor()
    )
    mem_kb = (
        next(
            (
                int(line.split()[1])
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            ),
            0,
        )
        if Path("/proc/meminfo").exists()
        else 0
    )
    versions = {}
    for dist in ("mkdocs", "mkdocs-material", "pymdown-extensions", "weasyprint", "playwright"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            versions[dist] = importlib.metadata.version(dist)
    versions["chromium"] = _version([str(CHROMIUM), "--version"]) if CHROMIUM.exists() else None
    versions["nginx"] = _version(["nginx", "-v"]) if shutil.which("nginx") else None
    versions["node"] = _version(["node", "--version"]) if shutil.which("node") else None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "versions": versions,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


# --- Build ------------------------------------------------------------------------


def bench_build(work: Path, reps: int, clean_reps: int) -> tuple[dict, Path]:
    project = copy_project(work / "real")
    write_configs(project)
    site, bare_site = project / "site", project / "site-bare"
    cache = project / ".cache"
    results: dict[str, list[dict]] = {"clean": [], "warm": [], "no_change": [], "skip_pdfs": [], "bare": []}
    for i in range(clean_reps):
        log(f"build: clean {i + 1}/{clean_reps}")
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
        results["clean"].append(timed(build_cmd("mkdocs.yml", site), project))
    for i in range(reps):
        log(f"build: warm, no-change, PDFs skipped and bare {i + 1}/{reps}")
        shutil.rmtree(site, ignore_errors=True)
        results["warm"].append(timed(build_cmd("mkdocs.yml", site), project))
        results["no_change"].append(timed(build_cmd("mkdocs.yml", site), project))
        results["skip_pdfs"].append(timed(build_cmd("mkdocs.yml", project / "site-skip"), project, SITE_SKIP_PDFS="1"))
        results["bare"].append(timed(build_cmd("mkdocs-bare.yml", bare_site), project))
    out = {name: median_of(runs) for name, runs in results.items() if runs}
    out["pages"] = sum(1 for _ in site.rglob("*.html"))
    out["no_change_minus_bare_s"] = round(out["no_change"]["wall_s"] - out["bare"]["wall_s"], 3)
    out["skip_pdfs_over_bare"] = round(out["skip_pdfs"]["wall_s"] / out["bare"]["wall_s"], 3)
    return out, project


def pdf_times(project: Path, reps: int) -> list[dict]:
    """Each worksheet PDF: size and render time (median), rendered one at a time."""
    code = textwrap.dedent(f"""
        import json, os, statistics, sys, tempfile, time
        from pathlib import Path
        os.environ["SITE_SKIP_PDFS"] = "1"
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        site = tempfile.mkdtemp()
        cfg = load_config("mkdocs.yml", site_dir=site)
        cfg.plugins.on_startup(command="build", dirty=False)
        build(cfg)
        from site_core import publish, worksheet_pdf
        worksheets = publish.built_worksheets(Path(site), publish.SiteConfig.from_file(Path("mkdocs.yml")))
        out, tmp = [], Path(tempfile.mkdtemp())
        for ws in sorted(worksheets, key=lambda w: w.slug):
            for paper in worksheet_pdf.PAPERS:
                target, times = tmp / worksheet_pdf.pdf_name(ws.slug, paper), []
                for _ in range({reps}):
                    start = time.perf_counter()
                    pages = worksheet_pdf.render(ws, paper, target)
                    times.append(time.perf_counter() - start)
                out.append({{"pdf": target.name, "pages": pages, "kb": round(target.stat().st_size / 1024, 1),
                             "render_s": round(statistics.median(times), 3)}})
        print(json.dumps(out))
    """)
    result = subprocess.run([sys.executable, "-c", code], cwd=project, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"PDF timing failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- Scale ------------------------------------------------------------------------

WORDS = (
    "we you they partner trust hurt talk listen feel time week day home slow small step care kind "
    "truth honest open safe calm name hold notice share ask answer plan note page letter story "
    "reason change repair hope fear anger grief rest help friend family work sleep body heart mind "
    "voice word question moment choice promise need want wish try learn grow stay leave wait"
).split()
TERMS = ["empathy", "shame", "trust", "boundaries", "disclosure", "check-ins", "emotional intimacy"]


def _sentence(rng: random.Random, words: int) -> str:
    picked = [rng.choice(WORDS) for _ in range(words)]
    if rng.random() < 0.3:
        picked[rng.randrange(len(picked))] = rng.choice(TERMS)
    return " ".join(picked).capitalize() + "."


def _paragraph(rng: random.Random, words: int) -> str:
    out, n = [], 0
    while n < words:
        k = rng.randint(8, 14)
        out.append(_sentence(rng, k))
        n += k
    return " ".join(out)


def article(rng: random.Random, number: int, vocabulary: dict) -> str:
    """One generated article of about 900 words whose front matter passes the content model."""
    tags = rng.sample(sorted(vocabulary["tags"]), 3)
    audience = rng.sample(sorted(vocabulary["audiences"]), 2)
    front = {
        "title": f"Generated article {number}",
        "description": f"A generated article, number {number}, for measuring how the site builds at scale.",
        "audience": audience,
        "tags": tags,
        "editorial_check": dt.date(2026, 1, 1),
        "next_check": dt.date(2027, 1, 1),
    }
    parts = ["---", yaml.safe_dump(front, sort_keys=False).strip(), "---", "", _paragraph(rng, 80), ""]
    for section in range(1, 5):
        parts += [f"## Part {section}: {_sentence(rng, 4)[:-1]}", "", _paragraph(rng, 60), "", _paragraph(rng, 60), ""]
        if section == 2:
            parts += ['!!! note "Try this"', "    " + _paragraph(rng, 40), ""]
        if section == 3:
            parts += ["| What you say | What it does | Try instead |", "| --- | --- | --- |"]
            parts += [f"| {_sentence(rng, 3)} | {_sentence(rng, 4)} | {_sentence(rng, 3)} |" for _ in range(4)]
            parts += [""]
        parts += [f"### {_sentence(rng, 3)[:-1]}", "", _paragraph(rng, 50), ""]
        if section == 4:
            parts += [f"- {_sentence(rng, 8)}" for _ in range(5)] + [""]
    return "\n".join(parts)


def make_corpus(dest: Path, articles: int) -> Path:
    """A project copy whose docs/ holds `articles` generated articles, 50 to a section."""
    project = dest
    project.mkdir(parents=True)
    for part in ("overrides", "scripts", "includes"):
        shutil.copytree(ROOT / part, project / part, ignore=shutil.ignore_patterns("__pycache__"))
    docs = project / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    vocabulary = load_config(ROOT / "scripts" / "vocabulary.yml")
    rng = random.Random(articles)
    home = {
        "title": "Generated corpus",
        "description": f"A generated corpus of {articles} articles for the benchmark.",
        "audience": ["couples"],
        "editorial_check": dt.date(2026, 1, 1),
        "next_check": dt.date(2027, 1, 1),
    }
    (docs / "index.md").write_text(
        f"---\n{yaml.safe_dump(home, sort_keys=False)}---\n\n{_paragraph(rng, 60)}\n", encoding="utf-8"
    )
    for n in range(1, articles + 1):
        folder = docs / f"section-{(n - 1) // 50 + 1:02d}"
        folder.mkdir(exist_ok=True)
        (folder / f"article-{n:04d}.md").write_text(article(rng, n, vocabulary), encoding="utf-8")
    # The real search words name the real pages; the corpus gets its own.
    (project / "scripts" / "search_words.yml").write_text(
        "entries:\n  - words: [corpus]\n    pages: [index.md]\n", encoding="utf-8"
    )
    write_configs(project, keep_nav=False)
    return project


def bench_scale(work: Path, sizes: list[int], reps: dict[int, int]) -> dict:
    out = {}
    for size in sizes:
        project = make_corpus(work / f"corpus-{size}", size)
        full, bare = [], []
        for i in range(reps[size]):
            log(f"scale: {size} articles, run {i + 1}/{reps[size]}")
            # Each run builds both, in turns first, so a busy machine weighs on both alike.
            jobs = [(full, "mkdocs.yml", "site"), (bare, "mkdocs-bare.yml", "site-bare")]
            for runs, config, folder in jobs if i % 2 == 0 else jobs[::-1]:
                runs.append(timed(build_cmd(config, project / folder), project, SITE_SKIP_PDFS="1"))
        index = (project / "site" / "search" / "search_index.json").read_bytes()
        pages = sum(1 for _ in (project / "site").rglob("index.html"))
        f, b = median_of(full), median_of(bare)
        out[str(size)] = {
            "pages": pages,
            "full": f,
            "bare": b,
            # The median of each run's full/bare ratio: steadier than a ratio of medians.
            # The budget uses CPU time, which other programs on the machine do not inflate.
            "ratio": round(statistics.median(x["wall_s"] / y["wall_s"] for x, y in zip(full, bare, strict=True)), 3),
            "cpu_ratio": round(statistics.median(x["cpu_s"] / y["cpu_s"] for x, y in zip(full, bare, strict=True)), 3),
            "ms_per_page_full": round(1000 * f["wall_s"] / pages, 1),
            "ms_per_page_bare": round(1000 * b["wall_s"] / pages, 1),
            "search_index_kb": round(len(index) / KB, 1),
            "search_index_gzip_kb": round(len(gzip.compress(index, 6)) / KB, 1),
        }
        shutil.rmtree(project, ignore_errors=True)
    return out


# --- A compressing web server ---------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def nginx(site: Path, work: Path):
    """Serve the built site at site_url's path on 127.0.0.1, gzipped as static hosts do."""
    work.mkdir(parents=True, exist_ok=True)
    if not shutil.which("nginx"):
        raise FileNotFoundError("nginx is not installed (apt-get install nginx-light)")
    site_url = load_config(ROOT / "mkdocs.yml").get("site_url") or "/"
    prefix = "/" + "/".join(p for p in site_url.split("://", 1)[-1].split("/")[1:] if p)
    root = work / "web"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    if prefix != "/":
        (root / prefix.strip("/")).parent.mkdir(parents=True, exist_ok=True)
        (root / prefix.strip("/")).symlink_to(site.resolve(), target_is_directory=True)
    else:
        root = site.resolve()
    port = free_port()
    conf = work / "nginx.conf"
    temp = {name: work / f"nginx-{name}" for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    conf.write_text(
        textwrap.dedent(f"""
        {"user root;" if os.geteuid() == 0 else ""}
        worker_processes 1;
        daemon off;
        pid {work / "nginx.pid"};
        error_log {work / "nginx-error.log"} warn;
        events {{ worker_connections 256; }}
        http {{
          include /etc/nginx/mime.types;
          default_type application/octet-stream;
          access_log off;
          client_body_temp_path {temp["body"]};
          proxy_temp_path {temp["proxy"]};
          fastcgi_temp_path {temp["fastcgi"]};
          uwsgi_temp_path {temp["uwsgi"]};
          scgi_temp_path {temp["scgi"]};
          sendfile on;
          gzip on;
          gzip_comp_level 6;
          gzip_min_length 256;
          gzip_vary on;
          gzip_types text/css text/plain text/xml application/xml application/javascript text/javascript
                     application/json application/manifest+json image/svg+xml;
          server {{
            listen 127.0.0.1:{port};
            root {root};
            location / {{ try_files $uri $uri/ =404; }}
          }}
        }}
    """),
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        ["nginx", "-c", str(conf), "-p", str(work)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}{prefix.rstrip('/')}/"
    try:
        for _ in range(100):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            if proc.poll() is not None:
                raise RuntimeError(f"nginx did not start: {proc.stderr.read().decode(errors='replace')}")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# --- Reader -------------------------------------------------------------------------


def _kind(url: str, resource: str) -> str:
    if "/search/search_index.json" in url:
        return "search index"
    if "/workers/search." in url:
        return "search worker"
    return {"Document": "html", "Stylesheet": "css", "Script": "js", "Font": "fonts", "Image": "images"}.get(
        resource, "other"
    )


def _gzip_body_size(url: str) -> int:
    """The body the server sends for url to a browser that accepts gzip."""
    from urllib.request import Request, urlopen

    with urlopen(Request(url, headers={"Accept-Encoding": "gzip"}), timeout=30) as response:
        return len(response.read())


class Wire:
    """Bytes each response took on the wire (CDP Network.loadingFinished), by kind."""

    def __init__(self, context, page):
        self.kinds: dict[str, int] = {}
        self.requests: dict[str, tuple[str, bool]] = {}
        self.cached: list[str] = []
        self.seen: set[str] = set()
        self.had: set[str] = set()
        # A worker's own requests (its script) reach the page's CDP session
        # only sometimes; Playwright's context sees them all.
        self.others: list = []
        context.on("requestfinished", lambda request: self.others.append(request))
        cdp = context.new_cdp_session(page)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.send("Network.enable")

    def _response(self, event):
        r = event["response"]
        from_cache = bool(r.get("fromDiskCache") or r.get("fromPrefetchCache") or r.get("fromServiceWorker"))
        self.requests[event["requestId"]] = (_kind(r["url"], event.get("type", "")), from_cache)
        self.seen.add(r["url"])
        if from_cache:
            self.cached.append(r["url"])

    def _finished(self, event):
        kind, from_cache = self.requests.get(event["requestId"], ("other", False))
        if not from_cache:
            self.kinds[kind] = self.kinds.get(kind, 0) + int(event.get("encodedDataLength", 0))

    def take(self) -> dict[str, int]:
        for request in self.others:
            if request.url not in self.seen and _kind(request.url, "") == "search worker":
                sizes = request.sizes()
                # 0 when not reported; a second request for it in this context is a cache hit.
                body = sizes["responseBodySize"] or (0 if request.url in self.had else _gzip_body_size(request.url))
                self.had.add(request.url)
                self.kinds["search worker"] = self.kinds.get("search worker", 0) + body + sizes["responseHeadersSize"]
        kinds, self.kinds, self.others, self.seen = self.kinds, {}, [], set()
        return kinds


def _kb(kinds: dict[str, int]) -> dict:
    out = {k: round(v / KB, 1) for k, v in sorted(kinds.items())}
    out["total_excl_search_index"] = round(sum(v for k, v in kinds.items() if k != "search index") / KB, 1)
    out["total"] = round(sum(kinds.values()) / KB, 1)
    return out


def bench_reader(site: Path, work: Path, reps: int) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict = {"offline_gzip6_kb": {}}
    for name, path in PAGES.items():
        out["offline_gzip6_kb"][name] = round(page_weight.first_visit(site, site / path / "index.html").total / KB, 1)
    runs: dict[str, list[dict]] = {}
    with nginx(site, work) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROME_FLAGS)
        for i in range(reps):
            log(f"reader: run {i + 1}/{reps}")
            for name, path in PAGES.items():
                context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
                page = context.new_page()
                wire = Wire(context, page)
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(500)
                runs.setdefault(f"{name}: first visit", []).append(wire.take())
                if name == "article":
                    page.goto(base + "letters/empathy-letter/")
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(500)
                    runs.setdefault("another article: repeat visit", []).append(wire.take())
                    page.locator('label.md-header__button[for="__search"]').click()
                    page.keyboard.type("trust")
                    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
                    page.wait_for_load_state("networkidle")
                    runs.setdefault("then a search", []).append(wire.take())
                context.close()
        browser.close()
    out["browser_kb"] = {}
    for name, samples in runs.items():
        kinds = sorted({k for s in samples for k in s})
        out["browser_kb"][name] = _kb({k: int(statistics.median(s.get(k, 0) for s in samples)) for k in kinds})
    return out


# --- Lighthouse ------------------------------------------------------------------


def lighthouse_cli() -> Path:
    """Lighthouse, installed from package.json into .cache/bench-node (reinstalled when the pins change)."""
    if not shutil.which("npm"):
        raise FileNotFoundError("npm is not installed (Node.js 18.16 or newer)")
    sources = [ROOT / "package.json"] + ([ROOT / "package-lock.json"] if (ROOT / "package-lock.json").exists() else [])
    stamp = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()
    cli = NODE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
    stamp_file = NODE_DIR / ".stamp"
    if not (cli.exists() and stamp_file.exists() and stamp_file.read_text(encoding="utf-8") == stamp):
        log("lighthouse: installing the pinned version with npm into .cache/bench-node")
        shutil.rmtree(NODE_DIR, ignore_errors=True)
        NODE_DIR.mkdir(parents=True)
        for p in sources:
            shutil.copy2(p, NODE_DIR / p.name)
        npm = ["npm", "ci"] if len(sources) > 1 else ["npm", "install"]
        subprocess.run(npm + ["--no-audit", "--no-fund", "--loglevel=error"], cwd=NODE_DIR, check=True)
        stamp_file.write_text(stamp, encoding="utf-8")
    return cli


LH_METRICS = {  # Lighthouse audit -> (column, unit of its numericValue)
    "total-blocking-time": ("TBT ms", "ms"),
    "largest-contentful-paint": ("LCP s", "s"),
    "cumulative-layout-shift": ("CLS", ""),
    "first-contentful-paint": ("FCP s", "s"),
}


def _lighthouse_run(cli: Path, url: str, report: Path) -> dict:
    subprocess.run(
        [
            "node",
            str(cli),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--only-categories=" + ",".join(LH_CATEGORIES),
            "--form-factor=mobile",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env={**ENV, "CHROME_PATH": str(CHROMIUM)},
        check=True,
        capture_output=True,
        timeout=300,
    )
    return json.loads(report.read_text(encoding="utf-8"))


def _first_visit_kb(sample: dict) -> float:
    """Bytes the page took on the wire, the search index excepted (ours loads it only on a search)."""
    items = sample["audits"]["network-requests"]["details"]["items"]
    return round(sum(i.get("transferSize", 0) for i in items if "search_index.json" not in i["url"]) / KB, 1)


def _summary(samples: list[dict]) -> dict:
    """Medians of the scores and metrics; the audits that lost points in any run."""
    metrics = {}
    for audit, (column, unit) in LH_METRICS.items():
        value = statistics.median(s["audits"][audit]["numericValue"] for s in samples)
        metrics[column] = round(value / 1000, 2) if unit == "s" else round(value, 3 if not unit else 0)
    failing = sorted(
        {
            f"{c}: {a['id']}: {a['title']}"
            for s in samples
            for c in LH_CATEGORIES
            for ref in s["categories"][c]["auditRefs"]
            if ref.get("weight", 0) > 0
            for a in [s["audits"][ref["id"]]]
            if a.get("score") is not None
            and a["score"] < 1
            and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
        }
    )
    return {
        "scores": {
            c: int(statistics.median(round(100 * (s["categories"][c]["score"] or 0)) for s in samples))
            for c in LH_CATEGORIES
        },
        "metrics": metrics,
        "first_visit_kb": statistics.median(_first_visit_kb(s) for s in samples),
        "failing_audits": failing,
    }


def bench_lighthouse(sites: dict[str, Path], work: Path, reps: int) -> dict:
    """Each page type on each site (ours and bare Material), the runs interleaved
    so that both see the same machine; the median of `reps` runs."""
    cli = lighthouse_cli()
    version = json.loads((cli.parent.parent / "package.json").read_text(encoding="utf-8"))["version"]
    samples: dict[str, dict[str, list[dict]]] = {name: {} for name in sites}
    with contextlib.ExitStack() as stack:
        bases = {name: stack.enter_context(nginx(site, work / name)) for name, site in sites.items()}
        for i in range(reps):
            for page, path in PAGES.items():
                for name, base in bases.items():
                    log(f"lighthouse: {page}, {name} {i + 1}/{reps}")
                    report = work / f"lh-{name}-{page}-{i}.json"
                    samples[name].setdefault(page, []).append(_lighthouse_run(cli, base + path, report))
    return {
        "version": version,
        "sites": {name: {page: _summary(runs) for page, runs in pages.items()} for name, pages in samples.items()},
    }


# --- Report -------------------------------------------------------------------------


def check_budgets(results: dict) -> dict:
    checks = {}
    reader = results.get("reader")
    if reader:
        for name in PAGES:
            first = reader["browser_kb"][f"{name}: first visit"]["total_excl_search_index"]
            checks[f"first visit to the {name} <= {BUDGETS['first_visit_kb']} KB (search index excluded)"] = (
                first <= BUDGETS["first_visit_kb"],
                f"{first} KB",
            )
        fetched = [k for k, v in reader["browser_kb"].items() if "first visit" in k and v.get("search index")]
        checks["search index fetched only when a reader searches"] = (
            not fetched and bool(reader["browser_kb"]["then a search"].get("search index")),
            "on load: "
            + (", ".join(fetched) or "never")
            + "; on search: "
            + f"{reader['browser_kb']['then a search'].get('search index', 0)} KB",
        )
    lh = results.get("lighthouse")
    if lh:
        ours, bare = lh["sites"]["ours"], lh["sites"].get("bare", {})
        for name, page in ours.items():
            for c in LH_CATEGORIES:
                need = BUDGETS[c]
                checks[f"Lighthouse {name} {c} >= {need}"] = (page["scores"][c] >= need, str(page["scores"][c]))
            m = page["metrics"]
            checks[f"Lighthouse {name} CLS = {BUDGETS['cls']}"] = (m["CLS"] <= BUDGETS["cls"], str(m["CLS"]))
            if name in bare:
                b = bare[name]["metrics"]
                over = m["TBT ms"] - b["TBT ms"]
                checks[f"Lighthouse {name} TBT <= bare + {BUDGETS['tbt_over_bare_ms']} ms"] = (
                    over <= BUDGETS["tbt_over_bare_ms"],
                    f"{m['TBT ms']:.0f} ms against {b['TBT ms']:.0f} ms ({over:+.0f})",
                )
                over = round(m["LCP s"] - b["LCP s"], 2)
                checks[f"Lighthouse {name} LCP <= bare + {BUDGETS['lcp_over_bare_s']} s"] = (
                    over <= BUDGETS["lcp_over_bare_s"],
                    f"{m['LCP s']:.2f} s against {b['LCP s']:.2f} s ({over:+.2f})",
                )
    for size, s in (results.get("scale") or {}).items():
        checks[f"hooks add <= 15% ({size} articles, CPU time)"] = (
            s["cpu_ratio"] <= 1 + BUDGETS["hooks_overhead"],
            f"+{100 * (s['cpu_ratio'] - 1):.1f}% (wall time +{100 * (s['ratio'] - 1):.1f}%)",
        )
    build = results.get("build")
    if build:
        extra = build["no_change_minus_bare_s"]
        checks["no-change rebuild <= bare + 2 s"] = (extra <= BUDGETS["no_change_extra_s"], f"+{extra:.2f} s")
    return {name: {"met": ok, "value": value} for name, (ok, value) in checks.items()}


def table(title: str, header: list[str], rows: list[list]) -> str:
    rows = [[str(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"  # noqa: E731
    return "\n".join(
        [f"\n{title}", line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [line(r) for r in rows]
    )


def report(results: dict) -> str:
    m = results["machine"]
    parts = [
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, Python {m['python']}, "
        + ", ".join(f"{k} {v}" for k, v in m["versions"].items() if v)
        + f" ({results['mode']} run)"
    ]
    b = results.get("build")
    if b:
        bare = b["bare"]
        rows = [
            [
                name,
                f"{b[key]['wall_s']:.2f}",
                f"{b[key]['wall_s'] / bare['wall_s']:.2f}",
                f"{b[key]['peak_mb']:.0f}",
                f"{b[key]['peak_mb'] / bare['peak_mb']:.2f}",
            ]
            for key, name in [
                ("clean", "clean (PDF cache empty)"),
                ("warm", "rebuild, PDF cache warm"),
                ("no_change", "no-change rebuild"),
                ("skip_pdfs", "PDFs skipped"),
                ("bare", "bare Material"),
            ]
        ]
        parts.append(
            table(
                f"Build: the real site ({b['pages']} pages), median; ours against bare Material",
                ["build", "wall s", "wall / bare", "peak MB", "peak / bare"],
                rows,
            )
        )
    s = results.get("scale")
    if s:
        rows = [
            [
                size,
                v["pages"],
                f"{v['full']['wall_s']:.1f}",
                f"{v['bare']['wall_s']:.1f}",
                f"{v['ratio']:.3f}",
                f"{v['full']['cpu_s']:.1f}",
                f"{v['bare']['cpu_s']:.1f}",
                f"{v['cpu_ratio']:.3f}",
                v["ms_per_page_full"],
                v["ms_per_page_bare"],
                f"{v['full']['peak_mb']:.0f}",
                v["search_index_kb"],
                v["search_index_gzip_kb"],
            ]
            for size, v in s.items()
        ]
        parts.append(
            table(
                "Scale: generated articles, PDFs skipped, median",
                [
                    "articles",
                    "pages",
                    "full s",
                    "bare s",
                    "full/bare",
                    "full CPU s",
                    "bare CPU s",
                    "CPU full/bare",
                    "ms/page full",
                    "ms/page bare",
                    "peak MB",
                    "index KB",
                    "index gz KB",
                ],
                rows,
            )
        )
    r = results.get("reader")
    if r:
        kinds = ["html", "css", "js", "fonts", "images", "other", "search worker", "search index"]
        rows = [
            [name] + [v.get(k, 0) for k in kinds] + [v["total_excl_search_index"], v["total"]]
            for name, v in r["browser_kb"].items()
        ]
        parts.append(
            table(
                "Reader: KB on the wire (nginx gzip, Chromium, phone), median",
                ["visit"] + kinds + ["total excl. index", "total"],
                rows,
            )
        )
        parts.append(
            "Offline gzip -6 first visit (page_weight.py): "
            + ", ".join(f"{k} {v} KB" for k, v in r["offline_gzip6_kb"].items())
        )
        if r.get("pdfs"):
            rows = [[p["pdf"], p["pages"], p["kb"], p["render_s"]] for p in r["pdfs"]]
            parts.append(table("Worksheet PDFs", ["file", "pages", "KB", "render s"], rows))
    lh = results.get("lighthouse")
    if lh:
        columns = [c.removesuffix("-practices") for c in LH_CATEGORIES] + [c for c, _ in LH_METRICS.values()]
        rows = []
        for name in PAGES:
            for site, pages in lh["sites"].items():
                if name in pages:
                    v = pages[name]
                    rows.append(
                        [name if site == "ours" else "", site]
                        + [v["scores"][c] for c in LH_CATEGORIES]
                        + list(v["metrics"].values())
                        + [v["first_visit_kb"]]
                    )
        parts.append(
            table(
                f"Lighthouse {lh['version']} (mobile): ours against bare Material, median of each figure",
                ["page", "site"] + columns + ["first visit KB"],
                rows,
            )
        )
        failing = [f"  {name}: {a}" for name, v in lh["sites"]["ours"].items() for a in v["failing_audits"]]
        if failing:
            parts.append("Lighthouse audits ours did not pass in some run:\n" + "\n".join(failing))
    for part, error in results.get("skipped", {}).items():
        parts.append(f"Skipped {part}: {error}")
    rows = [[name, "met" if v["met"] else "MISSED", v["value"]] for name, v in results["budgets"].items()]
    parts.append(table("Budgets", ["budget", "result", "value"], rows))
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="skip the 2,000-article corpus and repeat each measurement fewer times"
    )
    parser.add_argument(
        "--only",
        default="build,scale,reader,lighthouse",
        help="comma-separated parts to run (build, scale, reader, lighthouse)",
    )
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the JSON results")
    args = parser.parse_args(argv)
    parts = set(args.only.split(","))
    quick = args.quick
    reps = 2 if quick else 5
    sizes = [100, 500] if quick else [100, 500, 2000]
    scale_reps = {100: 2 if quick else 5, 500: 2 if quick else 3, 2000: 3}
    results: dict = {"mode": "quick" if quick else "full", "machine": machine(), "skipped": {}}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="eab-bench-") as tmp:
        work = Path(tmp)
        site = None
        if parts & {"build", "reader", "lighthouse"}:
            if "build" in parts:
                results["build"], project = bench_build(work, reps, 1 if quick else 3)
            else:
                project = copy_project(work / "real")
                write_configs(project)
                log("build: one build of ours and one of bare Material for the reader and Lighthouse parts")
                timed(build_cmd("mkdocs.yml", project / "site"), project)
                timed(build_cmd("mkdocs-bare.yml", project / "site-bare"), project)
            site = project / "site"
        if "scale" in parts:
            results["scale"] = bench_scale(work, sizes, scale_reps)
        if "reader" in parts:
            try:
                results["reader"] = bench_reader(site, work, 1 if quick else 3)
                log("reader: worksheet PDFs one by one")
                results["reader"]["pdfs"] = pdf_times(project, 1 if quick else 3)
            except (FileNotFoundError, ImportError) as err:
                results["skipped"]["reader"] = str(err)
        if "lighthouse" in parts:
            try:
                sites = {"ours": site, "bare": project / "site-bare"}
                results["lighthouse"] = bench_lighthouse(sites, work / "lighthouse", 1 if quick else 5)
            except (FileNotFoundError, subprocess.CalledProcessError) as err:
                results["skipped"]["lighthouse"] = str(err)
    results["seconds"] = round(time.perf_counter() - started)
    results["budgets"] = check_budgets(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(report(results))
    print(
        f"\nWrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out} in {results['seconds']} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
