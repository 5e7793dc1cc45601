"""How central each skill is to each grid cell: its share of the labelled postings of that cell.

Built from ``data/labels`` (the postings the classifier learns from) by
``rolefit taxonomy centrality``; used to rank missing skills.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

CENTRALITY_FILE = Path(__file__).resolve().parents[2] / "data" / "taxonomy" / "cell_centrality.json"


def build_centrality(out: Path = CENTRALITY_FILE, limit: int | None = None) -> dict[str, int]:
    """Extract skills from every labelled in-scope posting; write per-cell shares."""
    import pandas as pd

    from rolefit.classify.data import DATA_DIR
    from rolefit.parse import parse_text
    from rolefit.skills import extract_posting_skills, unique_skills

    labels = pd.read_csv(DATA_DIR / "labels.csv", dtype=str, keep_default_na=False)
    texts = pd.read_parquet(DATA_DIR / "texts.parquet")
    df = labels[labels.in_scope == "true"].merge(texts, on="id")
    if limit:
        df = df.head(limit)
    counts: dict[str, Counter] = defaultdict(Counter)
    n: Counter = Counter()
    for _, row in df.iterrows():
        cell = f"{row.work}/{row.output}"
        try:
            posting = parse_text(f"{row.title}\n\n{row.description}", row.id)
        except Exception:  # noqa: BLE001 - a short posting adds nothing here
            continue
        n[cell] += 1
        n["all"] += 1
        for m in unique_skills(extract_posting_skills(posting)):
            counts[cell][m.id] += 1
            counts["all"][m.id] += 1
    table = {cell: {sid: round(c / n[cell], 4) for sid, c in counts[cell].most_common() if c >= 2} for cell in counts}
    out.write_text(json.dumps({"postings": dict(n), "share": table}, indent=0, sort_keys=True))
    return dict(n)


@lru_cache(maxsize=1)
def centrality_table() -> dict[str, dict[str, float]]:
    if not CENTRALITY_FILE.exists():
        return {}
    return json.loads(CENTRALITY_FILE.read_text())["share"]


def centrality(skill_id: str, cell: str | None) -> float:
    """Share of postings in ``cell`` (or all in-scope postings) that name the skill."""
    t = centrality_table()
    return t.get(cell or "all", {}).get(skill_id, t.get("all", {}).get(skill_id, 0.0) / 2)
