"""Bytes to text: BOM, declared charset, then detection — never assumed."""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.I)


def _valid(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``.

    Order: byte-order mark, then a charset declared by HTTP or ``<meta>`` if the
    bytes really decode with it, then UTF-8, then charset-normalizer's guess.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace"), enc
    candidates = []
    if declared:
        candidates.append(declared)
    m = _META_CHARSET.search(data[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "ignore"))
    for name in candidates:
        enc = _valid(name)
        if not enc:
            continue
        # Pages often declare latin-1 but are UTF-8; trust the declaration only
        # when it is not contradicted by valid multi-byte UTF-8.
        if enc in ("latin-1", "iso8859-1", "cp1252") and _is_utf8(data):
            return data.decode("utf-8"), "utf-8"
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    if _is_utf8(data):
        return data.decode("utf-8"), "utf-8"
    from charset_normalizer import from_bytes  # imported late: only for non-UTF-8 input

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace"), best.encoding
    return data.decode("utf-8", errors="replace"), "utf-8"


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
