"""Language detection: the unpacked-model cache gives py3langid's own answers, and a broken
cache only costs time."""

from __future__ import annotations

import pytest

from rolefit.parse import language

SAMPLES = [
    "We are looking for a data engineer to build and run our pipelines in Airflow and dbt.",
    "Wir suchen einen Data Engineer, der unsere Datenpipelines aufbaut und betreibt.",
    "Nous recherchons un ingénieur de données pour construire nos pipelines de données.",
    "Buscamos un ingeniero de datos para construir y operar nuestras canalizaciones.",
    "Hledáme datového inženýra, který bude stavět a provozovat naše datové pipeline.",
    "Estamos contratando um engenheiro de dados para criar e manter nossos pipelines.",
]


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ROLEFIT_CACHE", str(tmp_path))
    language.identifier.cache_clear()
    yield tmp_path
    language.identifier.cache_clear()


def _reference():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


def test_cached_model_answers_as_py3langid(fresh_cache):
    ref = _reference()
    first = [language.detect_language(s) for s in SAMPLES]  # unpacks into the cache
    assert any(fresh_cache.rglob("nextmove.npy"))
    language.identifier.cache_clear()
    second = [language.detect_language(s) for s in SAMPLES]  # reads the cache
    assert first == second == [ref.classify(s[:1500])[0] for s in SAMPLES]
    assert first[:3] == ["en", "de", "fr"]


def test_torn_cache_falls_back_to_py3langid(fresh_cache):
    language.identifier()
    for f in fresh_cache.rglob("ptc.npy"):
        f.write_bytes(b"not an array")
    language.identifier.cache_clear()
    assert [language.detect_language(s) for s in SAMPLES] == [_reference().classify(s)[0] for s in SAMPLES]


def test_too_short_to_tell():
    assert language.detect_language("Data engineer") is None


def test_a_new_model_copy_replaces_stale_ones(fresh_cache):
    stale = fresh_cache / "langid" / "0.0.1-123"
    stale.mkdir(parents=True)
    (stale / "ptc.npy").write_bytes(b"old")
    language.identifier()
    assert not stale.exists() and len([d for d in (fresh_cache / "langid").iterdir()]) == 1
