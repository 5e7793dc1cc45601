"""Page -> Posting: structured data, site adapters, main content, sections, refusals."""

from __future__ import annotations

import re

from rolefit.errors import BadInput, NotAPosting, RolefitError
from rolefit.ingest.decode import decode
from rolefit.parse.blocks import text_to_blocks
from rolefit.parse.language import detect_language
from rolefit.parse.refuse import job_word_count, other_document, posting_voice
from rolefit.parse.sections import POSTING_PARTS, build_sections, heading_kind
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
    posting = Posting(source=source, title=title)
    posting.provenance["title"] = "text"
    _title_line_fields(posting)
    if rest and heading_kind(rest[0].text) is None:
        _byline_fields(posting, rest[0].text)
    _label_fields(posting, rest)
    posting.description, posting.sections = build_sections(rest)
    # A file the user gave is refused only on clear signs: none of the words postings use (in
    # six languages), no heading naming a posting's part, nothing said to a candidate. Asking
    # for more refused 103 of the corpus's 12,389 real postings (short recruiter notes); this, 7.
    parts = sum(1 for s in posting.sections if s.heading and s.kind in POSTING_PARTS)
    if job_word_count(text) == 0 and parts == 0 and not posting_voice(text):
        raise NotAPosting("other", "the text does not read like a job posting (no duties, requirements or role)")
    other = other_document(title, text)
    if other:
        raise NotAPosting(*other)
    posting.provenance["description"] = "text"
    posting.provenance["sections"] = "heuristic"
    return posting


# "Company: Acme", "Location – Berlin", "Standort: Wien": the label lines of a text's header
_LABEL_LINE = re.compile(
    r"^\**\s*(?P<label>company|employer|organi[sz]ation|hiring company|firma|unternehmen|entreprise|empresa|"
    r"location|job location|locations?|where|based in|standort|arbeitsort|ort|lieu|localisation|ubicaci[oó]n|"
    r"local|employment type|job type|contract type|type|anstellungsart|"
    # a dash separates only with spaces round it: "Location – Berlin", not "Remote-first culture"
    r"workplace|work model|remote)\s*\**(?:\s*[:：]|\s+[–—-]\s)\s*\**\s*(?P<value>[^\n]{2,80}?)\s*\**$",
    re.I,
)
_LABEL_FIELD = {
    **dict.fromkeys(
        ["company", "employer", "organisation", "organization", "hiring company", "firma", "unternehmen"]
        + ["entreprise", "empresa"],
        "company",
    ),
    **dict.fromkeys(
        ["location", "job location", "locations", "where", "based in", "standort", "arbeitsort", "ort", "lieu"]
        + ["localisation", "ubicación", "ubicacion", "local"],
        "locations",
    ),
    **dict.fromkeys(["employment type", "job type", "contract type", "type", "anstellungsart"], "employment_type"),
    **dict.fromkeys(["workplace", "work model", "remote"], "workplace"),
}


_TITLE_LINE_SPLIT = re.compile(r"\s+[|·•]\s+")
_TITLE_AT = re.compile(r"^(?P<title>.{3,80}?)\s+(?:at|@)\s+(?P<company>[A-Z][\w&.,' -]{0,40})$")
_EMPLOYMENT_WORDS = re.compile(
    r"^(full[- ]?time|part[- ]?time|contract(or)?|temporary|internship|intern|freelance|permanent)$", re.I
)
# "Engineering · Full-time · Remote": a team's name is not the employer's
_DEPARTMENT = re.compile(
    r"^(engineering|data|data science|data & analytics|analytics|product|design|marketing|sales|operations|"
    r"finance|research|people|hr|legal|it|security|infrastructure|platform|technology|tech|r&d)$",
    re.I,
)
_PLACE_WORDS = re.compile(r"\b(remote|hybrid|on-?site|worldwide|anywhere)\b|,|\((EU|US|UK|EMEA|APAC)\)", re.I)


def _title_line_fields(posting: Posting) -> None:
    """A first line that packs more than the title: "Title | Company | Remote (EU)", "Title at Company"."""
    from rolefit.parse import fields as F

    line = posting.title or ""
    parts = _packed_parts(line)
    if parts:
        posting.title = parts[0]
        _part_fields(posting, parts[1:])
        return
    m = _TITLE_AT.match(line)
    if m:
        posting.title, posting.company = m.group("title").strip(), F.company_name(m.group("company").strip())
        posting.provenance["company"] = "text"


def _byline_fields(posting: Posting, line: str) -> None:
    """The line under the title, when it packs the company and place: "**Acme** · Dublin (Hybrid)"."""
    parts = _packed_parts(line)
    if parts and not line.rstrip().endswith((".", ":")):
        _part_fields(posting, parts)


def _packed_parts(line: str) -> list[str]:
    """A line's 2–4 short parts between bars or middle dots, without Markdown emphasis; else none."""
    parts = [p.strip().strip("*_").strip() for p in _TITLE_LINE_SPLIT.split(line)]
    return parts if 2 <= len(parts) <= 4 and all(0 < len(p) <= 60 for p in parts) else []


def _part_fields(posting: Posting, parts: list[str]) -> None:
    """Employment type, place and company from the parts of a packed line, each field once."""
    from rolefit.parse import fields as F

    for part in parts:
        if _EMPLOYMENT_WORDS.match(part):
            posting.employment_type = posting.employment_type or F.employment_type(part)
            posting.provenance.setdefault("employment_type", "text")
        elif _PLACE_WORDS.search(part) and not posting.locations:
            posting.locations = [part]
            posting.provenance["locations"] = "text"
            if F.workplace(part):
                posting.workplace = F.workplace(part)
                posting.provenance["workplace"] = "text"
        elif not posting.company and not _PLACE_WORDS.search(part) and not _DEPARTMENT.match(part):
            posting.company = F.company_name(part)
            posting.provenance["company"] = "text"


def _label_fields(posting: Posting, blocks) -> None:
    """Company, location, employment type and workplace from label lines before the first section."""
    from rolefit.parse import fields as F
    from rolefit.parse.sections import heading_kind

    for b in blocks[:15]:
        if b.kind == "h" and heading_kind(b.text) is not None:
            break  # the posting's parts begin: labels there are part of the text
        m = _LABEL_LINE.match(b.text.strip())
        if not m:
            continue
        field = _LABEL_FIELD.get(m.group("label").lower())
        value = m.group("value").strip(" *_")
        if field == "company" and not posting.company:
            posting.company = F.company_name(value)
        elif field == "locations" and not posting.locations:
            posting.locations = [value]
            if not posting.workplace and F.workplace(value):
                posting.workplace = F.workplace(value)
                posting.provenance["workplace"] = "text"
        elif field == "employment_type" and not posting.employment_type:
            posting.employment_type = F.employment_type(value)
        elif field == "workplace" and not posting.workplace:
            posting.workplace = F.workplace(value) or F.workplace(f"{m.group('label')} {value}")
        else:
            continue
        posting.provenance.setdefault(field, "text")


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
