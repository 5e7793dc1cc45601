"""Duplicates: the same canonical URL, or a near-identical description (MinHash on word shingles)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

NUM_PERM = 64
THRESHOLD = 0.8  # estimated Jaccard similarity of 5-word shingles above which two postings are one
_TRACKING = re.compile(
    r"^(utm_.*|ref|refid|trackingid|trk|src|source|from|gclid|fbclid|mc_.*|_ga|urlhash|position|pagenum)$", re.I
)


def canonical_url(url: str | None) -> str | None:
    """Lower-case host, no fragment, no tracking parameters, no trailing slash."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if not parts.netloc:
        return None
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)))
    host = parts.netloc.lower().removeprefix("www.")
    return urlunsplit(("https", host, parts.path.rstrip("/") or "/", query, ""))


def signature(text: str) -> np.ndarray:
    """MinHash signature of the description's 5-word shingles."""
    from datasketch import MinHash

    words = re.findall(r"\w+", text.lower())
    shingles = {" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))}
    m = MinHash(num_perm=NUM_PERM, seed=1)
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m.hashvalues.astype(np.uint64)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))
