"""The ``rolefit`` command: parses arguments, calls the library, renders results.

Exit codes: 0 ok, 1 error, 2 not a posting / bad input. Expected failures are
one line on stderr; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from rolefit.errors import RolefitError

app = typer.Typer(
    name="rolefit",
    help="Read a job posting, ignore its title, say what the job really is.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from rolefit import __version__

        print(f"rolefit {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Read a job posting, ignore its title, say what the job really is."""


Pages = Annotated[
    list[str], typer.Argument(help="Saved pages, text/Markdown/PDF/DOCX files, URLs, globs, folders, or - for stdin.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks.")]
ExpiredOpt = Annotated[
    bool, typer.Option("--allow-expired", help="Parse an expired posting whose text is still there.")
]
DbOpt = Annotated[Path | None, typer.Option("--db", help="Store file (default: ROLEFIT_DB or the user data folder).")]


def _fail(err: BaseException, debug: bool, source: str | None = None) -> int:
    """Report one failure as a single line; return its exit code."""
    if debug:
        import traceback

        traceback.print_exception(err)
    if isinstance(err, RolefitError):
        msg = err.message
        if source and not msg.startswith(source):
            msg = f"{source}: {msg}"
        print(f"rolefit: {msg}", file=sys.stderr)
        return err.exit_code
    if isinstance(err, OSError) and err.filename and err.strerror:
        # an output folder that does not exist, a read-only place, a full disk: the system's words
        print(f"rolefit: {err.filename}: {err.strerror.lower()}", file=sys.stderr)
        return 1
    print(f"rolefit: {source + ': ' if source else ''}unexpected error: {type(err).__name__}: {err}", file=sys.stderr)
    return 1


class _guard:
    """Turn any failure inside a command into one line on stderr and its exit code."""

    def __init__(self, debug: bool):
        self.debug = debug

    def __enter__(self):
        return self

    def __exit__(self, etype, err, tb):
        if err is None or isinstance(err, (SystemExit, KeyboardInterrupt, typer.Exit)):
            return False
        raise typer.Exit(_fail(err, self.debug)) from None


