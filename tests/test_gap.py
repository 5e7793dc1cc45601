"""Profiles from resumes in four formats, and gap reports in three."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rolefit.errors import BadInput
from rolefit.gap import gap_for_paths
from rolefit.gap.many import cover_plan
from rolefit.profile import load_profile, profile_to_yaml
from rolefit.types import GapItem, GapReport
from tests.pdfdocx import markdown_lines, write_docx, write_pdf

ROOT = Path(__file__).resolve().parents[1]
GAP = ROOT / "tests" / "fixtures" / "gap"


def names(profile) -> set[str]:
    return {s.name for s in profile.skills}


def test_resume_pdf_and_docx_give_the_markdown_skills(tmp_path):
    md = (GAP / "resume.md").read_text()
    from_md = names(load_profile(GAP / "resume.md"))
    assert {"Tableau", "SQL", "Python", "pandas", "Apache Airflow", "A/B testing"} <= from_md
    lines = markdown_lines(md)
    assert names(load_profile(write_pdf(lines, tmp_path / "cv.pdf"))) == from_md
    assert names(load_profile(write_docx(lines, tmp_path / "cv.docx"))) == from_md


def test_profile_keeps_evidence_and_round_trips_yaml(tmp_path):
    prof = load_profile(GAP / "resume.md")
    tableau = next(s for s in prof.skills if s.name == "Tableau")
    assert "dashboards" in tableau.evidence
    out = tmp_path / "p.yaml"
    out.write_text(profile_to_yaml(prof))
    assert names(load_profile(out)) == names(prof)


def test_scanned_pdf_is_an_error_not_an_empty_profile(tmp_path):
    with pytest.raises(BadInput, match="no extractable text"):
        load_profile(write_pdf([], tmp_path / "scan.pdf"))


def test_bad_yaml_profile(tmp_path):
    p = tmp_path / "p.yaml"
    p.write_text("name: x\n")
    with pytest.raises(BadInput, match="skills"):
        load_profile(p)


def gap_record():
    return gap_for_paths([str(GAP / "posting.md")], str(GAP / "resume.md"))


def test_gap_one_posting_golden():
    r = gap_record()["postings"][0]
    assert r["title"] == "Analytics Engineer"
    matched = {i["name"] for i in r["matched"]}
    transfer = {i["name"]: i["via"] for i in r["transferable"]}
    missing = [i["name"] for i in r["missing"]]
    assert {"SQL", "Python"} <= matched
    assert transfer.get("Dagster") == "Apache Airflow"  # has Airflow, asked for Dagster
    assert transfer.get("Looker") == "Tableau"
    assert {"dbt", "Snowflake"} <= set(missing)
    assert missing.index("dbt") < missing.index("Terraform")  # required before preferred
    assert r["required_total"] >= 5 and r["required_matched"] >= 2
    req = (r["required_matched"] + 0.5 * sum(i["requirement"] == "required" for i in r["transferable"])) / r[
        "required_total"
    ]
    pref = (r["preferred_matched"] + 0.5 * sum(i["requirement"] == "preferred" for i in r["transferable"])) / r[
        "preferred_total"
    ]
    assert r["score"] == pytest.approx(round(100 * (0.75 * req + 0.25 * pref), 1))
    dbt = next(i for i in r["missing"] if i["name"] == "dbt")
    assert dbt["resources"] and dbt["resources"][0]["url"].startswith("https://")


def test_gap_cli_json_terminal_and_html(tmp_path):
    html = tmp_path / "gap.html"
    cmd = [sys.executable, "-m", "rolefit", "gap", str(GAP / "posting.md"), "--profile", str(GAP / "resume.md")]
    r = subprocess.run(cmd + ["--json"], capture_output=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr.decode()
    assert json.loads(r.stdout)["postings"][0]["title"] == "Analytics Engineer"
    r = subprocess.run(cmd + ["--html", str(html)], capture_output=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0
    out = r.stdout.decode()
    assert "Analytics Engineer" in out and "required" in out and "score" in out
    page = html.read_text()
    assert "<svg" in page and "Dagster" in page and "80/20" not in page


def test_gap_over_the_saved_store(tmp_path):
    """``gap --store`` compares the saved postings: the 80/20 view of what the user kept."""
    db = tmp_path / "s.db"
    run = [sys.executable, "-m", "rolefit"]
    pages = [str(GAP / "posting.md"), str(ROOT / "examples" / "vercel-data-engineer.html")]
    assert subprocess.run(run + ["add", *pages, "--db", str(db)], capture_output=True, cwd=ROOT).returncode == 0
    r = subprocess.run(
        run + ["gap", "--store", "--db", str(db), "--profile", str(GAP / "resume.md"), "--json"],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr.decode()
    rec = json.loads(r.stdout)
    assert sorted(p["title"] for p in rec["postings"]) == ["Analytics Engineer", "Data Engineer"]
    assert rec["cover"] is not None
    # neither postings nor --store: a one-line usage error
    r = subprocess.run(run + ["gap", "--profile", str(GAP / "resume.md")], capture_output=True, cwd=ROOT)
    assert r.returncode == 2 and b"--store" in r.stderr and b"Traceback" not in r.stderr


def _item(sid: str, req: str = "required") -> GapItem:
    return GapItem(id=sid, name=sid, category="tool", requirement=req, posting_evidence="")


def _report(missing: list[str], cell: str = "engineering/data", score: float = 50.0) -> GapReport:
    return GapReport("x", "t", None, cell, len(missing), 0, 0, 0, [], [], [_item(m) for m in missing], [], score)


def test_cover_plan_greedy_80_20():
    reports = [_report(["dbt"]), _report(["dbt"]), _report(["dbt", "spark"]), _report(["kafka"]), _report([])]
    plan = cover_plan(reports, max_skills=3)
    assert plan.already_unlocked == 1
    assert [s.skill_id for s in plan.steps][:1] == ["dbt"]
    assert plan.steps[0].unlocks == 2 and plan.steps[0].needed_by == 3
    assert plan.steps[-1].unlocked_total == 5


def test_80_20_counts_data_ml_postings_unless_asked():
    from rolefit.gap.many import target_reports

    reports = [_report(["dbt"]), _report(["pytorch"], cell="engineering/ml_product"), _report(["triage"], cell=None)]
    targets, named = target_reports(reports)
    assert targets == reports[:2] and named == "data/ML postings"
    assert target_reports(reports, cells=["engineering/ml_product"])[0] == reports[1:2]
    assert target_reports(reports, any_role=True)[0] == reports


def test_80_20_leaves_a_non_data_posting_out(tmp_path):
    nurse = tmp_path / "nurse.md"
    nurse.write_text(
        "# Registered Nurse\n\n## Responsibilities\n"
        + "".join(
            f"- Provide direct patient care on ward {i}, give medication, and triage admissions.\n" for i in range(6)
        )
        + "\n## Requirements\n- Current RN licence and BLS certification.\n- Two years of acute care experience.\n"
    )
    paths = [str(GAP / "posting.md"), str(GAP / "posting.md"), str(nurse)]
    record = gap_for_paths(paths, str(GAP / "resume.md"))
    assert len(record["postings"]) == 3
    assert record["cover"]["postings"] == 2 and record["cover"]["left_out"] == 1
    assert gap_for_paths(paths, str(GAP / "resume.md"), any_role=True)["cover"]["postings"] == 3


@pytest.mark.slow
def test_gap_many_postings_html_escapes_and_renders_in_browser(tmp_path):
    """Posting-supplied strings never run: a <script> title is shown as text (real headless Chromium)."""
    evil = tmp_path / "evil.md"
    evil.write_text(
        (GAP / "posting.md")
        .read_text()
        .replace(
            "# Analytics Engineer",
            '# Analytics <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">',
        )
    )
    from rolefit.gap.render import gap_html

    record = gap_for_paths([str(GAP / "posting.md"), str(evil)], str(GAP / "resume.md"))
    assert record["cover"] is not None
    html = tmp_path / "gap.html"
    html.write_text(gap_html(record))
    assert "<script>window" not in html.read_text()
    from tests.browser import render_page

    result = render_page(html, tmp_path / "gap.png")
    assert result.errors == [] and result.pwned is None
    assert "80/20" in result.text and "<script>" in result.text
    assert (tmp_path / "gap.png").stat().st_size > 10_000


def test_every_learning_resource_names_a_known_skill_and_an_https_link():
    import yaml

    from rolefit.skills.taxonomy import load_taxonomy

    tax = load_taxonomy()
    resources = yaml.safe_load((Path(__file__).resolve().parents[1] / "data" / "resources.yaml").read_text())
    assert [name for name in resources if tax.lookup(name) is None] == []
    assert all(link["url"].startswith("https://") and link["title"] for links in resources.values() for link in links)


def test_a_job_description_as_pdf_or_docx_reads_like_its_text(tmp_path):
    """Job descriptions often arrive as PDF or Word attachments: rolefit reads their text as a
    text posting, with the same skills and requirement tags as the Markdown source."""
    from rolefit.ingest import read_page
    from rolefit.pipeline import load_posting
    from rolefit.skills.extract import extract_page

    def tagged(path) -> set[tuple[str, str]]:
        return {(m.name, m.requirement) for m in extract_page(read_page(str(path)))[1]}

    md = GAP / "posting.md"
    want = tagged(md)
    assert ("Apache Kafka", "preferred") not in want and ("Terraform", "preferred") in want
    lines = markdown_lines(md.read_text())
    for doc in (write_pdf(lines, tmp_path / "jd.pdf"), write_docx(lines, tmp_path / "jd.docx")):
        assert tagged(doc) == want, doc
        assert load_posting(str(doc)).title == "Analytics Engineer"


def test_alternatives_are_one_ask_met_by_either(tmp_path):
    """ "XGBoost or LightGBM" is one required skill, met by LightGBM alone; "Python or Scala"
    is no ask of its own where Python is required anyway."""
    posting = tmp_path / "p.md"
    posting.write_text(
        "# Machine Learning Engineer\n\n## What you'll do\n- Train and ship ranking models for search and "
        "recommendations\n- Run the feature pipelines and monitor the models in production every day\n\n"
        "## Requirements\n- Python is a must\n- Experience with XGBoost or LightGBM\n- Python or Scala for "
        "the data jobs\n- Docker\n"
    )
    profile = tmp_path / "me.yaml"
    profile.write_text("skills:\n  - Python\n  - LightGBM\n")
    r = gap_for_paths([str(posting)], str(profile))["postings"][0]
    asked = {i["name"]: i for i in r["matched"] + r["missing"] + r["transferable"]}
    assert asked["XGBoost or LightGBM"] in r["matched"] and asked["XGBoost or LightGBM"]["one_of"] == [
        "xgboost",
        "lightgbm",
    ]
    assert "Scala" not in str(list(asked)) and [i["name"] for i in r["missing"]] == ["Docker"]
    assert (r["required_matched"], r["required_total"]) == (2, 3)


def test_cover_plan_counts_an_ask_of_alternatives_as_met_by_either():
    either = GapItem(id="a|b", name="A or B", category="tool", requirement="required", posting_evidence="")
    either.one_of = ["a", "b"]
    reports = [_report(["b"]), _report([])]
    reports[1].missing = [either]
    plan = cover_plan(reports, max_skills=2)
    assert [s.skill_id for s in plan.steps] == ["b"] and plan.steps[0].unlocks == 2


def test_fewer_years_than_asked_is_said_in_each_format(tmp_path):
    posting = tmp_path / "p.md"
    posting.write_text(
        "# Data Engineer\n\n## What you'll do\n- Build and run batch pipelines for the analysts every day\n"
        "- Model the warehouse data and keep it documented for the whole company\n\n"
        "## Requirements\n- 4+ years of experience with Python\n- SQL\n"
    )
    profile = tmp_path / "me.yaml"
    profile.write_text("skills:\n  - {name: Python, years: 2}\n  - {name: SQL, years: 9}\n")
    rec = gap_for_paths([str(posting)], str(profile))
    items = {i["name"]: i for i in rec["postings"][0]["matched"]}
    assert (items["Python"]["years_asked"], items["Python"]["years_have"]) == (4, 2)
    assert items["SQL"]["years_asked"] is None  # a line without a figure asks none
    from rolefit.gap.render import gap_html, years_short

    assert years_short(items["Python"]) == "asks 4+ years, you have 2" and years_short(items["SQL"]) is None
    assert "asks 4+ years, you have 2" in gap_html(rec)


def test_a_users_own_resources_come_first_and_a_typo_is_an_error(tmp_path):
    mine = tmp_path / "res.yaml"
    mine.write_text('dbt:\n  - {title: "Our team wiki on dbt", url: "https://wiki.example.org/dbt"}\n')
    rec = gap_for_paths([str(GAP / "posting.md")], str(GAP / "resume.md"), resources=str(mine))
    dbt = next(i for i in rec["postings"][0]["missing"] if i["name"] == "dbt")
    urls = [r["url"] for r in dbt["resources"]]
    assert urls[0] == "https://wiki.example.org/dbt" and len(urls) >= 2  # the shipped link follows
    mine.write_text("Not A Real Skill Name:\n  - {title: x, url: 'https://x.example'}\n")
    with pytest.raises(BadInput, match="Not A Real Skill Name"):
        gap_for_paths([str(GAP / "posting.md")], str(GAP / "resume.md"), resources=str(mine))


def test_a_resume_gives_each_skill_the_years_of_the_dated_jobs_that_name_it():
    """Jobs' date ranges give years to the skills named under them (overlaps once); a skills
    list and education give none."""
    from datetime import date

    from rolefit.profile.years import dated_entries, skill_years
    from rolefit.skills.extract import extract_text

    text = (
        "# Jane Doe\n\n## Experience\n**Data Engineer**, Acme Bank — Jan 2021 – Present\n"
        "- Built batch pipelines in Airflow on Snowflake with Python and SQL\n\n"
        "**Analyst**, Beta Retail — 2018 – 2020\n- Dashboards in Tableau; SQL and R\n\n"
        "## Education\nBSc Computer Science, 2014 – 2018, statistics and Python\n\n## Skills\nDocker, Git\n"
    )
    today = date(2026, 1, 15)
    assert len(dated_entries(text, today)) == 2
    years = skill_years(text, extract_text(text, posting=False), today)
    assert years["python"] == 5 and years["sql"] == 8 and years["tableau"] == 3
    assert "docker" not in years and "statistics" not in years


def test_gap_with_nothing_to_compare_says_so_in_one_line(tmp_path):
    run = [sys.executable, "-m", "rolefit", "gap", "--profile", str(GAP / "resume.md")]
    r = subprocess.run(run + ["--store", "--db", str(tmp_path / "s.db")], capture_output=True, cwd=ROOT)
    assert r.returncode == 2 and r.stderr.strip() == b"rolefit: the store is empty: save postings with `rolefit add`"
    assert r.stdout == b""  # no empty report under it
    (tmp_path / "short.txt").write_text("Data Engineer\n\nCall us.")
    r = subprocess.run(run + [str(tmp_path / "short.txt")], capture_output=True, cwd=ROOT)
    assert r.returncode == 2 and b"not a job posting" in r.stderr and r.stdout == b""


def test_a_resume_line_that_states_years_gives_them(tmp_path):
    cv = tmp_path / "cv.md"
    cv.write_text(
        "# Jane\n\n## Summary\n7+ years of experience with Python and SQL.\n\n## Experience\n"
        "Data Engineer, Acme — 2024 – 2025\n- Airflow and Python pipelines\n"
    )
    years = {s.name: s.years for s in load_profile(cv).skills}
    assert years["Python"] == 7 and years["SQL"] == 7 and years["Apache Airflow"] == 2


def test_yaml_profile_forms_and_bad_years(tmp_path):
    """Skills as a list or as a mapping of skill to years; "3+" is 3; a word is a clear error."""
    p = tmp_path / "p.yaml"
    p.write_text('skills:\n  Python: 3\n  SQL: {level: advanced, years: "5+"}\n  Tableau:\n')
    assert {s.name: s.years for s in load_profile(p).skills} == {"Python": 3, "SQL": 5, "Tableau": None}
    p.write_text("skills:\n  - {name: SQL, years: many}\n")
    with pytest.raises(BadInput, match="years must be a number"):
        load_profile(p)
    p.write_text("skills: [Python, [SQL]]\n")
    with pytest.raises(BadInput, match="a skill is a name"):
        load_profile(p)
