"""The library calls behind the CLI: path -> Posting -> Classification -> record.

Notebooks and tests call these too, so the CLI stays a thin shell.
"""

from __future__ import annotations

from typing import Any

from rolefit.types import SCHEMA_VERSION, Classification, Posting, SkillMention


def load_posting(path: str, *, allow_expired: bool = False) -> Posting:
    """Read and parse one input (a file path or ``-``); a JSON file holding one posting's fields
    (a scraper's record, a JSON-LD JobPosting) is that posting."""
    from rolefit.ingest import read_page
    from rolefit.parse import parse_page

    return _json_posting(path) or parse_page(read_page(path), allow_expired=allow_expired)


def _json_posting(path: str) -> Posting | None:
    """The one posting a ``.json``/``.jsonl`` file holds; ``None`` for any other input."""
    from itertools import islice
    from pathlib import Path

    from rolefit.errors import BadInput
    from rolefit.score.inputs import JSON_SUFFIXES, posting_from_record, table_items

    p = Path(path)
    if p.suffix.lower() not in JSON_SUFFIXES or not p.is_file():
        return None
    items = list(islice(table_items(p), 2))
    if len(items) == 1 and items[0].error is not None:
        raise items[0].error
    if len(items) != 1:
        raise BadInput(
            f"{path}: {'no posting' if not items else 'several postings'} in this JSON export; "
            f"score it with `rolefit score {path} --out scored.jsonl` or save it with `rolefit add`",
            "bad_input",
        )
    return posting_from_record(items[0].record, str(path))


def input_skills(path: str, extra: str | None = None) -> tuple[str, str, list[SkillMention]]:
    """``(source, text, mentions)`` for one input, offsets into ``text``: a page is parsed first,
    a text file is read as is, a JSON posting is its description."""
    from rolefit.ingest import read_page
    from rolefit.skills.extract import extract_page, extract_posting

    posting = _json_posting(path)
    if posting is not None:
        return path, posting.description, extract_posting(posting, extra)
    page = read_page(path)
    return (page.source, *extract_page(page, extra))


def classify_posting(posting: Posting) -> Classification:
    """Place a posting on the grid with the shipped model."""
    from rolefit.classify import classify

    return classify(posting)


def extract_skills(posting: Posting) -> list[SkillMention]:
    """Skills the posting asks for, tagged required / preferred / mentioned."""
    from rolefit.skills import extract_posting_skills, unique_skills

    return unique_skills(extract_posting_skills(posting))


def posting_record(posting: Posting) -> dict[str, Any]:
    """The ``rolefit parse --json`` object."""
    return {"schema_version": SCHEMA_VERSION, "source": posting.source, "posting": posting.to_dict()}


def classification_record(
    posting: Posting, result: Classification, skills: list[SkillMention] | None = None
) -> dict[str, Any]:
    """The ``rolefit classify --json`` object; batch rows use the same schema."""

    def axis(a):
        return {
            "label": a.label,
            "probabilities": {k: round(v, 4) for k, v in a.probabilities.items()},
            "evidence": [{"text": e.text, "weight": round(e.weight, 4)} for e in a.evidence],
        }

    return {
        "schema_version": SCHEMA_VERSION,
        "source": posting.source,
        "posting": posting.to_dict(),
        "in_scope": result.in_scope,
        "in_scope_probability": round(result.in_scope_probability, 4),
        "work": axis(result.work),
        "output": axis(result.output),
        "cell": f"{result.work.label}/{result.output.label}" if result.in_scope else None,
        "needs_review": result.needs_review,
        "review_reasons": result.review_reasons,
        "title_suggests": result.title_suggests,
        "title_mismatch": result.title_mismatch,
        "skills": [
            {
                "id": s.id,
                "name": s.name,
                "category": s.category,
                "requirement": s.requirement,
                "evidence": s.evidence,
                "alternatives": s.alternatives,
                "years": s.years,
            }
            for s in (skills or [])
        ],
        "model": result.model,
    }


def skills_record(source: str, text: str, mentions: list[SkillMention]) -> dict[str, Any]:
    """The ``rolefit skills --json`` object: mentions with character offsets into ``text``."""
    return {
        "schema_version": SCHEMA_VERSION,
        "source": source,
        "mentions": [
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "id": m.id,
                "name": m.name,
                "category": m.category,
                "requirement": m.requirement,
                "evidence": m.evidence,
                "alternatives": m.alternatives,
                "years": m.years,
            }
            for m in mentions
        ],
    }


def error_record(source: str, kind: str, message: str) -> dict[str, Any]:
    """What a batch writes for an input that failed."""
    return {"schema_version": SCHEMA_VERSION, "source": source, "error": {"kind": kind, "message": message}}
