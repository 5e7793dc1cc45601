"""The command line as a user meets it: exit codes, one-line errors, JSON contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PAGES

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rolefit", *args], capture_output=True, input=stdin, cwd=ROOT, timeout=120
    )


def test_classify_json_contract():
    r = run("classify", "examples/vercel-data-engineer.html", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    for key in (
        "schema_version",
        "source",
        "posting",
        "in_scope",
        "work",
        "output",
        "needs_review",
        "title_mismatch",
        "skills",
    ):
        assert key in out
    for axis in ("work", "output"):
        assert set(out[axis]) >= {"label", "probabilities", "evidence"}
        assert abs(sum(out[axis]["probabilities"].values()) - 1) < 1e-3
    assert out["posting"]["title"] == "Data Engineer"
    assert out["in_scope"] is True


def test_parse_json_and_several_inputs_with_one_bad(tmp_path):
    missing = tmp_path / "nope.html"
    r = run(
        "parse",
        "examples/vercel-data-engineer.html",
        str(missing),
        str(PAGES / "tesla-careers-access-denied.html.gz"),
        "--json",
    )
    assert r.returncode == 2
    lines = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert len(lines) == 1 and lines[0]["posting"]["company"] == "Vercel"
    err = r.stderr.decode().strip().splitlines()
    assert len(err) == 2
    assert "no such file" in err[0] and "bot challenge" in err[1]
    assert "Traceback" not in r.stderr.decode()


@pytest.mark.parametrize(
    "name,data,needle",
    [
        ("empty.html", b"", "empty"),
        ("blank.txt", b"   \n\n", "empty"),
        ("binary.bin", bytes(range(256)) * 10, "binary"),
        ("doc.pdf", b"%PDF-1.4 ...", "PDF"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "save it as .docx or PDF"),
        ("broken.html", b"<html><body><div><p>unclosed <b>tags <<<>>> &&& </div>", "not a job posting"),
        ("export.csv", b"title,description\nData Engineer,Build pipelines\n", "rolefit score"),
    ],
)
def test_bad_inputs_give_one_line_and_nonzero_exit(tmp_page, name, data, needle):
    r = run("classify", str(tmp_page(name, data)))
    assert r.returncode != 0
    err = r.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and needle in err and "Traceback" not in err


def test_huge_file_is_refused(tmp_path):
    big = tmp_path / "big.html"
    with big.open("wb") as f:
        f.truncate(21 * 1024 * 1024)
    r = run("parse", str(big))
    assert r.returncode == 2 and "too large" in r.stderr.decode()


def test_debug_shows_traceback(tmp_path):
    r = run("parse", str(tmp_path / "missing.html"), "--debug")
    assert r.returncode == 2 and "Traceback" in r.stderr.decode()


def test_stdin_and_glob():
    md = (
        b"# Data Analyst\n\n## Responsibilities\n"
        + b"- Build dashboards for leadership and analyse sales\n" * 8
        + b"\n## Requirements\n- 2 years of experience in a team\n"
    )
    r = run("parse", "-", "--json", stdin=md)
    assert r.returncode == 0 and json.loads(r.stdout)["posting"]["title"] == "Data Analyst"
    r = run("parse", str(PAGES / "vercel-*.html.gz"), "--json")
    assert r.returncode == 2  # the careers index among them is refused...
    assert len(r.stdout.decode().splitlines()) == 3  # ...and the three postings still parse


def test_expired_flag():
    page = str(PAGES / "linkedin-expired-coolpeople-tester.html.gz")
    assert run("parse", page).returncode == 2
    r = run("parse", page, "--allow-expired", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["posting"]["expired"] is True


def test_person_output_escapes_page_markup(tmp_page):
    md = (
        "# Data [bold red]Engineer[/bold red]\n\n## Responsibilities\n"
        + "- Build pipelines for analysts with Airflow\n" * 8
        + "\n## Requirements\n- 3 years of experience\n"
    )
    r = run("parse", str(tmp_page("x.md", md)))
    assert r.returncode == 0 and "[bold red]" in r.stdout.decode()


@pytest.mark.parametrize(
    "args,absent",
    [
        (["parse", "examples/vercel-data-engineer.html", "--json"], ["sklearn", "spacy", "pandas", "skops"]),
        (["classify", "examples/vercel-data-engineer.html", "--json", "--no-skills"], ["sklearn", "spacy", "skops"]),
    ],
)
def test_start_up_imports_only_what_the_command_needs(args, absent):
    code = (
        f"import sys\nfrom rolefit.cli import app\ntry:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
        f"print(' '.join(m for m in {absent!r} if m in sys.modules), file=sys.stderr)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=120)
    assert r.stderr.decode().strip().splitlines()[-1:] in ([], [""]), r.stderr.decode()[-300:]


@pytest.mark.parametrize(
    "args,needle",
    [
        (["list", "--cell", "foo/bar", "--db", "{tmp}/s.db"], b"work one of strategy"),
        (
            ["score", "examples/vercel-data-engineer.html", "--out", "{tmp}/o.jsonl", "--cell", "Engineering/data"],
            b"--cell",
        ),
        (["report", "{tmp}/missing.jsonl", "--out", "{tmp}/r.html"], b"missing.jsonl"),
        (["profile", "examples/profile.yaml", "--write", "/proc/rolefit-test/p.yaml"], b"/proc/rolefit-test"),
        (["score", "{tmp}/x.csv", "--engine", "dask", "--out", "{tmp}/o.jsonl"], b"reads Parquet"),
    ],
)
def test_bad_options_and_unwritable_outputs_are_one_line(tmp_path, args, needle):
    (tmp_path / "x.csv").write_text("title,description\nA,b\n")
    r = run(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    err = r.stderr.strip()
    assert r.returncode != 0 and needle in err and len(err.splitlines()) == 1 and b"Traceback" not in err, err
    assert b"unexpected error" not in err


@pytest.mark.parametrize(
    "args",
    [
        ["reparse"],
        ["list"],
        ["show", "1"],
        ["remove", "1"],
        ["add", "examples/vercel-data-engineer.html"],
        ["fetch", "http://127.0.0.1:9/job"],
        ["score", "--store", "--out", "{tmp}/o.jsonl"],
        ["gap", "--store", "--profile", "examples/profile.yaml"],
    ],
)
def test_every_store_command_refuses_a_file_that_is_not_a_store_in_one_line(tmp_path, args):
    not_db = tmp_path / "notes.db"
    not_db.write_bytes(b"not a database at all" * 100)
    r = run(*[a.replace("{tmp}", str(tmp_path)) for a in args], "--db", str(not_db))
    err = r.stderr.strip()
    assert r.returncode != 0 and b"not a rolefit store" in err and len(err.splitlines()) == 1, err


def test_profile_values_of_any_yaml_type_print(tmp_path):
    p = tmp_path / "p.yaml"
    p.write_text("name: [a, b]\nskills:\n  - {name: Python, level: 5, evidence: [course, job]}\n")
    r = run("profile", str(p))
    assert r.returncode == 0 and b"course; job" in r.stdout and not r.stderr, r.stderr


@pytest.mark.parametrize(
    "args,needle",
    [
        (["score", "examples/vercel-data-engineer.html", "--out", "{tmp}/o.jsonl", "--jobs", "-1"], b"--jobs -1"),
        (["add", "{tmp}/empty", "--db", "{tmp}/s.db"], b"no postings found"),
        (["classify", "{tmp}/empty"], b"no pages or text files found"),
    ],
)
def test_bad_counts_and_empty_folders_are_one_line(tmp_path, args, needle):
    (tmp_path / "empty").mkdir()
    r = run(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    err = r.stderr.strip()
    assert r.returncode == 2 and needle in err and len(err.splitlines()) == 1, err
