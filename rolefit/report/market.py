"""``rolefit report``: a market report from scored postings — one self-contained HTML page plus figures."""

from __future__ import annotations

import io
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from rolefit.types import OUTPUT_LABELS, WORK_LABELS

_SENIORITY = re.compile(
    # a suffix after a spaced dash, a bar or a comma goes ("- Ads", "| Remote"); "Full-Stack" stays
    r"\b(senior|sr\.?|junior|jr\.?|lead|principal|staff|head of|intern|i{1,3}|iv|\d)\b|\(.*?\)|"
    r"\s[-–—]\s.*$|[|,].*$",
    re.I,
)


def title_key(title: str | None) -> str:
    """A title with seniority and suffixes removed: "Senior Data Scientist (Remote) - Ads" -> "data scientist"."""
    t = _SENIORITY.sub(" ", (title or "").lower())
    return " ".join(t.split())


# Asked of nearly every posting, whatever its cell: shown apart so that the tools and methods
# that tell cells apart lead each list.
BACKGROUND = frozenset({"degree", "domain", "spoken_language", "soft_skill"})


def _category(skill: dict[str, Any]) -> str:
    """A skill's category; rows read back from CSV or Parquet keep only the name."""
    if skill.get("category"):
        return skill["category"]
    from rolefit.skills.taxonomy import load_taxonomy

    known = load_taxonomy().lookup(skill["name"])
    return known.category if known else "unlisted"


def summarise(rows: list[dict[str, Any]], top: int = 12) -> dict[str, Any]:
    """Counts per cell, top skills per cell, titles against cells, and the rows for the table."""
    ok = [r for r in rows if "error" not in r]
    in_scope = [r for r in ok if r["in_scope"]]
    grid = {w: {o: 0 for o in OUTPUT_LABELS} for w in WORK_LABELS}
    skills: dict[str, Counter] = defaultdict(Counter)
    background: dict[str, Counter] = defaultdict(Counter)
    titles: dict[str, Counter] = defaultdict(Counter)
    mismatched: Counter = Counter()
    for r in in_scope:
        w, o = r["work"]["label"], r["output"]["label"]
        grid[w][o] += 1
        for s in r.get("skills", []):
            if s["requirement"] in ("required", "preferred"):
                kind = background if _category(s) in BACKGROUND else skills
                kind[f"{w}/{o}"][s["name"]] += 1
    for r in ok:
        key = title_key(r["posting"].get("title"))
        if key:
            titles[key][r.get("cell") or "not data/ML"] += 1
            mismatched[key] += bool(r.get("title_mismatch"))
    title_rows = []
    for key, cells in sorted(titles.items(), key=lambda kv: -sum(kv[1].values()))[:40]:
        n = sum(cells.values())
        cell, k = cells.most_common(1)[0]
        title_rows.append(
            {
                "title": key,
                "n": n,
                "top_cell": cell,
                "top_share": k / n,
                "cells": len(cells),
                "misleading": mismatched[key] / n,
            }
        )
    title_rows.sort(key=lambda t: (-t["misleading"] * min(t["n"], 20), -t["n"]))
    return {
        "n": len(rows),
        "n_ok": len(ok),
        "n_errors": len(rows) - len(ok),
        "n_in_scope": len(in_scope),
        "grid": grid,
        "top_skills": {c: skills[c].most_common(top) for c in sorted(skills, key=lambda c: -sum(skills[c].values()))},
        "top_background": {c: background[c].most_common(5) for c in background},
        "titles": title_rows,
        "table": [
            {
                "title": r["posting"].get("title") or "",
                "company": r["posting"].get("company") or "",
                "location": r["posting"].get("location") or "",
                "cell": r.get("cell") or "not data/ML",
                "p": round(max(r["work"]["probabilities"].values()) * max(r["output"]["probabilities"].values()), 3)
                if r["in_scope"]
                else round(1 - r["in_scope_probability"], 3),
                "review": "yes" if r["needs_review"] else "",
                "mismatch": r.get("title_mismatch") or "",
                "source": r["source"],
            }
            for r in ok
        ],
    }


def _figures(summary: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    figs = {}
    m = np.array([[summary["grid"][w][o] for o in OUTPUT_LABELS] for w in WORK_LABELS])
    fig, ax = plt.subplots(figsize=(5.2, 3.8))
    im = ax.imshow(m, cmap="Blues")
    ax.set_xticks(range(3), OUTPUT_LABELS)
    ax.set_yticks(range(3), WORK_LABELS)
    ax.set_xlabel("output")
    ax.set_ylabel("type of work")
    for i in range(3):
        for j in range(3):
            ax.text(j, i, int(m[i, j]), ha="center", va="center", color="white" if m[i, j] > m.max() / 2 else "black")
    fig.colorbar(im, ax=ax, shrink=0.8)
    ax.set_title("postings per grid cell")
    fig.tight_layout()
    figs["grid"] = fig

    rng = np.random.default_rng(0)
    xs, ys, cs = [], [], []
    for r in rows:
        if "error" in r or not r["in_scope"]:
            continue
        pw, po = r["work"]["probabilities"], r["output"]["probabilities"]
        ys.append(sum(i * pw[k] for i, k in enumerate(WORK_LABELS)) + rng.normal(0, 0.04))
        xs.append(sum(i * po[k] for i, k in enumerate(OUTPUT_LABELS)) + rng.normal(0, 0.04))
        cs.append("#b42318" if r.get("title_mismatch") else "#2f6fde")
    fig, ax = plt.subplots(figsize=(5.2, 4.2))
    ax.scatter(xs, ys, s=10, c=cs, alpha=0.6)
    ax.set_xticks(range(3), OUTPUT_LABELS)
    ax.set_yticks(range(3), WORK_LABELS)
    ax.set_xlim(-0.3, 2.3)
    ax.set_ylim(2.3, -0.3)  # same order as the heat map: strategy on top
    ax.grid(alpha=0.3)
    ax.set_title("postings on the two axes (red: title misleads)")
    fig.tight_layout()
    figs["axes"] = fig
    return figs


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    svg = buf.getvalue()
    return svg[svg.find("<svg") :]


def render_report(rows: list[dict[str, Any]], out: Path, figures_dir: Path | None = None) -> dict[str, Any]:
    """Write the HTML page (figures inlined as SVG) and, if asked, PNG and SVG files."""
    import matplotlib.pyplot as plt
    from jinja2 import Environment, PackageLoader, select_autoescape
    from markupsafe import Markup

    summary = summarise(rows)
    figs = _figures(summary, rows)
    inline = {name: Markup(_svg(fig)) for name, fig in figs.items()}  # our own figures, no posting text in them
    if figures_dir:
        figures_dir.mkdir(parents=True, exist_ok=True)
        for name, fig in figs.items():
            fig.savefig(figures_dir / f"{name}.png", dpi=150)
            fig.savefig(figures_dir / f"{name}.svg")
    for fig in figs.values():
        plt.close(fig)
    env = Environment(loader=PackageLoader("rolefit.report", "templates"), autoescape=select_autoescape(["html", "j2"]))
    html = env.get_template("market.html.j2").render(s=summary, figs=inline)
    out.parent.mkdir(parents=True, exist_ok=True)  # as `score --out` does
    out.write_text(html, encoding="utf-8")
    return summary
