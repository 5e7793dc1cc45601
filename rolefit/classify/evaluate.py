"""Grouped cross-validation and the metrics the model card reports.

Folds are grouped by company so that re-posts of one employer's ads never sit
on both sides of a split. Every figure is computed on out-of-fold predictions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from rolefit.classify.blind import blind
from rolefit.classify.data import LabelledSet
from rolefit.classify.features import ModelText
from rolefit.classify.model import HEAD_LABELS, HEADS, RoleModel, softmax_t
from rolefit.classify.title_baseline import title_mismatch, title_suggests


@dataclass
class OOF:
    """Out-of-fold decision scores per head (NaN rows where a head was not applied)."""

    scores: dict[str, np.ndarray]
    folds: np.ndarray
    temperatures: dict[str, float] = field(default_factory=dict)


def grouped_folds(ds: LabelledSet, n_splits: int, seed: int = 0) -> np.ndarray:
    from sklearn.model_selection import StratifiedGroupKFold

    strat = np.where(ds.in_scope, ds.work + "/" + ds.output, "out")
    fold = np.full(len(ds), -1)
    for i, (_, test) in enumerate(
        StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed).split(
            np.zeros(len(ds)), strat, groups=ds.companies
        )
    ):
        fold[test] = i
    return fold


def _targets(ds: LabelledSet, head: str) -> tuple[np.ndarray, np.ndarray]:
    """Labels and the mask of rows a head trains on."""
    if head == "in_scope":
        return np.where(ds.in_scope, "true", "false"), np.ones(len(ds), bool)
    y = ds.work if head == "work" else ds.output
    return y, ds.in_scope & (y != "")


def targets(ds: LabelledSet) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    return {h: _targets(ds, h) for h in HEADS}


def training_set(
    ds: LabelledSet, idx: np.ndarray, config: dict[str, Any]
) -> tuple[list[ModelText], dict[str, tuple[np.ndarray, np.ndarray]]]:
    """The model's training documents and targets for the postings ``idx``.

    With ``rationales: {heads: [...]}`` in the config, each posting's rationale — the
    labeller's one-line account of what the job does — is one more document, labelled like
    its posting, for those heads only. It says in a few plain words what the posting says in
    many, so the heads learn the vocabulary of duties. Prediction reads postings only; in
    cross-validation only the training folds' rationales are used.
    """
    tg = targets(ds)
    texts = [ds.texts[i] for i in idx]
    out = {h: (y[idx], m[idx]) for h, (y, m) in tg.items()}
    heads = set((config.get("rationales") or {}).get("heads") or ())
    if heads and ds.rationales:
        keep = np.array([i for i in idx if str(ds.rationales[i]).strip()], dtype=int)
        texts += [rationale_text(ds, i) for i in keep]
        out = {
            h: (np.concatenate([y, tg[h][0][keep]]), np.concatenate([m, tg[h][1][keep] & (h in heads)]))
            for h, (y, m) in out.items()
        }
    return texts, out


def rationale_text(ds: LabelledSet, i: int) -> ModelText:
    """A rationale as a model document: blinded like a posting, all of it duties."""
    text = blind(str(ds.rationales[i]), ds.texts[i].title)
    return ModelText(body=text, duties=text, raw_body=str(ds.rationales[i]))


def cross_validate(ds: LabelledSet, config: dict[str, Any], n_splits: int = 5, seed: int = 0) -> OOF:
    """Out-of-fold decision scores for every head, folds grouped by company."""
    folds = grouped_folds(ds, n_splits, seed)
    scores = {h: np.full((len(ds), 1 if len(HEAD_LABELS[h]) == 2 else len(HEAD_LABELS[h])), np.nan) for h in HEADS}
    for f in range(n_splits):
        tr = np.flatnonzero(folds != f)
        te = np.flatnonzero(folds == f)
        model = RoleModel.fit(config, *training_set(ds, tr, config))
        X = model.transform([ds.texts[i] for i in te])
        for h in HEADS:
            scores[h][te] = model.decision(h, X)
    oof = OOF(scores=scores, folds=folds)
    oof.temperatures = {h: fit_temperature(oof, ds, h) for h in HEAD_LABELS}
    return oof


def oof_proba(oof: OOF, head: str, temperature: float | None = None) -> np.ndarray:
    t = oof.temperatures.get(head, 1.0) if temperature is None else temperature
    return softmax_t(oof.scores[head], t)


def fit_temperature(oof: OOF, ds: LabelledSet, head: str) -> float:
    """The temperature that minimises log loss on out-of-fold scores."""
    y, mask = _targets(ds, head)
    labels = list(HEAD_LABELS[head])
    idx = np.array([labels.index(v) if v in labels else -1 for v in y])
    mask = mask & (idx >= 0)
    best_t, best = 1.0, np.inf
    for t in np.exp(np.linspace(np.log(0.2), np.log(5.0), 61)):
        p = oof_proba(oof, head, t)[mask]
        ll = -np.mean(np.log(np.clip(p[np.arange(mask.sum()), idx[mask]], 1e-12, 1)))
        if ll < best:
            best_t, best = float(t), ll
    return best_t


def brier(p: np.ndarray, idx: np.ndarray) -> float:
    onehot = np.zeros_like(p)
    onehot[np.arange(len(idx)), idx] = 1
    return float(np.mean(np.sum((p - onehot) ** 2, axis=1)))


def ece(p: np.ndarray, idx: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error of the top class."""
    conf = p.max(axis=1)
    correct = p.argmax(axis=1) == idx
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=False):
        m = (conf > lo) & (conf <= hi)
        if m.any():
            total += m.mean() * abs(correct[m].mean() - conf[m].mean())
    return float(total)


