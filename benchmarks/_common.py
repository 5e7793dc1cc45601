"""Shared helpers for the benchmarks: the workload from ../shared, timing, skipping."""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
PAGES = SHARED / "data" / "pages"
CORPUS = SHARED / "data" / "postings" / "corpus.parquet"


def need_shared() -> bool:
    if not CORPUS.exists() or not PAGES.exists():
        print(f"skipped: {SHARED} not found (benchmarks use the shared pages and corpus)")
        return False
    return True


def posting_pages() -> list[Path]:
    import csv

    rows = csv.DictReader(open(PAGES / "index.csv", encoding="utf-8"))
    return [PAGES / r["file"] for r in rows if r["kind"] == "posting"]


def corpus_texts(n: int):
    import pandas as pd

    df = pd.read_parquet(CORPUS, columns=["id", "title", "company", "location", "description"])
    reps = -(-n // len(df))
    out = pd.concat([df] * reps, ignore_index=True).head(n)
    out["id"] = [f"{i}-{k}" for k, i in enumerate(out["id"])]
    return out


class timer:
    def __enter__(self):
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *a):
        self.s = time.perf_counter() - self.t0
