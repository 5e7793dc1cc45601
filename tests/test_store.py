"""The SQLite store: migrations, raw bytes kept, duplicates linked, list/show/remove/reparse."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from rolefit.errors import RolefitError
from rolefit.parse import parse_text
from rolefit.store import Store
from rolefit.store.db import MIGRATIONS
from rolefit.store.dedupe import canonical_url
from tests.conftest import PAGES

ROOT = Path(__file__).resolve().parents[1]
TEXT = (
    "Data Engineer\n\nWhat you'll do\n"
    + "".join(f"- Build pipeline {i} in Airflow and dbt for the analytics team\n" for i in range(12))
    + "\nRequirements\n- 3 years of experience with Python and SQL\n"
)


def test_migrations_bring_an_old_store_up_to_date(tmp_path):
    db = tmp_path / "s.db"
    conn = sqlite3.connect(db)
    conn.executescript(MIGRATIONS[0])
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    s = Store(db)
    assert s.version == len(MIGRATIONS)
    assert "parsed_at" in [r[1] for r in s.conn.execute("PRAGMA table_info(postings)")]


def test_an_id_is_never_given_twice(tmp_path):
    """Removing the newest posting must not hand its id to the next one (SQLite's default)."""
    s = Store(tmp_path / "s.db")
    first = s.add_posting(parse_text(TEXT, "a.txt"), b"a", "text")
    other = parse_text(TEXT.replace("Airflow and dbt for the analytics team", "Kubernetes for the platform"), "b.txt")
    second = s.add_posting(other, b"b", "text")
    s.remove(second.id)
    third = s.add_posting(other, b"b", "text")
    assert (first.id, second.id, third.id) == (1, 2, 3)


def test_newer_store_is_refused(tmp_path):
    db = tmp_path / "s.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(RolefitError, match="newer rolefit"):
        Store(db)


def test_canonical_url_drops_tracking():
    a = canonical_url("https://www.linkedin.com/jobs/view/123/?trackingId=abc&refId=x&utm_source=y")
    assert a == canonical_url("http://linkedin.com/jobs/view/123")


def test_duplicates_by_url_and_by_near_identical_text(tmp_path):
    s = Store(tmp_path / "s.db")
    p1 = parse_text(TEXT, "a.txt")
    p1.url = "https://jobs.example.com/1?utm_source=x"
    first = s.add_posting(p1, TEXT.encode(), "text")
    p2 = parse_text(TEXT, "b.txt")
    p2.url = "https://jobs.example.com/1"
    assert s.add_posting(p2, TEXT.encode(), "text").duplicate_of == first.id
    reposted = TEXT.replace("Data Engineer", "Senior Data Engineer (Remote)").replace("pipeline 3", "pipeline three")
    p3 = parse_text(reposted, "c.txt")
    p3.company = "Other Name Ltd"
    res = s.add_posting(p3, reposted.encode(), "text")
    assert res.duplicate_of == first.id and res.reason == "near-identical description"
    other = parse_text(
        TEXT.replace("Airflow and dbt for the analytics team", "Kubernetes for the platform group"), "d.txt"
    )
    assert s.add_posting(other, b"x", "text").duplicate_of is None
    assert [r["id"] for r in s.list()] == [first.id, 4]
    assert len(s.list(include_duplicates=True)) == 4
    got = s.get(first.id)
    assert got["raw"] == TEXT.encode() and got["parsed"]["title"] == "Data Engineer" and len(got["duplicates"]) == 2
    assert s.remove(first.id) == got["duplicates"]  # its copies go with it, and the caller is told
    assert len(s.list(include_duplicates=True)) == 1


def test_cli_add_list_show_reparse_remove(tmp_path):
    env_db = str(tmp_path / "cli.db")

    def run(*a):
        return subprocess.run(
            [sys.executable, "-m", "rolefit", *a, "--db", env_db], capture_output=True, cwd=ROOT, timeout=300
        )

    r = run(
        "add",
        str(PAGES / "vercel-data-engineer.html.gz"),
        str(PAGES / "indeed-search-nodejs-atlanta.html.gz"),
        "examples/vercel-data-engineer.html",
    )
    assert r.returncode == 2  # the search page is refused, the rest saved
    assert "saved as 1" in r.stdout.decode() and "duplicate of 1" in r.stdout.decode()
    rows = [json.loads(x) for x in run("list", "--json").stdout.decode().splitlines()]
    assert [x["title"] for x in rows] == ["Data Engineer"]
    shown = json.loads(run("show", "1", "--json").stdout)
    assert shown["parsed"]["company"] == "Vercel"
    assert "1 unchanged" in run("reparse").stdout.decode()
    assert run("remove", "1").returncode == 0
    r = run("show", "1")
    assert r.returncode == 1 and "no posting 1" in r.stderr.decode()


def test_scoring_the_store_keeps_each_postings_cell_for_list_and_show(tmp_path):
    """`rolefit score --store` records each saved posting's classification; `list --cell`
    filters on it and `show` prints it; a re-parse that changes the text drops it."""
    db = tmp_path / "s.db"
    nurse = tmp_path / "nurse.txt"
    nurse.write_text(
        "Registered Nurse\n\nResponsibilities\n"
        + "".join(f"- Provide patient care on ward {i}, give medication and triage admissions\n" for i in range(8))
        + "\nRequirements\n- Current RN licence and two years of acute care experience\n"
    )
    engineer = tmp_path / "de.txt"
    engineer.write_text(TEXT)

    def run(*a):
        return subprocess.run(
            [sys.executable, "-m", "rolefit", *a, "--db", str(db)], capture_output=True, cwd=ROOT, timeout=600
        )

    assert run("add", str(engineer), str(nurse)).returncode == 0
    listed = [json.loads(x) for x in run("list", "--json").stdout.decode().splitlines()]
    assert [x["cell"] for x in listed] == [None, None]
    r = run("score", "--store", "--out", str(tmp_path / "o.jsonl"), "--jobs", "1", "--no-skills")
    assert r.returncode == 0, r.stderr.decode()
    cells = {x["title"]: (x["in_scope"], x["cell"]) for x in map(json.loads, run("list", "--json").stdout.splitlines())}
    assert cells["Registered Nurse"] == (False, None) and cells["Data Engineer"] == (True, "engineering/data")
    only = [json.loads(x)["title"] for x in run("list", "--cell", "engineering/data", "--json").stdout.splitlines()]
    assert only == ["Data Engineer"]
    assert [json.loads(x)["title"] for x in run("list", "--cell", "none", "--json").stdout.splitlines()] == [
        "Registered Nurse"
    ]
    assert "scored: engineering/data" in run("show", "1").stdout.decode()
    store = Store(db)
    store.conn.execute("UPDATE postings SET parsed = '{}' WHERE id = 1")  # as if parsed by an older parser
    store.conn.commit()
    store.reparse()
    assert store.get(1)["classification"] is None and store.get(2)["classification"] is not None


def test_a_pdf_posting_is_stored_as_the_document_and_reparsed_from_it(tmp_path):
    from rolefit.store.add import add_inputs
    from tests.pdfdocx import markdown_lines, write_pdf

    md = (ROOT / "tests" / "fixtures" / "gap" / "posting.md").read_text()
    pdf = write_pdf(markdown_lines(md), tmp_path / "jd.pdf")
    store = Store(tmp_path / "s.db")
    [res] = list(add_inputs(store, [str(pdf)], on_error=lambda *a: pytest.fail(str(a))))
    row = store.conn.execute("SELECT raw, raw_type FROM postings WHERE id = ?", (res.id,)).fetchone()
    assert row["raw_type"] == "document" and bytes(row["raw"]) == pdf.read_bytes()
    assert store.get(res.id)["parsed"]["title"] == "Analytics Engineer"
    assert store.reparse() == (0, 1, [])