def metrics(ds: LabelledSet, oof: OOF) -> dict[str, Any]:
    """Every figure of the model card, from out-of-fold predictions."""
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score

    out: dict[str, Any] = {"n": len(ds), "n_in_scope": int(ds.in_scope.sum())}
    p_in = oof_proba(oof, "in_scope")
    pred_in = p_in[:, 1] >= 0.5
    out["in_scope_accuracy"] = float(accuracy_score(ds.in_scope, pred_in))
    out["in_scope_brier"] = brier(p_in, ds.in_scope.astype(int))
    out["in_scope_ece"] = ece(p_in, ds.in_scope.astype(int))
    preds: dict[str, np.ndarray] = {}
    for head in ("work", "output"):
        labels = list(HEAD_LABELS[head])
        y = ds.work if head == "work" else ds.output
        m = ds.in_scope & (y != "")
        p = oof_proba(oof, head)
        pred = np.array(labels)[np.nan_to_num(p, nan=0).argmax(axis=1)]
        preds[head] = pred
        idx = np.array([labels.index(v) for v in y[m]])
        out[f"{head}_macro_f1"] = float(f1_score(y[m], pred[m], average="macro"))
        out[f"{head}_accuracy"] = float(accuracy_score(y[m], pred[m]))
        out[f"{head}_brier"] = brier(p[m], idx)
        out[f"{head}_ece"] = ece(p[m], idx)
        out[f"{head}_confusion"] = {
            "labels": labels,
            "matrix": confusion_matrix(y[m], pred[m], labels=labels).tolist(),
        }
        for conf in sorted(set(ds.confidence)):
            mc = m & (ds.confidence == conf)
            if mc.sum() >= 20:
                out.setdefault("by_confidence", {}).setdefault(conf, {})[f"{head}_macro_f1"] = float(
                    f1_score(y[mc], pred[mc], average="macro")
                )
        for src in sorted(set(ds.sources)):
            ms = m & (np.array(ds.sources) == src)
            if ms.sum() >= 20:
                out.setdefault("by_source", {}).setdefault(src, {})[f"{head}_macro_f1"] = float(
                    f1_score(y[ms], pred[ms], average="macro")
                )
    for conf, v in out.get("by_confidence", {}).items():
        mc = ds.confidence == conf
        v["in_scope_accuracy"] = float(accuracy_score(ds.in_scope[mc], pred_in[mc]))
        v["n"] = int(mc.sum())
    # the title-mismatch flag as `rolefit classify` raises it, against the labels' title_misleading
    flag = np.array(
        [
            title_mismatch(t, bool(i), w if i else None, o if i else None) is not None
            for t, i, w, o in zip(ds.titles, pred_in, preds["work"], preds["output"], strict=True)
        ]
    )
    hit = int((flag & ds.title_misleading).sum())
    wrong = (pred_in != ds.in_scope) | (ds.in_scope & ((preds["work"] != ds.work) | (preds["output"] != ds.output)))
    out["title_flag"] = {
        "flagged": int(flag.sum()),
        "labelled": int(ds.title_misleading.sum()),
        "precision": hit / max(1, int(flag.sum())),
        "recall": hit / max(1, int(ds.title_misleading.sum())),
        "false_flags": int((flag & ~ds.title_misleading).sum()),
        "false_flags_model_wrong": int((flag & ~ds.title_misleading & wrong).sum()),
    }
    m = ds.in_scope & ds.title_misleading
    both = (preds["work"] == ds.work) & (preds["output"] == ds.output)
    out["title_misleading_n"] = int(m.sum())
    out["title_misleading_both_right"] = float(both[m].mean()) if m.any() else None
    for conf, v in out.get("by_confidence", {}).items():
        mc = m & (ds.confidence == conf)
        v["title_misleading_n"] = int(mc.sum())
        v["title_misleading_both_right"] = float(both[mc].mean()) if mc.any() else None
    out["temperatures"] = oof.temperatures
    return out


