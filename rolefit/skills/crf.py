"""A CRF over tokens that marks skill (SkillSpan KNOWLEDGE) spans, with the taxonomy as features.

Trained by ``benchmarks/skills_skillspan.py --train`` (or ``rolefit taxonomy train-crf``) on the
SkillSpan *train* split only; dev is for measuring.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rolefit.skills.taxonomy import Taxonomy

_SHAPE = [(re.compile(r"[A-Z]"), "X"), (re.compile(r"[a-z]"), "x"), (re.compile(r"[0-9]"), "d")]


_SYM = re.compile(r"[.#+/\d]")


def _shape(w: str) -> str:
    s = w
    for pat, rep in _SHAPE:
        s = pat.sub(rep, s)
    return re.sub(r"(.)\1{2,}", r"\1\1", s)[:6]


@lru_cache(maxsize=20_000)
def _word_features(w: str, first: bool) -> tuple[str, ...]:
    """Features of a word on its own (cached: job ads repeat their words)."""
    lw = w.lower()
    return (
        "b",
        "w=" + lw,
        "sh=" + _shape(w),
        "p3=" + lw[:3],
        "s3=" + lw[-3:],
        "s2=" + lw[-2:],
        "p2=" + lw[:2],
        f"up={int(w.isupper())}",
        f"ti={int(w.istitle())}",
        f"len={min(len(w), 8)}",
        f"sym={int(bool(_SYM.search(w)))}",
        f"mid_cap={int(not first and w[:1].isupper())}",
    )


@lru_cache(maxsize=20_000)
def _shape_cached(w: str) -> str:
    return _shape(w)


def token_texts(doc) -> tuple[list[str], list[str]]:
    """The Doc's token texts and their lower-cased forms, made once per Doc (the matcher and
    the tagger both read them, and making a Token object per word is what costs)."""
    cached = doc.user_data.get("rolefit.tokens")
    if cached is None:
        toks = [t.text for t in doc]
        cached = doc.user_data["rolefit.tokens"] = (toks, [t.lower() for t in toks])
    return cached


def doc_features(doc, matches, tax: Taxonomy) -> list[list[str]]:
    """Feature strings per token: the word, its shape and affixes, its word cluster, neighbours,
    dictionary tags."""
    from rolefit.skills.clusters import load_clusters

    clusters = load_clusters()
    gaz = ["O"] * len(doc)
    cat = [""] * len(doc)
    for m in matches:
        sk = tax.skills.get(m.skill_id or "")
        for i in range(m.start, m.end):
            gaz[i] = "B" if i == m.start else "I"
            cat[i] = sk.category if sk else ""
            if sk:
                src = "cur" if "curated" in sk.sources else sk.sources[0][:4]
                cat[i] += "|" + src
    toks = [t.text for t in doc]
    low = [t.lower() for t in toks]
    shapes = [_shape_cached(t) for t in toks]
    feats = []
    for i, w in enumerate(toks):
        lw = low[i]
        f = list(_word_features(w, i == 0))
        f += ["g=" + gaz[i], "c=" + cat[i], "g3=" + "".join(gaz[max(0, i - 1) : i + 2])]
        if clusters:
            f.append("k=" + clusters.get(lw, "oov"))
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < len(toks):
                f += [f"{d}w=" + low[j], f"{d}g=" + gaz[j], f"{d}sh=" + shapes[j]]
            else:
                f.append(f"{d}pad")
        if i > 0:
            f.append("bg-=" + low[i - 1] + "|" + lw)
        if i + 1 < len(toks):
            f.append("bg+=" + lw + "|" + low[i + 1])
        if i == 0:
            f.append("BOS")
        if i == len(toks) - 1:
            f.append("EOS")
        feats.append(f)
    return feats


def bio_spans(tags: list[str]) -> list[tuple[int, int]]:
    """Token spans from B/I/O tags, conlleval-style (an I after O opens a span too)."""
    spans, start = [], None
    for i, t in enumerate(list(tags) + ["O"]):
        if t == "B" or (t == "I" and start is None) or t == "O":
            if start is not None:
                spans.append((start, i))
                start = None
            if t in ("B", "I"):
                start = i
    return spans


class FastTagger:
    """The trained CRF's Viterbi decoding without building feature strings per token.

    ``doc_features`` spends most of its time concatenating strings that crfsuite then
    hashes again. Here every feature's weight is read out of the model once, and the
    features that depend on one word only — its own, its cluster, and what it adds as a
    neighbour two to the left or right — are summed into one cached (5 × labels) block per
    word. A document's emission scores are then a few array gathers, followed by a Viterbi
    pass unrolled for the three labels. The tags are those of ``pycrfsuite.Tagger.tag`` (a
    test checks).
    """

    def __init__(self, path, tax: Taxonomy):
        import numpy as np
        import pycrfsuite

        from rolefit.skills.clusters import load_clusters

        t = pycrfsuite.Tagger()
        t.open(str(path))
        info = t.info()
        self.labels = ["O", "B", "I"]
        idx = {lbl: k for k, lbl in enumerate(self.labels)}
        attrs = sorted({a for a, _ in info.state_features})
        self.attr_row = {a: k + 1 for k, a in enumerate(attrs)}  # row 0: a feature the model lacks
        self.attr_w = np.zeros((len(attrs) + 1, 3))
        for (attr, label), w in info.state_features.items():
            self.attr_w[self.attr_row[attr], idx[label]] = w
        self.trans = np.zeros((3, 3))
        for (a, b), w in info.transitions.items():
            self.trans[idx[a], idx[b]] = w
        self.tax = tax
        self.clusters = load_clusters()
        self._word_id: dict[tuple[str, bool], int] = {}
        self._word_blocks = np.zeros((1024, 5, 3))
        self._gaz_stack = np.array(
            [self._block([("g=" + g, 0)] + [(f"{d}g=" + g, d) for d in (-2, -1, 1, 2)]) for g in "OBI"]
        )

    def _w(self, attr: str):
        return self.attr_w[self.attr_row.get(attr, 0)]

    def _block(self, feats: list[tuple[str, int]]):
        """Rows 0..4: what a token adds to positions j-2 .. j+2 through features naming it."""
        import numpy as np

        m = np.zeros((5, 3))
        for attr, d in feats:  # feature "{d}x" at position i names the token at i + d = j
            m[2 - d] += self._w(attr)
        return m

    def _word_ids(self, toks: list[str]) -> list[int]:
        import numpy as np

        ids = []
        for i, w in enumerate(toks):
            key = (w, i == 0)
            k = self._word_id.get(key)
            if k is None:
                if len(self._word_id) >= 200_000:  # bound the memory of a long batch
                    self._word_id.clear()
                k = len(self._word_id)
                if k >= len(self._word_blocks):
                    self._word_blocks = np.concatenate([self._word_blocks, np.zeros_like(self._word_blocks)])
                lw, sh = w.lower(), _shape_cached(w)
                feats = [(f, 0) for f in _word_features(w, i == 0)]
                if self.clusters:
                    feats.append(("k=" + self.clusters.get(lw, "oov"), 0))
                feats += [(f"{d}w=" + lw, d) for d in (-2, -1, 1, 2)] + [(f"{d}sh=" + sh, d) for d in (-2, -1, 1, 2)]
                self._word_blocks[k] = self._block(feats)
                self._word_id[key] = k
            ids.append(k)
        return ids

    def emissions(self, doc, matches):
        """Per token, the score of each label (O, B, I) from the state features."""
        import numpy as np

        n = len(doc)
        gaz = ["O"] * n
        cat = [""] * n
        for m in matches:
            sk = self.tax.skills.get(m.skill_id or "")
            for i in range(m.start, m.end):
                gaz[i] = "B" if i == m.start else "I"
                cat[i] = sk.category if sk else ""
                if sk:
                    cat[i] += "|" + ("cur" if "curated" in sk.sources else sk.sources[0][:4])
        toks, low = token_texts(doc)
        ids = self._word_ids(toks)  # may grow the block store: index it afterwards
        blocks = self._word_blocks[ids] + self._gaz_stack[["OBI".index(g) for g in gaz]]
        e = np.zeros((n + 4, 3))
        for o in range(-2, 3):  # row 2 + o of token j lands on position j + o
            e[2 + o : 2 + o + n] += blocks[:, 2 + o]
        e = e[2 : 2 + n]
        row = self.attr_row.get
        rows = [row("c=" + c, 0) for c in cat]
        rows += [row("g3=" + "".join(gaz[max(0, i - 1) : i + 2]), 0) for i in range(n)]
        rows += [row("bg-=" + a + "|" + b, 0) for a, b in zip(low, low[1:], strict=False)]
        rows += [row("bg+=" + a + "|" + b, 0) for a, b in zip(low, low[1:], strict=False)]
        w = self.attr_w[rows]
        e += w[:n] + w[n : 2 * n]
        e[1:] += w[2 * n : 3 * n - 1]
        e[:-1] += w[3 * n - 1 :]
        for d in (-2, -1):
            e[: min(-d, n)] += self._w(f"{d}pad")
        for d in (1, 2):
            e[max(n - d, 0) :] += self._w(f"{d}pad")
        if n:
            e[0] += self._w("BOS")
            e[n - 1] += self._w("EOS")
        return e

    def tag(self, doc, matches) -> list[str]:
        """BIO tags for a Doc, given its dictionary matches."""
        if not len(doc):
            return []
        return [self.labels[y] for y in self._viterbi(self.emissions(doc, matches).ravel().tolist())]

    def _viterbi(self, flat: list[float]) -> list[int]:
        """Best label path for emission scores given flat, three per token."""
        # unrolled for three labels: this loop is the tagger's hot spot
        (t00, t01, t02), (t10, t11, t12), (t20, t21, t22) = self.trans.tolist()
        s0, s1, s2 = flat[0:3]
        back = []
        rest = iter(flat[3:])
        for r0, r1, r2 in zip(rest, rest, rest, strict=True):
            a, b, c = s0 + t00, s1 + t10, s2 + t20
            p0 = 0 if a >= b and a >= c else (1 if b >= c else 2)
            n0 = (a, b, c)[p0] + r0
            a, b, c = s0 + t01, s1 + t11, s2 + t21
            p1 = 0 if a >= b and a >= c else (1 if b >= c else 2)
            n1 = (a, b, c)[p1] + r1
            a, b, c = s0 + t02, s1 + t12, s2 + t22
            p2 = 0 if a >= b and a >= c else (1 if b >= c else 2)
            n2 = (a, b, c)[p2] + r2
            back.append((p0, p1, p2))
            s0, s1, s2 = n0, n1, n2
        y = 0 if s0 >= s1 and s0 >= s2 else (1 if s1 >= s2 else 2)
        path = [y]
        for ptr in reversed(back):
            y = ptr[y]
            path.append(y)
        return path[::-1]
