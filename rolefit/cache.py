"""Where rolefit keeps what it can rebuild: fetched pages, the unpacked language model."""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """``ROLEFIT_CACHE``, else the platform's user cache folder for rolefit."""
    from platformdirs import user_cache_dir

    return Path(os.environ.get("ROLEFIT_CACHE") or user_cache_dir("rolefit"))


def http_cache_dir() -> Path:
    """Fetched responses, kept a day (``ingest.fetch.Fetcher``)."""
    return cache_root() / "http"
