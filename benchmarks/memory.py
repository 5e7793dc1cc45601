"""Peak memory of `rolefit score` streaming 10k and 100k postings (corpus repeated to size).

    python benchmarks/memory.py [--sizes 10000 100000] [--jobs N]

Peak memory is the largest proportional set size (PSS) of the scoring process and its workers together,
sampled every 0.2 s; the reference is the same process scoring 1,000 postings, in the same run.
Target: 100k streamed with peak RSS <= 1 GB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, corpus_texts, need_shared


def peak_rss(cmd: list[str]) -> tuple[float, float]:
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    p = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            # PSS: pages shared by the forked workers are counted once, in shares
            rss = p.memory_full_info().pss + sum(c.memory_full_info().pss for c in p.children(recursive=True))
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.2)
    assert proc.returncode == 0, proc.stderr.read().decode()[-500:]
    return peak / 2**20, time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    if not need_shared():
        return 0
    with tempfile.TemporaryDirectory(prefix="rolefit-mem-") as d:
        for n in [1000, *args.sizes]:
            src = Path(d) / f"postings-{n}.parquet"
            corpus_texts(n).to_parquet(src, row_group_size=2000)
            out = Path(d) / f"out-{n}.parquet"
            mb, secs = peak_rss(
                [sys.executable, "-m", "rolefit", "score", str(src), "--out", str(out), "--jobs", str(args.jobs)]
            )
            print(
                f"{n:>7d} postings: peak PSS {mb:7.0f} MB over {args.jobs} processes, {secs:6.0f}s ({n / secs:.0f}/s)"
                + ("   (target <= 1024 MB at 100k)" if n == 100_000 else "")
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
