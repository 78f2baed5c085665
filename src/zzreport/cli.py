"""The Typer app: commands, shared options, completion.

Commands are thin: they read their options and return what ``commands`` makes of them; ``emits``
adds the output options, declared once, and writes the ``Output``. Errors propagate to the boundary
in ``entry``. rich is imported only when a table is drawn (or
Typer shows help or a usage error).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, get_type_hints

import typer

from zzreport import __version__, commands, grammar, match
from zzreport.errors import ZzreportError
from zzreport.exits import HELP as EXIT_HELP
from zzreport.exits import Exit
from zzreport.model import Dataset
from zzreport.output import emit, say, write, write_json, write_text
from zzreport.query import Has, SortKey
from zzreport.render import Format, Lang, Output

app = typer.Typer(
    name="zzreport",
    epilog=EXIT_HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# ── shared options, declared once ─────────────────────────────────────────────


def _complete_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        datasets = _datasets(ctx)
    except ZzreportError:
        return []
    return sorted({i.id for ds in datasets for i in ds.indicators if i.id.startswith(incomplete)})


def _complete_sections(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        datasets = _datasets(ctx)
    except ZzreportError:
        return []
    return sorted({s.id for ds in datasets for s in ds.sections if s.id.startswith(incomplete)})


def _option(option: grammar.Option, **extra: Any) -> Any:
    """The Typer option declared by ``option`` in ``grammar`` (names, help, environment variable)."""
    return typer.Option(*option.flags, help=option.help, envvar=option.envvar, **extra)


def _queries(values: Any) -> Any:
    """Refuse, before anything is read, a query that holds nothing to look up (``''``, spaces,
    punctuation) or that is not UTF-8 text: it would name no record, or every one."""
    for value in [values] if isinstance(values, str) else values or ():
        if not match.query_key(value):
            if match.undecodable(value):
                raise typer.BadParameter("holds bytes that are not UTF-8 text")
            raise typer.BadParameter(f"{value!r} has no letter or digit to look up")
    return values


def _query_words(values: Any) -> Any:
    """``search``'s words are one query: refused as a whole when it holds nothing to look up."""
    _queries(" ".join(values or ()))
    return values


FormatOpt = Annotated[Format | None, _option(grammar.FORMAT, show_default=False)]
LangOpt = Annotated[Lang, _option(grammar.LANG)]
FieldsOpt = Annotated[str | None, _option(grammar.FIELDS)]
NoHeaderOpt = Annotated[bool, _option(grammar.NO_HEADER)]
BomOpt = Annotated[bool, _option(grammar.BOM)]
QueriesArg = Annotated[
    list[str],
    typer.Argument(
        help="Id, Chinese or English name, or alias (gdp, 地区生产总值, PM2.5).",
        autocompletion=_complete_ids,
        callback=_queries,
        show_default=False,
    ),
]


LimitOpt = Annotated[int | None, _option(grammar.LIMIT, min=1)]
WideOpt = Annotated[bool, _option(grammar.WIDE)]
NoPagerOpt = Annotated[bool, _option(grammar.NO_PAGER)]

_OUTPUT = {
    "fmt": (FormatOpt, None, grammar.FORMAT),
    "lang": (LangOpt, Lang.ZH, grammar.LANG),
    "fields": (FieldsOpt, None, grammar.FIELDS),
    "no_header": (NoHeaderOpt, False, grammar.NO_HEADER),
    "bom": (BomOpt, False, grammar.BOM),
    "wide": (WideOpt, False, grammar.WIDE),
    "no_pager": (NoPagerOpt, False, grammar.NO_PAGER),
}
"""The output options (``grammar.OUTPUT``) as parameters: name, type with its option, default."""


def emits(*, lang: bool = True) -> Callable[[Callable[..., Output]], Callable[..., None]]:
    """Turn a function returning an ``Output`` into a command that also takes the output options and
    writes the output with them (``lang`` False: a command whose output has no language)."""
    wanted = grammar.OUTPUT if lang else grammar.PLAIN_OUTPUT
    names = [n for n in _OUTPUT if _OUTPUT[n][2] in wanted]

    def decorate(fn: Callable[..., Output]) -> Callable[..., None]:
        hints = get_type_hints(fn, include_extras=True)
        own = [p.replace(annotation=hints[p.name]) for p in inspect.signature(fn).parameters.values()]
        extra = [
            inspect.Parameter(
                n, inspect.Parameter.KEYWORD_ONLY, default=_OUTPUT[n][1], annotation=_OUTPUT[n][0]
            )
            for n in names
        ]

        @functools.wraps(fn)
        def command(**kwargs: Any) -> None:
            chosen = {n: kwargs.pop(n) for n in names}
            output = fn(**kwargs)
            emit(
                output,
                chosen["fmt"],
                chosen.get("lang", Lang.ZH),
                fields=chosen.get("fields"),
                no_header=chosen["no_header"],
                bom=chosen.get("bom", False),
                wide=chosen.get("wide", False),
                pager=not chosen.get("no_pager", False),
            )
            if output.summary:
                say(output.summary)
            if output.status:
                raise typer.Exit(output.status)

        command.__signature__ = inspect.Signature([*own, *extra], return_annotation=None)  # type: ignore[attr-defined]
        command.__annotations__ = {**{p.name: p.annotation for p in own}, **{n: _OUTPUT[n][0] for n in names}}
        return command

    return decorate


