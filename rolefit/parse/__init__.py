"""Page -> Posting: structured data, site adapters, main content, sections, refusals."""

from __future__ import annotations

import re

from rolefit.errors import BadInput, NotAPosting, RolefitError
from rolefit.ingest.decode import decode
from rolefit.parse.blocks import text_to_blocks
from rolefit.parse.language import detect_language
from rolefit.parse.refuse import job_word_count
from rolefit.parse.sections import build_sections
from rolefit.types import Page, Posting

_HTML_SNIFF = re.compile(rb"<\s*(!doctype\s+html|html|head|body|div|meta|script|p|title|table|span)\b", re.I)


def is_html(data: bytes) -> bool:
    return bool(_HTML_SNIFF.search(data[:4096]))


def parse_text(text: str, source: str) -> Posting:
    """A plain-text or Markdown posting: the first heading or first line is the title."""
    blocks = text_to_blocks(text)
    if not blocks:
        raise BadInput(f"{source}: no text in file", "empty")
    first = blocks[0]
    title = first.text.strip().rstrip(":")
    rest = blocks[1:]
    words = sum(len(b.text.split()) for b in rest)
    if words < 30:
        raise NotAPosting("other", f"only {words} words after the title; too short to be a job posting")
    if len(title) > 150:
        raise NotAPosting("other", "the first line is too long to be a job title")
    if job_word_count(text) < 3:
        raise NotAPosting("other", "the text does not read like a job posting (no duties, requirements or role)")
    posting = Posting(source=source, title=title)
    posting.provenance["title"] = "text"
    posting.description, posting.sections = build_sections(rest)
    posting.provenance["description"] = "text"
    posting.provenance["sections"] = "heuristic"
    return posting


def parse_page(page: Page, *, allow_expired: bool = False) -> Posting:
    """Parse a ``Page`` (HTML, Markdown or plain text) into a ``Posting``.

    Raises ``NotAPosting`` for pages that are not a single posting and
    ``BadInput`` for bytes that are not text. Never raises anything else for
    bad input: unexpected failures are wrapped so a batch can go on.
    """
    try:
        is_text = (page.content_type or "").startswith("text/plain") or page.content_type == "text/markdown"
        text, _enc = decode(page.data, None if is_text else page.content_type)
        if "\x00" in text:
            text = text.replace("\x00", "")
        if not is_text and is_html(page.data):
            from rolefit.parse.html import parse_html

            posting = parse_html(text, page.source, allow_expired=allow_expired, url=page.url)
        else:
            posting = parse_text(text, page.source)
    except RolefitError:
        raise
    except RecursionError:
        raise BadInput(f"{page.source}: page is nested too deeply to read", "broken_html") from None
    except Exception as e:  # noqa: BLE001 - one odd page must not crash a batch
        raise BadInput(f"{page.source}: could not parse the page ({type(e).__name__}: {e})", "parse_error") from e
    posting.language = detect_language(posting.description) or posting.language
    if posting.language:
        posting.provenance.setdefault("language", "heuristic")
    return posting


__all__ = ["parse_page", "parse_text", "is_html", "detect_language", "build_sections", "NotAPosting"]
