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

Pages = Annotated[list[str], typer.Argument(help="Saved pages, text/Markdown files, globs, folders, or - for stdin.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks.")]
ExpiredOpt = Annotated[bool, typer.Option("--allow-expired", help="Parse an expired posting whose text is still there.")]


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
    print(f"rolefit: {source + ': ' if source else ''}unexpected error: {type(err).__name__}: {err}", file=sys.stderr)
    return 1


def _emit_json(records: list[dict], many: bool) -> None:
    """One input: an indented object. Several: one object per line (JSON Lines)."""
    if not many:
        print(json.dumps(records[0], ensure_ascii=False, indent=2))
    else:
        for r in records:
            print(json.dumps(r, ensure_ascii=False))


def _many(paths: list[str]) -> bool:
    from rolefit.ingest import expand_inputs

    return len(expand_inputs(paths)) > 1


def _run_many(paths: list[str], work, debug: bool) -> int:
    """Apply ``work`` to each input; one bad input never stops the others."""
    from rolefit.ingest import expand_inputs

    code = 0
    expanded = expand_inputs(paths)
    if not expanded:
        print("rolefit: no inputs", file=sys.stderr)
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

    records: list[dict] = []

    def work(path: str) -> None:
        posting = load_posting(path, allow_expired=allow_expired)
        if as_json:
            records.append(posting_record(posting))
        else:
            from rolefit.render import show_posting

            show_posting(posting)

    code = _run_many(pages, work, debug)
    if as_json and records:
        _emit_json(records, _many(pages))
    raise typer.Exit(code)


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

    records: list[dict] = []

    def work(path: str) -> None:
        posting = load_posting(path, allow_expired=allow_expired)
        result = classify_posting(posting)
        skills = [] if no_skills else extract_skills(posting)
        record = classification_record(posting, result, skills)
        if as_json:
            records.append(record)
        else:
            from rolefit.render import show_classification

            show_classification(record)

    code = _run_many(pages, work, debug)
    if as_json and records:
        _emit_json(records, _many(pages))
    raise typer.Exit(code)


@app.command()
def train(
    config: Annotated[Path | None, typer.Option(help="Training config (YAML).")] = None,
    out: Annotated[Path | None, typer.Option(help="Folder to write the model to.")] = None,
    data: Annotated[Path | None, typer.Option(help="Folder with labels.csv and texts.parquet (default data/labels).")] = None,
    folds: Annotated[int | None, typer.Option(help="Cross-validation folds (overrides config).")] = None,
    limit: Annotated[int | None, typer.Option(help="Train on a random sample of this many postings (smoke tests).")] = None,
    debug: DebugOpt = False,
) -> None:
    """Rebuild the shipped classifier from data/ and a config; write skops + meta.json + MODEL_CARD.md."""
    try:
        from rolefit.classify.train import train_from_config

        report = train_from_config(config=config, out_dir=out, data_dir=data, folds=folds, limit=limit)
    except BaseException as e:  # noqa: BLE001
        if isinstance(e, (KeyboardInterrupt, SystemExit)):
            raise
        raise typer.Exit(_fail(e, debug)) from None
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
