"""How the parser does on real inputs it was not written against.

    python benchmarks/parse_generalisation.py

1. Every posting of the shared corpus (12,389 real postings, mostly LinkedIn) saved as a
   plain-text file — its title line, then its description — and read as `rolefit parse`
   reads a .txt file: how many are accepted as postings, and why the others are refused.
   All of them are postings, so every refusal is a mistake.
2. The shared saved pages, as `index.csv` labels them (posting or not): how many postings
   parse and how many other pages are refused, with and without their <script> elements
   (no JSON-LD, no embedded app state: the page's markup alone).

Needs ``../shared``; skips cleanly without it.
"""

from __future__ import annotations

import csv
import re
import time
from collections import Counter

from _common import CORPUS, PAGES, need_shared


def corpus_as_text() -> None:
    import pandas as pd

    from rolefit.errors import RolefitError
    from rolefit.parse import parse_text

    df = pd.read_parquet(CORPUS, columns=["title", "description"]).fillna("")
    why: Counter = Counter()
    t0 = time.perf_counter()
    for title, desc in zip(df.title, df.description, strict=True):
        try:
            parse_text((title or "Job") + "\n\n" + desc, "x.txt")
            why["accepted"] += 1
        except RolefitError as e:
            why[e.message] += 1
    dt = time.perf_counter() - t0
    n = len(df)
    print(
        f"corpus postings read as text files: {why['accepted']} of {n} accepted ({why['accepted'] / n:.2%}), {dt:.0f}s"
    )
    for msg, k in why.most_common():
        if msg != "accepted":
            print(f"  refused {k:5d}: {msg}")


def pages(strip_scripts: bool) -> None:
    from rolefit.errors import NotAPosting, RolefitError
    from rolefit.parse import parse_page
    from rolefit.types import Page

    right = total = 0
    wrong = []
    for row in csv.DictReader(open(PAGES / "index.csv", encoding="utf-8")):
        data = (PAGES / row["file"]).read_bytes()
        if strip_scripts:
            data = re.sub(rb"<script\b[^>]*>.*?</script>", b"", data, flags=re.S | re.I)
        try:
            parse_page(Page(data, row["file"]))
            ok = row["kind"] == "posting"
        except NotAPosting:
            ok = row["kind"] != "posting"
        except RolefitError:
            ok = False
        total += 1
        right += ok
        if not ok:
            wrong.append(f"{row['file']} ({row['kind']})")
    label = "without <script>" if strip_scripts else "as saved"
    print(f"shared pages {label}: {right} of {total} told right (posting parsed, other page refused)")
    for w in wrong:
        print(f"  wrong: {w}")


def main() -> int:
    if not need_shared():
        return 0
    corpus_as_text()
    pages(strip_scripts=False)
    pages(strip_scripts=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