def _datasets(ctx: typer.Context) -> tuple[Dataset, ...]:
    from zzreport.loading import load_all
    from zzreport.query import select_reports

    params = ctx.find_root().params
    paths = [Path(p) for p in params.get("data") or ()]
    from zzreport.progress import first_read

    datasets = load_all(paths, with_bundled=bool(params.get("with_bundled")), first_read=first_read)
    return select_reports(datasets, params.get("report") or ())


# ── commands ──────────────────────────────────────────────────────────────────


def _version(value: bool) -> None:
    if value:
        write(f"zzreport {__version__}\n".encode())
        raise typer.Exit(Exit.OK)


@app.callback()
def root(
    data: Annotated[
        list[Path] | None,
        _option(
            grammar.DATA,
            dir_okay=True,
            readable=False,  # the loader says why a file cannot be read, as for every bad file (exit 3)
            show_default=False,
        ),
    ] = None,
    with_bundled: Annotated[bool, _option(grammar.WITH_BUNDLED)] = False,
    report: Annotated[list[str] | None, _option(grammar.REPORT)] = None,
    version: Annotated[bool, _option(grammar.VERSION, callback=_version, is_eager=True)] = False,
) -> None:
    """Look up the figures of Changzhi's 2024 government work report (the 2023 review).

    Tables on a terminal; CSV when piped (choose with -f). Example: zzreport show GDP
    """


@app.command("list")
@emits()
def list_(
    ctx: typer.Context,
    section: Annotated[
        str | None,
        _option(grammar.SECTION, autocompletion=_complete_sections),
    ] = None,
    has: Annotated[
        list[Has] | None,
        _option(grammar.HAS),
    ] = None,
    grep: Annotated[str | None, _option(grammar.GREP)] = None,
    sort: Annotated[SortKey, _option(grammar.SORT)] = SortKey.REPORT,
    reverse: Annotated[bool, _option(grammar.REVERSE)] = False,
    limit: LimitOpt = None,
) -> Output:
    """Every indicator, one row each, filtered and sorted.

    Example: zzreport list --section environment --has change --sort change
    """
    english = ctx.params.get("lang") == Lang.EN  # --sort name orders the names shown
    return commands.list_(
        _datasets(ctx), section=section, having=has or (), text=grep, sort=sort, reverse=reverse, limit=limit,
        english=english,
    )  # fmt: skip


@app.command()
@emits()
def show(ctx: typer.Context, queries: QueriesArg) -> Output:
    """One or more indicators in full: value, change, rank, benchmarks, where the report says it.

    Example: zzreport show GDP PM2.5
    """
    return commands.show(_datasets(ctx), queries)


@app.command()
@emits()
def compare(
    ctx: typer.Context,
    queries: QueriesArg,
    across: Annotated[bool, _option(grammar.ACROSS)] = False,
) -> Output:
    """Indicators side by side; those sharing the first one's unit are related to it. With one
    indicator and several reports (or --across): one row per report, the reported change beside the
    change computed from the levels.

    Example: zzreport compare GDP 一般公共预算收入 PM2.5; zzreport --data reports/ compare GDP --across
    """
    datasets = _datasets(ctx)
    if across or (len(queries) == 1 and len(datasets) > 1):
        if len(queries) != 1:
            raise typer.BadParameter("--across follows one indicator", param_hint="QUERIES")
        return commands.across(datasets, queries[0])
    if len(queries) < 2:
        raise typer.BadParameter("give at least two indicators to compare", param_hint="QUERIES")
    return commands.compare(datasets, queries)


@app.command()
@emits()
def search(
    ctx: typer.Context,
    words: Annotated[
        list[str],
        typer.Argument(
            help="Words in Chinese or English, pinyin (meitan, mt), a question (gdp growth, 经济增长多少).",
            callback=_query_words,
            show_default=False,
        ),
    ],
    limit: LimitOpt = None,
) -> Output:
    """Find indicators by name, alias, pinyin, topic, section or note, or by what a question means;
    best matches first. Several words are one query (quotes are not needed).

    Example: zzreport search 煤; zzreport search gdp growth
    """
    return commands.search(_datasets(ctx), " ".join(words), limit)


@app.command()
@emits()
def sections(ctx: typer.Context) -> Output:
    """The report's sections with how many figures and honours each holds.

    Example: zzreport sections
    """
    return commands.sections(_datasets(ctx))


