"""Cold start of `rolefit classify page.html` against `python -c "import sklearn.linear_model"`.

    python benchmarks/cold_start.py [--runs 7]

Both are fresh processes, timed the same way in the same run; the figure is the median.
rolefit keeps py3langid's model unpacked in its cache directory (see
``rolefit/parse/language.py``); the last line times the very first run, which unpacks it.
Target: rolefit within 1.3x of the reference. Runs without ../shared (uses examples/).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def median_seconds(cmd: list[str], runs: int, first_run: bool = False) -> float:
    """Median wall time of fresh processes; with ``first_run``, each one with an empty
    rolefit cache, as the very first run after installing is."""
    import os
    import tempfile

    subprocess.run(cmd, capture_output=True, cwd=ROOT)  # warm the file cache
    times = []
    for _ in range(runs):
        env = dict(os.environ)
        tmp = tempfile.TemporaryDirectory() if first_run else None
        if tmp:
            env["ROLEFIT_CACHE"] = tmp.name
        t0 = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True, cwd=ROOT, env=env)
        times.append(time.perf_counter() - t0)
        if tmp:
            tmp.cleanup()
        assert r.returncode == 0, r.stderr.decode()[-500:]
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    page = "examples/vercel-data-engineer.html"
    ref = median_seconds([sys.executable, "-c", "import sklearn.linear_model"], args.runs)
    full = median_seconds([sys.executable, "-m", "rolefit", "classify", page, "--json"], args.runs)
    fast = median_seconds([sys.executable, "-m", "rolefit", "classify", page, "--json", "--no-skills"], args.runs)
    parse = median_seconds([sys.executable, "-m", "rolefit", "parse", page, "--json"], args.runs)
    first = median_seconds([sys.executable, "-m", "rolefit", "classify", page, "--json"], 3, first_run=True)
    print(f"reference  python -c 'import sklearn.linear_model'   {ref:.3f}s")
    print(f"rolefit classify (skills included)                 {full:.3f}s  ratio {full / ref:.2f}  (target <= 1.3)")
    print(f"rolefit classify --no-skills                       {fast:.3f}s  ratio {fast / ref:.2f}")
    print(f"rolefit parse                                      {parse:.3f}s  ratio {parse / ref:.2f}")
    print(
        f"rolefit classify, first run (empty cache: the language model is unpacked) {first:.3f}s  "
        f"ratio {first / ref:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
