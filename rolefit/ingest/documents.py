"""The text of PDF and DOCX documents: job descriptions sent as attachments, and resumes."""

from __future__ import annotations

import io
import zipfile

from rolefit.errors import BadInput
from rolefit.types import Page


def document_kind(data: bytes) -> str | None:
    """``"pdf"`` or ``"docx"`` from a file's first bytes, else ``None``."""
    if data[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                return "docx" if "word/document.xml" in z.namelist() else None
        except zipfile.BadZipFile:
            return None
    return None


def document_page(data: bytes, source: str, url: str | None = None) -> Page:
    """A PDF or DOCX as a text ``Page``: its text, read like a text posting, with the document
    kept as ``original``. Bytes that are neither are a one-line error."""
    text = document_text(data, source).encode("utf-8")
    return Page(data=text, source=source, url=url, content_type="text/plain", original=data)


def document_text(data: bytes, source: str) -> str:
    """The text of a PDF or DOCX; an error that says so when there is none (a scan)."""
    kind = document_kind(data)
    if kind == "pdf":
        text = _pdf_text(data, source)
    elif kind == "docx":
        text = _docx_text(data, source)
    elif data[:2] == b"PK":
        raise BadInput(f"{source}: not a readable DOCX (no word/document.xml in the package)", "bad_input")
    else:
        raise BadInput(f"{source}: not a PDF or DOCX document", "bad_input")
    if len(text.split()) < 3:
        raise BadInput(
            f"{source}: no extractable text (a scanned PDF? export it with a text layer or use Markdown)", "no_text"
        )
    return text


def _pdf_text(data: bytes, source: str) -> str:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs what it repairs or gives up on; the user gets one line from us instead
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    except (PdfReadError, ValueError, OSError) as e:
        raise BadInput(f"{source}: not a readable PDF ({e})", "bad_input") from None


def _docx_text(data: bytes, source: str) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        d = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, ValueError, KeyError, zipfile.BadZipFile) as e:
        raise BadInput(f"{source}: not a readable DOCX ({e})", "bad_input") from None
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)
