"""Turn what the user typed (paths, globs, folders, ``-``) into ``Page`` values."""

from __future__ import annotations

import glob
import re
import sys
from pathlib import Path

from rolefit.errors import BadInput
from rolefit.types import Page

# Real saved pages are well under 2 MB; 20 MB leaves room for inlined assets
# while refusing accidental uploads of archives or dumps.
MAX_BYTES = 20 * 1024 * 1024

PAGE_SUFFIXES = {
    *(".html", ".htm", ".xhtml", ".mhtml", ".mht", ".txt", ".md", ".markdown", ".text", ".gz", ".pdf", ".docx", "")
}

_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive or an Office file other than .docx",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"PAR1": "a Parquet file (use `rolefit score` for exports)",
    b"\xd0\xcf\x11\xe0": "an old Word/Excel file (.doc/.xls)",
}
_BINARY_ADVICE = {b"\xd0\xcf\x11\xe0": "; save it as .docx or PDF"}


# A folder's own documentation is not a posting.
_DOC_FILE = re.compile(r"^(readme|sources|license|licence|changelog|contributing|notice)\b", re.I)


def expand_inputs(args: list[str]) -> list[str]:
    """Expand globs and folders into a sorted list of paths; ``-`` stays as is.

    A pattern that matches nothing is kept so that reading it reports a clear error.
    """
    out: list[str] = []
    for arg in args:
        if arg == "-":
            out.append(arg)
            continue
        p = Path(arg)
        if p.is_dir():
            out.extend(
                str(f)
                for f in sorted(p.rglob("*"))
                if f.is_file()
                and f.suffix.lower() in PAGE_SUFFIXES - {""}
                and not _DOC_FILE.match(f.name)
                and not _in_assets_folder(f, p)
            )
        elif any(c in arg for c in "*?[") and not p.exists():
            matches = sorted(glob.glob(arg, recursive=True))
            out.extend(matches or [arg])
        else:
            out.append(arg)
    return out


def _in_assets_folder(f: Path, root: Path) -> bool:
    """Whether ``f`` sits in the "<page>_files" folder a browser saves beside "<page>.html"
    ("Webpage, Complete"): its frames and scripts are parts of that page, not postings."""
    for d in f.relative_to(root).parents:
        if d.name.endswith("_files"):
            stem = (root / d).with_name(d.name[: -len("_files")])
            if any(stem.with_name(stem.name + ext).exists() for ext in (".html", ".htm", ".xhtml")):
                return True
    return False


def check_bytes(data: bytes, source: str) -> None:
    """Refuse empty, oversized and binary inputs with a one-line reason."""
    if len(data) > MAX_BYTES:
        raise BadInput(
            f"{source}: file is too large ({len(data) / 1e6:.1f} MB; the cap is {MAX_BYTES // 2**20} MB)",
            "too_large",
        )
    if not data.strip():
        raise BadInput(f"{source}: file is empty", "empty")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            advice = _BINARY_ADVICE.get(magic, "")
            raise BadInput(f"{source}: this is {what}, not a job page or text{advice}", "binary")
    head = data[:8192]
    # UTF-16/32 text has NUL bytes too, so only call it binary without a BOM.
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadInput(f"{source}: binary file, not a job page or text", "binary")


def _gunzip(data: bytes, source: str, max_bytes: int) -> bytes:
    """Decompress a ``.gz`` page, refusing bombs over the size cap."""
    import zlib

    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, max_bytes + 1)
    except zlib.error:
        raise BadInput(f"{source}: corrupt gzip file", "binary") from None
    if len(out) > max_bytes:
        raise BadInput(f"{source}: file is too large once decompressed (cap {max_bytes // 2**20} MB)", "too_large")
    return out


_URL = re.compile(r"^https?://", re.I)
_EXPORT_SUFFIXES = {".csv", ".parquet", ".pq", ".json", ".jsonl", ".ndjson"}
_FETCHER: list = []  # one per process, so that its per-site delay holds across inputs


def fetch_page(url: str) -> Page:
    """A live page, fetched politely (robots.txt, delay, back-off, cache): see ``fetch.Fetcher``."""
    from rolefit.cache import http_cache_dir
    from rolefit.ingest.fetch import Fetcher

    if not _FETCHER:
        _FETCHER.append(Fetcher(cache_dir=http_cache_dir()))
    return _FETCHER[0].fetch(url)


def read_page(path: str, *, max_bytes: int = MAX_BYTES) -> Page:
    """Read one input (a file path, an http(s) URL, or ``-`` for stdin) into a ``Page``."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        source = "<stdin>"
    elif _URL.match(path) and not Path(path).exists():
        return fetch_page(path)
    else:
        p = Path(path)
        if not p.exists():
            raise BadInput(f"{path}: no such file", "missing")
        if p.suffix.lower() in _EXPORT_SUFFIXES and p.is_file():
            raise BadInput(
                f"{path}: a table of postings (an export); score it with `rolefit score {path} --out scored.jsonl`"
                " or save it with `rolefit add`",
                "bad_input",
            )
        if p.is_dir():
            raise BadInput(f"{path}: is a folder; name the pages in it or use a glob", "bad_input")
        try:
            size = p.stat().st_size
            if size > max_bytes:
                raise BadInput(
                    f"{path}: file is too large ({size / 1e6:.1f} MB; the cap is {max_bytes // 2**20} MB)",
                    "too_large",
                )
            data = p.read_bytes()
        except PermissionError:
            raise BadInput(f"{path}: permission denied", "unreadable") from None
        except OSError as e:
            raise BadInput(f"{path}: cannot read ({e.strerror or e})", "unreadable") from None
        source = str(path)
        if p.suffix == ".gz" and data[:2] == b"\x1f\x8b":
            data = _gunzip(data, source, max_bytes)
    from rolefit.ingest.documents import document_kind, document_page
    from rolefit.ingest.mhtml import is_mhtml, mhtml_html

    if document_kind(data):  # a job description sent as a PDF or Word file
        return document_page(data, source)
    if is_mhtml(data):  # a page saved by the browser as one file
        data = mhtml_html(data, source)
    check_bytes(data, source)
    return Page(data=data, source=source, content_type=_content_type(source))


_TEXT_SUFFIXES = {".txt": "text/plain", ".text": "text/plain", ".md": "text/markdown", ".markdown": "text/markdown"}


def _content_type(source: str) -> str | None:
    """Text and Markdown files are text even when they quote HTML tags."""
    name = source[:-3] if source.endswith(".gz") else source
    return _TEXT_SUFFIXES.get(Path(name).suffix.lower())
