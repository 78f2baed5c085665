"""The command line: options, the one error boundary, exit codes, and where output goes.

Commands are thin: read options, call ``loading`` and ``query``, hand an ``Output`` to ``render``.
rich is imported only when a table is drawn (or Typer shows help or a usage error).
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import replace
from enum import IntEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from zzreport import __version__
from zzreport.errors import DataError, LookupFailure, NoMatchError, UsageError, ZzreportError
from zzreport.model import Dataset
from zzreport.query import Has, SortKey
from zzreport.render import MACHINE, Format, Options, Output, render
from zzreport.render import view as v
from zzreport.render.view import Lang


class Exit(IntEnum):
    """Exit codes, documented in the README and in ``--help``."""

    OK = 0
    NOT_FOUND = 1
    USAGE = 2
    BAD_DATA = 3
    OUTPUT = 4
    INTERRUPTED = 130


EXIT_HELP = (
    "Exit codes: 0 success; 1 nothing found, unknown or ambiguous indicator; 2 usage error; "
    "3 bad data file; 4 output cannot carry the text (encoding); 130 interrupted."
)

app = typer.Typer(
    name="zzreport",
    epilog=EXIT_HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputError(ZzreportError):
    """Standard output cannot carry what would be written."""


# ── shared options, declared once ─────────────────────────────────────────────


def _complete_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        ds = _dataset(ctx)
    except ZzreportError:
        return []
    return [i.id for i in ds.indicators if i.id.startswith(incomplete)]


def _complete_sections(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        ds = _dataset(ctx)
    except ZzreportError:
        return []
    return [s.id for s in ds.sections if s.id.startswith(incomplete)]


FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        envvar="ZZREPORT_FORMAT",
        help="Output format. Default: table on a terminal, csv when piped or redirected.",
        show_default=False,
    ),
]
LangOpt = Annotated[
    Lang, typer.Option("--lang", envvar="ZZREPORT_LANG", help="Language of names, units and headers.")
]
FieldsOpt = Annotated[
    str | None,
    typer.Option(
        "--fields", help="Comma-separated machine fields to print (csv/tsv/json). See: zzreport fields"
    ),
]
NoHeaderOpt = Annotated[bool, typer.Option("--no-header", help="Leave out the header row.")]
BomOpt = Annotated[
    bool,
    typer.Option("--bom", help="Excel mode for csv/tsv: UTF-8 BOM, CRLF, formula-like text made inert."),
]
QueriesArg = Annotated[
    list[str],
    typer.Argument(
        help="Id, Chinese or English name, or alias (gdp, 地区生产总值, PM2.5).",
        autocompletion=_complete_ids,
        show_default=False,
    ),
]


def _dataset(ctx: typer.Context) -> Dataset:
    from zzreport.loading import load

    root = ctx.find_root()
    path = root.params.get("data")
    return load(Path(path) if path else None)


def _is_tty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _color(tty: bool) -> bool:
    """NO_COLOR wins, then FORCE_COLOR, then TERM=dumb, then whether stdout is a terminal."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return tty


def _emit(
    output: Output,
    fmt: Format | None,
    lang: Lang,
    fields: str | None = None,
    no_header: bool = False,
    bom: bool = False,
) -> None:
    tty = _is_tty()
    chosen = fmt or (Format.TABLE if tty else Format.CSV)
    wanted = tuple(f.strip() for f in fields.split(",") if f.strip()) if fields else ()
    if wanted and chosen not in MACHINE:
        raise UsageError(f"--fields applies to csv, tsv, json and jsonl, not {chosen}")
    options = Options(
        lang=lang,
        header=not no_header,
        bom=bom,
        fields=wanted,
        width=max(20, shutil.get_terminal_size((120, 24)).columns),
        color=_color(tty),
    )
    text = render(chosen, output, options)
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = _reencode(chosen, output, options, encoding)
    _write(data)


def _reencode(fmt: Format, output: Output, options: Options, encoding: str) -> bytes:
    """The output for a console that cannot show every character: JSON escapes them, tables fall
    back to plain glyphs; what still cannot be shown is refused before anything is written."""
    retry = replace(options, ascii_json=True, safe_glyphs=True)
    text = render(fmt, output, retry)
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as e:
        char = e.object[e.start]
        raise OutputError(
            f"standard output is {encoding}, which cannot show {char!r} (U+{ord(char):04X}); "
            "set PYTHONIOENCODING=utf-8, or use --format json, which escapes it"
        ) from None


def _write(data: bytes) -> None:
    out = getattr(sys.stdout, "buffer", None)
    try:
        if out is None:
            sys.stdout.write(data.decode(getattr(sys.stdout, "encoding", None) or "utf-8"))
        else:
            out.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        # NOTE: the reader left (| head); it has all it wanted. Point stdout at /dev/null so the
        # interpreter's final flush cannot fail, and exit quietly with success.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(Exit.OK) from None


# ── commands ──────────────────────────────────────────────────────────────────


def _version(value: bool) -> None:
    if value:
        _write(f"zzreport {__version__}\n".encode())
        raise typer.Exit(Exit.OK)


