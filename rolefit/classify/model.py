"""The role model: shared TF-IDF features and three linear heads (in scope, work, output).

Fitting uses scikit-learn (``TfidfVectorizer``, ``LogisticRegression``). What is
saved is only arrays — vocabulary terms, idf weights, coefficients — so the
skops file is small, loads fast and holds no code to trust. Probabilities
are calibrated by a temperature per head, fitted on cross-validated scores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from rolefit.classify.features import ModelText, sentences
from rolefit.types import OUTPUT_LABELS, WORK_LABELS, Evidence

_TERM = re.compile(r"\w\w+")

HEADS = ("in_scope", "work", "output")
HEAD_LABELS: dict[str, tuple[str, ...]] = {"in_scope": ("false", "true"), "work": WORK_LABELS, "output": OUTPUT_LABELS}
BLOCKS = ("body", "duties")

DEFAULT_CONFIG: dict[str, Any] = {
    "body": {"ngram_range": [1, 2], "min_df": 2, "max_df": 0.9, "max_features": 40000, "sublinear_tf": True},
    "duties": {"ngram_range": [1, 2], "min_df": 2, "max_df": 0.9, "max_features": 25000, "sublinear_tf": True},
    "duties_weight": 1.0,
    "C": {"in_scope": 1.0, "work": 4.0, "output": 4.0},
    "class_weight": "balanced",
    # heads fitted on binary features scaled by naive-Bayes log-count ratios (NBSVM, Wang & Manning
    # 2012): for in scope, "which words occur at all" beats TF-IDF weights (see the model card)
    "nb": {"in_scope": {"alpha": 1.0}},
    # each labelled posting's rationale is also a training document for these heads
    # (evaluate.training_set); in scope is left out: "not a data role" names data
    "rationales": {"heads": ["work", "output"]},
}


def _vectorizer(c: dict[str, Any], vocabulary: dict[str, int] | None = None):
    from sklearn.feature_extraction.text import TfidfVectorizer

    kw: dict[str, Any] = {
        "ngram_range": tuple(c["ngram_range"]),
        "sublinear_tf": c["sublinear_tf"],
        "strip_accents": "unicode",
        "lowercase": True,
        "dtype": np.float32,
    }
    if vocabulary is None:
        kw.update(min_df=c["min_df"], max_df=c["max_df"], max_features=c["max_features"])
    else:
        kw["vocabulary"] = vocabulary
    return TfidfVectorizer(**kw)


def softmax_t(scores: np.ndarray, temperature: float) -> np.ndarray:
    """Class probabilities from decision scores (binary heads: one column) at a temperature."""
    s = np.asarray(scores, dtype=np.float64)
    if s.ndim == 2 and s.shape[1] == 1:
        s = s[:, 0]
    if s.ndim == 1:
        s = np.stack([-s / 2, s / 2], axis=1)
    s = s / temperature
    s = s - s.max(axis=1, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=1, keepdims=True)


def binarize(X):
    """1 where a feature occurs, for the NB heads (TF-IDF values are never negative)."""
    Xb = X.copy()
    Xb.data = np.ones_like(Xb.data)
    return Xb


def nb_ratio(Xb, positive: np.ndarray, alpha: float) -> np.ndarray:
    """Naive-Bayes log-count ratio of each binary feature between the positive rows and the rest."""
    p = alpha + np.asarray(Xb[positive].sum(0)).ravel()
    q = alpha + np.asarray(Xb[~positive].sum(0)).ravel()
    return np.log((p / p.sum()) / (q / q.sum()))


@dataclass
class LinearHead:
    classes: list[str]  # in HEAD_LABELS order
    coef: np.ndarray  # (1, n_features) for binary, (k, n_features) otherwise
    intercept: np.ndarray
    binary_features: bool = False  # an NB head: reads which features occur, not their weights

    def decision(self, X) -> np.ndarray:
        # scipy would copy a transposed float32 view into a C-ordered float64 array on every call
        if getattr(self, "_coef_t", None) is None:
            self._coef_t = np.ascontiguousarray(self.coef.T, dtype=np.float64)
        if self.binary_features:
            X = binarize(X)
        return np.asarray(X @ self._coef_t) + self.intercept


@dataclass
class RoleModel:
    config: dict[str, Any]
    vectorizers: dict[str, Any]
    heads: dict[str, LinearHead]
    temperatures: dict[str, float] = field(default_factory=lambda: {h: 1.0 for h in HEADS})

    # ---- features -------------------------------------------------------
    def transform(self, texts: list[ModelText], coverage: list[float] | None = None):
        """Features of the texts; with ``coverage`` (prediction only), each body's known-word share is appended."""
        import scipy.sparse as sp

        if len(texts) == 1 and all(hasattr(v, "rows") for v in self.vectorizers.values()):
            return self._transform_one(texts[0], coverage)
        bodies = [t.body for t in texts]
        if coverage is not None:
            body = self.vectorizers["body"].transform(bodies, coverage=coverage)
        else:
            body = self.vectorizers["body"].transform(bodies)
        duties = self.vectorizers["duties"].transform([t.duties for t in texts])
        return sp.hstack([body, duties * float(self.config["duties_weight"])], format="csr")

    def _transform_one(self, text: ModelText, coverage: list[float] | None):
        """One posting's row, built straight from the two blocks' arrays: the same matrix as
        ``hstack`` gives, without the three sparse constructions it costs (prediction's hot path)."""
        import scipy.sparse as sp

        bd, bi, _ = self.vectorizers["body"].rows([text.body], coverage)
        dd, di, _ = self.vectorizers["duties"].rows([text.duties])
        n_body = len(self.vectorizers["body"].idf_)
        data = np.concatenate([bd, dd * float(self.config["duties_weight"])]).astype(np.float32)
        ind = np.concatenate([bi, di + n_body]).astype(np.int32)
        shape = (1, n_body + len(self.vectorizers["duties"].idf_))
        return sp.csr_matrix((data, ind, np.array([0, len(data)], dtype=np.int64)), shape=shape)

    # ---- fitting --------------------------------------------------------
    @classmethod
    def fit(cls, config: dict[str, Any], texts: list[ModelText], targets: dict[str, tuple[np.ndarray, np.ndarray]]):
        """Fit vectorizers on all ``texts`` and each head on its ``(labels, mask)``."""
        from sklearn.linear_model import LogisticRegression

        vecs = {
            "body": _vectorizer(config["body"]).fit([t.body for t in texts]),
            "duties": _vectorizer(config["duties"]).fit([t.duties for t in texts]),
        }
        model = cls(config=config, vectorizers=vecs, heads={})
        X = model.transform(texts)
        for head, (y, mask) in targets.items():
            labels = list(HEAD_LABELS[head])
            clf = LogisticRegression(C=config["C"][head], class_weight=config["class_weight"], max_iter=3000)
            nb = (config.get("nb") or {}).get(head)
            if nb is not None and len(labels) != 2:
                raise ValueError(f"nb heads must be binary; {head} has {len(labels)} labels")
            if nb is not None:
                import scipy.sparse as sp

                Xb = binarize(X[mask])
                r = nb_ratio(Xb, y[mask] == labels[1], float(nb["alpha"]))
                clf.fit(Xb @ sp.diags(r), y[mask])
            else:
                clf.fit(X[mask], y[mask])
            classes = [str(c) for c in clf.classes_]
            if len(labels) == 2:
                sign = 1.0 if classes[1] == labels[1] else -1.0
                coef, intercept = sign * clf.coef_, sign * clf.intercept_
            else:
                order = [classes.index(lbl) for lbl in labels]
                coef, intercept = clf.coef_[order], clf.intercept_[order]
            if nb is not None:
                coef = coef * r  # fold the scaling in: the head is again one linear map
            model.heads[head] = LinearHead(
                labels, coef.astype(np.float32), intercept.astype(np.float64), binary_features=nb is not None
            )
        return model

    # ---- prediction -----------------------------------------------------
    def decision(self, head: str, X) -> np.ndarray:
        return self.heads[head].decision(X)

    def proba(self, head: str, X) -> np.ndarray:
        """Calibrated probabilities, columns in ``HEAD_LABELS[head]`` order."""
        return softmax_t(self.decision(head, X), self.temperatures.get(head, 1.0))

    def terms(self) -> list[str]:
        """Feature index -> term, across both blocks (built once)."""
        if not hasattr(self, "_terms"):
            out: list[str] = []
            for name in BLOCKS:
                vocab = self.vectorizers[name].vocabulary_
                block = [""] * len(vocab)
                for t, i in vocab.items():
                    block[i] = t
                out.extend(block)
            self._terms = out
        return self._terms

    def evidence(
        self, head: str, text: ModelText, label: str, X=None, k: int = 3, top_terms: int = 25
    ) -> list[Evidence]:
        """The sentences holding the terms that pushed the decision towards ``label`` most.

        Each term's push is its TF-IDF weight in this posting times the difference between
        the label's coefficient and the runner-up's; a sentence's weight is the sum over the
        strongest terms it contains. One sparse product per posting: cheap enough for batches.
        """
        if X is None:
            X = self.transform([text])
        h = self.heads[head]
        row = X[0] if X.shape[0] > 1 else X
        idx, vals = row.indices, row.data
        if not len(idx):
            return []
        if h.coef.shape[0] == 1:
            diff = h.coef[0, idx] * (1.0 if label == h.classes[1] else -1.0)
        else:
            i = h.classes.index(label)
            scores = h.decision(row).ravel()
            runner = int(np.argsort(scores)[-2]) if int(np.argmax(scores)) == i else int(np.argmax(scores))
            diff = h.coef[i, idx] - h.coef[runner, idx]
        contrib = vals * diff
        order = np.argsort(-contrib)[:top_terms]
        terms = self.terms()
        strong = [(terms[idx[j]], float(contrib[j])) for j in order if contrib[j] > 0 and "role" not in terms[idx[j]]]
        if not strong:
            return []
        scored = []
        for sent, low in _sentence_terms(text):
            w = sum(c for t, c in strong if f" {t} " in low)
            if w > 0:
                scored.append((w, sent))
        scored.sort(key=lambda t: -t[0])
        return [Evidence(text=s[:300], weight=w) for w, s in scored[:k]]

    def portable(self) -> RoleModel:
        """The same model with its vectorizers replaced by the sklearn-free transform."""
        return RoleModel.from_arrays(self.to_arrays())

    # ---- persistence: arrays only ---------------------------------------
    def to_arrays(self) -> dict[str, Any]:
        out: dict[str, Any] = {"config": self.config, "temperatures": dict(self.temperatures)}
        for name, vec in self.vectorizers.items():
            terms = np.empty(len(vec.vocabulary_), dtype=object)
            for t, i in vec.vocabulary_.items():
                terms[i] = t
            # one newline-joined string: fixed-width numpy strings would be ~10x larger
            out[f"{name}_terms"] = "\n".join(terms.tolist())
            out[f"{name}_idf"] = vec.idf_.astype(np.float32)
        for head, h in self.heads.items():
            out[f"{head}_classes"] = list(h.classes)
            out[f"{head}_coef"] = h.coef
            out[f"{head}_intercept"] = h.intercept
        return out

    @classmethod
    def from_arrays(cls, d: dict[str, Any]) -> RoleModel:
        config = d["config"]
        vecs = {}
        from rolefit.classify.tfidf import TfidfTransform

        for name in BLOCKS:
            terms = d[f"{name}_terms"].split("\n")
            vecs[name] = TfidfTransform(
                {t: i for i, t in enumerate(terms)},
                d[f"{name}_idf"],
                ngram_range=config[name]["ngram_range"],
                sublinear_tf=config[name]["sublinear_tf"],
            )
        nb = config.get("nb") or {}
        heads = {
            h: LinearHead(
                list(d[f"{h}_classes"]),
                np.asarray(d[f"{h}_coef"]),
                np.asarray(d[f"{h}_intercept"]),
                binary_features=h in nb,
            )
            for h in HEADS
        }
        return cls(config=config, vectorizers=vecs, heads=heads, temperatures=dict(d["temperatures"]))


def _sentence_terms(text: ModelText) -> list[tuple[str, str]]:
    """Each evidence sentence with its words as " w1 w2 ... ", kept on the text: every head's
    evidence reads the same sentences."""
    cached = getattr(text, "_sentence_terms", None)
    if cached is None:
        cached = [
            (sent, " " + " ".join(_TERM.findall(sent.lower())) + " ") for sent in sentences(text.raw_body or text.body)
        ]
        text._sentence_terms = cached
    return cached
