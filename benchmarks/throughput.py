"""Scoring throughput against the floor of the stack itself, measured in the same run.

    python benchmarks/throughput.py [--n-html 300] [--n-text 600]

Floor, one core, nothing else: from text, spaCy's blank English tokenizer and a TF-IDF
transform (1-2-grams) per posting; from HTML, that plus selectolax (lexbor) parsing the
page and taking its text. rolefit's rate is measured with `rolefit score` (local engine,
skills included) on the same pages and postings, with 1 process and with all cores; the
ratio is rolefit per core used / floor (target >= 0.6).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

from _common import corpus_texts, need_shared, posting_pages, timer


def floor(html_pages: list[bytes], texts: list[str]) -> tuple[float, float]:
    import spacy
    from selectolax.lexbor import LexborHTMLParser
    from sklearn.feature_extraction.text import TfidfVectorizer

    nlp = spacy.blank("en")
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=40000, sublinear_tf=True).fit(texts[:300])
    with timer() as t_html:
        page_texts = []
        for b in html_pages:
            body = LexborHTMLParser(b).body
            page_texts.append(body.text(separator=" ") if body else "")
    assert len(page_texts) == len(html_pages)
    with timer() as t_tok:
        for t in texts:
            nlp.make_doc(t)
    with timer() as t_tfidf:
        for t in texts:
            vec.transform([t])
    per_text = (t_tok.s + t_tfidf.s) / len(texts)
    # from HTML: the page's parse and text, then a posting's tokenising and TF-IDF
    per_html = t_html.s / len(html_pages) + per_text
    print(
        f"floor parts: selectolax {len(html_pages) / t_html.s:.0f} pages/s, spaCy tokenizer {len(texts) / t_tok.s:.0f}/s, "
        f"TF-IDF {len(texts) / t_tfidf.s:.0f}/s"
    )
    return 1 / per_html, 1 / per_text


def rolefit_rate(inputs: list[str], n: int, jobs: int, workdir: Path) -> float:
    from rolefit.score.engine import journal_path, run
    from rolefit.score.inputs import iter_items

    out = workdir / f"out-{jobs}-{n}.jsonl"
    journal_path(out).unlink(missing_ok=True)
    run(iter_items(inputs), out, jobs=1 if jobs == 1 else jobs)  # warm: model load, imports
    journal_path(out).unlink()
    with timer() as t:
        stats = run(iter_items(inputs), out, jobs=jobs)
    assert stats.scored == n, stats
    return n / t.s


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
    f_html, f_text = floor([p.read_bytes() for p in page_files], list(texts.description))
    work = Path(tempfile.mkdtemp(prefix="rolefit-bench-"))
    try:
        html_dir = work / "pages"
        html_dir.mkdir()
        for i, p in enumerate(page_files):
            shutil.copy(p, html_dir / f"{i:05d}-{p.name}")
        pq = work / "texts.parquet"
        texts.to_parquet(pq)
        print(
            f"{'input':5s} {'floor/core':>11s} {'rolefit 1 core':>15s} {'ratio':>6s} {'rolefit all cores':>18s} {'per core':>9s} {'ratio':>6s}"
        )
        for name, inputs, n, fl in (
            ("html", [str(html_dir)], args.n_html, f_html),
            ("text", [str(pq)], args.n_text, f_text),
        ):
            one = rolefit_rate(inputs, n, 1, work)
            allc = rolefit_rate(inputs, n, cores, work)
            print(
                f"{name:5s} {fl:9.0f}/s {one:13.0f}/s {one / fl:6.2f} {allc:16.0f}/s {allc / cores:7.0f}/s {allc / cores / fl:6.2f}"
                f"   (target ratio >= 0.6; {cores} cores)"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
