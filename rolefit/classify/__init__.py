"""Posting -> Classification with the shipped model (``models/``)."""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from rolefit.errors import RolefitError
from rolefit.types import AxisResult, Classification, Posting

MODEL_DIR = Path(__file__).resolve().parents[2] / "models"
REVIEW_MARGIN = 0.15  # top-two probabilities closer than this need a human look
MIN_DUTY_WORDS = 60  # codebook rule 6: too little text to tell
MIN_KNOWN_FRACTION = 0.5  # share of words the model knows, below which a posting looks unlike the data


def model_dir() -> Path:
    return Path(os.environ.get("ROLEFIT_MODEL_DIR") or MODEL_DIR)


@lru_cache(maxsize=4)
def load_model(path: str | None = None):
    """Load and check the shipped model: meta.json present, hash matching, only arrays inside."""
    from rolefit.classify.artifact import read_arrays
    from rolefit.classify.model import RoleModel

    d = Path(path) if path else model_dir()
    meta_path = d / "meta.json"
    if not meta_path.exists():
        raise RolefitError(f"no model in {d}: run `rolefit train` (or `make model`) first", "no_model")
    meta = json.loads(meta_path.read_text())
    model_path = d / meta["model_file"]
    if not model_path.exists():
        raise RolefitError(f"model file {model_path} is missing: run `rolefit train`", "no_model")
    data = model_path.read_bytes()
    if hashlib.sha256(data).hexdigest() != meta["model_sha256"]:
        raise RolefitError(f"{model_path} does not match its meta.json: retrain with `rolefit train`", "bad_model")
    return RoleModel.from_arrays(read_arrays(model_path)), meta


def classify(posting: Posting, model_path: str | None = None) -> Classification:
    """Place one posting on the grid, with calibrated probabilities and evidence."""
    from rolefit.classify.features import posting_text
    from rolefit.classify.model import HEAD_LABELS
    from rolefit.classify.title_baseline import title_mismatch, title_suggests

    model, meta = load_model(model_path)
    text = posting_text(posting)
    coverage: list[float] = []
    X = model.transform([text], coverage=coverage)
    p_in = float(model.proba("in_scope", X)[0, 1])
    axes = {}
    for head in ("work", "output"):
        p = model.proba(head, X)[0]
        labels = HEAD_LABELS[head]
        label = labels[int(p.argmax())]
        axes[head] = AxisResult(
            label=label,
            probabilities={lbl: float(v) for lbl, v in zip(labels, p, strict=False)},
            evidence=model.evidence(head, text, label, X=X),
        )
    in_scope = p_in >= 0.5
    reasons: list[str] = []
    if abs(p_in - 0.5) < REVIEW_MARGIN:
        reasons.append("in scope is uncertain")
    if in_scope:
        for head, a in axes.items():
            top2 = sorted(a.probabilities.values(), reverse=True)[:2]
            if top2[0] - top2[1] < REVIEW_MARGIN:
                reasons.append(f"{head} is close between two labels")
    duty_words = len(text.duties.split())
    if duty_words < MIN_DUTY_WORDS:
        reasons.append(f"only {duty_words} words of duties")
    known = coverage[0]
    if known < MIN_KNOWN_FRACTION:
        reasons.append("unlike the training data")
    if posting.language and posting.language != "en":
        reasons.append(f"written in '{posting.language}'; the model learned from English postings")
    if not in_scope:
        axes = {h: AxisResult(label=None, probabilities=a.probabilities, evidence=[]) for h, a in axes.items()}

    sug = title_suggests(posting.title)
    mismatch = title_mismatch(posting.title, in_scope, axes["work"].label, axes["output"].label)
    return Classification(
        in_scope=in_scope,
        in_scope_probability=p_in,
        work=axes["work"],
        output=axes["output"],
        needs_review=bool(reasons),
        review_reasons=reasons,
        title_suggests=f"{sug[0]}/{sug[1]}" if sug else None,
        title_mismatch=mismatch,
        model=f"rolefit-{meta['model_sha256'][:12]}",
    )
