"""The browser the tests drive reaches the served site and nothing else, and
LockedContext records what a page tried to reach beyond it (conftest.py)."""

from __future__ import annotations

import functools
import threading
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import skip_module_without_chromium

skip_module_without_chromium()

from playwright.sync_api import Error as PlaywrightError  # noqa: E402


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def other_server(tmp_path):
    """A second web server on this machine, at a loopback address that is not
    the served site's: it answers anyone who asks, outside the browser."""
    (tmp_path / "index.html").write_text("<p>another site</p>", encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.2", 0), functools.partial(_Quiet, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.2:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_the_browser_reaches_the_served_site_and_nothing_else(locked_context, served_site, other_server):
    with urllib.request.urlopen(other_server, timeout=5) as answer:
        assert answer.status == 200  # the other server is there
    locked = locked_context()
    page = locked.context.new_page()
    assert page.goto(served_site).ok
    with pytest.raises(PlaywrightError, match="ERR_PROXY_CONNECTION_FAILED"):
        page.goto(other_server)
    assert locked.foreign == [other_server]
    assert other_server in locked.requests
    locked.foreign.clear()  # asked for on purpose: the fixture's own end check is for the other tests
