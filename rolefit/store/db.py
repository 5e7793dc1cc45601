"""SQLite schema, migrations and the operations behind ``rolefit add/list/show/remove/reparse``."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rolefit.errors import RolefitError
from rolefit.store.dedupe import THRESHOLD, canonical_url, signature, similarity
from rolefit.types import Page, Posting

# Each entry moves the schema one version up; never edit a shipped one, add a new one.
MIGRATIONS = [
    """
    CREATE TABLE postings (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        url TEXT,
        canonical_url TEXT,
        raw BLOB,
        raw_type TEXT NOT NULL,              -- page / text / record
        parsed TEXT,                          -- Posting as JSON
        title TEXT, company TEXT, location TEXT,
        fingerprint BLOB,                     -- MinHash signature of the description
        duplicate_of INTEGER REFERENCES postings(id) ON DELETE CASCADE,
        added_at TEXT NOT NULL
    );
    CREATE INDEX postings_canonical ON postings(canonical_url);
    CREATE INDEX postings_dup ON postings(duplicate_of);
    """,
    """
    ALTER TABLE postings ADD COLUMN parsed_at TEXT;
    CREATE TABLE scores (
        posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        record TEXT NOT NULL,
        scored_at TEXT NOT NULL,
        PRIMARY KEY (posting_id, model)
    );
    """,
    # ids are never given twice: SQLite's own next id is one past the highest left, so removing
    # the newest posting would hand its id to the next one, and `show 7` would name another job
    """
    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    INSERT INTO counters VALUES ('last_posting_id', COALESCE((SELECT MAX(id) FROM postings), 0));
    CREATE TRIGGER postings_last_id AFTER INSERT ON postings BEGIN
        UPDATE counters SET value = MAX(value, NEW.id) WHERE name = 'last_posting_id';
    END;
    """,
]


def default_db_path() -> Path:
    """``ROLEFIT_DB``, else ``rolefit.db`` in the user's data folder."""
    env = os.environ.get("ROLEFIT_DB")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("rolefit")) / "rolefit.db"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass
class AddResult:
    source: str
    id: int | None
    duplicate_of: int | None = None
    reason: str | None = None  # why it is a duplicate
    title: str | None = None


