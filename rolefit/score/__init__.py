"""Batch scoring of many postings: inputs, the resumable engine, output writers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any


def finish(out: Path, cell: str | None = None, profile: str | None = None) -> int:
    """Write ``out`` from the completed journal, filtered to a grid cell and ranked by fit; return the row count.

    Rows stream from the journal to the output; ranking keeps only (score, line offset)
    per posting in memory and reads the rows again in ranked order.
    """
    from rolefit.score.engine import journal_path
    from rolefit.score.writers import iter_rows, out_format, write_output

    journal = journal_path(out)

    def selected() -> Iterator[dict[str, Any]]:
        for r in iter_rows(journal):
            if not cell or r.get("cell") == cell:
                yield r

    if not profile and not cell and out_format(out) == "jsonl":
        # the journal's lines are already the output's (same JSON, same order): copy the bytes
        import shutil

        tmp = out.with_name(out.name + ".tmp")
        shutil.copyfile(journal, tmp)
        tmp.replace(out)
        with open(out, "rb") as f:
            return sum(1 for line in f if line.strip())
    if not profile:
        return write_output(selected(), out)
    ranked = rank_offsets(journal, cell, profile)
    return write_output(rows_at(journal, ranked), out)


def rank_offsets(journal: Path, cell: str | None, profile_path: str) -> list[tuple[int, float | None]]:
    """(line offset, fit score) of the selected rows, best fit first."""
    import json

    from rolefit.gap.one import gap_report
    from rolefit.profile import load_profile
    from rolefit.skills.taxonomy import load_taxonomy
    from rolefit.types import Posting, SkillMention

    profile = load_profile(profile_path)
    tax = load_taxonomy()
    scored: list[tuple[int, float | None]] = []
    with open(journal, "rb") as f:
        offset = 0
        for line in f:
            here, offset = offset, offset + len(line)
            if not line.strip():
                continue
            r = json.loads(line)
            if cell and r.get("cell") != cell:
                continue
            if "error" in r:
                scored.append((here, None))
                continue
            skills = [
                SkillMention(
                    id=s["id"],
                    name=s["name"],
                    category=(tax.skills[s["id"]].category if s["id"] in tax.skills else ""),
                    requirement=s["requirement"],
                    start=0,
                    end=0,
                    text=s["name"],
                    evidence=s["evidence"],
                    alternatives=s.get("alternatives") or [],  # rows of older versions have neither
                    years=s.get("years"),
                )
                for s in r["skills"]
            ]
            scored.append((here, gap_report(Posting.from_dict(r["posting"]), skills, profile, r.get("cell")).score))
    return sorted(scored, key=lambda t: (t[1] is None, -(t[1] or 0)))


def rows_at(journal: Path, ranked: list[tuple[int, float | None]]) -> Iterator[dict[str, Any]]:
    import json

    with open(journal, "rb") as f:
        for offset, score in ranked:
            f.seek(offset)
            row = json.loads(f.readline())
            row["fit_score"] = score
            yield row
