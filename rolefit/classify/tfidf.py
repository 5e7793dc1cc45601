"""TF-IDF transform at prediction time, identical to scikit-learn's, without importing it.

scikit-learn fits the vocabulary and idf weights (``rolefit train``); this
applies them. Importing ``sklearn.feature_extraction`` costs ~0.8 s of
start-up, more than everything else ``rolefit classify`` does; a test checks
that this transform gives the same matrix as ``TfidfVectorizer.transform``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import numpy as np

_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def strip_accents_unicode(s: str) -> str:
    """As ``sklearn.feature_extraction.text.strip_accents_unicode``."""
    try:
        s.encode("ASCII", errors="strict")
        return s
    except UnicodeEncodeError:
        normalized = unicodedata.normalize("NFKD", s)
        return "".join(c for c in normalized if not unicodedata.combining(c))


class TfidfTransform:
    """``TfidfVectorizer(strip_accents="unicode", lowercase=True, norm="l2")`` with fixed vocabulary and idf."""

    def __init__(self, vocabulary: dict[str, int], idf: np.ndarray, ngram_range=(1, 2), sublinear_tf: bool = True):
        self.vocabulary_ = vocabulary
        self.idf_ = np.asarray(idf, dtype=np.float32)
        self.ngram_range = tuple(ngram_range)
        self.sublinear_tf = sublinear_tf

    def build_analyzer(self):
        return self.analyze

    def analyze(self, doc: str) -> list[str]:
        tokens = _TOKEN.findall(strip_accents_unicode(doc.lower()))
        lo, hi = self.ngram_range
        if hi == 1:
            return tokens
        out = list(tokens) if lo == 1 else []
        n_tok = len(tokens)
        for n in range(max(2, lo), hi + 1):
            out.extend(" ".join(tokens[i : i + n]) for i in range(n_tok - n + 1))
        return out

    def transform(self, docs: list[str], coverage: list[float] | None = None):
        """TF-IDF rows; if ``coverage`` is a list, the share of each doc's single words in the vocabulary is appended."""
        import scipy.sparse as sp

        vocab = self.vocabulary_
        indptr = [0]
        indices: list[int] = []
        values: list[float] = []
        for doc in docs:
            terms = self.analyze(doc)
            if coverage is not None:
                words = [t for t in terms if " " not in t]
                coverage.append(sum(t in vocab for t in words) / len(words) if words else 0.0)
            counts = Counter(i for i in (vocab.get(t) for t in terms) if i is not None)
            if counts:
                idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
                tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
                if self.sublinear_tf:
                    tf = np.log(tf) + 1.0
                w = (tf * self.idf_[idx]).astype(np.float32)
                norm = np.sqrt(np.dot(w.astype(np.float64), w.astype(np.float64)))
                if norm > 0:
                    w = (w / norm).astype(np.float32)
                order = np.argsort(idx)
                indices.extend(idx[order].tolist())
                values.extend(w[order].tolist())
            indptr.append(len(indices))
        return sp.csr_matrix(
            (
                np.asarray(values, dtype=np.float32),
                np.asarray(indices, dtype=np.int32),
                np.asarray(indptr, dtype=np.int64),
            ),
            shape=(len(docs), len(self.idf_)),
        )