def _write_text(path: Path, text: str) -> None:
    """Write an output the user named, making its folder as `score --out` does."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _emit_json(records: list[dict], many: bool) -> None:
    """One input: an indented object. Several: one object per line (JSON Lines)."""
    if not many:
        print(json.dumps(records[0], ensure_ascii=False, indent=2))
    else:
        for r in records:
            print(json.dumps(r, ensure_ascii=False))


def _for_each(paths: list[str], record_of, show, as_json: bool, debug: bool) -> None:
    """Build a record per input; print it for a person or collect it as JSON; exit with the worst code."""
    records: list[dict] = []

    def work(path: str) -> None:
        record = record_of(path)
        if as_json:
            records.append(record)
        else:
            show(record)

    code = _run_many(paths, work, debug)
    if as_json and records:
        _emit_json(records, _many(paths))
    raise typer.Exit(code)


def _many(paths: list[str]) -> bool:
    from rolefit.ingest import expand_inputs

    return len(expand_inputs(paths)) > 1


def _run_many(paths: list[str], work, debug: bool) -> int:
    """Apply ``work`` to each input; one bad input never stops the others."""
    from rolefit.ingest import expand_inputs

    code = 0
    expanded = expand_inputs(paths)
    if not expanded:
        print(f"rolefit: {', '.join(paths)}: no pages or text files found", file=sys.stderr)
        return 2
    for path in expanded:
        try:
            work(path)
        except KeyboardInterrupt:
            raise
        except BaseException as e:  # noqa: BLE001 - reported as one line, batch goes on
            if isinstance(e, SystemExit):
                raise
            code = max(code, _fail(e, debug, None if isinstance(e, RolefitError) and str(e).startswith(path) else path))
    return code


@app.command()
def parse(pages: Pages, as_json: JsonOpt = False, allow_expired: ExpiredOpt = False, debug: DebugOpt = False) -> None:
    """Parse saved job pages into clean fields and sections."""
    from rolefit.pipeline import load_posting, posting_record

    def show(record: dict) -> None:
        from rolefit.render import show_posting
        from rolefit.types import Posting

        show_posting(Posting.from_dict(record["posting"]))

    _for_each(pages, lambda path: posting_record(load_posting(path, allow_expired=allow_expired)), show, as_json, debug)


@app.command()
def classify(
    pages: Pages,
    as_json: JsonOpt = False,
    allow_expired: ExpiredOpt = False,
    debug: DebugOpt = False,
    no_skills: Annotated[bool, typer.Option("--no-skills", help="Skip skill extraction (faster).")] = False,
) -> None:
    """Say what each posting really is: in scope, type of work x output, evidence, skills."""
    from rolefit.pipeline import classification_record, classify_posting, extract_skills, load_posting

    def record_of(path: str) -> dict:
        posting = load_posting(path, allow_expired=allow_expired)
        skills = [] if no_skills else extract_skills(posting)
        return classification_record(posting, classify_posting(posting), skills)

    def show(record: dict) -> None:
        from rolefit.render import show_classification

        show_classification(record)

    _for_each(pages, record_of, show, as_json, debug)


@app.command()
def skills(
    files: Pages,
    as_json: JsonOpt = False,
    taxonomy_extra: Annotated[
        Path | None,
        typer.Option("--taxonomy-extra", help="Your own skills file (YAML or JSONL) added to the taxonomy."),
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """List the skills in a posting (a page is parsed first; a text file is read as is)."""
    from rolefit.pipeline import skills_record

    def record_of(path: str) -> dict:
        from rolefit.pipeline import input_skills

        return skills_record(*input_skills(path, str(taxonomy_extra) if taxonomy_extra else None))

    def show(record: dict) -> None:
        from rolefit.render import show_skills

        show_skills(record)

    _for_each(files, record_of, show, as_json, debug)


@app.command()
def gap(
    profile: Annotated[
        Path, typer.Option("--profile", "-p", help="Your profile (YAML) or resume (.md, .txt, .pdf, .docx).")
    ],
    postings: Annotated[
        list[str] | None,
        typer.Argument(
            help="Saved pages, text/Markdown/PDF/DOCX files, URLs, globs, folders, or - (or none, with --store)."
        ),
    ] = None,
    from_store: Annotated[bool, typer.Option("--store", help="Also compare every posting saved in the store.")] = False,
    cell: Annotated[
        list[str] | None,
        typer.Option("--cell", help="The 80/20 view counts this grid cell only, e.g. engineering/data (repeatable)."),
    ] = None,
    any_role: Annotated[
        bool, typer.Option("--any-role", help="The 80/20 view counts every posting, not only data/ML ones.")
    ] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    html: Annotated[Path | None, typer.Option("--html", help="Also write a self-contained HTML report here.")] = None,
    resources: Annotated[
        Path | None,
        typer.Option("--resources", help="Your own YAML of where to learn skills (skill: [{title, url}]), read first."),
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """What each posting asks that you have, lack, or can transfer; for many, the 80/20 view."""
    codes: list[int] = []

    def on_error(path: str, err: BaseException) -> None:
        codes.append(_fail(err, debug, path))

    with _guard(debug):
        from rolefit.gap import gap_for_paths

        if not postings and not from_store:
            from rolefit.errors import BadInput

            raise BadInput("give postings to compare, or --store for the saved ones", "usage")
        for c in cell or []:
            _check_cell(c)
        record = gap_for_paths(
            postings or [],
            str(profile),
            on_error=on_error,
            store=_store(db) if from_store else None,
            cells=cell,
            any_role=any_role,
            resources=str(resources) if resources else None,
        )
        if not record["postings"]:
            if codes:  # each input that failed has said why
                raise typer.Exit(max(codes))
            from rolefit.errors import BadInput

            raise BadInput(
                "the store is empty: save postings with `rolefit add`" if from_store else "no postings found",
                "empty",
            )
    if html:
        from rolefit.gap.render import gap_html

        with _guard(debug):
            _write_text(html, gap_html(record))
    with _guard(debug):
        if as_json:
            print(json.dumps(record, ensure_ascii=False, indent=2))
        else:
            from rolefit.gap.render import show_gap

            show_gap(record)
            if html:
                print(f"wrote {html}")
    raise typer.Exit(max(codes or [0]))


@app.command("profile")
def profile_cmd(
    resume: Annotated[Path, typer.Argument(help="A resume (.md, .txt, .pdf, .docx) or a YAML profile.")],
    write: Annotated[Path | None, typer.Option("--write", help="Write the profile as YAML for editing.")] = None,
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Show the skills understood from a resume (and the line that shows each); optionally write YAML."""
    with _guard(debug):
        from rolefit.profile import load_profile, profile_to_yaml

        prof = load_profile(resume)
    if write:
        with _guard(debug):
            _write_text(write, profile_to_yaml(prof))
    with _guard(debug):
        if as_json:
            from dataclasses import asdict

            print(json.dumps(asdict(prof), ensure_ascii=False, indent=2))
        else:
            from rich.console import Console
            from rich.markup import escape

            con = Console()
            con.print(f"[bold]{len(prof.skills)} skills[/bold] in {escape(prof.source)}")
            for s in prof.skills:
                years = f" ({s.years:g} years)" if s.years is not None else ""
                con.print(f"  {escape(s.name)}{years}  [dim]{escape((s.evidence or '')[:90])}[/dim]")
            if write:
                con.print(f"wrote {escape(str(write))}")


