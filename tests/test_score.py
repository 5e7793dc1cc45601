"""Batch scoring: formats, bad rows, cell filter, fit ranking, and exact resume after kill -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "data" / "labels" / "texts.parquet"


def rolefit(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rolefit", *args], capture_output=True, cwd=ROOT, timeout=600, **kw)


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("exp")
    df = pd.read_parquet(TEXTS).head(60)[["id", "title", "company", "location", "description", "url"]]
    df.loc[5, "description"] = ""  # a bad row
    path = d / "jobs.parquet"
    df.to_parquet(path)
    df.rename(columns={"description": "job_description", "url": "job_url"}).head(20).to_csv(
        d / "jobspy.csv", index=False
    )
    return path


def read_jsonl(p: Path) -> list[dict]:
    return [json.loads(x) for x in p.read_text().splitlines() if x]


def test_score_parquet_to_jsonl_with_a_bad_row(export, tmp_path):
    out = tmp_path / "o.jsonl"
    r = rolefit("score", str(export), "--out", str(out), "--jobs", "2", "--no-skills")
    assert r.returncode == 0, r.stderr.decode()
    rows = read_jsonl(out)
    assert len(rows) == 60
    assert rows[5]["error"]["kind"] == "other"
    good = [x for x in rows if "error" not in x]
    assert {"schema_version", "posting", "work", "output", "in_scope", "model"} <= set(good[0])
    assert [x["source"] for x in rows] == [f"jobs.parquet#{i}" for i in pd.read_parquet(export)["id"]]


def test_score_csv_export_columns_and_formats(export, tmp_path):
    out = tmp_path / "o.csv"
    r = rolefit("score", str(export.parent / "jobspy.csv"), "--out", str(out), "--jobs", "1")
    assert r.returncode == 0, r.stderr.decode()
    df = pd.read_csv(out)
    assert len(df) == 20 and {"title", "work", "output", "skills_required", "p_work_engineering"} <= set(df.columns)
    out2 = tmp_path / "o.parquet"
    assert rolefit("score", str(export.parent / "jobspy.csv"), "--out", str(out2), "--jobs", "1").returncode == 0
    assert len(pd.read_parquet(out2)) == 20


def test_rerun_skips_what_is_done(export, tmp_path):
    out = tmp_path / "o.jsonl"
    rolefit("score", str(export), "--out", str(out), "--jobs", "2", "--no-skills")
    r = rolefit("score", str(export), "--out", str(out), "--jobs", "2", "--no-skills")
    assert "scored 0 postings" in r.stderr.decode() and "60 already done" in r.stderr.decode()
    assert len(read_jsonl(out)) == 60


def test_cell_filter_and_profile_ranking(export, tmp_path):
    out = tmp_path / "o.jsonl"
    r = rolefit(
        "score",
        str(export),
        "--out",
        str(out),
        "--cell",
        "engineering/data",
        "--profile",
        "examples/profile.yaml",
        "--jobs",
        "2",
    )
    assert r.returncode == 0, r.stderr.decode()
    rows = read_jsonl(out)
    assert rows and all(x["cell"] == "engineering/data" for x in rows)
    scores = [x["fit_score"] for x in rows if x.get("fit_score") is not None]
    assert scores == sorted(scores, reverse=True)


def test_bad_output_suffix_and_missing_input(tmp_path):
    r = rolefit("score", "nope.parquet", "--out", str(tmp_path / "o.xlsx"))
    assert r.returncode == 2 and "jsonl" in r.stderr.decode() and "Traceback" not in r.stderr.decode()


def test_nothing_to_score_is_an_error_not_an_empty_success(tmp_path):
    (tmp_path / "empty").mkdir()
    r = rolefit("score", str(tmp_path / "empty"), "--out", str(tmp_path / "o.jsonl"))
    assert r.returncode == 2 and r.stderr.decode().strip() == "rolefit: no postings found; nothing to score"
    r = rolefit("score", "--store", "--db", str(tmp_path / "s.db"), "--out", str(tmp_path / "o2.jsonl"))
    assert r.returncode == 2 and "store is empty" in r.stderr.decode()


@pytest.mark.slow
def test_kill_9_then_rerun_gives_the_uninterrupted_rows(export, tmp_path):
    full = tmp_path / "full.jsonl"
    assert rolefit("score", str(export), "--out", str(full), "--jobs", "2").returncode == 0
    part = tmp_path / "part.jsonl"
    journal = part.with_name(part.name + ".journal.jsonl")
    proc = subprocess.Popen(
        [sys.executable, "-m", "rolefit", "score", str(export), "--out", str(part), "--jobs", "2"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.time() + 120
    while time.time() < deadline:
        if journal.exists() and len(journal.read_bytes().splitlines()) >= 15:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = len(journal.read_bytes().splitlines())
    assert 0 < done_before < 60, "the run should be stopped half-way"
    r = rolefit("score", str(export), "--out", str(part), "--jobs", "2")
    assert r.returncode == 0, r.stderr.decode()
    assert read_jsonl(part) == read_jsonl(full)


@pytest.mark.slow
def test_dask_engine_gives_the_local_rows(tmp_path):
    ds = tmp_path / "dataset"
    ds.mkdir()
    df = pd.read_parquet(TEXTS).head(45)[["id", "title", "company", "location", "description"]]
    for i in range(3):
        df.iloc[i * 15 : (i + 1) * 15].to_parquet(ds / f"part-{i}.parquet", row_group_size=7)
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert rolefit("score", str(ds), "--out", str(local), "--jobs", "2").returncode == 0
    r = rolefit("score", str(ds), "--out", str(dask), "--engine", "dask", "--jobs", "2")
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    assert read_jsonl(dask) == read_jsonl(local) and len(read_jsonl(local)) == 45

    # resumable as the local engine: a journal cut mid-row (a killed run) ends, once re-run,
    # with exactly the uninterrupted rows, and only the missing ones are scored
    journal = tmp_path / "dask.jsonl.journal.jsonl"
    lines = journal.read_bytes().splitlines(keepends=True)
    journal.write_bytes(b"".join(lines[:20]) + lines[20][:40])
    r = rolefit("score", str(ds), "--out", str(dask), "--engine", "dask", "--jobs", "2")
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    assert b"scored 25 postings with dask, 20 already done" in r.stderr
    assert read_jsonl(dask) == read_jsonl(local)


def test_journal_torn_line_and_other_model_rows(tmp_path):
    from rolefit.score.engine import read_journal

    j = tmp_path / "o.jsonl.journal.jsonl"
    rows = [{"source": "a", "model": "m1"}, {"source": "b", "model": "old"}, {"source": "c", "error": {"kind": "x"}}]
    rows.append({"source": "e", "error": {"kind": "network"}})  # may pass on a second try
    j.write_text("".join(json.dumps(r) + "\n" for r in rows) + '{"source": "d", "mod')
    assert read_journal(j, "m1") == {"a", "c"}
    assert [json.loads(x)["source"] for x in j.read_text().splitlines()] == ["a", "c"]


def test_dask_worker_state_is_rebuilt_without_changing_rows(tmp_path, monkeypatch):
    """A long-lived Dask worker rebuilds its extractor every RECYCLE_POSTINGS postings (its
    vocabulary only grows); the rows must not depend on when that happens."""
    from rolefit.score import engine
    from rolefit.score.dask_engine import parquet_tasks, score_row_group
    from rolefit.skills.extract import get_extractor

    f = tmp_path / "part.parquet"
    pd.read_parquet(TEXTS).head(21)[["id", "title", "description"]].to_parquet(f, row_group_size=7)
    tasks = parquet_tasks(str(f))
    plain = [score_row_group(t, True) for t in tasks]
    monkeypatch.setattr(engine, "RECYCLE_POSTINGS", 5)
    before = get_extractor()
    recycled = [score_row_group(t, True) for t in tasks]
    assert get_extractor() is not before
    assert recycled == plain
    # rows already done are skipped
    first_key = json.loads(plain[0][0])["source"]
    assert [json.loads(x)["source"] for x in score_row_group(tasks[0], True, frozenset({first_key}))] == [
        json.loads(x)["source"] for x in plain[0][1:]
    ]


def test_csv_exports_in_excel_dialects_and_with_a_broken_line(tmp_path):
    """A semicolon-separated, cp1252-encoded export (Excel in much of Europe) is read as such;
    a line that does not split into the header's columns becomes an error item, not a silent gap."""
    from rolefit.score.inputs import table_items

    desc = "Build pipelines in Airflow and dbt, model data in Snowflake and keep data quality high for analysts."
    lines = ["id;title;description", f"1;Data Engineer;{desc}", "2;Broken;a;b;c", f"3;Ingénieur données;{desc} Café."]
    path = tmp_path / "export.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    items = list(table_items(path))
    ok = {i.key: i.record["title"] for i in items if i.record}
    assert ok == {"export.csv#1": "Data Engineer", "export.csv#3": "Ingénieur données"}
    errors = [i for i in items if i.error]
    assert [i.key for i in errors] == ["export.csv#line3"] and "malformed row" in str(errors[0].error)


