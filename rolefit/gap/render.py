"""Gap reports for scripts (JSON), people (terminal) and pages (self-contained HTML)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from rolefit.gap.many import CoverPlan
from rolefit.gap.one import score_formula
from rolefit.types import OUTPUT_LABELS, SCHEMA_VERSION, WORK_LABELS, GapReport, Profile


def gap_record(profile: Profile, reports: list[GapReport], plan: CoverPlan | None) -> dict[str, Any]:
    """The ``rolefit gap --json`` object."""
    return {
        "schema_version": SCHEMA_VERSION,
        "profile": {"source": profile.source, "skills": [s.name for s in profile.skills]},
        "score_formula": score_formula(),
        "postings": [asdict(r) for r in reports],
        "cover": asdict(plan) if plan else None,
    }


def show_gap(record: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    for r in record["postings"]:
        head = f"[bold]{escape(r['title'] or r['source'])}[/bold]" + (
            f" — {escape(r['company'])}" if r["company"] else ""
        )
        console.print(head + (f"  [dim]{r['cell']}[/dim]" if r["cell"] else ""))
        console.print(
            f"  {r['required_matched']} of {r['required_total']} required, {r['preferred_matched']} of "
            f"{r['preferred_total']} preferred; score {r['score'] if r['score'] is not None else '—'}"
        )
        if len(record["postings"]) > 1:
            continue
        t = Table(show_header=True, header_style="bold")
        for col in ("", "skill", "asked", "posting says", "you have"):
            t.add_column(col, overflow="fold")
        for label, key, style in (("✓", "matched", "green"), ("≈", "transferable", "yellow"), ("✗", "missing", "red")):
            for i in r[key]:
                mine = i["profile_evidence"] or ""
                if i["via"]:
                    mine = f"{i['via']}: {mine}"
                if years_short(i):
                    mine = f"{years_short(i)}; {mine}"
                if key == "missing" and i["resources"]:
                    mine = "learn: " + i["resources"][0]["url"]
                t.add_row(
                    f"[{style}]{label}[/{style}]",
                    escape(i["name"]),
                    i["requirement"],
                    escape(i["posting_evidence"][:80]),
                    escape(mine[:80]),
                )
        console.print(t)
    plan = record.get("cover")
    if plan and plan["steps"]:
        console.print(
            f"\n[bold]80/20[/bold] over {plan['postings']} {escape(plan['targets'])}"
            + (f" ({plan['left_out']} others left out; --any-role counts them)" if plan["left_out"] else "")
            + f": {plan['already_unlocked']} of {plan['postings']} are within reach now"
        )
        for s in plan["steps"]:
            console.print(
                f"  + {escape(s['name'])}: unlocks {s['unlocks']} more ({s['unlocked_total']} of {plan['postings']}); asked by {s['needed_by']}"
            )
    if plan and plan["cell_fit"]:
        console.print("best-fitting cells: " + ", ".join(f"{c} ({v})" for c, v in plan["cell_fit"].items()))
    console.print(f"[dim]{record['score_formula']}[/dim]")


def years_short(item: dict[str, Any]) -> str | None:
    """ "asks 4+ years, you have 2" when the profile says fewer years than the posting asks."""
    asked, have = item.get("years_asked"), item.get("years_have")
    if asked is None or have is None or have >= asked:
        return None
    return f"asks {asked:g}+ years, you have {have:g}"


def _safe_url(url: str) -> str:
    return url if url.startswith(("https://", "http://")) else "#"


def gap_html(record: dict[str, Any]) -> str:
    """One self-contained page: the grid picture and the gap tables, every page string escaped."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("rolefit.report", "templates"), autoescape=select_autoescape(["html", "j2"]))
    env.filters["safe_url"] = _safe_url
    env.filters["years_short"] = years_short
    grid_counts: dict[str, int] = {}
    grid_scores: dict[str, list[float]] = {}
    for r in record["postings"]:
        if r["cell"]:
            grid_counts[r["cell"]] = grid_counts.get(r["cell"], 0) + 1
            if r["score"] is not None:
                grid_scores.setdefault(r["cell"], []).append(r["score"])
    grid = [
        [
            {
                "cell": f"{w}/{o}",
                "n": grid_counts.get(f"{w}/{o}", 0),
                "score": round(sum(grid_scores[f"{w}/{o}"]) / len(grid_scores[f"{w}/{o}"]), 1)
                if f"{w}/{o}" in grid_scores
                else None,
            }
            for o in OUTPUT_LABELS
        ]
        for w in WORK_LABELS
    ]
    return env.get_template("gap.html.j2").render(r=record, grid=grid, works=WORK_LABELS, outputs=OUTPUT_LABELS)
