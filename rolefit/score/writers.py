"""Output files from the journal: JSON Lines as is, or flat CSV / Parquet rows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


def out_format(path: Path) -> str:
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        from rolefit.errors import BadInput

        raise BadInput(f"{path}: choose an output ending in .jsonl, .csv or .parquet", "bad_input")
    return fmt


def iter_rows(journal: Path) -> Iterator[dict[str, Any]]:
    with open(journal, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def flat(row: dict[str, Any]) -> dict[str, Any]:
    """One flat row per posting (same fields as the JSON, nested parts summarised)."""
    if "error" in row:
        return {"source": row["source"], "error": f"{row['error']['kind']}: {row['error']['message']}"}
    p = row["posting"]
    out = {
        "source": row["source"], "title": p.get("title"), "company": p.get("company"), "location": p.get("location"),
        "url": p.get("url"), "in_scope": row["in_scope"], "in_scope_probability": row["in_scope_probability"],
        "work": row["work"]["label"], "output": row["output"]["label"], "cell": row.get("cell"),
        "needs_review": row["needs_review"], "title_mismatch": row.get("title_mismatch"),
        "skills_required": "; ".join(s["name"] for s in row["skills"] if s["requirement"] == "required"),
        "skills_preferred": "; ".join(s["name"] for s in row["skills"] if s["requirement"] == "preferred"),
        "model": row["model"], "error": None,
    }
    for axis in ("work", "output"):
        for k, v in row[axis]["probabilities"].items():
            out[f"p_{axis}_{k}"] = v
    if "fit_score" in row:
        out["fit_score"] = row["fit_score"]
    return out


def write_output(rows: list[dict[str, Any]], out: Path) -> None:
    fmt = out_format(out)
    if fmt == "jsonl":
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        tmp.replace(out)
        return
    import pandas as pd

    df = pd.DataFrame([flat(r) for r in rows])
    if fmt == "csv":
        df.to_csv(out, index=False)
    else:
        df.to_parquet(out, index=False)