def test_the_progress_bar_knows_how_many_postings_when_it_is_cheap(tmp_path):
    import pandas as pd

    from rolefit.score.inputs import count_items

    (tmp_path / "a.html").write_text("<html></html>")
    (tmp_path / "b.md").write_text("# x")
    pd.DataFrame({"description": ["x", "y", "z"]}).to_parquet(tmp_path / "rows.parquet")
    assert count_items([str(tmp_path)]) == 5
    assert count_items([str(tmp_path / "rows.parquet"), str(tmp_path / "a.html")]) == 4
    (tmp_path / "more.csv").write_text("description\nx\n")
    assert count_items([str(tmp_path)]) is None  # a CSV would have to be parsed to be counted


def test_json_exports_are_read_like_tables(tmp_path):
    """A job board's API answer ({"jobs": [...]}, HTML sent escaped, nested location), JSON
    Lines with a broken line, and one JSON-LD JobPosting given to `classify`."""
    import html

    df = pd.read_parquet(TEXTS).head(3)
    board = {
        "jobs": [
            {
                "id": int(i),
                "title": r.title,
                "content": html.escape(f"<p>{r.description}</p>"),
                "location": {"name": "Remote"},
            }
            for i, r in enumerate(df.itertuples())
        ]
    }
    (tmp_path / "board.json").write_text(json.dumps(board))
    lines = [json.dumps({"job_title": r.title, "description": r.description}) for r in df.itertuples()]
    (tmp_path / "rows.jsonl").write_text("\n".join(lines[:2] + ["{broken"] + lines[2:]) + "\n")
    out = tmp_path / "o.jsonl"
    r = rolefit("score", str(tmp_path / "board.json"), str(tmp_path / "rows.jsonl"), "--out", str(out), "--no-skills")
    assert r.returncode == 0, r.stderr.decode()
    rows = read_jsonl(out)
    assert [x["source"] for x in rows] == [
        "board.json#0",
        "board.json#1",
        "board.json#2",
        "rows.jsonl#0",
        "rows.jsonl#1",
        "rows.jsonl#line3",
        "rows.jsonl#2",
    ]  # in file order: the broken line where it stands
    assert rows[0]["posting"]["locations"] == ["Remote"] and "&lt;" not in rows[0]["posting"]["description"]
    assert "<p>" not in rows[0]["posting"]["description"] and "error" not in rows[6]
    assert "malformed row" in rows[5]["error"]["message"]

    ld = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": df.title[0],
        "description": df.description[0],
        "hiringOrganization": {"@type": "Organization", "name": "Acme"},
        "jobLocation": {"@type": "Place", "address": {"addressLocality": "Oslo", "addressCountry": "NO"}},
    }
    (tmp_path / "one.json").write_text(json.dumps(ld))
    r = rolefit("classify", str(tmp_path / "one.json"), "--json", "--no-skills")
    assert r.returncode == 0, r.stderr.decode()
    posting = json.loads(r.stdout)["posting"]
    assert (posting["company"], posting["locations"]) == ("Acme", ["Oslo, NO"])
    r = rolefit("classify", str(tmp_path / "board.json"))
    assert r.returncode == 2 and "several postings" in r.stderr.decode() and len(r.stderr.splitlines()) == 1


