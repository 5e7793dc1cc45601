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


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def _drop_combining(m: re.Match) -> str:
    return "".join(c for c in m.group() if not unicodedata.combining(c))


def strip_accents_unicode(s: str) -> str:
    """As ``sklearn.feature_extraction.text.strip_accents_unicode``.

    ASCII characters never combine, so only the runs of other characters are looked at one
    by one: a page with curly quotes and bullets is otherwise a Python loop over every letter.
    """
    if s.isascii():
        return s
    return _NON_ASCII_RUN.sub(_drop_combining, unicodedata.normalize("NFKD", s))


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
        for n in range(max(2, lo), hi + 1):
            if n == 2:
                out.extend(map(" ".join, zip(tokens, tokens[1:], strict=False)))
            else:
                out.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
        return out

    def rows(self, docs: list[str], coverage: list[float] | None = None):
        """``(data, indices, indptr)`` of the TF-IDF rows, as in a CSR matrix.

        With ``coverage`` a list, the share of each doc's single words in the vocabulary is appended.
        """
        vocab = self.vocabulary_
        indptr = [0]
        indices: list[np.ndarray] = []
        values: list[np.ndarray] = []
        n = 0
        for doc in docs:
            terms = self.analyze(doc)
            if coverage is not None:
                words = terms if self.ngram_range[1] == 1 else [t for t in terms if " " not in t]
                coverage.append(sum(map(vocab.__contains__, words)) / len(words) if words else 0.0)
            counts = Counter(map(vocab.get, terms))
            counts.pop(None, None)
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
                indices.append(idx[order].astype(np.int32))
                values.append(w[order])
                n += len(counts)
            indptr.append(n)
        data = np.concatenate(values) if values else np.zeros(0, np.float32)
        ind = np.concatenate(indices) if indices else np.zeros(0, np.int32)
        return data, ind, np.asarray(indptr, dtype=np.int64)

    def transform(self, docs: list[str], coverage: list[float] | None = None):
        """TF-IDF rows as a CSR matrix (see ``rows``)."""
        import scipy.sparse as sp

        return sp.csr_matrix(self.rows(docs, coverage), shape=(len(docs), len(self.idf_)))