@app.callback()
def root(
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            envvar="ZZREPORT_DATA",
            help="Read this report file instead of the bundled one.",
            dir_okay=True,
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Look up the figures of Changzhi's 2024 government work report (the 2023 review).

    Tables on a terminal; CSV when piped (choose with -f). Example: zzreport show GDP
    """


@app.command("list")
def list_(
    ctx: typer.Context,
    section: Annotated[
        str | None,
        typer.Option("--section", "-s", help="Section id or title.", autocompletion=_complete_sections),
    ] = None,
    has: Annotated[
        list[Has] | None,
        typer.Option("--has", help="Only records that carry this (repeatable)."),
    ] = None,
    grep: Annotated[str | None, typer.Option("--grep", "-g", help="Only names containing this text.")] = None,
    sort: Annotated[
        SortKey, typer.Option("--sort", help="Order; value sorts within each unit, units grouped.")
    ] = SortKey.REPORT,
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Reverse the order.")] = False,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="At most this many rows.")] = None,
    fmt: FormatOpt = None,
    lang: LangOpt = Lang.ZH,
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    bom: BomOpt = False,
) -> None:
    """Every indicator, one row each, filtered and sorted.

    Example: zzreport list --section environment --has change --sort change
    """
    from zzreport import query

    ds = _dataset(ctx)
    sid = query.find_section(ds, section).id if section else None
    inds = query.list_indicators(
        ds, section=sid, having=has or (), text=grep, sort=sort, reverse=reverse, limit=limit
    )
    if not inds:
        raise NoMatchError("no indicator passes these filters")
    out = Output(lambda: v.indicator_records(ds, inds), lambda lg: [v.list_table(ds, inds, lg)])
    _emit(out, fmt, lang, fields, no_header, bom)


@app.command()
def show(
    ctx: typer.Context,
    queries: QueriesArg,
    fmt: FormatOpt = None,
    lang: LangOpt = Lang.ZH,
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    bom: BomOpt = False,
) -> None:
    """One or more indicators in full: value, change, rank, benchmarks, where the report says it.

    Example: zzreport show GDP PM2.5
    """
    from zzreport import query

    ds = _dataset(ctx)
    inds = query.resolve_all(ds, queries)
    out = Output(lambda: v.indicator_records(ds, inds), lambda lg: v.show_tables(ds, inds, lg))
    _emit(out, fmt, lang, fields, no_header, bom)


@app.command()
def compare(
    ctx: typer.Context,
    queries: QueriesArg,
    fmt: FormatOpt = None,
    lang: LangOpt = Lang.ZH,
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    bom: BomOpt = False,
) -> None:
    """Indicators side by side; those sharing the first one's unit are related to it.

    Example: zzreport compare GDP 一般公共预算收入 PM2.5
    """
    from zzreport import query

    if len(queries) < 2:
        raise typer.BadParameter("give at least two indicators to compare", param_hint="QUERIES")
    ds = _dataset(ctx)
    rows = query.compare(ds, queries)
    out = Output(lambda: v.compare_records(ds, rows), lambda lg: [v.compare_table(ds, rows, lg)])
    _emit(out, fmt, lang, fields, no_header, bom)


@app.command()
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Chinese, English, alias or pinyin (meitan, mt).")],
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="At most this many rows.")] = None,
    fmt: FormatOpt = None,
    lang: LangOpt = Lang.ZH,
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    bom: BomOpt = False,
) -> None:
    """Find indicators by name, alias, pinyin, section or note; best matches first.

    Example: zzreport search 煤
    """
    from zzreport import query

    ds = _dataset(ctx)
    hits = query.search(ds, text, limit=limit)
    out = Output(lambda: v.search_records(ds, hits), lambda lg: [v.search_table(ds, hits, lg)])
    _emit(out, fmt, lang, fields, no_header, bom)


@app.command()
def sections(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    lang: LangOpt = Lang.ZH,
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    bom: BomOpt = False,
) -> None:
    """The report's sections with how many figures and honours each holds.

    Example: zzreport sections
    """
    from zzreport import query

    ds = _dataset(ctx)
    counts = query.section_counts(ds)
    out = Output(lambda: v.section_records(ds, counts), lambda lg: [v.section_table(counts, lg)])
    _emit(out, fmt, lang, fields, no_header, bom)


@app.command()
def info(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    lang: LangOpt = Lang.ZH,
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
    bom: BomOpt = False,
) -> None:
    """The report's metadata: region, year, title, delivery date, source.

    Example: zzreport info
    """
    ds = _dataset(ctx)
    out = Output(lambda: v.info_records(ds), lambda lg: [v.records_table(v.info_records(ds))])
    _emit(out, fmt, lang, fields, no_header, bom)


@app.command()
def fields(
    fmt: FormatOpt = None,
    no_header: NoHeaderOpt = False,
) -> None:
    """The machine fields (csv/tsv/json columns), for --fields.

    Example: zzreport fields
    """
    out = Output(v.field_records, lambda lg: [v.records_table(v.field_records())])
    _emit(out, fmt, Lang.ZH, None, no_header)


# ── the error boundary ────────────────────────────────────────────────────────


def _say(message: str) -> None:
    """One line on stderr, whatever stderr's encoding can carry."""
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    line = f"zzreport: {message}\n".encode(encoding, "backslashreplace").decode(encoding)
    try:
        sys.stderr.write(line)
        sys.stderr.flush()
    except (BrokenPipeError, OSError):
        pass


def _fail(message: str, code: Exit) -> NoReturn:
    _say(message)
    sys.exit(code)


def main() -> None:
    """Entry point of the ``zzreport`` command."""
    try:
        app()
    except DataError as e:
        for line in e.lines():
            _say(line)
        sys.exit(Exit.BAD_DATA)
    except LookupFailure as e:
        _fail(str(e), Exit.NOT_FOUND)
    except UsageError as e:
        _fail(str(e), Exit.USAGE)
    except OutputError as e:
        _fail(str(e), Exit.OUTPUT)
    except ZzreportError as e:
        _fail(str(e), Exit.NOT_FOUND)
    except KeyboardInterrupt:
        _fail("interrupted", Exit.INTERRUPTED)
