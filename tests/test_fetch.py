"""rolefit fetch against a real HTTP server on 127.0.0.1: robots, back-off, redirects, timeouts, types, sizes."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from rolefit.errors import BadInput, RolefitError
from rolefit.ingest.fetch import Blocked, Fetcher, fetch_posting
from tests.conftest import page_bytes

JOB = page_bytes("vercel-data-engineer.html")
JD_MD = (Path(__file__).parent / "fixtures" / "gap" / "posting.md").read_text()
CHALLENGE = page_bytes("miun-se-cloudflare-challenge.html")


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, list[float]] = {}

    def log_message(self, *a):  # keep test output quiet
        pass

    def _send(self, code: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", headers: dict | None = None):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        Handler.hits.setdefault(self.path, []).append(time.monotonic())
        n = len(Handler.hits[self.path])
        if self.path == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if self.path in ("/job.html", "/private/job.html"):
            return self._send(200, JOB)
        if self.path == "/busy.html":
            return self._send(429, b"slow down", headers={"Retry-After": "1"}) if n == 1 else self._send(200, JOB)
        if self.path == "/flaky.html":
            return self._send(503, b"down") if n <= 2 else self._send(200, JOB)
        if self.path == "/always503.html":
            return self._send(503, b"down")
        if self.path == "/moved":
            return self._send(301, b"", headers={"Location": "/job.html"})
        if self.path == "/slow.html":
            time.sleep(2)
            return self._send(200, JOB)
        if self.path == "/doc.pdf":
            return self._send(200, b"%PDF-1.4 x", "application/pdf")
        if self.path == "/logo.png":
            return self._send(200, b"\x89PNG\r\n\x1a\n", "image/png")
        if self.path == "/jd.pdf":
            from tests.pdfdocx import markdown_lines, pdf_bytes

            return self._send(200, pdf_bytes(markdown_lines(JD_MD)), "application/pdf")
        if self.path == "/huge.html":
            return self._send(200, b"<p>" + b"x" * 3_000_000, "text/html")
        if self.path == "/forbidden.html":
            return self._send(403, b"no")
        if self.path == "/challenge.html":
            return self._send(200, CHALLENGE)
        return self._send(404, b"not found")


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the client hung up on a slow or huge response, as the timeout and size tests make it


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def fetcher(**kw) -> Fetcher:
    return Fetcher(**{"delay": 0.0, "retries": 3, "timeout": 1.0, "max_wait": 5.0, **kw})


def test_fetch_and_parse_a_posting(server):
    page, posting = fetch_posting(fetcher(), server + "/job.html")
    assert posting.title == "Data Engineer" and page.url.endswith("/job.html")


def test_robots_txt_refusal(server):
    with pytest.raises(Blocked, match="robots.txt"):
        fetcher().fetch(server + "/private/job.html")


def test_429_backs_off_honouring_retry_after(server):
    t0 = time.monotonic()
    fetcher().fetch(server + "/busy.html")
    hits = Handler.hits["/busy.html"]
    assert len(hits) == 2 and hits[1] - hits[0] >= 0.95
    assert time.monotonic() - t0 >= 0.95


def test_5xx_retries_then_gives_up(server):
    assert fetcher().fetch(server + "/flaky.html").data == JOB
    with pytest.raises(RolefitError, match="503 after 2 tries"):
        fetcher(retries=1).fetch(server + "/always503.html")


def test_redirect_is_followed(server):
    page = fetcher().fetch(server + "/moved")
    assert page.url.endswith("/job.html") and page.data == JOB


def test_timeout_is_one_clear_error(server):
    with pytest.raises(RolefitError, match="timed out"):
        fetcher(timeout=0.3, retries=1).fetch(server + "/slow.html")


def test_non_html_and_oversized_bodies(server):
    with pytest.raises(BadInput, match="not a web page"):
        fetcher().fetch(server + "/logo.png")
    with pytest.raises(BadInput, match="not a readable PDF"):
        fetcher().fetch(server + "/doc.pdf")
    with pytest.raises(BadInput, match="too large"):
        fetcher(max_bytes=1_000_000).fetch(server + "/huge.html")


def test_a_job_description_published_as_a_pdf_is_read(server):
    from rolefit.parse import parse_page

    page = fetcher().fetch(server + "/jd.pdf")
    posting = parse_page(page)
    assert posting.title == "Analytics Engineer" and "dbt" in posting.description


def test_blocked_sites_say_what_to_do(server):
    with pytest.raises(Blocked, match="rolefit add"):
        fetcher().fetch(server + "/forbidden.html")
    with pytest.raises(Blocked, match="rolefit add"):
        fetch_posting(fetcher(), server + "/challenge.html")


def test_per_domain_delay(server):
    f = fetcher(delay=0.4)
    f.fetch(server + "/job.html")
    t0 = time.monotonic()
    f.fetch(server + "/job.html")
    assert time.monotonic() - t0 >= 0.35


def test_response_cache(server, tmp_path: Path):
    f = fetcher(cache_dir=tmp_path)
    before = len(Handler.hits.get("/job.html", []))
    f.fetch(server + "/job.html")
    f.fetch(server + "/job.html")
    assert len(Handler.hits["/job.html"]) == before + 1


def test_stale_cache_entries_are_removed(server, tmp_path: Path):
    import os

    for ext in (".json", ".body"):
        old = tmp_path / f"{'0' * 32}{ext}"
        old.write_text("x")
        os.utime(old, (time.time() - 3 * 86400, time.time() - 3 * 86400))
    fetcher(cache_dir=tmp_path).fetch(server + "/job.html")
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".body", ".json"]
    assert not (tmp_path / f"{'0' * 32}.json").exists()


def test_bad_url():
    with pytest.raises(BadInput, match="not an http"):
        fetcher().fetch("ftp://example.com/x")


def test_classify_a_url_fetches_it_politely(server, tmp_path: Path):
    """``rolefit classify URL`` (and skills, gap) read a live page through the same polite fetcher."""
    import json
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, ROLEFIT_CACHE=str(tmp_path))
    cmd = [sys.executable, "-m", "rolefit", "classify", server + "/job.html", "--json", "--no-skills"]
    r = subprocess.run(cmd, capture_output=True, cwd=root, env=env, timeout=120)
    assert r.returncode == 0, r.stderr.decode()
    rec = json.loads(r.stdout)
    assert rec["posting"]["title"] == "Data Engineer" and rec["cell"] == "engineering/data"
    # robots.txt still rules: a disallowed path is one line and a non-zero exit
    r = subprocess.run(cmd[:4] + [server + "/private/job.html"], capture_output=True, cwd=root, env=env)
    assert r.returncode != 0 and b"robots.txt" in r.stderr and b"Traceback" not in r.stderr
