"""Many postings against one profile: the 80/20 view and the cells the profile fits best."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rolefit.types import GapReport


@dataclass
class CoverStep:
    skill_id: str
    name: str
    unlocks: int  # postings fully unlocked by adding this skill (given the ones before)
    unlocked_total: int
    needed_by: int  # postings that ask for it


@dataclass
class CoverPlan:
    postings: int  # the target postings the plan counts
    already_unlocked: int
    steps: list[CoverStep] = field(default_factory=list)
    targets: str = "all postings"  # which postings are targets, in words
    left_out: int = 0  # postings compared but not targets
    cell_fit: dict[str, float] = field(default_factory=dict)  # mean score per grid cell
    cell_counts: dict[str, int] = field(default_factory=dict)


def target_reports(
    reports: list[GapReport], cells: list[str] | None = None, any_role: bool = False
) -> tuple[list[GapReport], str]:
    """The postings an 80/20 plan should unlock, and how to name them.

    By default the data/ML postings (those with a grid cell): rolefit is for people aiming at
    those jobs, and a nursing post among the inputs should not steer the plan. ``cells`` keeps
    some cells only; ``any_role`` counts every posting.
    """
    if any_role:
        return list(reports), "postings"
    if cells:
        return [r for r in reports if r.cell in cells], " or ".join(cells) + " postings"
    return [r for r in reports if r.cell], "data/ML postings"


def _name(skill_id: str) -> str:
    from rolefit.skills.taxonomy import load_taxonomy

    sk = load_taxonomy().skills.get(skill_id)
    return sk.name if sk else skill_id


def cover_plan(reports: list[GapReport], max_skills: int = 10) -> CoverPlan:
    """Greedy cover: the few missing required skills that unlock the most postings.

    A posting is unlocked when every skill it requires is matched or transferable (an ask of
    alternatives, "XGBoost or LightGBM", by any one of them).
    Each step adds the skill with the most progress, Σ 1/|still missing| over the
    postings that need it (a skill that completes a posting counts fully), and
    records how many postings become fully unlocked.
    """
    # each posting's missing required asks; an ask offering alternatives is met by any of them
    remaining = [{frozenset(i.one_of or [i.id]) for i in r.missing if i.requirement == "required"} for r in reports]
    names = {i.id: i.name for r in reports for i in r.missing if not i.one_of}
    plan = CoverPlan(postings=len(reports), already_unlocked=sum(not m for m in remaining))
    unlocked = plan.already_unlocked
    for _ in range(max_skills):
        gain: dict[str, float] = defaultdict(float)
        need: dict[str, int] = defaultdict(int)
        for miss in remaining:
            for sid in set().union(*miss):
                gain[sid] += sum(sid in ask for ask in miss) / len(miss)
                need[sid] += 1
        if not gain:
            break
        best = max(gain, key=lambda s: (gain[s], need[s], names.get(s, s)))
        newly = 0
        for miss in remaining:
            met = {ask for ask in miss if best in ask}
            if met:
                miss -= met
                newly += not miss
        unlocked += newly
        plan.steps.append(CoverStep(best, names.get(best) or _name(best), newly, unlocked, need[best]))
    scores: dict[str, list[float]] = defaultdict(list)
    for r in reports:
        if r.cell and r.score is not None:
            scores[r.cell].append(r.score)
    plan.cell_fit = dict(sorted(((c, round(sum(v) / len(v), 1)) for c, v in scores.items()), key=lambda kv: -kv[1]))
    plan.cell_counts = {c: len(v) for c, v in scores.items()}
    return plan
