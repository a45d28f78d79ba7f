"""Shared fixtures: the real site built once, and throwaway project copies."""

from __future__ import annotations

import fcntl
import functools
import os
import re
import shutil
import socket
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import warm_python
import yaml
from bs4 import BeautifulSoup

from site_core.project_copy import copy_project

ROOT = Path(__file__).resolve().parent.parent


def start_build(project: Path, site_dir: Path, config: str = "mkdocs.yml", **env: str) -> warm_python.Run:
    """Starts `mkdocs build --strict` of a project folder, as a contributor runs
    it (in a warm Python: tests/warm_python.py)."""
    return warm_python.Run(
        ["-m", "mkdocs", "build", "--strict", "-f", config, "--site-dir", str(site_dir)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )


def run_build(project: Path, site_dir: Path, config: str = "mkdocs.yml", **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project folder; waits for it to end."""
    return start_build(project, site_dir, config, **env).result()


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, both editions as make build puts them (Spanish in es/),
    built once per test run and only read by the tests. With several workers
    (pytest-xdist) the first to need it builds it while the others wait on a
    lock; then all share it. The two editions build side by side (an
    English build empties its folder first, so the Spanish one is built
    beside it and moved into es/ when both are done)."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, above each worker's own
    out, done = shared / "built-site", shared / "built-site.done"
    with open(shared / "built-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            spanish = shared / "built-site-es"
            for folder in (out, spanish):
                shutil.rmtree(folder, ignore_errors=True)  # a build that failed for another worker
            builds = [start_build(ROOT, out), start_build(ROOT, spanish, config="mkdocs.es.yml")]
            for result in [build.result() for build in builds]:
                assert result.returncode == 0, result.stderr
            spanish.rename(out / "es")
            done.touch()
    return out


@pytest.fixture(scope="session")
def html_pages(site) -> dict[str, BeautifulSoup]:
    """Every built HTML page, parsed, keyed by its path in the site."""
    return {
        p.relative_to(site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in sorted(site.rglob("*.html"))
    }


FIXTURE = ROOT / "tests" / "fixture_site"


def fixture_project(dest: Path) -> Path:
    """The real project with the fixture's pages, nav and data files in place of its own."""
    project = copy_project(dest)
    # The fixture is an English site: the real Spanish edition translates pages it does not have.
    shutil.rmtree(project / "es")
    (project / "mkdocs.es.yml").unlink()
    assets = project / "docs" / "assets"
    keep = dest.parent / "assets-keep"
    shutil.move(assets, keep)
    shutil.rmtree(project / "docs")
    shutil.copytree(FIXTURE / "docs", project / "docs")
    shutil.move(keep, assets)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    head = config[: config.index("\nnav:")]
    nav = yaml.safe_load((FIXTURE / "nav.yml").read_text(encoding="utf-8"))
    (project / "mkdocs.yml").write_text(head + "\n" + yaml.safe_dump({"nav": nav}, sort_keys=False), encoding="utf-8")
    for data in ("search_words.yml", "self_check.yml", "cast.yml", "packets.yml"):
        shutil.copy(FIXTURE / data, project / "scripts" / data)
    shutil.rmtree(project / "includes" / "diagrams")
    shutil.copytree(FIXTURE / "diagrams", project / "includes" / "diagrams")
    return project


@pytest.fixture
def project(tmp_path) -> Path:
    """A private copy of the project for tests that break things."""
    return copy_project(tmp_path / "project")


class _SiteHandler(SimpleHTTPRequestHandler):
    """Static files, with sitemap.xml listing this server's own address.

    Material's instant navigation only follows links listed in sitemap.xml,
    which holds site_url's addresses; it matches their protocol and host to
    the page's but not the port. On the real host they agree; here the test
    server stands in for site_url."""

    site_url = ""
    local_url = ""

    def log_message(self, format, *args):  # keep test output clean
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.name == "sitemap.xml" and path.is_file() and self.site_url:
            body = path.read_bytes().replace(self.site_url.encode(), self.local_url.encode())
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            super().do_GET()


@pytest.fixture(scope="session")
def served_site(site, tmp_path_factory):
    """The built site over HTTP on 127.0.0.1 (a free port), under site_url's path
    (/site/), as a static host serves it. Yields the site's base URL."""
    match = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    site_url = match.group(1).rstrip("/") + "/" if match else ""
    prefix = urlsplit(site_url or "/").path.strip("/")
    root = tmp_path_factory.mktemp("web")
    if prefix:
        (root / prefix).parent.mkdir(parents=True, exist_ok=True)
        (root / prefix).symlink_to(site, target_is_directory=True)
    else:
        root = site
    handler = type("Handler", (_SiteHandler,), {"site_url": site_url})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    handler.local_url = f"http://127.0.0.1:{server.server_address[1]}/{prefix + '/' if prefix else ''}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield handler.local_url
    server.shutdown()
    server.server_close()


# --- The real browser ---------------------------------------------------------

# Debian's Chromium (apt-get install chromium); Playwright never downloads one.
CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium calls Google's hosts at start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # V8 stops at its mid-tier compiler (Maglev): each page load is a fresh
    # start for axe-core's half a megabyte of script, and on the crawl of
    # every page the top tier's recompiling cost about 7% of the browser's
    # CPU time. What the scripts do is the same; only how fast they run.
    "--js-flags=--max-opt=2",
]


def skip_module_without_chromium() -> None:
    """Skip the calling browser-test module when Chromium is missing, outside
    CI only: in CI (CI=true) these tests always run, so a missing browser fails."""
    if not CHROMIUM.exists() and os.environ.get("CI") != "true":
        pytest.skip(
            "Chromium is not installed at /usr/bin/chromium (apt-get install chromium); "
            "in CI (CI=true) these tests always run",
            allow_module_level=True,
        )


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run; each test opens its own contexts.
    Browser test modules skip themselves when Chromium is missing outside CI.

    The browser can reach 127.0.0.1 and nothing else: every other address goes
    through a proxy that is a bound port no one listens on, so it fails at
    once and no test touches the network. This lock costs nothing per
    request, where a route on each context would send every request through
    Playwright's interception and turn the browser's cache off (about a
    second per 10 page loads). LockedContext records what was tried."""
    from playwright.sync_api import sync_playwright

    with socket.socket() as dead_end, sync_playwright() as p:
        dead_end.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
        # <-loopback> first: other loopback addresses go through the proxy too.
        proxy = {"server": f"http://127.0.0.1:{dead_end.getsockname()[1]}", "bypass": "<-loopback>,127.0.0.1"}
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, proxy=proxy)
        yield browser
        browser.close()


# The tab's icon, as mkdocs.yml names it (theme: favicon:).
TAB_ICON = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]["favicon"]


class LockedContext:
    """A browser context that records every request: those to another origin
    (which the browser fixture's lock makes fail, so no test touches the
    network), and every request at all, for tests that prove nothing was sent."""

    def __init__(self, browser, base: str, **options):
        self.origin = "{0.scheme}://{0.netloc}/".format(urlsplit(base))
        self.foreign: list[str] = []
        self.requests: list[str] = []
        self.context = browser.new_context(**options)
        self.icon_fetches: list[str] = []
        self.answered: set[str] = set()
        self.context.on("request", self._record)

    def answer(self, url: str, status: int = 204, html: str | None = None) -> None:
        """Answer requests for this address, and any below it, in the browser:
        with this page, or with "No content", which keeps the page where it is.
        They never leave the browser, so they are not foreign."""
        self.answered.add(url)
        page = {} if html is None else {"content_type": "text/html", "body": html}
        self.context.route(lambda address: address.startswith(url), lambda route: route.fulfill(status=status, **page))

    def _record(self, request) -> None:
        url = request.url
        if not url.startswith((self.origin, "blob:", "data:", "about:", *self.answered)):
            self.foreign.append(url)
        # The browser fetches the tab's icon by itself, some time after the
        # page loads, when no test can predict; it carries nothing from the
        # page, so it is kept apart from what tests count (and is still
        # held to the origin lock above).
        is_icon = urlsplit(url).path.endswith("/" + TAB_ICON)
        (self.icon_fetches if is_icon else self.requests).append(url)


@pytest.fixture
def locked_context(browser, served_site):
    """Opens LockedContexts; at the end, none was asked for another origin."""
    opened: list[LockedContext] = []

    def make(**options) -> LockedContext:
        opened.append(LockedContext(browser, served_site, **options))
        return opened[-1]

    yield make
    for locked in opened:
        locked.context.close()
    for locked in opened:
        assert locked.foreign == [], f"requests to another origin: {locked.foreign}"


# Reports Content Security Policy violations to the console, where the
# tests collect them. Init scripts run outside the page's policy.
REPORT_CSP = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline code"} `
                + `in ${e.sourceFile || e.documentURI}:${e.lineNumber}`);
});
"""


def record_page_problems(page, problems: list[str]) -> None:
    """From now on, every Content Security Policy violation and script error
    on this page is added to problems, with the page's address."""
    page.add_init_script(REPORT_CSP)

    def console(message):
        if "Content Security Policy" in message.text or message.text.startswith("CSP violation"):
            problems.append(f"{page.url}: {message.text}")

    page.on("console", console)
    page.on("pageerror", lambda err: problems.append(f"{page.url}: script error: {err}"))


# --- Markers: what a test needs decides how slow it is ----------------------------

BROWSER_FIXTURES = {"browser", "locked_context", "session", "search_page"}
SLOW_FIXTURES = {"site", "html_pages", "served_site", "project", "project_build", "fixture_project"}


def pytest_collection_modifyitems(config, items):
    """Mark each test `browser` or `slow` from its fixtures, so no test can be
    left out of `make test-fast` by a forgotten decorator: a test is fast only
    if it needs neither a browser nor a build. Then spread the long tests."""
    for item in items:
        needs = set(getattr(item, "fixturenames", ()))
        if needs & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if needs & (SLOW_FIXTURES | BROWSER_FIXTURES):
            item.add_marker(pytest.mark.slow)
    items[:] = spread_the_long_tests(items)


# A few tests take half a minute or more (marked long: the crawl of every
# page, printing every article, axe on the menus); the rest of the run is
# many short ones. pytest-xdist's worksteal first hands each worker an
# equal run of the list, then lets an idle worker take tests from the end of
# another's queue, but never its last two: a queue that ends on long tests
# keeps one core busy for a minute while the other waits. So each worker's
# run starts with its share of the long tests, and the short ones are left
# at the end for the workers to share.


def spread_the_long_tests(items: list) -> list:
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    long = [item for item in items if item.get_closest_marker("long")]
    rest = [item for item in items if not item.get_closest_marker("long")]
    if workers < 2 or not long:
        return items
    out, left, taken = [], len(items), 0
    for worker in range(workers):
        share = left // (workers - worker)  # what worksteal hands this worker first
        left -= share
        mine = long[worker::workers]
        short = max(0, share - len(mine))
        out += mine + rest[taken : taken + short]
        taken += short
    return out + rest[taken:]


# The page has done what it was going to do: two frames painted and its
# event loop idle. Tests that prove something did not happen (no request,
# no exit) wait for this signal, not for a fixed time.
SETTLED = """() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() =>
  (window.requestIdleCallback || ((f) => setTimeout(f, 0)))(() => done(true), {timeout: 2000}))))"""


def settle(page) -> None:
    page.evaluate(SETTLED)


# Material's instant navigation changes the address as soon as a link is
# clicked and swaps the new page in (replacing its container element) only
# when it has arrived. A test that acts on the new page waits for the swap,
# not for the address: on a busy machine the old page is still there.
# Functions, not expressions: Playwright would evaluate an expression with
# eval, which the site's Content Security Policy blocks.
_MARK_PAGE = "() => { window.__eabContainer = document.querySelector('[data-md-component=container]'); }"
_NEW_PAGE = "() => document.querySelector('[data-md-component=container]') !== window.__eabContainer"
# Material follows a link by instant navigation only once it has the site's
# sitemap (the addresses it may swap in); a click before that loads the page
# the usual way. Under load the sitemap can arrive after the page settles.
_INSTANT_READY = """() => performance.getEntriesByType("resource")
  .some((entry) => /\\/sitemap\\.xml$/.test(entry.name) && entry.responseEnd > 0)"""


# 125 ms after each change of address or anchor, Material closes the search
# and the menu (a delay in its bundle). A timer set after the swap for longer
# fires after Material's: then a test may open the search and keep it open.
_AFTER_MATERIAL_CLOSES = "() => new Promise((done) => setTimeout(() => done(true), 125 + 50))"


def navigate(page, click) -> None:
    """Call click(), which follows a link by instant navigation, and return
    once the new page is in place and settled and Material has closed what
    it closes on a new address."""
    page.wait_for_function(_INSTANT_READY)
    settle(page)  # Material reads the sitemap when its request has ended
    page.evaluate(_MARK_PAGE)
    click()
    page.wait_for_function(_NEW_PAGE)
    settle(page)
    page.evaluate(_AFTER_MATERIAL_CLOSES)
