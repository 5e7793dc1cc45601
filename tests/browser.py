"""A real headless Chromium (Debian's) driven by Playwright, for the HTML reports."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@dataclass
class Rendered:
    errors: list[str]
    text: str
    pwned: object


def render_page(html: Path, screenshot: Path) -> Rendered:
    """Open a page, take a full-page screenshot, collect console errors and the visible text."""
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(Path(html).resolve().as_uri())
        page.screenshot(path=str(screenshot), full_page=True)
        text = page.inner_text("body")
        pwned = page.evaluate("window.__pwned")
        browser.close()
    return Rendered(errors, text, pwned)
