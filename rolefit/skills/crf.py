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
