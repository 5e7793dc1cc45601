"""``rolefit score --engine dask``: the same scoring over a partitioned Parquet dataset with Dask.

A local cluster (one process per core) by default, or ``--scheduler tcp://HOST:PORT`` for a
real one: every worker needs rolefit installed, and reads its part of the dataset itself, so
give a path all workers can see (a shared disk). The dataset is cut into tasks of one Parquet
row group each; every task is scored by the same ``score_item`` as the local engine with the
same row keys, so the rows are identical; they are written to the same journal, in dataset
order, as they arrive, and a re-run skips what the journal already holds.
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
        try:
            md = pq.ParquetFile(f).metadata
        except Exception:  # noqa: BLE001 - pyarrow raises several types for a file that is not Parquet
            raise BadInput(
                f"{f}: not a readable Parquet file; --engine dask reads Parquet datasets (the local engine reads "
                "CSV, JSON and pages)",
                "bad_input",
            ) from None
        start = 0
        for rg in range(md.num_row_groups):
            tasks.append((str(f), rg, start))
            start += md.row_group(rg).num_rows
    return tasks


def _row_keys(rows: list[dict[str, Any]], name: str, start: int, id_col: str | None) -> list[str]:
    """The keys the local engine gives these rows (``file#id``, or the row number without an id)."""
    keys = []
    for n, row in enumerate(rows, start):
        rid = row.get(id_col) if id_col else None
        keys.append(f"{name}#{rid if rid not in (None, '') else n}")
    return keys


def score_row_group(task: tuple[str, int, int], with_skills: bool, done: frozenset[str] = frozenset()) -> list[str]:
    """Score one row group on a worker, skipping keys in ``done``; rows as JSON strings."""
    import pyarrow.parquet as pq

    from rolefit.score import engine

    if "model" not in engine._STATE or engine._STATE.get("since_init", 0) >= engine.RECYCLE_POSTINGS:
        # A worker lives as long as the cluster; spaCy's vocabulary grows with every new word
        # it reads, so its state is rebuilt every RECYCLE_POSTINGS postings, as the local
        # engine replaces its worker processes.
        engine._init_worker(with_skills, fresh=True)
    path, rg, start = task
    rows = pq.ParquetFile(path).read_row_group(rg).to_pylist()
    if not rows:
        return []
    mapping = {k: _pick(list(rows[0]), v) for k, v in COLUMNS.items()}
    out = []
    for key, row in zip(_row_keys(rows, Path(path).name, start, mapping["id"]), rows, strict=True):
        if key in done:
            continue
        rec = {k: (None if c is None else row.get(c)) for k, c in mapping.items()}
        out.append(json.dumps(engine.score_item(ScoreItem(key=key, record=rec)), ensure_ascii=False))
    engine._STATE["since_init"] = engine._STATE.get("since_init", 0) + len(rows)
    return out


def _task_keys(task: tuple[str, int, int]) -> list[str]:
    """A row group's keys, reading only its id column."""
    import pyarrow.parquet as pq

    path, rg, start = task
    pf = pq.ParquetFile(path)
    id_col = _pick(pf.schema_arrow.names, COLUMNS["id"])
    n = pf.metadata.row_group(rg).num_rows
    rows = pf.read_row_group(rg, columns=[id_col]).to_pylist() if id_col else [{}] * n
    return _row_keys(rows, Path(path).name, start, id_col)


def run_dask(
    dataset: str,
    journal: Path,
    scheduler: str | None = None,
    jobs: int | None = None,
    with_skills: bool = True,
    window: int = 64,
) -> tuple[int, int]:
    """Score every row of a Parquet file or folder of Parquet files into ``journal`` (JSON Lines,
    dataset order); return ``(scored, skipped)``.

    Resumable as the local engine: rows already in the journal from the same model are kept
    and not scored again, a row group being scored again only for its missing rows. Results
    are written as they arrive, in order, with at most ``window`` row groups in flight, so the
    client's memory does not grow with the dataset.
    """
    import os

    from distributed import Client, LocalCluster

    from rolefit.classify import load_model
    from rolefit.score.engine import read_journal

    _, meta = load_model()
    done = read_journal(journal, f"rolefit-{meta['model_sha256'][:12]}")
    tasks = parquet_tasks(dataset)
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler)
        except OSError as e:  # refused, timed out, a bad address
            from rolefit.errors import RolefitError

            raise RolefitError(f"cannot reach the Dask scheduler at {scheduler} ({e})", "network") from None
    else:
        cluster = LocalCluster(
            n_workers=jobs or os.cpu_count() or 1, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    scored = skipped = 0
    try:
        todo = []
        for task in tasks:
            keys = _task_keys(task) if done else None
            missing = [k for k in keys if k not in done] if keys is not None else None
            if missing == []:
                skipped += len(keys)
                continue
            if keys is not None:
                skipped += len(keys) - len(missing)
            todo.append((task, frozenset(k for k in keys if k in done) if keys else frozenset()))
        pending: list = []
        with open(journal, "a", encoding="utf-8") as j:
            it = iter(todo)
            while True:
                while len(pending) < window and (nxt := next(it, None)) is not None:
                    task, skip = nxt
                    pending.append(client.submit(score_row_group, task, with_skills, skip, pure=False))
                if not pending:
                    break
                lines = pending.pop(0).result()  # in dataset order; later ones keep running meanwhile
                for line in lines:
                    j.write(line + "\n")
                j.flush()
                scored += len(lines)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return scored, skipped
