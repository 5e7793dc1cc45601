"""Output files from the journal, streamed: JSON Lines as is, or flat CSV / Parquet rows."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
CHUNK = 5000
FLAT_COLUMNS = [
    "source",
    "title",
    "company",
    "location",
    "url",
    "in_scope",
    "in_scope_probability",
    "work",
    "output",
    "cell",
    "needs_review",
    "title_mismatch",
    "skills_required",
    "skills_preferred",
    "model",
    "error",
    "p_work_strategy",
    "p_work_research",
    "p_work_engineering",
    "p_output_analysis",
    "p_output_data",
    "p_output_ml_product",
    "fit_score",
]


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


def read_scored(path: Path) -> Iterator[dict[str, Any]]:
    """Rows of a ``rolefit score`` output in any of its formats, as JSON Lines rows.

    JSON Lines is read as is. A flat CSV or Parquet row is turned back into the JSON shape with
    what it keeps: fields, labels, probabilities, and skill names with their requirement
    (no evidence).
    """
    fmt = out_format(path)
    if fmt == "jsonl":
        for n, row in enumerate(iter_rows(path), 1):
            need = ("source", "error") if "error" in row else ("source", "posting", "in_scope", "work", "output")
            missing = [k for k in need if k not in row] if isinstance(row, dict) else ["source"]
            if missing:
                raise ValueError(f"line {n} has no {', '.join(missing)}")
            yield row
        return
    if fmt == "csv":
        import csv

        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            _check_columns(reader.fieldnames or [])
            for rec in reader:
                yield unflat(rec)
    else:
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        _check_columns(pf.schema_arrow.names)
        for batch in pf.iter_batches(batch_size=CHUNK):
            yield from (unflat(rec) for rec in batch.to_pylist())


def _check_columns(names: list[str]) -> None:
    missing = [c for c in ("source", "in_scope", "work", "output") if c not in names]
    if missing:
        raise ValueError(f"no {', '.join(missing)} column")


def _bool(v: Any) -> bool:
    return v is True or str(v).strip().lower() in ("true", "1", "yes")


def _num(v: Any) -> float | None:
    try:
        return float(v) if v not in (None, "") else None
    except ValueError:
        return None


def unflat(rec: dict[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`flat`, as far as a flat row allows."""
    _check_columns(list(rec))
    row: dict[str, Any] = {"source": rec["source"], "fit_score": _num(rec.get("fit_score"))}
    if rec.get("error"):
        kind, _, message = str(rec["error"]).partition(": ")
        row["error"] = {"kind": kind, "message": message}
        return row
    posting = {k: (rec.get(k) or None) for k in ("title", "company", "location", "url")}
    posting["locations"] = [posting["location"]] if posting["location"] else []
    skills = [
        {"name": name.strip(), "requirement": req}
        for req in ("required", "preferred")
        for name in str(rec.get(f"skills_{req}") or "").split(";")
        if name.strip()
    ]
    row.update(
        posting=posting,
        in_scope=_bool(rec["in_scope"]),
        in_scope_probability=_num(rec.get("in_scope_probability")) or 0.0,
        cell=rec.get("cell") or None,
        needs_review=_bool(rec.get("needs_review")),
        title_mismatch=rec.get("title_mismatch") or None,
        skills=skills,
        model=rec.get("model"),
    )
    for axis, labels in (
        ("work", ("strategy", "research", "engineering")),
        ("output", ("analysis", "data", "ml_product")),
    ):
        probs = {k: _num(rec.get(f"p_{axis}_{k}")) or 0.0 for k in labels}
        row[axis] = {"label": rec.get(axis) or None, "probabilities": probs, "evidence": []}
    return row


def flat(row: dict[str, Any]) -> dict[str, Any]:
    """One flat row per posting (same fields as the JSON, nested parts summarised)."""
    out: dict[str, Any] = dict.fromkeys(FLAT_COLUMNS)
    out["source"] = row["source"]
    out["fit_score"] = row.get("fit_score")
    if "error" in row:
        out["error"] = f"{row['error']['kind']}: {row['error']['message']}"
        return out
    p = row["posting"]
    out.update(
        {
            "title": p.get("title"),
            "company": p.get("company"),
            "location": p.get("location"),
            "url": p.get("url"),
            "in_scope": row["in_scope"],
            "in_scope_probability": row["in_scope_probability"],
            "work": row["work"]["label"],
            "output": row["output"]["label"],
            "cell": row.get("cell"),
            "needs_review": row["needs_review"],
            "title_mismatch": row.get("title_mismatch"),
            "skills_required": "; ".join(s["name"] for s in row["skills"] if s["requirement"] == "required"),
            "skills_preferred": "; ".join(s["name"] for s in row["skills"] if s["requirement"] == "preferred"),
            "model": row["model"],
        }
    )
    for axis in ("work", "output"):
        for k, v in row[axis]["probabilities"].items():
            out[f"p_{axis}_{k}"] = v
    return out


def write_output(rows: Iterable[dict[str, Any]], out: Path) -> int:
    """Stream rows into ``out`` (written to a temporary file, then renamed); return how many."""
    fmt = out_format(out)
    tmp = out.with_name(out.name + ".tmp")
    n = 0
    it = iter(rows)
    if fmt == "jsonl":
        with open(tmp, "w", encoding="utf-8") as f:
            for r in it:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
                n += 1
    elif fmt == "csv":
        import csv

        with open(tmp, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=FLAT_COLUMNS)
            w.writeheader()
            for r in it:
                w.writerow(flat(r))
                n += 1
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema(
            [
                (
                    c,
                    pa.float64()
                    if c.startswith("p_") or c in ("in_scope_probability", "fit_score")
                    else pa.bool_()
                    if c in ("in_scope", "needs_review")
                    else pa.string(),
                )
                for c in FLAT_COLUMNS
            ]
        )
        with pq.ParquetWriter(tmp, schema) as w:
            while chunk := [flat(r) for r in islice(it, CHUNK)]:
                w.write_table(pa.Table.from_pylist(chunk, schema=schema))
                n += len(chunk)
    tmp.replace(out)
    return n
