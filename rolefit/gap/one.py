"""The gap between one posting and a profile.

Score (also printed in the README and every report):

    coverage(kind) = (matched + 0.5 × transferable) / skills of that kind in the posting
    score = 100 × (0.75 × coverage(required) + 0.25 × coverage(preferred))

with the whole weight on whichever kind exists when the posting lists only
one; no score when it lists neither. "Mentioned" skills (named in duties,
not asked for) are shown but do not count.
"""

from __future__ import annotations

from rolefit.gap.centrality import centrality
from rolefit.gap.resources import resources_for
from rolefit.types import REQUIREMENT_RANK, GapItem, GapReport, Posting, Profile, SkillMention

REQUIRED_WEIGHT = 0.75
TRANSFER_CREDIT = 0.5


def _coverage(matched: int, transferable: int, total: int) -> float | None:
    return (matched + TRANSFER_CREDIT * transferable) / total if total else None


def score_formula() -> str:
    return (
        "score = 100 × (0.75 × coverage(required) + 0.25 × coverage(preferred)), "
        "coverage = (matched + 0.5 × transferable) / asked; the whole weight goes to the kind that exists "
        "when a posting lists only one"
    )


def gap_report(posting: Posting, skills: list[SkillMention], profile: Profile, cell: str | None = None) -> GapReport:
    """Compare a posting's skills (one per skill, strongest requirement) with a profile."""
    from rolefit.skills.taxonomy import load_taxonomy

    tax = load_taxonomy()
    have = {s.id: s for s in profile.skills}
    matched, transferable, missing, mentioned = [], [], [], []
    counts = {"required": [0, 0, 0], "preferred": [0, 0, 0]}  # total, matched, transferable
    for m in skills:
        item = GapItem(
            id=m.id,
            name=m.name,
            category=m.category,
            requirement=m.requirement,
            posting_evidence=m.evidence,
            centrality=centrality(m.id, cell),
        )
        sk = tax.skills.get(m.id)
        if m.id in have:
            item.profile_evidence = have[m.id].evidence
            bucket = matched
        else:
            rel = [have[r] for r in (sk.related if sk else []) if r in have]
            if rel:
                item.via = rel[0].name
                item.profile_evidence = rel[0].evidence
                bucket = transferable
            else:
                item.resources = resources_for(m.id)
                bucket = missing
        if m.requirement == "mentioned":
            (mentioned if bucket is missing else bucket).append(item)
            continue
        bucket.append(item)
        c = counts[m.requirement]
        c[0] += 1
        c[1] += bucket is matched
        c[2] += bucket is transferable
    missing.sort(key=lambda i: (REQUIREMENT_RANK[i.requirement], -i.centrality, i.name.lower()))
    req = _coverage(counts["required"][1], counts["required"][2], counts["required"][0])
    pref = _coverage(counts["preferred"][1], counts["preferred"][2], counts["preferred"][0])
    if req is not None and pref is not None:
        score = 100 * (REQUIRED_WEIGHT * req + (1 - REQUIRED_WEIGHT) * pref)
    elif req is not None or pref is not None:
        score = 100 * (req if req is not None else pref)
    else:
        score = None
    return GapReport(
        source=posting.source,
        title=posting.title,
        company=posting.company,
        cell=cell,
        required_total=counts["required"][0],
        required_matched=counts["required"][1],
        preferred_total=counts["preferred"][0],
        preferred_matched=counts["preferred"][1],
        matched=matched,
        transferable=transferable,
        missing=missing,
        mentioned=mentioned,
        score=round(score, 1) if score is not None else None,
    )
