"""What ``rolefit score`` reads: pages, folders, CSV/Parquet/JSON exports of scrapers (JobSpy, JobFunnel...).

Every posting becomes a ``ScoreItem`` with a stable key, so a re-run can skip
what is done. Exports are streamed in batches: memory stays flat for
millions of rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rolefit.errors import BadInput
from rolefit.types import Posting

# column names used by common scrapers, first match wins
COLUMNS = {
    "id": ("id", "job_id", "jobid", "key", "job_key", "key_id", "jobkey", "posting_id"),
    "title": ("title", "job_title", "position", "positionname", "role"),
    "company": ("company", "company_name", "employer", "companyname", "organization", "hiringorganization"),
    "location": ("location", "job_location", "city", "formatted_location", "joblocation", "locationname"),
    "description": (
        "description",
        "job_description",
        "blurb",
        "text",
        "body",
        "descriptiontext",
        "content",
        "descriptionplain",
        "descriptionhtml",
    ),
    "url": ("url", "job_url", "link", "job_link", "joburl", "absolute_url", "jobpostingurl"),
    "date_posted": ("date_posted", "date", "posted", "posted_at", "dateposted", "publishedat", "published_at"),
    "employment_type": ("job_type", "employment_type", "jobtype", "employmenttype", "contract_type"),
    "remote": ("is_remote", "remote", "isremote"),  # JobSpy's flag
}
TABLE_SUFFIXES = {".csv", ".parquet", ".pq"}
# Read as exports only when named: a folder's .json files may be anything (a scored output too).
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
_MAX_JSON = 512 * 1024 * 1024  # a whole .json document is loaded at once; JSON Lines stream


@dataclass
class ScoreItem:
    key: str
    path: str | None = None  # a page file
    record: dict[str, Any] | None = None  # a row of an export
    error: Exception | None = None  # an input that could not be read at all
    posting: dict[str, Any] | None = None  # an already parsed posting (from the store)


def _pick(cols: list[str], names: tuple[str, ...]) -> str | None:
    low = {c.lower().strip(): c for c in cols}
    return next((low[n] for n in names if n in low), None)


def csv_dialect(path: Path) -> tuple[str, str]:
    """``(encoding, delimiter)`` of a CSV export, from its first 64 KB: the encoding as the
    project decodes any text (BOM, UTF-8, then charset-normalizer); a comma, semicolon (Excel in much of Europe), tab or
    bar, as the header line uses them (the csv module's sniffer when it has none)."""
    import csv

    from rolefit.ingest.decode import decode

    with open(path, "rb") as f:
        head = f.read(65536)
    head = head[: head.rfind(b"\n") + 1] or head  # whole lines: no character cut at the edge
    text, encoding = decode(head)
    if encoding == "utf-8" and head.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"  # so that the first column's name does not start with the BOM
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    if not lines:
        return encoding, ","
    # the header names columns and rarely holds a stray separator: its most frequent one wins
    counts = {d: lines[0].count(d) for d in ",;\t|"}
    sep = max(counts, key=lambda d: (counts[d], d == ","))
    if not counts[sep]:
        try:
            sep = csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t|").delimiter
        except csv.Error:
            sep = ","
    return encoding, sep


_SKIPPED = re.compile(r"Skipping line (\d+): (.+)")


def _rows(path: Path, bad: list[tuple[int, str]], batch: int = 2000) -> Iterator[dict[str, Any]]:
    """The rows of an export, streamed; a CSV line that cannot be split into the header's columns
    is skipped by the parser and recorded in ``bad`` as ``(line, why)``, never dropped silently."""
    if path.suffix.lower() in JSON_SUFFIXES:
        yield from json_records(path, bad)
    elif path.suffix.lower() == ".csv":
        import warnings

        import pandas as pd

        try:
            encoding, sep = csv_dialect(path)
            reader = pd.read_csv(
                path, dtype=str, keep_default_na=False, chunksize=batch, on_bad_lines="warn", sep=sep, encoding=encoding
            )
            while True:
                # warnings are caught only while a chunk is read: this generator may pause between
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    chunk = next(reader, None)
                for w in caught:
                    bad.extend((int(n), why.strip()) for n, why in _SKIPPED.findall(str(w.message)))
                if chunk is None:
                    break
                yield from chunk.to_dict("records")
        except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError, LookupError) as e:
            raise BadInput(f"{path}: not a readable CSV ({str(e).splitlines()[0]})", "bad_input") from None
    else:
        import pyarrow.parquet as pq

        try:
            pf = pq.ParquetFile(path)
        except Exception as e:  # noqa: BLE001 - pyarrow raises several types for bad files
            raise BadInput(f"{path}: not a readable Parquet file ({e})", "bad_input") from None
        for rb in pf.iter_batches(batch_size=batch):
            yield from rb.to_pylist()


