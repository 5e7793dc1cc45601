"""The language of a posting, by py3langid, with its model kept unpacked in the user's cache.

py3langid ships its model LZMA-compressed; unpacking it takes ~0.3 s, a quarter of
`rolefit classify`'s whole cold start. The first run unpacks it as py3langid does and
keeps the arrays uncompressed (``np.save``, ~70 MB) under the user's cache directory;
later runs map them in a few milliseconds. Any problem with the cache (no permission,
a torn file, another py3langid version) falls back to py3langid's own loading, so the
result never depends on the cache, only the time does.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def cache_dir() -> Path:
    """Where the unpacked model lives."""
    from rolefit.cache import cache_root

    return cache_root() / "langid"


def _model_key() -> tuple[Path, str]:
    import py3langid
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    src = Path(MODEL_DIR) / MODEL_FILE
    # version and size name the model; not its mtime, which every fresh install changes and
    # would leave one stale 70 MB copy behind per virtualenv
    return src, f"{getattr(py3langid, '__version__', 'x')}-{src.stat().st_size}"


def _unpack_to(src: Path, dest: Path) -> None:
    """Decompress py3langid's model into one ``.npy`` file per array, atomically."""
    import lzma
    import shutil
    import tempfile

    import numpy as np

    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=dest.parent, prefix=".unpack-"))
    try:
        with tempfile.TemporaryFile(dir=tmp) as raw:
            with lzma.open(src) as f:
                shutil.copyfileobj(f, raw, length=1 << 20)
            raw.seek(0)
            with np.load(raw, allow_pickle=False) as data:
                for name in _ARRAYS:
                    np.save(tmp / f"{name}.npy", data[name], allow_pickle=False)
        os.replace(tmp, dest)  # a directory appears whole or not at all
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for old in dest.parent.iterdir():  # copies unpacked from other model versions
        if old.is_dir() and old.name != dest.name and not old.name.startswith("."):
            shutil.rmtree(old, ignore_errors=True)


def _from_cache():
    import numpy as np
    from py3langid.langid import LanguageIdentifier
    from py3langid.modelio import _to_array

    src, key = _model_key()
    dest = cache_dir() / key
    if not dest.is_dir():
        _unpack_to(src, dest)
    a = {n: np.load(dest / f"{n}.npy", mmap_mode="r", allow_pickle=False) for n in _ARRAYS}
    # as py3langid.modelio.load_model builds them
    return LanguageIdentifier(
        np.asarray(a["ptc"]),
        np.asarray(a["pc"]),
        a["classes"].tolist(),
        _to_array(np.asarray(a["nextmove"])),
        np.asarray(a["out_feat"]).tolist(),
        tk_row=_to_array(np.asarray(a["nextmove_row"])),
    )


@lru_cache(maxsize=1)
def identifier():
    """py3langid's identifier, loaded through the cache when it can be."""
    try:
        return _from_cache()
    except Exception:  # noqa: BLE001 - a cache problem must never change or stop the result
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        return LanguageIdentifier.from_model_file(MODEL_FILE)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of a text's language (``None`` for under five words)."""
    # 1,500 characters decide the language as well as 3,000 and cost half as much
    sample = text[:1500]
    if len(sample.split()) < 5:
        return None
    lang, _score = identifier().classify(sample)
    return lang