class Store:
    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else default_db_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # the scoring pool's feeder thread reads postings while the main thread writes nothing
            self.conn = sqlite3.connect(self.path, check_same_thread=False)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as e:
            raise RolefitError(f"{self.path}: not a rolefit store ({e})", "bad_store") from None
        self.conn.row_factory = sqlite3.Row
        self.migrate()

    def close(self) -> None:
        self.conn.close()

    # ---- schema ---------------------------------------------------------
    @property
    def version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> None:
        v = self.version
        if v > len(MIGRATIONS):
            raise RolefitError(f"{self.path} was made by a newer rolefit (schema {v}); upgrade rolefit", "bad_store")
        for i in range(v, len(MIGRATIONS)):
            with self.conn:
                self.conn.executescript(MIGRATIONS[i])
                self.conn.execute(f"PRAGMA user_version = {i + 1}")

    # ---- adding ---------------------------------------------------------
    def _find_duplicate(self, canon: str | None, sig: np.ndarray | None) -> tuple[int | None, str | None]:
        if canon:
            row = self.conn.execute(
                "SELECT id FROM postings WHERE canonical_url = ? AND duplicate_of IS NULL", (canon,)
            ).fetchone()
            if row:
                return row["id"], "same URL"
        if sig is not None:
            for row in self.conn.execute(
                "SELECT id, fingerprint FROM postings WHERE duplicate_of IS NULL AND fingerprint IS NOT NULL"
            ):
                other = np.frombuffer(row["fingerprint"], dtype=np.uint64)
                if len(other) == len(sig) and similarity(sig, other) >= THRESHOLD:
                    return row["id"], "near-identical description"
        return None, None

    def add_page(self, posting: Posting, page: Page) -> AddResult:
        """Save a posting parsed from ``page``, keeping what the user gave verbatim: the page's
        bytes, or a PDF/DOCX document itself rather than the text read out of it."""
        if page.original is not None:
            return self.add_posting(posting, page.original, "document")
        kind = "text" if (page.content_type or "").startswith("text/") else "page"
        return self.add_posting(posting, page.data, kind)

    def add_posting(self, posting: Posting, raw: bytes, raw_type: str) -> AddResult:
        """Save a parsed posting and its raw bytes; a duplicate is linked to the first copy, not stored twice."""
        canon = canonical_url(posting.url)
        sig = signature(posting.description) if posting.description else None
        dup, reason = self._find_duplicate(canon, sig)
        with self.conn:
            cur = self.conn.execute(
                "INSERT INTO postings (id, source, url, canonical_url, raw, raw_type, parsed, title, company, location,"
                " fingerprint, duplicate_of, added_at, parsed_at) VALUES ("
                "(SELECT value + 1 FROM counters WHERE name = 'last_posting_id'),?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    posting.source,
                    posting.url,
                    canon,
                    None if dup else raw,
                    raw_type,
                    None if dup else json.dumps(posting.to_dict(), ensure_ascii=False),
                    posting.title,
                    posting.company,
                    posting.location,
                    None if (dup or sig is None) else sig.tobytes(),
                    dup,
                    _now(),
                    _now(),
                ),
            )
        return AddResult(posting.source, cur.lastrowid, dup, reason, posting.title)

    # ---- scores -----------------------------------------------------------
    def save_scores(self, rows: Iterable[dict[str, Any]]) -> int:
        """Keep the rows ``rolefit score`` wrote for saved postings (source ``store:<id>``):
        each posting's latest classification, for ``list --cell`` and ``show``. Returns how many."""
        n = 0
        with self.conn:
            for r in rows:
                src = str(r.get("source") or "")
                if not src.startswith("store:") or "error" in r or not src[6:].isdigit():
                    continue
                pid = int(src[6:])
                # a posting keeps one classification: the latest model's
                self.conn.execute("DELETE FROM scores WHERE posting_id = ? AND model != ?", (pid, r.get("model")))
                # the posting itself is in the store already: keep the classification and skills
                record = {k: v for k, v in r.items() if k != "posting"}
                cur = self.conn.execute(
                    "INSERT OR REPLACE INTO scores (posting_id, model, record, scored_at) "
                    "SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM postings WHERE id = ?)",
                    (pid, r.get("model") or "", json.dumps(record, ensure_ascii=False), _now(), pid),
                )
                n += max(0, cur.rowcount)
        return n

    # ---- reading --------------------------------------------------------
    def list(
        self,
        title: str | None = None,
        company: str | None = None,
        include_duplicates: bool = False,
        limit: int | None = None,
        cell: str | None = None,
    ) -> list[dict[str, Any]]:
        """Saved postings, oldest first; ``cell`` ("engineering/data", or "none" for postings
        scored as not data/ML) keeps those ``rolefit score --store`` placed there."""
        q = (
            "SELECT p.id, p.source, p.title, p.company, p.location, p.url, p.duplicate_of, p.added_at, "
            "json_extract(s.record, '$.in_scope') AS in_scope, json_extract(s.record, '$.cell') AS cell "
            "FROM postings p LEFT JOIN scores s ON s.posting_id = p.id WHERE 1=1"
        )
        args: list[Any] = []
        if cell == "none":
            q += " AND json_extract(s.record, '$.in_scope') = 0"
        elif cell:
            q += " AND json_extract(s.record, '$.cell') = ?"
            args.append(cell)
        if not include_duplicates:
            q += " AND p.duplicate_of IS NULL"
        if title:
            q += " AND p.title LIKE ?"
            args.append(f"%{title}%")
        if company:
            q += " AND p.company LIKE ?"
            args.append(f"%{company}%")
        q += " ORDER BY p.id"
        if limit:
            q += " LIMIT ?"
            args.append(limit)
        rows = [dict(r) for r in self.conn.execute(q, args)]
        for r in rows:
            r["in_scope"] = None if r["in_scope"] is None else bool(r["in_scope"])
        return rows

    def get(self, pid: int) -> dict[str, Any]:
        row = self.conn.execute("SELECT * FROM postings WHERE id = ?", (pid,)).fetchone()
        if row is None:
            raise RolefitError(f"no posting {pid} in {self.path}", "missing")
        d = dict(row)
        d["parsed"] = json.loads(d["parsed"]) if d["parsed"] else None
        d.pop("fingerprint", None)
        d["duplicates"] = [r["id"] for r in self.conn.execute("SELECT id FROM postings WHERE duplicate_of = ?", (pid,))]
        score = self.conn.execute("SELECT record FROM scores WHERE posting_id = ?", (pid,)).fetchone()
        d["classification"] = json.loads(score["record"]) if score else None
        return d

    def remove(self, pid: int) -> list[int]:
        """Delete a posting and the duplicates linked to it (copies of it); return their ids."""
        dups = self.get(pid)["duplicates"]
        with self.conn:
            self.conn.execute("DELETE FROM postings WHERE id = ?", (pid,))
        return dups

    def count(self) -> int:
        """Saved postings that are not duplicates (what ``postings`` returns)."""
        q = "SELECT COUNT(*) FROM postings WHERE duplicate_of IS NULL AND parsed IS NOT NULL"
        return int(self.conn.execute(q).fetchone()[0])

    def postings(self) -> list[tuple[int, Posting]]:
        return [
            (r["id"], Posting.from_dict(json.loads(r["parsed"])))
            for r in self.conn.execute(
                "SELECT id, parsed FROM postings WHERE duplicate_of IS NULL AND parsed IS NOT NULL ORDER BY id"
            )
        ]

    def reparse(self) -> tuple[int, int, list[tuple[int, str]]]:
        """Parse every stored raw page again with the current parser; returns (updated, unchanged, errors)."""
        from rolefit.parse import parse_page

        updated = unchanged = 0
        errors: list[tuple[int, str]] = []
        rows = self.conn.execute(
            "SELECT id, source, raw, raw_type, parsed FROM postings WHERE raw IS NOT NULL"
        ).fetchall()
        for r in rows:
            if r["raw_type"] == "record":
                continue
            try:
                raw, ctype = r["raw"], ("text/plain" if r["raw_type"] == "text" else None)
                if r["raw_type"] == "document":  # a PDF or DOCX, read again from the document itself
                    from rolefit.ingest.documents import document_text

                    raw, ctype = document_text(raw, r["source"]).encode("utf-8"), "text/plain"
                posting = parse_page(Page(raw, r["source"], content_type=ctype), allow_expired=True)
            except RolefitError as e:
                errors.append((r["id"], e.message))
                continue
            new = json.dumps(posting.to_dict(), ensure_ascii=False)
            if new == r["parsed"]:
                unchanged += 1
                continue
            with self.conn:
                self.conn.execute(
                    "UPDATE postings SET parsed=?, title=?, company=?, location=?, parsed_at=? WHERE id=?",
                    (new, posting.title, posting.company, posting.location, _now(), r["id"]),
                )
                # its classification was of the old text
                self.conn.execute("DELETE FROM scores WHERE posting_id = ?", (r["id"],))
            updated += 1
        return updated, unchanged, errors
