"""One posting or many against a profile: matches, missing skills, transfers, the 80/20 cover."""

from __future__ import annotations

from typing import Any

from rolefit.errors import RolefitError


def gap_for_paths(
    paths: list[str],
    profile_path: str,
    on_error=None,
    store=None,
    cells: list[str] | None = None,
    any_role: bool = False,
    resources: str | None = None,
) -> dict[str, Any]:
    """Parse, classify and compare every posting (and, with ``store``, every saved one);
    return the ``--json`` record.

    ``on_error(path, error)`` is called for inputs that fail; the others go on. The 80/20
    plan counts the data/ML postings, those of ``cells`` only, or (``any_role``) all.
    ``resources``: the user's file of where to learn skills, read before the shipped one.
    """
    from rolefit.gap.many import cover_plan, target_reports
    from rolefit.gap.one import gap_report
    from rolefit.gap.render import gap_record
    from rolefit.ingest import expand_inputs
    from rolefit.pipeline import classify_posting, extract_skills, load_posting
    from rolefit.profile import load_profile

    profile = load_profile(profile_path)
    if resources:
        from rolefit.gap.resources import check_user_resources

        check_user_resources(resources)
    reports = []

    def postings():
        for path in expand_inputs(paths) if paths else []:
            yield path, lambda path=path: load_posting(path)
        for pid, posting in store.postings() if store is not None else []:
            yield f"store:{pid}", lambda posting=posting: posting

    for path, get in postings():
        try:
            posting = get()
            c = classify_posting(posting)
            cell = f"{c.work.label}/{c.output.label}" if c.in_scope else None
            reports.append(gap_report(posting, extract_skills(posting), profile, cell, resources))
        except RolefitError as e:
            if on_error is None:
                raise
            on_error(path, e)
    plan = None
    if len(reports) > 1:
        targets, named = target_reports(reports, cells, any_role)
        if targets:
            plan = cover_plan(targets)
            plan.targets, plan.left_out = named, len(reports) - len(targets)
    return gap_record(profile, reports, plan)
