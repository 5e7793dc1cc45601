"""Make PDF and DOCX resumes from text, in the tests (nothing downloaded)."""

from __future__ import annotations

from pathlib import Path


def write_pdf(lines: list[str], path: Path) -> Path:
    """A minimal one-page PDF with a Helvetica text line per input line."""
    path.write_bytes(pdf_bytes(lines))
    return path


def pdf_bytes(lines: list[str]) -> bytes:
    """The bytes of :func:`write_pdf`'s PDF."""

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({esc(line)}) Tj T*" for line in lines) + " ET"
    content = content.encode("cp1252", "replace")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def write_docx(lines: list[str], path: Path) -> Path:
    import docx

    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    d.save(str(path))
    return path


def markdown_lines(md: str) -> list[str]:
    """Markdown source to the plain lines a PDF/DOCX resume would hold."""
    out = []
    for line in md.splitlines():
        line = line.strip().lstrip("#").strip()
        if line.startswith("- "):
            line = "• " + line[2:]
        if line:
            out.append(line)
    return out
