"""Fetch live pages politely: a named user agent, robots.txt, a per-domain delay,
retries with back-off on 429/5xx (honouring ``Retry-After``), a response cache and a size cap.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from rolefit import __version__
from rolefit.errors import BadInput, RolefitError
from rolefit.ingest.files import MAX_BYTES
from rolefit.types import Page

USER_AGENT = f"rolefit/{__version__} (+https://github.com/rolefit/rolefit; job-posting reader)"
BLOCKED_HINT = "save the page from your browser and `rolefit add` it"


class Blocked(RolefitError):
    exit_code = 2

    def __init__(self, url: str, why: str):
        super().__init__(f"{url}: {why}; {BLOCKED_HINT}", "blocked")


_DOCUMENT_TYPES = {"application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@dataclass
class Fetcher:
    delay: float = 2.0  # seconds between requests to one host
    retries: int = 3
    timeout: float = 20.0
    max_bytes: int = MAX_BYTES
    max_wait: float = 60.0  # longest Retry-After honoured
    cache_dir: Path | None = None
    cache_ttl: float = 24 * 3600
    user_agent: str = USER_AGENT
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, object] = field(default_factory=dict)
    _session: object = None
    _pruned: bool = False

    def __post_init__(self):
        import requests

        self._session = requests.Session()
        self._session.headers["User-Agent"] = self.user_agent
        self._session.headers["Accept"] = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"

    # ---- politeness -----------------------------------------------------
    def _wait_turn(self, host: str, extra: float = 0.0) -> None:
        gap = max(self.delay, extra)
        last = self._last.get(host)
        if last is not None:
            pause = last + gap - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def _robots_for(self, base: str):
        from protego import Protego

        if base not in self._robots:
            import requests

            try:
                r = self._request(base + "/robots.txt", check_robots=False)
                status, text = r.status_code, r.text
            except RolefitError as e:
                status, text = (503 if e.kind == "http_error" else 0), ""
            except requests.RequestException:
                status, text = 0, ""
            if 200 <= status < 300:
                rp = Protego.parse(text)
            elif 400 <= status < 500 or status == 0 and not text:
                rp = Protego.parse("")  # no robots.txt: everything allowed
            else:
                rp = Protego.parse("User-agent: *\nDisallow: /")  # robots.txt failing: stay out
            self._robots[base] = rp
        return self._robots[base]

    # ---- HTTP -----------------------------------------------------------
    def _request(self, url: str, check_robots: bool = True):
        import requests

        parts = urlsplit(url)
        host = parts.netloc
        crawl_delay = 0.0
        if check_robots:
            rp = self._robots_for(f"{parts.scheme}://{host}")
            if not rp.can_fetch(url, self.user_agent):
                raise Blocked(url, "robots.txt does not allow fetching this page")
            crawl_delay = float(rp.crawl_delay(self.user_agent) or 0)
        for attempt in range(self.retries + 1):
            self._wait_turn(host, crawl_delay)
            try:
                r = self._session.get(url, timeout=self.timeout, stream=True, allow_redirects=True)
            except requests.Timeout:
                if attempt < self.retries:
                    continue
                raise RolefitError(
                    f"{url}: timed out after {self.timeout:.0f}s ({attempt + 1} tries)", "timeout"
                ) from None
            except requests.RequestException as e:
                raise RolefitError(f"{url}: cannot connect ({type(e).__name__})", "network") from None
            if r.status_code == 429 or r.status_code >= 500:
                if attempt < self.retries:
                    wait = _retry_after(r.headers.get("Retry-After"))
                    wait = min(self.max_wait, wait if wait is not None else 2.0**attempt)
                    r.close()
                    time.sleep(wait)
                    continue
                raise RolefitError(f"{url}: server answered {r.status_code} after {attempt + 1} tries", "http_error")
            return r
        raise RolefitError(f"{url}: gave up", "http_error")

    def _read_capped(self, r, url: str) -> bytes:
        declared = r.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            r.close()
            raise BadInput(
                f"{url}: page is too large ({int(declared) / 1e6:.1f} MB; cap {self.max_bytes // 2**20} MB)",
                "too_large",
            )
        buf = bytearray()
        for chunk in r.iter_content(65536):
            buf += chunk
            if len(buf) > self.max_bytes:
                r.close()
                raise BadInput(f"{url}: page is too large (over {self.max_bytes // 2**20} MB)", "too_large")
        return bytes(buf)

    # ---- cache ----------------------------------------------------------
    def _cache_file(self, url: str) -> Path | None:
        if self.cache_dir is None:
            return None
        return Path(self.cache_dir) / (hashlib.sha256(url.encode()).hexdigest()[:32] + ".json")

    def fetch(self, url: str) -> Page:
        """One page, from the cache when fresh; errors are one-line ``RolefitError``s."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise BadInput(f"{url}: not an http(s) URL", "bad_input")
        cf = self._cache_file(url)
        if cf and cf.exists() and time.time() - cf.stat().st_mtime < self.cache_ttl:
            meta = json.loads(cf.read_text())
            return Page(
                data=cf.with_suffix(".body").read_bytes(),
                source=url,
                url=meta["url"],
                content_type=meta["content_type"],
            )
        r = self._request(url)
        if r.status_code in (401, 403, 407, 451):
            r.close()
            raise Blocked(url, f"the site refused automated access (HTTP {r.status_code})")
        if r.status_code >= 400:
            r.close()
            raise RolefitError(f"{url}: HTTP {r.status_code}", "http_error")
        ctype = (r.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        document = ctype in _DOCUMENT_TYPES
        if ctype and not (ctype.startswith("text/") or "html" in ctype or "xml" in ctype or document):
            r.close()
            raise BadInput(f"{url}: not a web page or a PDF/DOCX document ({ctype})", "not_html")
        data = self._read_capped(r, url)
        if document:
            # a job description published as a PDF or Word file is read as a text posting
            from rolefit.ingest.documents import document_page

            return document_page(data, url, url=r.url)
        charset = r.encoding if "charset" in (r.headers.get("Content-Type") or "").lower() else None
        page = Page(data=data, source=url, url=r.url, content_type=charset)
        if cf:
            cf.parent.mkdir(parents=True, exist_ok=True)
            self._prune_cache()
            cf.with_suffix(".body").write_bytes(data)
            cf.write_text(json.dumps({"url": r.url, "content_type": charset}))
        return page

    def _prune_cache(self) -> None:
        """Drop entries past their time, once per fetcher: a long crawl must not fill the disk."""
        if self._pruned or self.cache_dir is None:
            return
        self._pruned = True
        stale = time.time() - self.cache_ttl
        for f in Path(self.cache_dir).glob("*.*"):
            if f.suffix in (".json", ".body"):
                try:
                    if f.stat().st_mtime < stale:
                        f.unlink()
                except OSError:
                    pass  # another fetcher took it first


def _retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (a number or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def fetch_posting(fetcher: Fetcher, url: str):
    """Fetch and parse; a bot challenge or login wall becomes the 'blocked' message."""
    from rolefit.errors import NotAPosting
    from rolefit.parse import parse_page

    page = fetcher.fetch(url)
    try:
        return page, parse_page(page)
    except NotAPosting as e:
        if e.kind in ("bot_challenge", "login_wall"):
            raise Blocked(url, e.message) from None
        raise
