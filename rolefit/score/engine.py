"""Batch scoring: many postings through parse -> classify -> skills, on all cores, resumable.

Rows are appended to a JSON Lines journal in input order, one complete line
per posting, flushed as they come. A re-run reads the journal, keeps the
complete lines scored by the same model, and scores only the rest — so a run
killed at any point (Ctrl-C or kill -9) ends, once re-run, with exactly the
rows of an uninterrupted run. CSV and Parquet outputs are written from the
journal when the run completes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rolefit.score.inputs import ScoreItem

_STATE: dict[str, Any] = {}


def _init_worker(with_skills: bool, fresh: bool = False) -> None:
    """Load the model (and the skill extractor) once per process; ``fresh`` builds the
    extractor again, dropping the vocabulary it has grown."""
    from rolefit.classify import load_model

    _STATE["model"] = load_model()
    _STATE["skills"] = with_skills
    _STATE["since_init"] = 0
    if with_skills:
        from rolefit.skills.extract import _extractor, batch_mode, get_extractor

        batch_mode()
        if fresh:
            _extractor.cache_clear()
        get_extractor()
    if fresh:
        return  # a long-lived worker's state is replaced, not frozen: the old one must be freed
    from rolefit.parse.language import identifier

    identifier()  # the language model is loaded on first use: do it once, before forking
    import gc

    # the model and the taxonomy are ~10^5 long-lived objects: left out of every collection
    # they cost each one a scan, and in forked workers the scan also unshares their pages
    gc.freeze()


def score_item(item: ScoreItem) -> dict[str, Any]:
    """One row: the ``classify --json`` record, or ``{source, error}``. Never raises."""
    from rolefit.errors import RolefitError
    from rolefit.pipeline import classification_record, classify_posting, error_record, extract_skills

    try:
        if item.error is not None:
            raise item.error
        if item.posting is not None:
            from rolefit.types import Posting

            posting = Posting.from_dict(item.posting)
        elif item.record is not None:
            from rolefit.score.inputs import posting_from_record

            posting = posting_from_record(item.record, item.key)
        else:
            from rolefit.pipeline import load_posting

            posting = load_posting(item.path)
        result = classify_posting(posting)
        skills = extract_skills(posting) if _STATE.get("skills", True) else []
        rec = classification_record(posting, result, skills)
        rec["source"] = item.key
        return rec
    except RolefitError as e:
        return error_record(item.key, e.kind, e.message)
    except Exception as e:  # noqa: BLE001 - one bad posting never stops a batch
        return error_record(item.key, "internal", f"{type(e).__name__}: {e}")


def score_line(item: ScoreItem) -> tuple[str, bool]:
    """``score_item`` as its journal line (serialised in the worker, not the busy parent) and
    whether it is an error row."""
    row = score_item(item)
    return json.dumps(row, ensure_ascii=False), "error" in row


WINDOW = 512  # postings in flight at once: Pool.imap alone would read the whole input ahead
CHUNK = 8  # postings per task sent to a worker
# Workers are replaced after this many postings: spaCy's vocabulary grows with every new
# word it sees (~12 MB per 1,000 postings), and a fresh fork starts from the parent's pages.
RECYCLE_POSTINGS = 4000


def _windowed(pool, items: Iterator[ScoreItem]) -> Iterator[tuple[str, bool]]:
    """Results in input order, never holding more than ``WINDOW`` pending postings in memory."""
    from itertools import islice

    while window := list(islice(items, WINDOW)):
        yield from pool.imap(score_line, window, chunksize=CHUNK)


@dataclass
class ScoreStats:
    total: int = 0
    scored: int = 0
    skipped: int = 0
    errors: int = 0


def journal_path(out: Path) -> Path:
    """The journal beside the output; kept after the run so that a re-run skips what is done."""
    return out.with_name(out.name + ".journal.jsonl")


def read_journal(path: Path, model: str) -> set[str]:
    """Keys already scored by ``model``, in one streaming pass over the journal.

    A torn last line (the run was killed mid-write) is cut off; rows scored by another
    model are removed so that they are scored again. Error rows count as done, except those
    that may pass on a second try (a network failure, a file missing or unreadable, a crash):
    they are removed and tried again.
    """
    done: set[str] = set()
    if not path.exists():
        return done
    good_end = 0
    stale = False
    with open(path, "rb") as f:
        for line in f:
            if not line.endswith(b"\n"):
                break
            try:
                row = json.loads(line)
            except ValueError:
                break
            good_end += len(line)
            if _kept(row, model):
                done.add(row["source"])
            else:
                stale = True
    if good_end != path.stat().st_size:
        with open(path, "r+b") as f:
            f.truncate(good_end)
    if stale:
        tmp = path.with_name(path.name + ".tmp")
        with open(path, "rb") as src, open(tmp, "wb") as dst:
            for line in src:
                if _kept(json.loads(line), model):
                    dst.write(line)
        tmp.replace(path)
    return done


# error kinds a re-run tries again: the world may have changed, not the posting
RETRY_KINDS = frozenset({"network", "http_error", "missing", "unreadable", "internal"})


def _kept(row: dict[str, Any], model: str) -> bool:
    """Whether a journal row stands on a re-run with ``model``."""
    if "error" in row:
        return (row["error"] or {}).get("kind") not in RETRY_KINDS
    return row.get("model") in (model, None)


def run(
    items: Iterable[ScoreItem],
    out: Path,
    jobs: int | None = None,
    with_skills: bool = True,
    progress: Callable[[int], None] | None = None,
    on_resume: Callable[[int], None] | None = None,
) -> ScoreStats:
    """Score every item not yet in the journal; return counts. ``progress(n)`` is called as
    postings are scored, ``on_resume(k)`` once with how many the journal already holds."""
    from rolefit.classify import load_model

    _, meta = load_model()
    model = f"rolefit-{meta['model_sha256'][:12]}"
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    jpath = journal_path(out)
    done = read_journal(jpath, model)
    stats = ScoreStats(skipped=len(done))
    if on_resume:
        on_resume(len(done))

    def todo() -> Iterator[ScoreItem]:
        for it in items:
            stats.total += 1
            if it.key not in done:
                yield it

    jobs = jobs or os.cpu_count() or 1
    with open(jpath, "a", encoding="utf-8") as journal:
        if jobs == 1:
            _init_worker(with_skills)
            results = map(score_line, todo())
            pool = None
        else:
            import multiprocessing as mp

            ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
            if ctx.get_start_method() == "fork":
                # loaded once here, the model and the extractor are shared by every forked worker
                # (copy-on-write) instead of being built again, privately, in each one
                _init_worker(with_skills)
            # maxtasksperchild counts tasks, and a task is CHUNK postings
            pool = ctx.Pool(
                jobs,
                initializer=_init_worker,
                initargs=(with_skills,),
                maxtasksperchild=max(1, RECYCLE_POSTINGS // CHUNK),
            )
            results = _windowed(pool, todo())
        try:
            for line, is_error in results:
                journal.write(line + "\n")
                journal.flush()
                stats.scored += 1
                stats.errors += is_error
                if progress:
                    progress(1)
        finally:
            if pool is not None:
                pool.terminate()
                pool.join()
    stats.total = max(stats.total, stats.skipped + stats.scored)
    return stats