def title_baseline_metrics(ds: LabelledSet) -> dict[str, Any]:
    """The title-keyword rule, scored on the same labels."""
    from sklearn.metrics import accuracy_score, f1_score

    sug = [title_suggests(t) for t in ds.titles]
    pred_in = np.array([s is not None for s in sug])
    out: dict[str, Any] = {"in_scope_accuracy": float(accuracy_score(ds.in_scope, pred_in))}
    for i, head in enumerate(("work", "output")):
        y = ds.work if head == "work" else ds.output
        m = ds.in_scope & (y != "")
        pred = np.array([s[i] if s else "none" for s in sug])
        out[f"{head}_macro_f1"] = float(f1_score(y[m], pred[m], average="macro", labels=list(HEAD_LABELS[head])))
    m = ds.in_scope & ds.title_misleading
    both = np.array(
        [s is not None and s[0] == w and s[1] == o for s, w, o in zip(sug, ds.work, ds.output, strict=False)]
    )
    out["title_misleading_both_right"] = float(both[m].mean()) if m.any() else None
    return out


def held_out_sources(ds: LabelledSet, config: dict[str, Any], min_n: int = 100) -> dict[str, Any]:
    """Train on every other source, test on one: how the model does on a site it never saw.

    Only sources with at least ``min_n`` postings whose complement still holds every label.
    Axis figures are accuracies with their counts: a held-out source may have few in-scope
    postings, too few for a macro-F1 to mean much.
    """
    src = np.array(ds.sources)
    tg = targets(ds)
    out: dict[str, Any] = {}
    for s in sorted(set(src)):
        te, tr = np.flatnonzero(src == s), np.flatnonzero(src != s)
        if len(te) < min_n or any(set(tg[h][0][tr][tg[h][1][tr]]) != set(HEAD_LABELS[h]) for h in HEADS):
            continue
        model = RoleModel.fit(config, *training_set(ds, tr, config))
        X = model.transform([ds.texts[i] for i in te])
        r: dict[str, Any] = {"n": int(len(te)), "n_in_scope": int(ds.in_scope[te].sum())}
        p_in = model.proba("in_scope", X)[:, 1] >= 0.5
        r["in_scope_accuracy"] = float(np.mean(p_in == ds.in_scope[te]))
        for h in ("work", "output"):
            y, m = tg[h][0][te], tg[h][1][te]
            pred = np.array(HEAD_LABELS[h], dtype=object)[model.proba(h, X).argmax(1)]
            r[f"{h}_right"] = int((pred[m] == y[m]).sum())
        out[s] = r
    return out
