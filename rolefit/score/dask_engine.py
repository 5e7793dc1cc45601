"""``rolefit score --engine dask``: the same scoring over a partitioned Parquet dataset with Dask.

A local cluster (one process per core) by default, or ``--scheduler tcp://HOST:PORT`` for a
real one: every worker needs rolefit installed, and reads its part of the dataset itself, so
give a path all workers can see (a shared disk). The dataset is cut into tasks of one Parquet
row group each; every task is scored by the same ``score_item`` as the local engine with the
same row keys, so the rows are identical and come back in dataset order.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rolefit.score.inputs import COLUMNS, ScoreItem, _pick


def parquet_tasks(dataset: str) -> list[tuple[str, int, int]]:
    """(file, row group, index of its first row in the file) for every row group, files in sorted order."""
    import pyarrow.parquet as pq

    from rolefit.errors import BadInput

    p = Path(dataset)
    files = [p] if p.is_file() else sorted(f for f in p.rglob("*") if f.suffix.lower() in (".parquet", ".pq"))
    if not files:
        raise BadInput(f"{dataset}: no Parquet files", "missing")
    tasks = []
    for f in files:
        md = pq.ParquetFile(f).metadata
        start = 0
        for rg in range(md.num_row_groups):
            tasks.append((str(f), rg, start))
            start += md.row_group(rg).num_rows
    return tasks


def score_row_group(task: tuple[str, int, int], with_skills: bool) -> list[str]:
    """Score one row group on a worker; rows as JSON strings."""
    import pyarrow.parquet as pq

    from rolefit.score import engine

    if "model" not in engine._STATE:
        engine._init_worker(with_skills)
    path, rg, start = task
    rows = pq.ParquetFile(path).read_row_group(rg).to_pylist()
    if not rows:
        return []
    mapping = {k: _pick(list(rows[0]), v) for k, v in COLUMNS.items()}
    name = Path(path).name
    out = []
    for n, row in enumerate(rows, start):
        rec = {k: (None if c is None else row.get(c)) for k, c in mapping.items()}
        rid = rec.get("id")
        key = f"{name}#{rid if rid not in (None, '') else n}"
        out.append(json.dumps(engine.score_item(ScoreItem(key=key, record=rec)), ensure_ascii=False))
    return out


def run_dask(
    dataset: str, scheduler: str | None = None, jobs: int | None = None, with_skills: bool = True
) -> list[dict[str, Any]]:
    """Score every row of a Parquet file or folder of Parquet files; return rows in dataset order."""
    import os

    from distributed import Client, LocalCluster

    tasks = parquet_tasks(dataset)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=jobs or os.cpu_count() or 1, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        futures = client.map(score_row_group, tasks, with_skills=with_skills, pure=False)
        parts = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return [json.loads(r) for part in parts for r in part]