@app.command()
@emits()
def targets(ctx: typer.Context, year: Annotated[str | None, _option(grammar.FOR_YEAR)] = None) -> Output:
    """Targets beside outcomes: each target a loaded report sets (a work report for its next year,
    a plan for its own), the outcome of the same measure and year in any loaded report of the same
    place, and the verdict (met, missed and by how much, unclear, no outcome, not comparable).

    Example: zzreport targets; zzreport --data reports/ targets --year 2024
    """
    if year is not None and not (len(year) == 4 and year.isascii() and year.isdigit() and year[0] in "12"):
        raise typer.BadParameter(f"{year!r} is not a year such as 2024", param_hint="--year")
    return commands.targets(_datasets(ctx), None if year is None else int(year))


@app.command()
@emits()
def info(ctx: typer.Context) -> Output:
    """The report's metadata: region, year, title, delivery date, source.

    Example: zzreport info
    """
    return commands.info(_datasets(ctx))


class CheckFormat(StrEnum):
    """Output of ``validate``."""

    TEXT = "text"
    JSON = "json"


@app.command()
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Report files, or folders of them.",
            show_default=False,
            readable=False,  # the loader says why a file cannot be read, in the report of every file
        ),
    ],
    fmt: Annotated[CheckFormat, _option(grammar.CHECK_FORMAT)] = CheckFormat.TEXT,
) -> None:
    """Check report files: every problem as file:line: field: message, then a summary on stderr.
    Exit 0 when all are valid, 3 otherwise.

    Example: zzreport validate reports/ --format json
    """
    results, summary = commands.validate(files)
    if fmt is CheckFormat.JSON:
        write_json(lambda ascii_only: commands.validation_json(results, ascii_only=ascii_only))
    else:
        write_text(commands.validation_text(results))
    say(summary)
    raise typer.Exit(Exit.OK if all(e is None for _, e, _ in results) else Exit.BAD_DATA)


@app.command()
def schema() -> None:
    """Print the JSON Schema of report files, for editors (yaml-language-server) and CI.

    Example: zzreport schema > report.schema.json
    """
    from zzreport import schema as sc

    write_json(sc.text)


@app.command()
def init(
    path: Annotated[
        Path | None,
        typer.Argument(help="Where to write the skeleton; standard output when left out or '-'."),
    ] = None,
) -> None:
    """Start a new report file from a commented skeleton.

    Example: zzreport init changzhi-2024.yaml
    """
    from zzreport.schema import TEMPLATE

    _new_file(path, TEMPLATE, f"check it with: zzreport validate {path}")


def _new_file(path: Path | None, text: str, then: str) -> None:
    """Write a new report file's text to ``path`` (never over a file), or to standard output when
    there is none or it is ``-``; say what to do next."""
    if path is None or str(path) == "-":
        write_text(text)
        return
    commands.create(path, text)
    say(f"wrote {path}; {then}")


@app.command()
def draft(
    text_file: Annotated[Path, typer.Argument(help="The report's text (UTF-8), any length.", readable=False)],
    output: Annotated[Path | None, _option(grammar.DRAFT_OUTPUT)] = None,
    year: Annotated[int | None, _option(grammar.YEAR)] = None,
) -> None:
    """Draft a report file from a report's text: one record per figure found, each with its line.

    Then edit it (metadata, names), check it with coverage, and validate it.

    Example: zzreport draft report-2024.txt -o changzhi-2024.yaml
    """
    from zzreport import drafting
    from zzreport.loading import read_text

    made = drafting.draft(read_text(text_file), source=text_file.name, year=year)
    _new_file(output, made, f"fill in its report metadata, then: zzreport coverage {output} {text_file}")


@app.command()
@emits()
def coverage(
    file: Annotated[Path, typer.Argument(help="The report file.", readable=False)],
    text_file: Annotated[
        Path, typer.Argument(help="The report's text it was made from (UTF-8).", readable=False)
    ],
) -> Output:
    """Every number of a report's text, and whether the report file (or the files of a folder)
    records it: figures not recorded first, then the recorded ones, those the file leaves out on
    purpose (its omitted list), then numbers that are no figures (years, dates, ordinals). Exit 1
    when a figure is neither recorded nor omitted.

    Example: zzreport coverage changzhi-2024.yaml report-2024.txt -f csv
    """
    from zzreport.loading import load_all, read_text

    return commands.coverage(load_all([file]), read_text(text_file))


@app.command()
@emits(lang=False)
def fields() -> Output:
    """The machine fields (csv/tsv/json columns), for --fields.

    Example: zzreport fields
    """
    return commands.fields()


@app.command()
def export(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The SQLite database to write.", show_default=False)],
    replace: Annotated[bool, _option(grammar.REPLACE)] = False,
    metadata: Annotated[Path | None, _option(grammar.METADATA, show_default=False)] = None,
) -> None:
    """Write every loaded report to a new SQLite database: reports, sections, indicators,
    comparisons, aliases, topics and targets, numbers as numbers beside their exact text, and a full-text
    index. For sqlite3, Datasette, DuckDB and pandas.

    Example: zzreport export zzreport.db --metadata metadata.json; datasette zzreport.db -m metadata.json
    """
    from zzreport import export as db

    written = db.write(_datasets(ctx), file, replace=replace, metadata=metadata)
    say(f"wrote {written}" + (f" and {metadata}" if metadata else ""))