def json_records(path: Path, bad: list[tuple[int, str]]) -> Iterator[dict[str, Any]]:
    """The postings of a JSON export: JSON Lines, an array of objects, one object, or an object
    holding one array of them (``{"jobs": [...]}`` as job-board APIs answer). Nested values are
    flattened to text: ``{"name": "Acme"}`` is "Acme", a JSON-LD address is its parts. A JSON
    Lines line that does not parse goes to ``bad`` as ``(line, why)`` and the rest is read."""
    import json

    def unreadable(why: str) -> BadInput:
        return BadInput(f"{path}: not a readable JSON export ({why})", "bad_input")

    with open(path, "rb") as f:
        head = f.read(1 << 16)
        first = next((line for line in head.splitlines() if line.strip()), b"").strip()
        if path.suffix.lower() != ".json" or (
            first.startswith(b"{") and first.endswith(b"}") and head.count(b"\n") > 1
        ):
            f.seek(0)
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except ValueError as e:
                    bad.append((n, str(e)))
                    continue
                if isinstance(rec, dict):
                    yield {k: _flat(v) for k, v in rec.items()}
            return
    if path.stat().st_size > _MAX_JSON:
        raise unreadable("larger than 512 MB: write it as JSON Lines, one posting a line")
    try:
        doc = json.loads(path.read_bytes())
    except ValueError as e:
        raise unreadable(str(e)) from None
    if isinstance(doc, dict) and not any(_pick(list(doc), COLUMNS[k]) for k in ("description", "title")):
        lists = [v for v in doc.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        doc = lists[0] if len(lists) == 1 else doc
    for rec in doc if isinstance(doc, list) else [doc]:
        if isinstance(rec, dict):
            yield {k: _flat(v) for k, v in rec.items()}


def _flat(v: Any) -> Any:
    """A nested JSON value as the text a column would hold."""
    if isinstance(v, dict):
        if "name" in v and not isinstance(v["name"], dict | list):
            return v["name"]
        inner = v.get("address", v)
        return ", ".join(str(x) for k, x in inner.items() if not k.startswith("@") and isinstance(x, str | int | float))
    if isinstance(v, list):
        return "; ".join(str(_flat(x)) for x in v if x not in (None, ""))
    return v


def table_items(path: Path) -> Iterator[ScoreItem]:
    """One item per row; the key is ``file#id`` (or the row number without an id column)."""
    first = True
    mapping: dict[str, str | None] = {}
    bad: list[tuple[int, str]] = []
    for n, row in enumerate(_rows(path, bad)):
        while bad:
            yield _malformed(path, *bad.pop(0))
        if first:
            cols = list(row)
            mapping = {k: _pick(cols, v) for k, v in COLUMNS.items()}
            if mapping["description"] is None:
                raise BadInput(
                    f"{path}: no description column (looked for {', '.join(COLUMNS['description'])})", "bad_input"
                )
            first = False
        rec = {k: (None if c is None else row.get(c)) for k, c in mapping.items()}
        rid = rec.get("id")
        yield ScoreItem(key=f"{path.name}#{rid if rid not in (None, '') else n}", record=rec)
    for line, why in bad:  # malformed lines after the last good one
        yield _malformed(path, line, why)


def _score_output(path: Path) -> bool:
    """Whether a table in a folder is what ``rolefit score`` wrote (scores, no descriptions): in a
    folder of inputs it is an earlier run's output, not postings."""
    try:
        if path.suffix.lower() == ".csv":
            import csv

            encoding, sep = csv_dialect(path)
            with open(path, encoding=encoding, errors="replace", newline="") as f:
                cols = next(csv.reader(f, delimiter=sep), [])
        else:
            import pyarrow.parquet as pq

            cols = pq.ParquetFile(path).schema_arrow.names
    except Exception:  # noqa: BLE001 - an unreadable table is reported when it is read
        return False
    return {"in_scope", "model", "source"} <= set(cols) and _pick(cols, COLUMNS["description"]) is None


def _malformed(path: Path, line: int, why: str) -> ScoreItem:
    return ScoreItem(
        f"{path.name}#line{line}", error=BadInput(f"{path} line {line}: a malformed row, not read ({why})")
    )


def _safe_table(path: Path) -> Iterator[ScoreItem]:
    """Rows of an export; an unreadable export becomes one error item and the batch goes on."""
    try:
        yield from table_items(path)
    except BadInput as e:
        yield ScoreItem(key=str(path), error=e)


def iter_items(inputs: list[str], skip: tuple[Path, ...] = ()) -> Iterator[ScoreItem]:
    """Pages, folders of pages, and exports, in the order given; a folder's files in ``skip``
    (the run's own output, when it is written into the folder it scores) are not inputs."""
    from rolefit.ingest import expand_inputs

    skipped = {q.resolve() for q in skip}
    for arg in inputs:
        p = Path(arg)
        if p.suffix.lower() in TABLE_SUFFIXES | JSON_SUFFIXES and p.is_file():
            yield from _safe_table(p)
        elif p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in TABLE_SUFFIXES and f.resolve() not in skipped:
                    if not _score_output(f):
                        yield from _safe_table(f)
            for path in expand_inputs([arg]):
                yield ScoreItem(key=path, path=path)
        else:
            for path in expand_inputs([arg]):
                yield ScoreItem(key=path, path=path)


def posting_from_record(rec: dict[str, Any], key: str) -> Posting:
    """A posting from an export row: the text is parsed for sections; the title is the column's."""
    from rolefit.errors import NotAPosting
    from rolefit.parse import detect_language, is_html
    from rolefit.parse.blocks import html_to_blocks, text_to_blocks
    from rolefit.parse.sections import build_sections

    desc = str(rec.get("description") or "")
    if "&lt;" in desc and "<" not in desc:  # HTML sent escaped, as Greenhouse's API does
        import html

        desc = html.unescape(desc)
    if len(desc.split()) < 20:
        raise NotAPosting("other", "the description is empty or too short")
    blocks = html_to_blocks(desc) if is_html(desc[:4096].encode("utf-8", "ignore")) else text_to_blocks(desc)
    title = str(rec.get("title") or "").strip() or None
    p = Posting(source=key, title=title, company=(str(rec.get("company") or "").strip() or None))
    loc = str(rec.get("location") or "").strip()
    p.locations = [loc] if loc else []
    p.url = str(rec.get("url") or "").strip() or None
    p.date_posted = str(rec.get("date_posted") or "")[:10] or None
    from rolefit.parse import fields as F

    p.employment_type = F.employment_type(rec.get("employment_type")) if rec.get("employment_type") else None
    p.workplace = "remote" if str(rec.get("remote") or "").strip().lower() in ("true", "1", "yes") else F.workplace(loc)
    p.description, p.sections = build_sections(blocks)
    p.language = detect_language(p.description)
    fields = ("title", "company", "locations", "url", "date_posted", "employment_type", "workplace")
    p.provenance = {k: "export" for k in fields if getattr(p, k)}
    p.provenance.update(description="export", sections="heuristic")
    return p


def count_items(inputs: list[str], skip: tuple[Path, ...] = ()) -> int | None:
    """How many postings the inputs hold, when that is cheap to know exactly (pages, folders,
    Parquet row counts from the file footer); ``None`` when a CSV or JSON export is among them
    (a CSV's quoted multi-line descriptions make line counts wrong, and parsing twice would cost a pass)."""
    from rolefit.ingest import expand_inputs

    total = 0
    for arg in inputs:
        p = Path(arg)
        if p.is_file() and p.suffix.lower() in TABLE_SUFFIXES | JSON_SUFFIXES:
            tables = [p]
        elif p.is_dir():
            skipped = {q.resolve() for q in skip}
            tables = [
                f
                for f in sorted(p.rglob("*"))
                if f.is_file()
                and f.suffix.lower() in TABLE_SUFFIXES
                and f.resolve() not in skipped
                and not _score_output(f)
            ]
            total += len(expand_inputs([arg]))  # the pages beside the tables
        else:
            tables = []
            total += len(expand_inputs([arg]))
        for t in tables:
            rows = _table_rows(t)
            if rows is None:
                return None
            total += rows
    return total


def _table_rows(path: Path) -> int | None:
    if path.suffix.lower() in {".csv"} | JSON_SUFFIXES:
        return None
    try:
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    except Exception:  # noqa: BLE001 - an unreadable file is one error item; the count only guides a bar
        return 1


def store_items(store) -> Iterator[ScoreItem]:
    """Every saved posting (duplicates once), keyed ``store:<id>``."""
    for pid, posting in store.postings():
        yield ScoreItem(key=f"store:{pid}", posting=posting.to_dict())
