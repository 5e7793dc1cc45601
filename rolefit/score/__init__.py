"""Batch scoring of many postings: inputs, the resumable engine, output writers."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def finish(out: Path, cell: str | None = None, profile: str | None = None) -> list[dict[str, Any]]:
    """Rows of the completed journal, filtered to a grid cell and ranked by fit; write ``out``."""
    from rolefit.score.engine import journal_path
    from rolefit.score.writers import iter_rows, write_output

    rows = list(iter_rows(journal_path(out)))
    if cell:
        rows = [r for r in rows if r.get("cell") == cell]
    if profile:
        rows = rank_by_fit(rows, profile)
    write_output(rows, out)
    return rows


def rank_by_fit(rows: list[dict[str, Any]], profile_path: str) -> list[dict[str, Any]]:
    """Add ``fit_score`` (the gap score, see ``rolefit.gap.one``) and sort best first."""
    from rolefit.gap.one import gap_report
    from rolefit.profile import load_profile
    from rolefit.skills.taxonomy import load_taxonomy
    from rolefit.types import Posting, SkillMention

    profile = load_profile(profile_path)
    tax = load_taxonomy()
    for r in rows:
        if "error" in r:
            r["fit_score"] = None
            continue
        skills = []
        for s in r["skills"]:
            sk = tax.skills.get(s["id"])
            skills.append(SkillMention(id=s["id"], name=s["name"], category=sk.category if sk else s.get("category", ""),
                                       requirement=s["requirement"], start=0, end=0, text=s["name"], evidence=s["evidence"]))
        rep = gap_report(Posting.from_dict(r["posting"]), skills, profile, r.get("cell"))
        r["fit_score"] = rep.score
    return sorted(rows, key=lambda r: (r.get("fit_score") is None, -(r.get("fit_score") or 0)))
