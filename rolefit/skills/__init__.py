"""Skills: the taxonomy, extraction from postings and resumes, requirement tagging."""

from __future__ import annotations

from rolefit.types import REQUIREMENT_RANK, Posting, SkillMention


def extract_posting_skills(posting: Posting, extra: str | None = None) -> list[SkillMention]:
    """Skills a posting names, tagged required / preferred / mentioned."""
    from rolefit.skills.extract import extract_posting

    return extract_posting(posting, extra)


def unique_skills(mentions: list[SkillMention]) -> list[SkillMention]:
    """One mention per taxonomy skill (unlisted spans dropped): the strongest requirement wins,
    and among equals a mention asking for the skill itself beats one offering it as an
    alternative ("Python is a must" over "Python or Scala")."""
    rank = REQUIREMENT_RANK
    best: dict[str, SkillMention] = {}
    for m in mentions:
        if m.id.startswith("unlisted:"):
            continue
        if m.id not in best or (rank[m.requirement], bool(m.alternatives)) < (
            rank[best[m.id].requirement],
            bool(best[m.id].alternatives),
        ):
            best[m.id] = m
    return list(best.values())
