"""The classifier: title blinding, exact TF-IDF, the artifact, calibration, review flags, training."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolefit.classify import classify, load_model
from rolefit.classify.blind import ROLE_TOKEN, blind, blind_reference, title_variants
from rolefit.classify.data import file_hash, load_labelled
from rolefit.classify.evaluate import cross_validate, metrics, targets
from rolefit.classify.features import ModelText, model_text, sections_of_text
from rolefit.classify.model import DEFAULT_CONFIG, HEADS, RoleModel
from rolefit.classify.title_baseline import title_suggests
from rolefit.classify.train import canonical_zip
from rolefit.parse import parse_text

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def small():
    return load_labelled(limit=220)


def test_blinding_removes_title_variants_and_role_phrases():
    text = (
        "As a Senior Data Scientist, you will work with ML engineers. Data Scientist (Remote) role. Build dashboards."
    )
    out = blind(text, "Senior Data Scientist (Remote) - Growth")
    assert "Scientist" not in out and "engineers" not in out
    assert out.count(ROLE_TOKEN) >= 3 and "Build dashboards" in out
    assert "Senior Data Scientist" in title_variants("Senior Data Scientist - Growth")


_BLIND_WORDS = (
    "Senior Sr. lead head of data Data machine-learning ML A.I. and & / , - engineer Engineers scientist "
    "analyst owner managers Manager of the team we build pipelines _data engineer_ élève DATA-ENGINEER "
    "İstanbul ſcientist K"
).split() + [" ", "\n", "  ", "(", ")", ":"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_BLIND_WORDS), max_size=40),
    st.lists(st.sampled_from(_BLIND_WORDS), min_size=1, max_size=6),
)
def test_fast_blinding_equals_the_two_substitutions(words, title_words):
    """``blind`` avoids compiling a pattern per title and scanning every position; its output must
    still be exactly that of the plain regex substitutions, on any text and any title."""
    text, title = " ".join(words), " ".join(title_words)
    assert blind(text, title) == blind_reference(text, title)
    assert blind(text, None) == blind_reference(text, None)


def test_fast_blinding_equals_the_substitutions_on_labelled_postings(small):
    for t in small.texts[:120]:
        assert blind(t.raw_body, t.title) == blind_reference(t.raw_body, t.title)


def test_title_is_not_a_feature():
    """Same description, any title: the features are identical."""
    desc = "Responsibilities\n- Build and run data pipelines in Airflow\n- Model data in dbt for analysts\n" * 3
    a = model_text("Data Engineer", sections_of_text(desc), desc)
    b = model_text("Marketing Manager", sections_of_text(desc), desc)
    assert (a.body, a.duties) == (b.body, b.duties)


def test_tfidf_transform_matches_sklearn(small):
    model = RoleModel.fit(DEFAULT_CONFIG, small.texts, targets(small))
    portable = model.portable()
    texts = small.texts[:80] + [ModelText("Café NAÏVE élève data-driven ML/AI x", "résumé")]
    a, b = model.transform(texts), portable.transform(texts)
    assert a.shape == b.shape and a.nnz == b.nnz
    assert abs(a - b).max() < 1e-6
    for h in HEADS:
        assert np.allclose(model.proba(h, a), portable.proba(h, b), atol=1e-5)


def test_one_posting_row_equals_the_batch_row(small):
    """Prediction builds one posting's row without ``hstack``; it must be the very same row."""
    portable = RoleModel.fit(DEFAULT_CONFIG, small.texts, targets(small)).portable()
    for t in small.texts[:40]:
        c1: list[float] = []
        c2: list[float] = []
        one = portable.transform([t], coverage=c1)
        batch = portable.transform([t, t], coverage=c2)[0]
        assert one.dtype == batch.dtype and one.shape == batch.shape
        assert np.array_equal(one.indices, batch.indices) and np.array_equal(one.data, batch.data)
        assert c1[0] == c2[0]


def test_rationales_are_extra_documents_for_their_heads_only(small):
    from rolefit.classify.evaluate import training_set

    idx = np.arange(0, 60)
    plain_texts, plain = training_set(small, idx, {})
    texts, tg = training_set(small, idx, {"rationales": {"heads": ["work", "output"]}})
    n_rat = sum(1 for i in idx if str(small.rationales[i]).strip())
    assert n_rat > 0 and len(plain_texts) == 60 and len(texts) == 60 + n_rat
    # the posting rows are unchanged; a rationale carries its posting's label
    assert texts[:60] == plain_texts
    first = next(i for i in idx if str(small.rationales[i]).strip())
    assert str(small.rationales[first]) == texts[60].raw_body
    assert tg["work"][0][60] == small.work[first]
    # in scope never trains on a rationale; work does, where its posting is in scope
    assert not tg["in_scope"][1][60:].any()
    assert tg["work"][1][60:].sum() == sum(
        1 for i in idx if str(small.rationales[i]).strip() and small.in_scope[i] and small.work[i]
    )
    # only the postings given: a held-out posting's rationale is never read
    held_out = {str(small.rationales[i]) for i in range(60, len(small))} - {str(small.rationales[i]) for i in idx}
    assert not held_out & {t.raw_body for t in texts[60:]}


