"""Score skill extraction on SkillSpan (KNOWLEDGE spans), tech and house separately.

    python benchmarks/skills_skillspan.py [--split dev] [--train]

Prints strict and partial precision / recall / F1 for: a plain dictionary
baseline (exact, case-insensitive match of the taxonomy's canonical names),
rolefit's dictionary matcher alone (aliases + ambiguity rules), and rolefit's
full extractor (CRF over the dictionary features) — all in the same run.
``--train`` first fits the CRF on the *train* split only and writes
``models/skills_crf.crfsuite``. Needs ``../shared/data/skill_benchmarks``;
skips cleanly without it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SKILLSPAN = ROOT.parent / "shared" / "data" / "skill_benchmarks" / "skillspan"

from rolefit.skills.crf import bio_spans  # noqa: E402 - after the path is set


def load(split: str, source: str) -> list[tuple[list[str], list[tuple[int, int]]]]:
    out = []
    for line in (SKILLSPAN / f"skillspan_{source}_{split}.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        out.append((d["tokens"], bio_spans(d["tags_knowledge"])))
    return out


def score(gold: list[list[tuple[int, int]]], pred: list[list[tuple[int, int]]]) -> dict[str, float]:
    tp_s = n_pred = n_gold = 0
    p_hit = g_hit = 0
    for g, p in zip(gold, pred, strict=False):
        gs, ps = set(g), set(p)
        n_gold += len(gs)
        n_pred += len(ps)
        tp_s += len(gs & ps)
        p_hit += sum(any(a < d and c < b for c, d in gs) for a, b in ps)
        g_hit += sum(any(a < d and c < b for c, d in ps) for a, b in gs)

    def f1(p, r):
        return 2 * p * r / (p + r) if p + r else 0.0

    sp, sr = tp_s / max(n_pred, 1), tp_s / max(n_gold, 1)
    pp, pr = p_hit / max(n_pred, 1), g_hit / max(n_gold, 1)
    return {
        "strict_p": sp,
        "strict_r": sr,
        "strict_f1": f1(sp, sr),
        "partial_p": pp,
        "partial_r": pr,
        "partial_f1": f1(pp, pr),
        "n_gold": n_gold,
        "n_pred": n_pred,
    }


def train_crf(extractor, out: Path) -> float:
    import pycrfsuite
    from spacy.tokens import Doc

    from rolefit.skills.crf import doc_features

    t0 = time.time()
    trainer = pycrfsuite.Trainer(verbose=False)
    for source in ("tech", "house"):
        for tokens, spans in load("train", source):
            doc = Doc(extractor.nlp.vocab, words=tokens)
            tags = ["O"] * len(tokens)
            for s, e in spans:
                tags[s] = "B"
                for i in range(s + 1, e):
                    tags[i] = "I"
            trainer.append(doc_features(doc, extractor.dictionary_matches(doc), extractor.tax), tags)
    trainer.set_params({"c1": 0.1, "c2": 0.05, "max_iterations": 200, "feature.possible_transitions": True})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return time.time() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--train", action="store_true", help="fit the CRF on the train split first")
    args = ap.parse_args()
    if not SKILLSPAN.exists():
        print(f"skipped: {SKILLSPAN} not found (the SkillSpan benchmark lives in ../shared)")
        return 0
    from spacy.tokens import Doc

    from rolefit.skills.extract import CRF_PATH, Extractor
    from rolefit.skills.taxonomy import Taxonomy, load_taxonomy

    tax = load_taxonomy()
    dict_only = Extractor(tax, crf_path=None)
    if args.train:
        print(f"trained CRF on SkillSpan train in {train_crf(dict_only, CRF_PATH):.0f}s -> {CRF_PATH}")
    full = Extractor(tax) if CRF_PATH.exists() else None
    names_only = Extractor(
        Taxonomy([type(s)(id=s.id, name=s.name, category=s.category) for s in tax.skills.values()]), crf_path=None
    )

    from rolefit.skills.extract import requirement

    def knowledge(ex, matches, soft_too: bool = False) -> list[tuple[int, int]]:
        """Spans of the mentions that are knowledge in SkillSpan's sense: its annotators mark
        soft skills ("communication skills") as SKILL spans, not KNOWLEDGE."""
        out = []
        for m in matches:
            sk = ex.tax.skills.get(m.skill_id or "")
            if soft_too or not (sk and sk.category == "soft_skill"):
                out.append((m.start, m.end))
        return out

    def shipped(d, soft_too: bool = False) -> list[tuple[int, int]]:
        # as `rolefit skills` does: a sentence has no section here, so its wording decides
        kept = [m for m in full.spans(d) if full.keep(m, requirement(None, d.text))]
        return knowledge(full, kept, soft_too)

    systems = {
        "baseline: exact taxonomy names": lambda d: knowledge(names_only, names_only.matcher_spans(d)),
        "rolefit dictionary (aliases + ambiguity rules)": lambda d: knowledge(
            dict_only, dict_only.dictionary_matches(d)
        ),
    }
    if full is not None:
        systems["rolefit CRF (dictionary as features)"] = lambda d: knowledge(full, full.spans(d, union=False))
        systems["rolefit shipped: CRF + curated dictionary"] = shipped
        systems["  the same, soft skills counted as knowledge"] = lambda d: shipped(d, soft_too=True)
        for p in (0.7, 0.8):  # the CRF's own precision / recall trade-off
            systems[f"  CRF alone, spans with skill probability >= {p}"] = lambda d, p=p: knowledge(
                full, full.spans(d, union=False, min_p=p)
            )
    print(f"SkillSpan {args.split}, KNOWLEDGE spans (rolefit's soft-skill mentions are SKILL spans there)")
    print(f"{'source':6s} {'system':48s} {'strict P/R/F1':>20s} {'partial P/R/F1':>20s}  time")
    for source in ("tech", "house"):
        data = load(args.split, source)
        gold = [s for _, s in data]
        docs = [Doc(dict_only.nlp.vocab, words=t) for t, _ in data]
        for name, fn in systems.items():
            t0 = time.time()
            pred = [fn(d) for d in docs]
            m = score(gold, pred)
            print(
                f"{source:6s} {name:48s} {m['strict_p']:.2f}/{m['strict_r']:.2f}/{m['strict_f1']:.3f}      "
                f"{m['partial_p']:.3f}/{m['partial_r']:.3f}/{m['partial_f1']:.2f}  {time.time() - t0:.1f}s"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
