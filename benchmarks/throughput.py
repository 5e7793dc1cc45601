"""Scoring throughput against the floor of the stack itself, measured in the same run.

    python benchmarks/throughput.py [--n-html 300] [--n-text 600]

Floor, one core, nothing else: from text, spaCy's blank English tokenizer and a TF-IDF
transform (1-2-grams) per corpus posting; from HTML, selectolax (lexbor) parsing the page
and taking its text, then the same tokenizing and TF-IDF of that page's posting (its
description as rolefit extracts it: the postings on these pages are about twice as long
as corpus rows, so tokenizing corpus rows instead would understate the floor's work). Each
part of the floor is the fastest of three passes.

rolefit's rate is measured with `rolefit score` (local engine) on the same pages and
postings, with 1 process and with all cores, with skills (the default) and with
``--no-skills``; the ratio is rolefit per core used / floor (target >= 0.6).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

from _common import corpus_texts, need_shared, posting_pages, timer


def floor(html_pages: list[bytes], page_postings: list[str], texts: list[str]) -> tuple[float, float]:
    """Postings per second, one core, of the bare stack: from HTML and from text."""
    import spacy
    from selectolax.lexbor import LexborHTMLParser
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=40000, sublinear_tf=True).fit(texts[:300])

    def best(fn, docs, fresh=None) -> float:
        """The fastest of three passes, each (with ``fresh``) on a new tokenizer, whose cache
        then starts empty as rolefit's does: a floor is the stack at its best on new text."""
        times = []
        for _ in range(3):
            f = fresh() if fresh else fn
            with timer() as t:
                for d in docs:
                    f(d)
            times.append(t.s)
        return min(times)

    def new_tokenizer():
        return spacy.blank("en").make_doc

    def page_text(b: bytes) -> str:
        body = LexborHTMLParser(b).body
        return body.text(separator=" ") if body else ""

    t_html = best(page_text, html_pages)
    tok_p, tfidf_p = best(None, page_postings, new_tokenizer), best(lambda d: vec.transform([d]), page_postings)
    tok_t, tfidf_t = best(None, texts, new_tokenizer), best(lambda d: vec.transform([d]), texts)
    # From HTML: each page's parse and text, then tokenising and TF-IDF of that page's own
    # posting, which is about twice as long as a corpus row; from text: the corpus rows.
    per_html = (t_html + tok_p + tfidf_p) / len(html_pages)
    per_text = (tok_t + tfidf_t) / len(texts)
    print(
        f"floor parts: selectolax {len(html_pages) / t_html:.0f} pages/s; spaCy tokenizer "
        f"{len(page_postings) / tok_p:.0f}/s (page postings) {len(texts) / tok_t:.0f}/s (corpus rows); "
        f"TF-IDF {len(page_postings) / tfidf_p:.0f}/s {len(texts) / tfidf_t:.0f}/s"
    )
    return 1 / per_html, 1 / per_text


def page_postings(page_files: list[Path]) -> list[str]:
    """The posting text of each page, as rolefit's parser extracts it (not timed)."""
    from rolefit.pipeline import load_posting

    return [load_posting(str(p)).description for p in page_files]


_RUN = """
import sys, time
from pathlib import Path
from rolefit.score.engine import _init_worker, run
from rolefit.score.inputs import iter_items
jobs, skills, out, inputs = int(sys.argv[1]), sys.argv[2] == "1", Path(sys.argv[3]), sys.argv[4:]
_init_worker(skills)  # model, taxonomy and CRF loaded before the clock starts; no posting seen
t0 = time.perf_counter()
stats = run(iter_items(inputs), out, jobs=jobs, with_skills=skills)
print(stats.scored, time.perf_counter() - t0)
"""


def rolefit_rate(inputs: list[str], n: int, jobs: int, workdir: Path, with_skills: bool = True) -> float:
    """Postings per second of ``rolefit score`` (local engine) as a user runs it: a new process,
    so no cache has seen these postings; the better of two runs."""
    import subprocess
    import sys

    from rolefit.score.engine import journal_path

    out = workdir / f"out-{jobs}-{n}.jsonl"
    rates = []
    for _ in range(2):
        journal_path(out).unlink(missing_ok=True)
        res = subprocess.run(
            [sys.executable, "-c", _RUN, str(jobs), "1" if with_skills else "0", str(out), *inputs],
            capture_output=True,
            text=True,
            check=True,
        )
        scored, seconds = res.stdout.split()[-2:]
        assert int(scored) == n, res.stdout
        rates.append(n / float(seconds))
    journal_path(out).unlink(missing_ok=True)
    return max(rates)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n-html", type=int, default=300)
    ap.add_argument("--n-text", type=int, default=600)
    args = ap.parse_args()
    if not need_shared():
        return 0
    cores = os.cpu_count() or 1
    pages = posting_pages()
    page_files = [pages[i % len(pages)] for i in range(args.n_html)]
    texts = corpus_texts(args.n_text)
    f_html, f_text = floor([p.read_bytes() for p in page_files], page_postings(page_files), list(texts.description))
    work = Path(tempfile.mkdtemp(prefix="rolefit-bench-"))
    try:
        html_dir = work / "pages"
        html_dir.mkdir()
        for i, p in enumerate(page_files):
            shutil.copy(p, html_dir / f"{i:05d}-{p.name}")
        pq = work / "texts.parquet"
        texts.to_parquet(pq)
        print(
            f"{'input':17s} {'floor/core':>11s} {'rolefit 1 core':>15s} {'ratio':>6s} {'rolefit all cores':>18s} "
            f"{'per core':>9s} {'ratio':>6s}"
        )
        for name, inputs, n, fl in (
            ("html", [str(html_dir)], args.n_html, f_html),
            ("text", [str(pq)], args.n_text, f_text),
        ):
            for with_skills in (True, False):
                one = rolefit_rate(inputs, n, 1, work, with_skills)
                allc = rolefit_rate(inputs, n, cores, work, with_skills)
                label = name if with_skills else f"{name} --no-skills"
                print(
                    f"{label:17s} {fl:9.0f}/s {one:13.0f}/s {one / fl:6.2f} {allc:16.0f}/s {allc / cores:7.0f}/s "
                    f"{allc / cores / fl:6.2f}   (target ratio >= 0.6; {cores} cores)"
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