def test_the_same_model_is_written_to_the_same_bytes(small, tmp_path):
    """skops names arrays by id() and stamps the time; the written file must not depend on either."""
    import time

    import skops.io as sio

    digests = []
    for i in range(2):
        arrays = RoleModel.fit(DEFAULT_CONFIG, small.texts, targets(small)).to_arrays()  # new objects, new ids
        path = tmp_path / f"m{i}.skops"
        sio.dump(arrays, path)
        canonical_zip(path)
        digests.append(path.read_bytes())
        if not i:
            time.sleep(2.1)  # zip times have a two-second grain
    assert digests[0] == digests[1]


def test_artifact_reader_matches_skops(small, tmp_path):
    import skops.io as sio

    from rolefit.classify.artifact import read_arrays

    arrays = RoleModel.fit(DEFAULT_CONFIG, small.texts, targets(small)).to_arrays()
    path = tmp_path / "m.skops"
    sio.dump(arrays, path)
    canonical_zip(path)  # as `rolefit train` writes it
    ours = read_arrays(path)
    theirs = sio.load(path, trusted=sio.get_untrusted_types(file=path))
    assert ours.keys() == theirs.keys()
    for k in ours:
        if isinstance(ours[k], np.ndarray):
            assert np.array_equal(ours[k], theirs[k]) and ours[k].dtype == theirs[k].dtype
        else:
            assert ours[k] == theirs[k]


def test_artifact_reader_refuses_other_objects(tmp_path):
    import skops.io as sio
    from sklearn.linear_model import LogisticRegression

    from rolefit.classify.artifact import read_arrays
    from rolefit.errors import RolefitError

    path = tmp_path / "bad.skops"
    sio.dump({"x": LogisticRegression()}, path)
    with pytest.raises(RolefitError):
        read_arrays(path)


def test_title_swap_moves_at_most_one_percent():
    """The committed model on 200 labelled postings, titles swapped between pairs."""
    from rolefit.classify.train import title_swap_invariance

    model, _ = load_model()
    ds = load_labelled(limit=200)
    res = title_swap_invariance(model, ds, n=200, seed=1)
    assert res["moved_fraction"] <= 0.01, res


def test_title_baseline_is_transparent():
    assert title_suggests("Senior Data Engineer") == ("engineering", "data")
    assert title_suggests("Machine Learning Engineer, Ads") == ("engineering", "ml_product")
    assert title_suggests("Data Scientist") == ("research", "analysis")
    assert title_suggests("Registered Nurse") is None
    assert title_suggests("Power Monitoring Engineer, Google Data Center") is None
    assert title_suggests("Data Entry Clerk") is None


def test_title_mismatch_only_where_the_title_points_elsewhere():
    from rolefit.classify.title_baseline import title_mismatch

    assert title_mismatch("Data Scientist", True, "engineering", "data") == (
        "titled Data Scientist; the duties are engineering × data"
    )
    assert title_mismatch("Senior Data Engineer", True, "engineering", "data") is None
    assert "not a data/ML role" in title_mismatch("Data Analyst", False, None, None)
    # a title that suggests no cell does not mislead: the codebook's labels agree
    assert title_mismatch("Software Engineer", True, "engineering", "ml_product") is None
    assert title_mismatch(None, True, "research", "analysis") is None


def test_a_posting_in_another_language_needs_review():
    from rolefit.parse import parse_page
    from rolefit.types import Page

    text = (
        "Data Engineer (m/w/d)\n\nDeine Aufgaben\n"
        + "".join(f"- Du baust und betreibst unsere Datenpipelines Nummer {i} mit Airflow und dbt\n" for i in range(8))
        + "\nDein Profil\n- Mehrjährige Praxis mit Python und SQL in der Cloud\n"
    )
    p = parse_page(Page(text.encode(), "x.txt", content_type="text/plain"))
    c = classify(p)
    assert p.language == "de" and c.needs_review and any("written in 'de'" in r for r in c.review_reasons)


