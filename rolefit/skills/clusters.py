"""Word clusters learned from unlabelled job postings, used as CRF features.

A word the CRF never saw in SkillSpan ("hazelcast", "dynamodb") still lands in
the cluster of the technologies it keeps company with, so the tagger
generalises past its training vocabulary. Clusters come from distributional
similarity: positional co-occurrence counts (±2 words) → PPMI → truncated SVD
→ k-means. Rebuild with::

    python -m rolefit.skills.clusters --corpus ../shared/data/postings/corpus.parquet \
        --sentences ../shared/data/skill_benchmarks/skillspan/skillspan_tech_train.jsonl \
        --sentences ../shared/data/skill_benchmarks/skillspan/skillspan_house_train.jsonl

Only *train* sentences of SkillSpan may go in; dev and test stay unseen.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

CLUSTERS_PATH = Path(__file__).resolve().parents[2] / "models" / "word_clusters.tsv.gz"
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9+#.\-]*[A-Za-z0-9+#]|[A-Za-z]")


@lru_cache(maxsize=2)
def load_clusters(path: Path = CLUSTERS_PATH) -> dict[str, str]:
    """Lower-cased word -> cluster id; empty when the file is absent (the CRF then runs without)."""
    if not Path(path).exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return dict(line.rstrip("\n").split("\t", 1) for line in f if "\t" in line)


def build_clusters(texts: list[list[str]], k: int = 256, min_count: int = 5, dims: int = 128) -> dict[str, int]:
    """Cluster the vocabulary of tokenised ``texts`` into ``k`` groups of distributionally similar words."""
    from sklearn.cluster import MiniBatchKMeans

    vocab, x = word_vectors(texts, min_count, dims)
    labels = MiniBatchKMeans(k, random_state=0, n_init=3, batch_size=4096).fit_predict(x)
    return {w: int(label) for w, label in zip(vocab, labels, strict=True)}


def word_vectors(texts: list[list[str]], min_count: int = 5, dims: int = 128):
    """``(vocabulary, unit vectors)``: PPMI of positional contexts, reduced by truncated SVD."""
    import numpy as np
    from scipy import sparse
    from sklearn.decomposition import TruncatedSVD

    counts = Counter(w for s in texts for w in s)
    vocab = [w for w, c in counts.most_common(40_000) if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    rows, cols = [], []
    for s in texts:
        ids = [index.get(w, -1) for w in s]
        for i, a in enumerate(ids):
            if a < 0:
                continue
            # one column block per relative position: left and right contexts differ for tags
            for slot, d in enumerate((-2, -1, 1, 2)):
                j = i + d
                if 0 <= j < len(ids) and ids[j] >= 0:
                    rows.append(a)
                    cols.append(ids[j] * 4 + slot)
    n = len(vocab)
    m = sparse.coo_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(n, n * 4)).tocsr()
    total = m.sum()
    row_sum = np.asarray(m.sum(1)).ravel()
    col_sum = np.asarray(m.sum(0)).ravel() ** 0.75  # context smoothing as in word2vec
    col_sum = col_sum / col_sum.sum() * total
    m = m.tocoo()
    pmi = np.log(m.data * total / (row_sum[m.row] * col_sum[m.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
    x = TruncatedSVD(dims, random_state=0).fit_transform(ppmi)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    return vocab, x


def tokenize(text: str) -> list[str]:
    return [w.lower() for w in _TOKEN.findall(text)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build word clusters for the skill CRF.")
    ap.add_argument("--corpus", type=Path, action="append", default=[], help="Parquet with a description column")
    ap.add_argument("--sentences", type=Path, action="append", default=[], help="SkillSpan-style JSONL (train only)")
    ap.add_argument("--out", type=Path, default=CLUSTERS_PATH)
    args = ap.parse_args(argv)
    import pandas as pd

    texts = []
    for p in args.corpus:
        texts += [tokenize(d) for d in pd.read_parquet(p, columns=["description"]).description.dropna()]
    for p in args.sentences:
        texts += [[w.lower() for w in json.loads(line)["tokens"]] for line in p.read_text("utf-8").splitlines()]
    clusters = build_clusters(texts)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(args.out, "wb", mtime=0) as raw:  # mtime=0: same input, same bytes
        raw.write("".join(f"{w}\t{c}\n" for w, c in clusters.items()).encode("utf-8"))
    print(f"{len(clusters)} words in {len(set(clusters.values()))} clusters -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