@app.command()
def score(
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file: .jsonl, .csv or .parquet.")],
    inputs: Annotated[list[str] | None, typer.Argument(help="Pages, folders, CSV or Parquet exports.")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="Processes (default: all cores).")] = None,
    cell: Annotated[str | None, typer.Option(help="Keep one grid cell, e.g. engineering/ml_product.")] = None,
    profile: Annotated[
        Path | None, typer.Option("--profile", "-p", help="Rank by fit to this profile or resume.")
    ] = None,
    no_skills: Annotated[bool, typer.Option("--no-skills", help="Skip skill extraction (faster).")] = False,
    from_store: Annotated[bool, typer.Option("--store", help="Also score every posting saved in the store.")] = False,
    engine: Annotated[
        str, typer.Option(help="local (processes on this machine) or dask (a Parquet dataset on a Dask cluster).")
    ] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster).")
    ] = None,
    db: DbOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Classify many postings on all cores; resumable (re-run to continue an interrupted run).

    INPUTS may be empty with --store."""
    try:
        from rolefit.errors import BadInput
        from rolefit.score import finish
        from rolefit.score.engine import run
        from rolefit.score.inputs import iter_items
        from rolefit.score.writers import out_format

        out_format(out)
        if jobs is not None and jobs < 0:
            raise BadInput(f"--jobs {jobs}: give 1 or more processes (or 0 for all cores)", "bad_input")
        if cell:
            _check_cell(cell)
        if engine == "dask":
            from rolefit.score.dask_engine import run_dask
            from rolefit.score.engine import journal_path

            if len(inputs or []) != 1:
                raise BadInput("--engine dask takes one Parquet file or folder of Parquet files", "bad_input")
            scored, skipped = run_dask(
                inputs[0], journal_path(out), scheduler=scheduler, jobs=jobs, with_skills=not no_skills
            )
            n = finish(out, cell=cell, profile=str(profile) if profile else None)
            print(
                f"scored {scored} postings with dask, {skipped} already done; wrote {n} rows to {out}",
                file=sys.stderr,
            )
            return
        if engine != "local":
            raise BadInput(f"--engine {engine}: use local or dask", "bad_input")
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        from rolefit.score.engine import journal_path
        from rolefit.score.inputs import count_items

        # a bar with a count and the time left when the inputs say how many postings they hold
        # (pages, folders, Parquet, the store); a running count when a CSV must be read to know
        mine = (out, journal_path(out))  # written into a folder it scores, the output is no input
        total = count_items(inputs or [], skip=mine)
        if total is not None and from_store:
            total += _store(db).count()
        columns = (
            [SpinnerColumn(), TextColumn("{task.completed} postings scored"), TimeElapsedColumn()]
            if total is None
            else [BarColumn(), MofNCompleteColumn(), TextColumn("postings"), TimeElapsedColumn(), TimeRemainingColumn()]
        )
        with Progress(*columns, transient=True, disable=not sys.stderr.isatty()) as bar:
            task = bar.add_task("score", total=total)
            items = iter_items(inputs or [], skip=mine)
            if from_store:
                from itertools import chain

                from rolefit.score.inputs import store_items

                items = chain(store_items(_store(db)), items)
            stats = run(
                items,
                out,
                jobs=jobs,
                with_skills=not no_skills,
                progress=lambda n: bar.advance(task, n),
                on_resume=lambda k: bar.update(task, completed=min(k, total) if total is not None else 0),
            )
        n_rows = finish(out, cell=cell, profile=str(profile) if profile else None)
        if from_store:
            from rolefit.score.engine import journal_path
            from rolefit.score.writers import iter_rows

            _store(db).save_scores(iter_rows(journal_path(out)))
    except BaseException as e:  # noqa: BLE001
        if isinstance(e, SystemExit):
            raise
        if isinstance(e, KeyboardInterrupt):
            print("rolefit: interrupted; re-run the same command to continue where it stopped", file=sys.stderr)
            raise typer.Exit(130) from None
        raise typer.Exit(_fail(e, debug)) from None
    if stats.scored + stats.errors + stats.skipped == 0:
        where = (
            "the store is empty (`rolefit add` saves postings)" if from_store and not inputs else "no postings found"
        )
        print(f"rolefit: {where}; nothing to score", file=sys.stderr)
        raise typer.Exit(2)
    print(
        f"scored {stats.scored} postings ({stats.errors} failed), {stats.skipped} already done; "
        f"wrote {n_rows} rows to {out}",
        file=sys.stderr,
    )


def _check_cell(cell: str, also: str = "") -> None:
    """A --cell value names a grid cell as work/output."""
    from rolefit.types import OUTPUT_LABELS, WORK_LABELS

    work, _, output = cell.partition("/")
    if work not in WORK_LABELS or output not in OUTPUT_LABELS:
        from rolefit.errors import BadInput

        raise BadInput(
            f"--cell {cell}: use work/output, work one of {', '.join(WORK_LABELS)}, output one of "
            f"{', '.join(OUTPUT_LABELS)}, e.g. engineering/ml_product{' ' + also if also else ''}",
            "bad_input",
        )


def _store(db: Path | None):
    from rolefit.store import Store

    return Store(db)


@app.command()
def _saved(res, as_json: bool) -> None:
    """One line per saved input: for a person, or as JSON."""
    title = res.title
    if as_json:
        print(
            json.dumps(
                {
                    "source": res.source,
                    "id": res.id,
                    "duplicate_of": res.duplicate_of,
                    "reason": res.reason,
                    "title": title,
                },
                ensure_ascii=False,
            )
        )
    elif res.duplicate_of:
        print(f"{res.source}: duplicate of {res.duplicate_of} ({res.reason}); linked as {res.id}")
    else:
        print(f"{res.source}: saved as {res.id}" + (f" ({title})" if title else ""))


@app.command()
def add(inputs: Pages, db: DbOpt = None, as_json: JsonOpt = False, debug: DebugOpt = False) -> None:
    """Save pages, folders, text files or CSV/Parquet exports into the store (duplicates are linked)."""
    codes: list[int] = []
    with _guard(debug):
        from rolefit.store.add import add_inputs

        store = _store(db)
        n = dups = 0
        for res in add_inputs(store, inputs, lambda src, e: codes.append(_fail(e, debug, src))):
            dups += bool(res.duplicate_of)
            n += not res.duplicate_of
            _saved(res, as_json)
        if not (n or dups or codes):
            from rolefit.errors import BadInput

            raise BadInput(f"no postings found in {', '.join(inputs)}; nothing added", "empty")
    print(f"added {n} postings, linked {dups} duplicates, {len(codes)} failed; store: {store.path}", file=sys.stderr)
    raise typer.Exit(max(codes or [0]))


@app.command()
def fetch(
    urls: Annotated[list[str], typer.Argument(help="Job posting URLs.")],
    db: DbOpt = None,
    delay: Annotated[float, typer.Option(help="Seconds between requests to one site.")] = 2.0,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not use or fill the response cache.")] = False,
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Fetch live postings politely (robots.txt, delays, back-off, cache) and save them in the store."""
    from rolefit.cache import http_cache_dir
    from rolefit.ingest.fetch import Fetcher, fetch_posting

    with _guard(debug):
        fetcher = Fetcher(delay=delay, cache_dir=None if no_cache else http_cache_dir())
        store = _store(db)
    codes: list[int] = []
    for url in urls:
        try:
            page, posting = fetch_posting(fetcher, url)
            res = store.add_page(posting, page)
            res.source = url
            _saved(res, as_json)
        except KeyboardInterrupt:
            raise
        except BaseException as e:  # noqa: BLE001 - one URL never stops the others
            if isinstance(e, SystemExit):
                raise
            codes.append(_fail(e, debug, url if not str(e).startswith(url) else None))
    raise typer.Exit(max(codes or [0]))


