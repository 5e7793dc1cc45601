"""The role model: shared TF-IDF features and three linear heads (in scope, work, output).

Fitting uses scikit-learn (``TfidfVectorizer``, ``LogisticRegression``). What is
saved is only arrays — vocabulary terms, idf weights, coefficients — so the
skops file is small, loads fast and holds no code to trust. Probabilities
are calibrated by a temperature per head, fitted on cross-validated scores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from rolefit.classify.features import ModelText, sentences
from rolefit.types import OUTPUT_LABELS, WORK_LABELS, Evidence

HEADS = ("in_scope", "work", "output")
HEAD_LABELS: dict[str, tuple[str, ...]] = {"in_scope": ("false", "true"), "work": WORK_LABELS, "output": OUTPUT_LABELS}
BLOCKS = ("body", "duties")

DEFAULT_CONFIG: dict[str, Any] = {
    "body": {"ngram_range": [1, 2], "min_df": 2, "max_df": 0.9, "max_features": 40000, "sublinear_tf": True},
    "duties": {"ngram_range": [1, 2], "min_df": 2, "max_df": 0.9, "max_features": 25000, "sublinear_tf": True},
    "duties_weight": 1.0,
    "C": {"in_scope": 4.0, "work": 4.0, "output": 4.0},
    "class_weight": "balanced",
}

_VEC_PARAMS = ("ngram_range", "sublinear_tf")


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


@dataclass
class LinearHead:
    classes: list[str]  # in HEAD_LABELS order
    coef: np.ndarray  # (1, n_features) for binary, (k, n_features) otherwise
    intercept: np.ndarray

    def decision(self, X) -> np.ndarray:
        return np.asarray(X @ self.coef.T) + self.intercept


@dataclass
class RoleModel:
    config: dict[str, Any]
    vectorizers: dict[str, Any]
    heads: dict[str, LinearHead]
    temperatures: dict[str, float] = field(default_factory=lambda: {h: 1.0 for h in HEADS})

    # ---- features -------------------------------------------------------
    def transform(self, texts: list[ModelText]):
        import scipy.sparse as sp

        body = self.vectorizers["body"].transform([t.body for t in texts])
        duties = self.vectorizers["duties"].transform([t.duties for t in texts])
        return sp.hstack([body, duties * float(self.config["duties_weight"])], format="csr")

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
            clf.fit(X[mask], y[mask])
            classes = [str(c) for c in clf.classes_]
            if len(labels) == 2:
                sign = 1.0 if classes[1] == labels[1] else -1.0
                coef, intercept = sign * clf.coef_, sign * clf.intercept_
            else:
                order = [classes.index(lbl) for lbl in labels]
                coef, intercept = clf.coef_[order], clf.intercept_[order]
            model.heads[head] = LinearHead(labels, coef.astype(np.float32), intercept.astype(np.float64))
        return model

    # ---- prediction -----------------------------------------------------
    def decision(self, head: str, X) -> np.ndarray:
        return self.heads[head].decision(X)

    def proba(self, head: str, X) -> np.ndarray:
        """Calibrated probabilities, columns in ``HEAD_LABELS[head]`` order."""
        return softmax_t(self.decision(head, X), self.temperatures.get(head, 1.0))

    def evidence(self, head: str, text: ModelText, label: str, k: int = 3) -> list[Evidence]:
        """The sentences that, read alone, push hardest towards ``label`` over the other classes."""
        from rolefit.classify.blind import blind

        sents = sentences(text.raw_body or text.body)
        if not sents:
            return []
        blinded = [blind(s, text.title) for s in sents]
        X = self.transform([ModelText(body=b, duties=b if b in text.duties else "") for b in blinded])
        scores = self.decision(head, X)
        labels = self.heads[head].classes
        if scores.shape[1] == 1:
            margin = scores[:, 0] if label == labels[1] else -scores[:, 0]
        else:
            i = labels.index(label)
            margin = scores[:, i] - np.delete(scores, i, axis=1).max(axis=1)
        top = np.argsort(-margin)[:k]
        return [Evidence(text=sents[j][:300], weight=float(margin[j])) for j in top if margin[j] > 0]

    def known_fraction(self, text: str) -> float:
        """Share of a text's words that the body vocabulary knows (low: unlike the training data)."""
        vec = self.vectorizers["body"]
        toks = [t for t in vec.build_analyzer()(text) if " " not in t]
        if not toks:
            return 0.0
        vocab = vec.vocabulary_
        return sum(t in vocab for t in toks) / len(toks)

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
        heads = {
            h: LinearHead(list(d[f"{h}_classes"]), np.asarray(d[f"{h}_coef"]), np.asarray(d[f"{h}_intercept"]))
            for h in HEADS
        }
        return cls(config=config, vectorizers=vecs, heads=heads, temperatures=dict(d["temperatures"]))
