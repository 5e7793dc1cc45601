"""The gap between one posting and a profile.

Score (also printed in the README and every report):

    coverage(kind) = (matched + 0.5 × transferable) / skills of that kind in the posting
    score = 100 × (0.75 × coverage(required) + 0.25 × coverage(preferred))

with the whole weight on whichever kind exists when the posting lists only
one; no score when it lists neither. "Mentioned" skills (named in duties,
not asked for) are shown but do not count. Skills offered as alternatives
("XGBoost or LightGBM") are one ask, met by any one of them.
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
        "when a posting lists only one; skills offered as alternatives (A or B) are one ask, met by either"
    )


def asks(skills: list[SkillMention]) -> list[list[SkillMention]]:
    """The posting's asks, in order: one skill each, or several offered as alternatives
    ("XGBoost or LightGBM"), which one of them meets. An alternative to a skill the posting
    also asks for on its own is no ask of its own: that skill meets it."""
    alone = {m.id for m in skills if not m.alternatives}
    groups: dict[frozenset[str], list[SkillMention]] = {}
    out: list[list[SkillMention]] = []
    for m in skills:
        if not m.alternatives or m.requirement == "mentioned":
            out.append([m])
            continue
        key = frozenset([m.id, *m.alternatives])
        if key & alone:
            continue  # "Python or Scala" where Python is asked anyway
        if key not in groups:
            groups[key] = []
            out.append(groups[key])
        groups[key].append(m)
    return out


def gap_report(
    posting: Posting,
    skills: list[SkillMention],
    profile: Profile,
    cell: str | None = None,
    resources: str | None = None,
) -> GapReport:
    """Compare a posting's asks (one per skill, strongest requirement; alternatives as one ask)
    with a profile. ``resources``: the user's own file of where to learn skills."""
    from rolefit.skills.taxonomy import load_taxonomy

    tax = load_taxonomy()
    have = {s.id: s for s in profile.skills}
    matched, transferable, missing, mentioned = [], [], [], []
    counts = {"required": [0, 0, 0], "preferred": [0, 0, 0]}  # total, matched, transferable
    for ask in asks(skills):
        first = ask[0]
        requirement = min((m.requirement for m in ask), key=REQUIREMENT_RANK.__getitem__)
        item = GapItem(
            id="|".join(m.id for m in ask),
            name=" or ".join(m.name for m in ask),
            category=first.category,
            requirement=requirement,
            posting_evidence=first.evidence,
            centrality=max(centrality(m.id, cell) for m in ask),
            one_of=[m.id for m in ask] if len(ask) > 1 else [],
        )
        mine = next((have[m.id] for m in ask if m.id in have), None)
        related = (have[r] for m in ask for r in (tax.skills[m.id].related if m.id in tax.skills else []) if r in have)
        via = None if mine is not None else next(related, None)
        if mine is not None:
            item.profile_evidence = mine.evidence
            item.years_asked = max((m.years for m in ask if m.years), default=None)
            item.years_have = mine.years
            bucket = matched
        elif via is not None:
            item.via = via.name
            item.profile_evidence = via.evidence
            bucket = transferable
        else:
            item.resources = next((r for m in ask if (r := resources_for(m.id, resources))), [])
            bucket = missing
        if requirement == "mentioned":
            (mentioned if bucket is missing else bucket).append(item)
            continue
        bucket.append(item)
        c = counts[requirement]
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