@app.command("list")
def list_cmd(
    db: DbOpt = None,
    title: Annotated[str | None, typer.Option(help="Only titles containing this.")] = None,
    company: Annotated[str | None, typer.Option(help="Only companies containing this.")] = None,
    duplicates: Annotated[bool, typer.Option("--duplicates", help="Show linked duplicates too.")] = False,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    cell: Annotated[
        str | None,
        typer.Option(
            help="Only postings `rolefit score --store` placed in this cell (work/output), or 'none' for not data/ML."
        ),
    ] = None,
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """List saved postings (with the cell each was scored in, once `rolefit score --store` has run)."""
    with _guard(debug):
        if cell and cell != "none":
            _check_cell(cell, "or none")
        rows = _store(db).list(title=title, company=company, include_duplicates=duplicates, limit=limit, cell=cell)
    if as_json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    t = Table()
    for c in ("id", "title", "company", "location"):
        t.add_column(c)
    t.add_column("cell", no_wrap=True, min_width=11)
    t.add_column("added", no_wrap=True)
    for r in rows:
        t.add_row(
            str(r["id"]) + (f" (dup of {r['duplicate_of']})" if r["duplicate_of"] else ""),
            escape(r["title"] or ""),
            escape(r["company"] or ""),
            escape(r["location"] or ""),
            r["cell"] or ("not data/ML" if r["in_scope"] is False else ""),
            r["added_at"][:10],
        )
    Console().print(t)
    if rows and all(r["in_scope"] is None for r in rows):
        print("(no cells yet: `rolefit score --store --out scored.jsonl` classifies the saved postings)")


@app.command()
def show(
    pid: Annotated[int, typer.Argument(help="Posting id (see rolefit list).")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Show one saved posting."""
    with _guard(debug):
        rec = _store(db).get(pid)
    rec.pop("raw", None)
    if as_json:
        print(json.dumps(rec, ensure_ascii=False, indent=2))
    elif rec["parsed"]:
        from rolefit.render import show_posting
        from rolefit.types import Posting

        show_posting(Posting.from_dict(rec["parsed"]))
        c = rec.get("classification")
        if c:
            print(f"scored: {c.get('cell') or 'not a data/ML role'} ({c.get('model')})")
    else:
        print(f"{pid}: duplicate of {rec['duplicate_of']} ({rec['source']})")


@app.command()
def remove(
    pid: Annotated[int, typer.Argument(help="Posting id.")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Remove a saved posting (and the duplicates linked to it)."""
    with _guard(debug):
        dups = _store(db).remove(pid)
    if as_json:
        print(json.dumps({"removed": pid, "duplicates": dups}))
    else:
        also = f" and its {len(dups)} linked duplicate{'s' * (len(dups) != 1)} ({', '.join(map(str, dups))})"
        print(f"removed {pid}" + (also if dups else ""))


@app.command()
def reparse(db: DbOpt = None, as_json: JsonOpt = False, debug: DebugOpt = False) -> None:
    """Parse every saved raw page again with the current parser."""
    with _guard(debug):
        updated, unchanged, errors = _store(db).reparse()
    for pid, msg in errors:
        print(f"rolefit: {pid}: {msg}", file=sys.stderr)
    if as_json:
        print(json.dumps({"updated": updated, "unchanged": unchanged, "failed": [pid for pid, _ in errors]}))
    else:
        print(f"re-parsed: {updated} updated, {unchanged} unchanged, {len(errors)} failed")


@app.command()
def report(
    scored: Annotated[
        list[Path], typer.Argument(help="Scored postings: the .jsonl, .csv or .parquet written by rolefit score.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML page to write.")] = Path("report.html"),
    figures: Annotated[
        Path | None, typer.Option(help="Also write the figures as PNG and SVG into this folder.")
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """A market report: the grid, postings on the two axes, top skills per cell, titles vs cells, a sortable table."""
    with _guard(debug):
        from rolefit.errors import BadInput
        from rolefit.report.market import render_report
        from rolefit.score.writers import FORMATS, read_scored

        rows = []
        for path in scored:
            if not path.is_file() or path.suffix.lower() not in FORMATS:
                raise BadInput(
                    f"{path}: give the file written by `rolefit score --out FILE` (.jsonl, .csv or .parquet)"
                )
            try:
                rows.extend(read_scored(path))
            except (ValueError, KeyError, UnicodeDecodeError, OSError) as e:
                raise BadInput(f"{path}: not a file of scored postings: {e}") from None
        if not rows:
            raise BadInput(f"{', '.join(map(str, scored))}: no scored postings to report on", "empty")
        summary = render_report(rows, out, figures)
    print(f"wrote {out}: {summary['n']} postings, {summary['n_in_scope']} data/ML")


taxonomy_app = typer.Typer(help="Build or inspect the skills taxonomy.", no_args_is_help=True)
app.add_typer(taxonomy_app, name="taxonomy")


@taxonomy_app.command("build")
def taxonomy_build(
    shared: Annotated[Path, typer.Option(help="Folder holding data/taxonomy/ with the open sources.")] = Path(
        "../shared"
    ),
    debug: DebugOpt = False,
) -> None:
    """Rebuild data/taxonomy/skills.jsonl from ESCO, O*NET, Stack Overflow and curation.yaml."""
    with _guard(debug):
        from rolefit.skills.build import build

        if not (shared / "data" / "taxonomy").exists():
            from rolefit.errors import RolefitError

            raise RolefitError(f"{shared}/data/taxonomy not found: pass --shared PATH", "missing")
        counts = build(shared)
    print("built taxonomy: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


@taxonomy_app.command("centrality")
def taxonomy_centrality(debug: DebugOpt = False) -> None:
    """Rebuild data/taxonomy/cell_centrality.json (skill shares per grid cell) from data/labels."""
    from rolefit.gap.centrality import build_centrality

    print("postings per cell:", build_centrality())


@taxonomy_app.command("show")
def taxonomy_show(name: str, as_json: JsonOpt = False) -> None:
    """Look a skill up by any of its names (k8s, sklearn, GCP...)."""
    from rolefit.skills.taxonomy import load_taxonomy

    sk = load_taxonomy().lookup(name)
    if sk is None:
        print(f"rolefit: no skill named {name!r} in the taxonomy", file=sys.stderr)
        raise typer.Exit(1)
    if as_json:
        print(json.dumps(sk.__dict__, ensure_ascii=False, indent=2))
    else:
        print(
            f"{sk.name} [{sk.category}] id={sk.id}\n  aliases: {', '.join(sk.aliases) or '—'}\n  related: {', '.join(sk.related) or '—'}\n  sources: {', '.join(sk.sources)}"
        )


@app.command()
def train(
    config: Annotated[Path | None, typer.Option(help="Training config (YAML).")] = None,
    out: Annotated[Path | None, typer.Option(help="Folder to write the model to.")] = None,
    data: Annotated[
        Path | None, typer.Option(help="Folder with labels.csv and texts.parquet (default data/labels).")
    ] = None,
    folds: Annotated[int | None, typer.Option(help="Cross-validation folds (overrides config).")] = None,
    limit: Annotated[
        int | None, typer.Option(help="Train on a random sample of this many postings (smoke tests).")
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """Rebuild the shipped classifier from data/ and a config; write skops + meta.json + MODEL_CARD.md."""
    with _guard(debug):
        from rolefit.classify.train import train_from_config

        report = train_from_config(config=config, out_dir=out, data_dir=data, folds=folds, limit=limit)
    print(report)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        print("rolefit: interrupted", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":
    main()
