"""Terminal rendering with rich. Everything a page supplied is printed as text, never markup."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from rolefit.types import REQUIREMENT_RANK, Posting

console = Console()


def _fields_table(p: dict[str, Any]) -> Table:
    t = Table.grid(padding=(0, 2))
    t.add_column(style="bold cyan")
    t.add_column()
    prov = p.get("provenance") or {}
    sal = p.get("salary")
    salary = None
    if sal:
        salary = sal.get("text") or " – ".join(
            f"{v:,.0f}" for v in (sal.get("minimum"), sal.get("maximum")) if v is not None
        ) + (f" {sal['currency']}" if sal.get("currency") else "") + (
            f" / {sal['period']}" if sal.get("period") else ""
        )
    for name, value, key in (
        ("title", p.get("title"), "title"),
        ("company", p.get("company"), "company"),
        ("location", p.get("location"), "locations"),
        ("workplace", p.get("workplace"), "workplace"),
        ("posted", p.get("date_posted"), "date_posted"),
        ("type", p.get("employment_type"), "employment_type"),
        ("salary", salary, "salary"),
        ("language", p.get("language"), "language"),
        ("url", p.get("url"), "url"),
    ):
        if value:
            t.add_row(name, escape(str(value)) + (f"  [dim]({prov[key]})[/dim]" if key in prov else ""))
    if p.get("expired"):
        t.add_row("expired", "[red]yes[/red]")
    return t


def show_posting(posting: Posting) -> None:
    p = posting.to_dict()
    console.print(Panel(_fields_table(p), title=escape(posting.source), expand=False))
    t = Table(title="sections", show_lines=False)
    t.add_column("kind", style="magenta")
    t.add_column("heading")
    t.add_column("starts with", overflow="fold")
    for s in posting.sections:
        t.add_row(s.kind, escape(s.heading or "—"), escape(" ".join(s.text.split()[:14])))
    console.print(t)


def show_classification(r: dict[str, Any]) -> None:
    p = r["posting"]
    console.print(Panel(_fields_table(p), title=escape(r["source"]), expand=False))
    if not r["in_scope"]:
        console.print(
            f"[bold]not a data/ML role[/bold] (p(in scope) = {r['in_scope_probability']:.2f})"
            + ("  [yellow]needs review[/yellow]" if r["needs_review"] else "")
        )
    else:
        cell = f"{r['work']['label']} × {r['output']['label']}"
        console.print(
            f"[bold green]{cell}[/bold green]  (p(in scope) = {r['in_scope_probability']:.2f})"
            + (
                "  [yellow]needs review: " + escape(", ".join(r["review_reasons"])) + "[/yellow]"
                if r["needs_review"]
                else ""
            )
        )
        for axis in ("work", "output"):
            a = r[axis]
            probs = "  ".join(f"{k} {v:.2f}" for k, v in sorted(a["probabilities"].items(), key=lambda kv: -kv[1]))
            console.print(f"  [cyan]{axis}[/cyan]: {probs}")
            for e in a["evidence"][:3]:
                console.print(f"    [dim]{e['weight']:+.2f}[/dim] {escape(e['text'][:140])}")
    if r.get("title_mismatch"):
        console.print(f"[yellow]title mismatch:[/yellow] {escape(r['title_mismatch'])}")
    skills = r.get("skills") or []
    if skills:
        by_req: dict[str, list[dict[str, Any]]] = {}
        for s in skills:
            by_req.setdefault(s["requirement"], []).append(s)
        for req in ("required", "preferred", "mentioned"):
            if req in by_req:
                names = list(dict.fromkeys(_asks(by_req[req])))
                console.print(f"  [bold]{req}[/bold]: " + escape(", ".join(names)))


def _asks(skills: list[dict[str, Any]]) -> list[str]:
    """Skill names, alternatives offered together as one ("XGBoost or LightGBM")."""
    out, done = [], set()
    for s in skills:
        if s["id"] in done:
            continue
        group = [s] + [o for o in skills if o["id"] in (s.get("alternatives") or ()) and o["id"] not in done]
        done.update(g["id"] for g in group)
        out.append(" or ".join(g["name"] for g in group))
    return out


def skill_rows(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per skill for a person: its strongest requirement, how often it is named, and
    the sentence of its strongest mention; required skills first, each kind in page order."""
    rows: dict[str, dict[str, Any]] = {}
    for m in mentions:
        key = m.get("id") or m["name"].lower()
        row = rows.get(key)
        if row is None:
            rows[key] = {**m, "count": 1}
            continue
        row["count"] += 1
        if REQUIREMENT_RANK[m["requirement"]] < REQUIREMENT_RANK[row["requirement"]]:
            row.update(requirement=m["requirement"], evidence=m["evidence"])
    return sorted(rows.values(), key=lambda r: (REQUIREMENT_RANK[r["requirement"]], r["start"]))


def show_skills(r: dict[str, Any]) -> None:
    rows = skill_rows(r["mentions"])
    t = Table(title=escape(r["source"]))
    width = max([len(m["name"]) for m in rows] + [5])
    skill_w = min(width, 28)
    t.add_column("skill", no_wrap=True, min_width=skill_w)
    t.add_column("category", no_wrap=True, min_width=9)
    t.add_column("requirement", no_wrap=True, min_width=11)
    t.add_column("×", justify="right", no_wrap=True, min_width=2)
    # the evidence takes what the other columns leave (rich would squeeze them to nothing)
    rest = max(20, console.width - skill_w - 9 - 11 - 2 - 16)
    t.add_column("evidence", overflow="ellipsis", no_wrap=True, max_width=rest)
    for m in rows:
        t.add_row(escape(m["name"]), m["category"], m["requirement"], str(m["count"]), escape(m["evidence"]))
    console.print(t)
    console.print(f"[dim]{len(rows)} skills in {len(r['mentions'])} mentions; --json lists every mention[/dim]")
