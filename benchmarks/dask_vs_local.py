"""The Dask engine against the local one on the same partitioned Parquet dataset.

    python benchmarks/dask_vs_local.py [--n 2000] [--jobs N]

Both on this machine (the Dask one on a local cluster of N worker processes); prints both
rates, the ratio, and whether the rows are identical.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from _common import corpus_texts, need_shared, timer


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    if not need_shared():
        return 0
    from rolefit.score.dask_engine import run_dask
    from rolefit.score.engine import journal_path, run
    from rolefit.score.inputs import iter_items
    from rolefit.score.writers import iter_rows

    with tempfile.TemporaryDirectory(prefix="rolefit-dask-") as d:
        ds = Path(d) / "dataset"
        ds.mkdir()
        df = corpus_texts(args.n)
        parts = 8
        for i in range(parts):
            df.iloc[i * len(df) // parts : (i + 1) * len(df) // parts].to_parquet(
                ds / f"part-{i:02d}.parquet", row_group_size=250
            )
        out = Path(d) / "local.jsonl"
        with timer() as tl:
            run(iter_items([str(ds)]), out, jobs=args.jobs)
        local = list(iter_rows(journal_path(out)))
        dask_journal = Path(d) / "dask.jsonl.journal.jsonl"
        with timer() as td:
            run_dask(str(ds), dask_journal, jobs=args.jobs)
        dask_rows = list(iter_rows(dask_journal))
        print(
            f"local engine: {args.n / tl.s:7.1f} postings/s   dask (local cluster, {args.jobs} workers): "
            f"{args.n / td.s:7.1f} postings/s   dask/local {tl.s / td.s:.2f}   rows identical: {dask_rows == local}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
