"""The market report: summary figures, and a page that renders in a real browser without running page text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rolefit.report.market import summarise, title_key

ROOT = Path(__file__).resolve().parents[1]


def row(title: str, work: str | None, output: str | None, mismatch: str | None = None, skills=()) -> dict:
    probs = {
        "work": {"strategy": 0.1, "research": 0.1, "engineering": 0.8},
        "output": {"analysis": 0.1, "data": 0.8, "ml_product": 0.1},
    }
    return {
        "source": title,
        "posting": {"title": title, "company": "Co", "location": "X"},
        "in_scope": work is not None,
        "in_scope_probability": 0.9 if work else 0.1,
        "work": {"label": work, "probabilities": probs["work"], "evidence": []},
        "output": {"label": output, "probabilities": probs["output"], "evidence": []},
        "cell": f"{work}/{output}" if work else None,
        "needs_review": False,
        "title_mismatch": mismatch,
        "skills": [{"id": s.lower(), "name": s, "requirement": "required", "evidence": ""} for s in skills],
        "model": "m",
    }


def test_title_key_strips_seniority():
    assert title_key("Senior Data Scientist (Remote) - Ads") == "data scientist"
    assert title_key("Full-Stack Developer, Payments") == "full-stack developer"


def test_summary_counts_cells_skills_and_misleading_titles():
    rows = [
        row("Data Scientist", "engineering", "data", "titled Data Scientist; ...", ["Spark"]),
        row("Senior Data Scientist", "research", "analysis", None, ["Python"]),
        row("Data Engineer", "engineering", "data", None, ["Spark", "dbt"]),
        row("Nurse", None, None),
        {"source": "bad", "error": {"kind": "x", "message": "y"}},
    ]
    s = summarise(rows)
    assert s["grid"]["engineering"]["data"] == 2 and s["n_in_scope"] == 3 and s["n_errors"] == 1
    assert s["top_skills"]["engineering/data"][0] == ("Spark", 2)
    ds = next(t for t in s["titles"] if t["title"] == "data scientist")
    assert ds["n"] == 2 and ds["misleading"] == 0.5 and s["titles"][0]["title"] == "data scientist"


def test_degrees_and_soft_skills_are_listed_apart_from_tools():
    rows = [
        row("Data Engineer", "engineering", "data", None, ["Spark", "Bachelor's degree", "Communication"]),
        row("Data Engineer", "engineering", "data", None, ["Bachelor's degree", "dbt"]),
    ]
    s = summarise(rows)
    assert [n for n, _ in s["top_skills"]["engineering/data"]] == ["Spark", "dbt"]
    assert s["top_background"]["engineering/data"][0] == ("Bachelor's degree", 2)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_report_reads_flat_score_outputs_like_json_lines(tmp_path, suffix):
    """`rolefit score --out x.csv` (or .parquet) feeds the report as the .jsonl does: same grid,
    skills per cell, titles and table."""
    from rolefit.score.writers import read_scored, write_output

    rows = [
        row("Data Scientist", "engineering", "data", "titled Data Scientist; ...", ["Spark", "dbt"]),
        row("Senior Data Scientist", "research", "analysis", None, ["Python"]),
        row("Data Engineer", "engineering", "data", None, ["Spark"]),
        row("Nurse", None, None),
        {"source": "bad", "error": {"kind": "not_a_posting", "message": "too short: yes"}},
    ]
    want = summarise(rows)
    for fmt in (".jsonl", suffix):
        write_output(rows, tmp_path / f"out{fmt}")
    got = summarise(list(read_scored(tmp_path / f"out{suffix}")))
    assert got == summarise(list(read_scored(tmp_path / "out.jsonl"))) == want


@pytest.mark.slow
def test_report_page_in_browser_never_runs_posting_text(tmp_path):
    evil = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    rows = [row(f"Data Engineer {i}", "engineering", "data", skills=["Spark"]) for i in range(5)]
    rows.append(row("Analyst " + evil, "strategy", "analysis", "titled " + evil, [evil]))
    scored = tmp_path / "scored.jsonl"
    scored.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out, figs = tmp_path / "report.html", tmp_path / "figs"
    r = subprocess.run(
        [sys.executable, "-m", "rolefit", "report", str(scored), "--out", str(out), "--figures", str(figs)],
        capture_output=True,
        cwd=ROOT,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr.decode()
    assert (figs / "grid.png").stat().st_size > 5000 and (figs / "axes.svg").exists()
    assert "<script>window" not in out.read_text()
    from tests.browser import render_page

    res = render_page(out, tmp_path / "report.png")
    assert res.errors == [] and res.pwned is None
    assert "<script>window.__pwned=1</script>" in res.text and "Top skills per cell" in res.text


def test_report_bad_input_is_one_line(tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n")
    r = subprocess.run(
        [sys.executable, "-m", "rolefit", "report", str(bad)], capture_output=True, cwd=ROOT, timeout=120
    )
    assert r.returncode == 2 and len(r.stderr.decode().strip().splitlines()) == 1


@pytest.mark.slow
def test_sorting_a_column_in_the_browser(tmp_path):
    rows = [row(t, "engineering", "data") for t in ("b title", "c title", "a title")]
    scored = tmp_path / "s.jsonl"
    scored.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "r.html"
    from rolefit.report.market import render_report

    render_report([json.loads(x) for x in scored.read_text().splitlines()], out)
    from playwright.sync_api import sync_playwright

    from tests.browser import ARGS, CHROMIUM

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = b.new_page()
        page.goto(out.resolve().as_uri())
        page.click("#postings th >> nth=0")
        first = page.inner_text("#postings tbody tr >> nth=0 >> td >> nth=0")
        b.close()
    assert first == "a title"


@pytest.mark.parametrize(
    "content,needle",
    [
        ("", b"no scored postings"),
        ('{"title": "Data Engineer", "description": "an export, not scores"}\n', b"line 1 has no source"),
        ("not json\n", b"not a file of scored postings"),
    ],
)
def test_report_of_something_not_scored_is_one_line(tmp_path, content, needle):
    bad = tmp_path / "x.jsonl"
    bad.write_text(content)
    r = subprocess.run(
        [sys.executable, "-m", "rolefit", "report", str(bad), "--out", str(tmp_path / "r.html")],
        capture_output=True,
        timeout=120,
    )
    err = r.stderr.strip()
    assert r.returncode == 2 and needle in err and len(err.splitlines()) == 1, err
    assert not (tmp_path / "r.html").exists()
