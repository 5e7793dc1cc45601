"""Every saved page parses to its golden (read by a person), or is refused with the right kind."""

from __future__ import annotations

import re
import unicodedata

import pytest

from rolefit.errors import NotAPosting
from rolefit.parse import parse_page
from rolefit.types import Page
from tests.conftest import golden_pages, page_bytes

GOLDENS = golden_pages()


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("’", "'").lower()
    return re.sub(r"\s+", " ", s).strip()


def location_matches(golden: str, parsed: str | None) -> bool:
    """The place a person read is the place parsed: its first named part appears in the parsed location."""
    if not parsed:
        return False
    if norm(golden) == "remote":
        return "remote" in norm(parsed)
    words = [w for w in re.findall(r"[^\W\d_]{3,}", norm(golden)) if w != "remote"]
    have = set(re.findall(r"[^\W\d_]{3,}", norm(parsed)))
    return bool(words) and words[0] in have


@pytest.mark.parametrize("g", [g for g in GOLDENS if g["kind"] == "posting"], ids=lambda g: g["file"])
def test_posting_parses_to_golden(g):
    posting = parse_page(Page(page_bytes(g["file"]), g["file"]))
    assert norm(posting.title) == norm(g["title"])
    assert norm(posting.company) == norm(g["company"])
    assert location_matches(g["location"], posting.location), (g["location"], posting.location)
    assert posting.description and len(posting.description.split()) > 50
    found = {norm(s.heading): s for s in posting.sections if s.heading}
    for want in g["sections"]:
        key = norm(want["heading"])
        assert key in found, f"missing heading {want['heading']!r}; have {list(found)}"
        sec = found[key]
        assert sec.kind == want["kind"], (want["heading"], sec.kind)
        if want["starts_with"]:
            assert norm(sec.text).lstrip("- ").startswith(norm(want["starts_with"])), sec.text[:80]
    for field in ("title", "description"):
        assert field in posting.provenance


def test_postings_without_their_structured_data_mostly_still_parse():
    """Generalisation: with every <script> removed (no JSON-LD, no embedded app state), the
    rendered page alone must still give the title and the sections' text for nearly all
    postings. Two pages put their whole description in scripts and cannot."""
    titles = starts = n_starts = 0
    postings = [g for g in GOLDENS if g["kind"] == "posting"]
    for g in postings:
        html = re.sub(
            r"<script\b[^>]*>.*?</script>", "", page_bytes(g["file"]).decode("utf-8", "replace"), flags=re.S | re.I
        )
        n_starts += len(g["sections"])
        try:
            posting = parse_page(Page(html.encode(), g["file"]))
        except NotAPosting:
            continue
        titles += norm(posting.title) == norm(g["title"])
        desc = norm(posting.description)
        starts += sum(norm(s["starts_with"]) in desc for s in g["sections"])
    assert titles >= len(postings) - 2, titles
    assert starts >= 0.95 * n_starts, (starts, n_starts)


@pytest.mark.parametrize("g", [g for g in GOLDENS if g["kind"] == "not_posting"], ids=lambda g: g["file"])
def test_non_posting_is_refused_with_kind(g):
    with pytest.raises(NotAPosting) as exc:
        parse_page(Page(page_bytes(g["file"]), g["file"]))
    assert exc.value.kind == g["reason"]
    assert str(exc.value).startswith("not a job posting: " + g["reason"].replace("_", " "))


def test_expired_posting_parses_on_request():
    posting = parse_page(Page(page_bytes("linkedin-expired-coolpeople-tester.html"), "x"), allow_expired=True)
    assert posting.expired is True
    assert posting.title == "Tester"
    assert posting.company == "CoolPeople"


def test_sections_offsets_point_into_description():
    posting = parse_page(Page(page_bytes("vercel-data-engineer.html"), "x"))
    for s in posting.sections:
        assert posting.description[s.start : s.end] == s.text
