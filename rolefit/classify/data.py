"""Load the labelled postings shipped in ``data/labels``."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from rolefit.classify.features import ModelText, model_text, sections_of_text

REPO = Path(__file__).resolve().parents[2]
DATA_DIR = REPO / "data" / "labels"


@dataclass
class LabelledSet:
    ids: list[str]
    titles: list[str]
    companies: list[str]
    sources: list[str]
    texts: list[ModelText]
    in_scope: np.ndarray  # bool
    work: np.ndarray  # str ('' when out of scope)
    output: np.ndarray
    title_misleading: np.ndarray
    confidence: np.ndarray
    descriptions: list[str]
    data_hash: str
    # the labeller's one-line account of each posting's duties (``rationale`` in labels.csv)
    rationales: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)


def file_hash(*paths: Path) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def load_labelled(data_dir: Path | None = None, limit: int | None = None) -> LabelledSet:
    """Join labels with texts; build the title-blinded model inputs."""
    import pandas as pd

    d = Path(data_dir) if data_dir else DATA_DIR
    labels_path, texts_path = d / "labels.csv", d / "texts.parquet"
    labels = pd.read_csv(labels_path, dtype=str, keep_default_na=False)
    texts = pd.read_parquet(texts_path)
    df = labels.merge(texts, on="id", how="inner")
    if limit:
        df = df.sample(n=min(limit, len(df)), random_state=0).reset_index(drop=True)
    mtexts = [model_text(t, sections_of_text(desc), desc) for t, desc in zip(df.title, df.description, strict=False)]
    return LabelledSet(
        ids=list(df.id),
        titles=list(df.title),
        companies=[str(c or "").strip().lower() or f"unknown-{i}" for i, c in enumerate(df.company)],
        sources=list(df.source),
        texts=mtexts,
        in_scope=(df.in_scope.str.lower() == "true").to_numpy(),
        work=df.work.to_numpy(),
        output=df.output.to_numpy(),
        title_misleading=(df.title_misleading.str.lower() == "true").to_numpy(),
        confidence=df.confidence.to_numpy(),
        descriptions=list(df.description),
        data_hash=file_hash(labels_path, texts_path),
        rationales=list(df.rationale) if "rationale" in df else [""] * len(df),
    )
