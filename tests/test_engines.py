"""A portable core: the same site from MkDocs and from ProperDocs, and the
same outputs from a clean build, a --dirty rebuild and `mkdocs serve`.

The page transforms are Markdown extensions and the outputs one post-build
command (site_core.publish), so the engine must not matter.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, fixture_project
from site_core import html_scan, worksheet_pdf

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def engine_build(
    engine: str, project: Path, site_dir: Path, *extra: str, config: str = "mkdocs.yml"
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "-f", config, "--strict", "--site-dir", str(site_dir), *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env=ENV,
    )


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def zip_members(site: Path, paper: str) -> dict[str, str]:
    """Each PDF in a "download all" zip, with a hash of its bytes."""
    with zipfile.ZipFile(site / "worksheets" / "pdf" / worksheet_pdf.zip_name(paper)) as archive:
        return {name: hashlib.sha256(archive.read(name)).hexdigest() for name in archive.namelist()}


@pytest.fixture(scope="module")
def properdocs_site(site, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("properdocs-site")
    result = engine_build("properdocs", ROOT, out)
    assert result.returncode == 0, result.stderr
    # Both editions, as make build puts them: the Spanish one in es/.
    result = engine_build("properdocs", ROOT, out / "es", config="mkdocs.es.yml")
    assert result.returncode == 0, result.stderr
    return out


def test_properdocs_builds_the_same_site(site, properdocs_site):
    ours, theirs = files(site), files(properdocs_site)
    assert set(ours) == set(theirs)
    differ = [name for name in ours if ours[name] != theirs[name]]
    # Only the generator tag names the engine; every page, PDF and zip is the same.
    for name in differ:
        assert name.endswith(".html"), name
        assert GENERATOR.sub("", ours[name].decode()) == GENERATOR.sub("", theirs[name].decode()), name


def test_properdocs_output_has_fields_cards_glossary_and_pdfs(properdocs_site):
    page = BeautifulSoup(
        (properdocs_site / "worksheets/daily-check-in/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert page.select("textarea[data-pdf-title]") and page.select('input[type="radio"]')
    assert "::" not in page.select_one("article").get_text()
    index = BeautifulSoup((properdocs_site / "worksheets/index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(index.select(".grid.cards li")) >= 13
    assert page.select('article abbr[tabindex="0"]') or index.select('article abbr[tabindex="0"]')
    for paper in worksheet_pdf.PAPERS:
        assert len(zip_members(properdocs_site, paper)) >= 13
    findings, scans = html_scan.scan_site(properdocs_site, ROOT / "docs", "/site/")
    assert findings == [] and len(scans) > 60


@pytest.fixture(scope="module")
def project_build(tmp_path_factory) -> tuple[Path, Path]:
    """A project copy and its clean build (PDFs from the shared cache)."""
    project = copy_project(tmp_path_factory.mktemp("dirty") / "project")
    site = project / "site"
    result = engine_build("mkdocs", project, site)
    assert result.returncode == 0, result.stderr
    return project, site


def test_a_dirty_rebuild_keeps_every_worksheet_in_the_zips(project_build):
    project, site = project_build
    clean = {paper: zip_members(site, paper) for paper in worksheet_pdf.PAPERS}
    page = project / "docs" / "worksheets" / "daily-check-in.md"
    text = page.read_text(encoding="utf-8")
    # A same-length word swap: the sheet changes but keeps its one-page budget.
    assert "Either of you can pause." in text
    page.write_text(text.replace("Either of you can pause.", "Either of you may pause."), encoding="utf-8")
    # --dirty warns that links may go stale (its purpose), so --no-strict here.
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--dirty", "--no-strict", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=ENV,
    )
    assert result.returncode == 0, result.stderr
    for paper in worksheet_pdf.PAPERS:
        rebuilt = zip_members(site, paper)
        assert set(rebuilt) == set(clean[paper])
        changed = {name for name in rebuilt if rebuilt[name] != clean[paper][name]}
        assert changed == {worksheet_pdf.pdf_name("daily-check-in", paper)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_gives_the_same_pdfs_and_zips_as_a_clean_build(site, tmp_path):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}/site/worksheets/pdf/"
    try:
        served = {}
        for paper in worksheet_pdf.PAPERS:
            name = worksheet_pdf.zip_name(paper)
            deadline = time.monotonic() + 180
            while True:
                try:
                    served[paper] = urllib.request.urlopen(base + name, timeout=5).read()
                    break
                except OSError:
                    assert server.poll() is None, server.stderr.read().decode()
                    assert time.monotonic() < deadline, "mkdocs serve did not serve the zip in time"
                    time.sleep(1)
    finally:
        server.terminate()
        server.wait(timeout=30)
    for paper, data in served.items():
        (tmp_path / f"served-{paper}.zip").write_bytes(data)
        with zipfile.ZipFile(tmp_path / f"served-{paper}.zip") as archive:
            members = {n: hashlib.sha256(archive.read(n)).hexdigest() for n in archive.namelist()}
        assert members == zip_members(site, paper)


def _wait_for(url: str, wanted: str, server: subprocess.Popen, seconds: float = 240) -> None:
    """Poll the preview until the page at url holds `wanted`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if wanted in urllib.request.urlopen(url, timeout=5).read().decode("utf-8", "replace"):
                return
        except OSError:
            pass
        assert server.poll() is None, server.stderr.read().decode()
        assert time.monotonic() < deadline, f"the preview never showed {wanted!r} at {url}"
        time.sleep(0.2)  # a poll, bounded by the deadline above


@pytest.mark.slow  # builds the fixture site
def test_serve_rebuilds_when_an_include_or_a_data_file_changes(tmp_path):
    # The small fixture site: each rebuild is the same work whatever the size.
    project = fixture_project(tmp_path / "project")
    port = _free_port()
    # With --no-livereload, mkdocs serve watches nothing; make serve runs with it on.
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}/site/"
    try:
        # A page whose tooltip for "Empathy" comes from the glossary include.
        page = base + "page/"
        _wait_for(page, 'title="Sensing what another', server)
        glossary = project / "includes" / "glossary.md"
        glossary.write_text(
            glossary.read_text(encoding="utf-8").replace("Sensing what another", "Sensing what some other"),
            encoding="utf-8",
        )
        _wait_for(page, 'title="Sensing what some other', server)
        words = project / "scripts" / "search_words.yml"
        words.write_text(words.read_text(encoding="utf-8").replace("[listening,", "[zzlistening,", 1), encoding="utf-8")
        _wait_for(base + "search/search_index.json", "zzlistening", server)
    finally:
        server.terminate()
        server.wait(timeout=30)
