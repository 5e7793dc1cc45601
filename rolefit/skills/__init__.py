"""Skill extraction (issue 8 builds the taxonomy and the extractor)."""

from __future__ import annotations

from rolefit.types import Posting, SkillMention


def extract_posting_skills(posting: Posting) -> list[SkillMention]:
    """Skills mentioned in a posting. Empty until the skills taxonomy lands (issue 8)."""
    return []