def test_classify_flags_short_postings_and_mismatch():
    p = parse_text(
        "Data Scientist\n\n"
        + "In this role you will build and run data pipelines in Airflow with the team; experience helps. " * 2,
        "x.txt",
    )
    c = classify(p)
    assert c.needs_review and any("words of duties" in r for r in c.review_reasons)
    probs = c.work.probabilities
    assert abs(sum(probs.values()) - 1) < 1e-6


def test_calibration_temperature_lowers_log_loss(small):
    from rolefit.classify.evaluate import fit_temperature, oof_proba

    oof = cross_validate(small, DEFAULT_CONFIG, n_splits=3)
    y = np.where(small.in_scope, 1, 0)
    t = fit_temperature(oof, small, "in_scope")

    def ll(temp):
        p = oof_proba(oof, "in_scope", temp)
        return -np.mean(np.log(np.clip(p[np.arange(len(y)), y], 1e-12, 1)))

    assert ll(t) <= ll(1.0) + 1e-9


@pytest.mark.slow
def test_train_tiny_model_then_classify(tmp_path):
    env = {**os.environ, "ROLEFIT_MODEL_DIR": str(tmp_path)}
    r = subprocess.run(
        [sys.executable, "-m", "rolefit", "train", "--out", str(tmp_path), "--limit", "250", "--folds", "3"],
        capture_output=True,
        cwd=ROOT,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    meta = json.loads((tmp_path / "meta.json").read_text())
    assert meta["n"] == 250 and 0 <= meta["metrics"]["work_macro_f1"] <= 1
    assert (tmp_path / "MODEL_CARD.md").read_text().startswith("# Model card")
    r = subprocess.run(
        [sys.executable, "-m", "rolefit", "classify", "examples/vercel-data-engineer.html", "--json"],
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr.decode()
    assert json.loads(r.stdout)["model"] == "rolefit-" + meta["model_sha256"][:12]


@pytest.mark.slow
def test_committed_model_matches_its_recorded_metrics():
    """Re-running the recorded cross-validation on the shipped data reproduces the model card's figures."""
    _, meta = load_model()
    d = ROOT / "data" / "labels"
    assert meta["data_hash"] == file_hash(d / "labels.csv", d / "texts.parquet")
    ds = load_labelled()
    oof = cross_validate(
        ds, meta["config"]["model"], n_splits=meta["config"]["train"]["folds"], seed=meta["config"]["train"]["seed"]
    )
    m = metrics(ds, oof)
    for key in ("work_macro_f1", "output_macro_f1", "in_scope_accuracy", "title_misleading_both_right"):
        assert m[key] == pytest.approx(meta["metrics"][key], abs=1e-9), key


def test_missing_model_is_a_clear_error(tmp_path, monkeypatch):
    from rolefit.errors import RolefitError

    load_model.cache_clear()
    monkeypatch.setenv("ROLEFIT_MODEL_DIR", str(tmp_path))
    with pytest.raises(RolefitError, match="rolefit train"):
        load_model()
    load_model.cache_clear()


def test_nb_ratio_favours_words_of_the_positive_class():
    import scipy.sparse as sp

    from rolefit.classify.model import binarize, nb_ratio

    # feature 0 only in positives, feature 1 only in negatives, feature 2 everywhere
    X = sp.csr_matrix(np.array([[0.9, 0, 0.2], [0.1, 0, 0.7], [0, 0.5, 0.3], [0, 0.8, 0.1]]))
    Xb = binarize(X)
    assert set(Xb.data) == {1.0}
    r = nb_ratio(Xb, np.array([True, True, False, False]), alpha=1.0)
    assert r[0] > 0 > r[1]
    assert abs(r[2]) < 1e-9


def test_nb_head_reads_occurrence_not_weight(small):
    """The in-scope head of an NB model scores a posting the same whatever its TF-IDF weights."""
    model = RoleModel.fit(DEFAULT_CONFIG, small.texts, targets(small))
    assert model.heads["in_scope"].binary_features and not model.heads["work"].binary_features
    X = model.transform(small.texts[:5])
    scaled = X.copy()
    scaled.data = scaled.data * 3.0
    assert np.allclose(model.decision("in_scope", X), model.decision("in_scope", scaled))
    assert not np.allclose(model.decision("work", X), model.decision("work", scaled))
    # and it survives the round trip through plain arrays
    again = RoleModel.from_arrays(model.to_arrays())
    assert again.heads["in_scope"].binary_features
    assert np.allclose(again.decision("in_scope", again.transform(small.texts[:5])), model.decision("in_scope", X))