def test_rerun_retries_the_errors_that_may_pass(tmp_path):
    """A refusal stands on a re-run; a missing file (or a network failure) is tried again,
    and its row replaces the error rather than joining it."""
    df = pd.read_parquet(TEXTS).head(2)
    good, later = tmp_path / "a.txt", tmp_path / "b.txt"
    good.write_text(f"{df.title[0]}\n\n{df.description[0]}")
    (tmp_path / "short.txt").write_text("Data Engineer\n\nCall us.")
    out = tmp_path / "o.jsonl"
    args = ("score", str(good), str(later), str(tmp_path / "short.txt"), "--out", str(out), "--no-skills")
    assert rolefit(*args).returncode == 0
    first = {x["source"]: x.get("error", {}).get("kind") for x in read_jsonl(out)}
    assert first == {str(good): None, str(later): "missing", str(tmp_path / "short.txt"): "other"}
    later.write_text(f"{df.title[1]}\n\n{df.description[1]}")
    r = rolefit(*args)
    assert r.returncode == 0 and b"scored 1 postings" in r.stderr, r.stderr.decode()
    second = {x["source"]: x.get("error", {}).get("kind") for x in read_jsonl(out)}
    assert second == {str(good): None, str(later): None, str(tmp_path / "short.txt"): "other"}
    assert len(read_jsonl(out)) == 3


def test_jobspy_job_type_and_remote_flag_fill_the_fields():
    from rolefit.score.inputs import COLUMNS, _pick, posting_from_record

    row = {"TITLE": "Data Engineer", "job_type": "fulltime", "is_remote": "True", "location": "Austin, TX"}
    row["description"] = "Build pipelines in Python and SQL for the analysts and keep them running. " * 4
    mapping = {k: _pick(list(row), v) for k, v in COLUMNS.items()}
    p = posting_from_record({k: (None if c is None else row[c]) for k, c in mapping.items()}, "x#1")
    assert (p.title, p.employment_type, p.workplace, p.locations) == (
        "Data Engineer",
        "full-time",
        "remote",
        ["Austin, TX"],
    )


def test_an_output_inside_the_folder_it_scores_is_not_an_input(tmp_path):
    """`rolefit score jobs/ --out jobs/scored.csv`, run twice, then to another format: the
    outputs (and journals) in the folder are not read as exports of postings."""
    df = pd.read_parquet(TEXTS).head(1)
    folder = tmp_path / "jobs"
    folder.mkdir()
    (folder / "a.txt").write_text(f"{df.title[0]}\n\n{df.description[0]}")
    for out in ("scored.csv", "scored.csv", "other.parquet"):
        r = rolefit("score", str(folder), "--out", str(folder / out), "--no-skills")
        assert r.returncode == 0 and b"failed" in r.stderr and b"(0 failed)" in r.stderr, r.stderr.decode()
    assert len(pd.read_parquet(folder / "other.parquet")) == 1
