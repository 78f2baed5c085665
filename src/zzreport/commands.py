"""What each command does, as plain functions from the loaded reports and options to an ``Output``.

Both the Typer app and the fast path call these, so a command behaves the same whichever serves it.
With several reports loaded, records of every report are listed together (the ``report`` column
tells them apart) and tables come one per report. The human table views are imported only when a
table or Markdown is drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from zzreport import match, query
from zzreport.errors import DataError, NoMatchError, Problem, UsageError
from zzreport.exits import Exit
from zzreport.machine import Lazy, Records
from zzreport.model import Dataset, Indicator, SearchHit, Section
from zzreport.query import Has, SortKey
from zzreport.render import records as r
from zzreport.render.base import Output

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from typing import TypeVar

    from zzreport.render.base import Lang, TableView

    T = TypeVar("T")


def _joined(parts: Sequence[Records]) -> Records:
    return Records(parts[0].fields, tuple(row for p in parts for row in p.rows), parts[0].numbers)


def _grouped(pairs: Sequence[tuple[Dataset, T]]) -> list[tuple[Dataset, list[T]]]:
    """Consecutive items of one report together, in the order given (one table per run)."""
    parts: list[tuple[Dataset, list[T]]] = []
    for ds, item in pairs:
        if parts and parts[-1][0] is ds:
            parts[-1][1].append(item)
        else:
            parts.append((ds, [item]))
    return parts


def _per_report(
    items: Sequence[tuple[Dataset, T]],
    records: Callable[[Dataset, T], Records],
    table: Callable[[Dataset, T, Lang], list[TableView]],
) -> Output:
    """One output from per-report parts; tables carry the report id when there are several."""

    def tables(lang: Lang) -> list[TableView]:
        out = []
        for ds, item in items:
            for view in table(ds, item, lang):
                title = (
                    view.title
                    if len(items) == 1
                    else f"{ds.report.id}" + (f" · {view.title}" if view.title else "")
                )
                out.append(view._replace(title=title))
        return out

    return Output(lambda: _joined([records(ds, item) for ds, item in items]), tables)


def list_(
    datasets: Sequence[Dataset],
    *,
    section: str | None = None,
    having: Sequence[Has] = (),
    text: str | None = None,
    sort: SortKey = SortKey.REPORT,
    reverse: bool = False,
    limit: int | None = None,
    english: bool = False,
) -> Output:
    """``list``: indicators filtered, then sorted and limited as one list across every report
    (``english``: by English name, where ``sort`` is by name).
    Nothing passing the filters is an error; a plain ``list`` of reports that hold no indicators is
    an empty list (a header alone, when piped)."""
    pairs: list[tuple[Dataset, Indicator]] = []
    missing: NoMatchError | None = None
    for ds in datasets:
        try:
            sid = query.find_section(ds, section).id if section else None
        except NoMatchError as e:
            missing = missing or e
            continue
        pairs += [(ds, i) for i in query.list_indicators(ds, section=sid, having=having, text=text)]
    filtered = section is not None or bool(having) or text is not None
    if not pairs and (filtered or missing is not None):
        raise missing or NoMatchError("no indicator passes these filters")
    pairs = query.ordered(pairs, lambda p: p[1], sort, reverse, english=english)
    chosen = pairs if limit is None else pairs[:limit]

    def table(ds: Dataset, inds: list[Indicator], lang: Lang) -> list[TableView]:
        from zzreport.render import view

        return [view.list_table(ds, inds, lang)]

    def records() -> Records:
        # Each row is made as it is written: a long list holds its records, not their text.
        rows = Lazy(len(chosen), lambda: (r.indicator_values(ds, i) for ds, i in chosen))
        return Records(tuple(r.INDICATOR_FIELDS), rows, r.NUMBERS)

    groups = _grouped(chosen)
    if sort is not SortKey.REPORT and len(groups) > 1:  # a ranking across reports: one table

        def ranked(lang: Lang) -> list[TableView]:
            from zzreport.render import view

            return [view.ranked_table(chosen, lang)]

        return Output(records, ranked)
    out = _per_report(groups or [(datasets[0], [])], r.indicator_records, table)
    return out._replace(records=records)


def show(datasets: Sequence[Dataset], queries: Sequence[str]) -> Output:
    """``show``: each named indicator in full, from every report that has it, with the targets it
    was held to and is held to next."""
    parts = _grouped(query.find_all(datasets, queries))

    def table(ds: Dataset, inds: list[Indicator], lang: Lang) -> list[TableView]:
        from zzreport import targets
        from zzreport.render import goals, view

        held = {
            str(ind.id): [goals.line(j, lang) for j in targets.for_indicator(ds, ind, datasets)]
            for ind in inds
        }
        return view.show_tables(ds, inds, lang, held)

    return _per_report(parts, r.indicator_records, table)


def targets(datasets: Sequence[Dataset], year: int | None = None) -> Output:
    """``targets``: every target the loaded reports set, beside the outcome of its measure and year
    in any loaded report of the same place, with the verdict."""
    from zzreport import targets as judging

    rows = judging.judge_all(datasets, year=year)
    if not rows:
        said = f" for {year}" if year is not None else ""
        raise NoMatchError(f"no targets{said} in the loaded reports (a report file sets them under targets:)")

    def tables(lang: Lang) -> list[TableView]:
        from zzreport.render import goals

        return [goals.targets_table(rows, lang)]

    return Output(lambda: r.target_records(rows), tables)


def compare(datasets: Sequence[Dataset], queries: Sequence[str]) -> Output:
    """``compare``: the named indicators side by side, related to the first."""
    rows = query.compare(datasets, queries)

    def tables(lang: Lang) -> list[TableView]:
        from zzreport.render import view

        return [view.compare_table(rows, lang)]

    return Output(lambda: r.compare_records(rows), tables)


def across(datasets: Sequence[Dataset], text: str) -> Output:
    """``compare --across``: one indicator through every report that has it."""
    rows = query.across(datasets, text)

    def tables(lang: Lang) -> list[TableView]:
        from zzreport.render import view

        return [view.across_table(rows, lang)]

    return Output(lambda: r.across_records(rows), tables)


def search(datasets: Sequence[Dataset], text: str, limit: int | None = None) -> Output:
    """``search``: matches in every report, ranked (and limited) as one list; equal scores keep
    report order."""
    hits: list[tuple[Dataset, SearchHit]] = []
    first_miss: NoMatchError | None = None
    for ds in datasets:
        try:
            hits += [(ds, hit) for hit in query.search(ds, text)]
        except NoMatchError as e:
            first_miss = first_miss or e
    if not hits:
        assert first_miss is not None  # noqa: S101 - at least one report is always loaded
        raise first_miss
    hits.sort(key=lambda pair: match.rank(pair[1].score, pair[1].headline))
    parts = _grouped(hits if limit is None else hits[:limit])

    def table(ds: Dataset, hits: list[SearchHit], lang: Lang) -> list[TableView]:
        from zzreport.render import view

        return [view.search_table(ds, hits, lang)]

    return _per_report(parts, r.search_records, table)


def sections(datasets: Sequence[Dataset]) -> Output:
    """``sections``: each section of each report with its counts."""
    parts = [(ds, query.section_counts(ds)) for ds in datasets]

    def table(ds: Dataset, counts: list[tuple[Section, int, int]], lang: Lang) -> list[TableView]:
        from zzreport.render import view

        return [view.section_table(counts, lang)]

    return _per_report(parts, r.section_records, table)


def info(datasets: Sequence[Dataset]) -> Output:
    """``info``: each report's metadata, one record per report with its fields as columns (JSON of
    one report is one object)."""
    parts = [(ds, None) for ds in datasets]

    def table(ds: Dataset, _: None, lang: Lang) -> list[TableView]:
        from zzreport.render import view

        return [view.info_table(ds, lang)]

    output = _per_report(parts, lambda ds, _: r.info_records(ds), table)
    return output._replace(records=lambda: _info_records(datasets), single=True)


def _info_records(datasets: Sequence[Dataset]) -> Records:
    """Each report's metadata as one record: the field/value pairs of ``info_records`` as columns
    (every field any report gives, in order; empty where a report leaves it out), the count of
    indicators a number."""
    found = [{str(f): v for f, v in r.info_records(ds).rows} for ds in datasets]
    fields = tuple(dict.fromkeys(f for pairs in found for f in pairs))
    rows = tuple(tuple(pairs.get(f) for f in fields) for pairs in found)
    return Records(fields, rows, frozenset({"indicators"}))


def fields() -> Output:
    """``fields``: the machine fields of every command."""

    def tables(lang: Lang) -> list[TableView]:
        from zzreport.render import view

        return [view.records_table(r.field_records())]

    return Output(r.field_records, tables)


Checked = list[tuple[str, DataError | None, list[Problem]]]
"""Each file checked, with its problems (None when it is valid) and its warnings."""


def validate(paths: Sequence[Path]) -> tuple[Checked, str]:
    """Each file (folders expanded) with its problems, or None when it is valid, and its warnings;
    and a summary."""
    from zzreport.loading import expand, load, warnings

    files, empty = expand(paths)
    results: Checked = [(e.path, e, []) for e in empty]
    for path in files:
        try:
            results.append((str(path), None, warnings(load(path))))
        except DataError as e:
            results.append((str(path), e, []))
    bad = [e for _, e, _ in results if e is not None]
    count = sum(len(e.problems) for e in bad)
    warned = sum(len(w) for _, _, w in results)
    checked = f"{len(results)} file{'s' if len(results) != 1 else ''} checked: "
    if bad:
        checked += (
            f"{len(results) - len(bad)} valid, {len(bad)} with {count} problem{'s' if count != 1 else ''}"
        )
    else:
        checked += "all valid" if len(results) != 1 else "valid"
    summary = checked + (f"; {warned} warning{'s' if warned != 1 else ''}" if warned else "")
    return results, summary


def validation_text(results: Checked) -> str:
    """Every problem as a ``file:line: field: message`` line, and every warning as one whose message
    starts with ``warning:``."""
    lines = []
    for name, error, warned in results:
        if error is not None:
            lines += error.lines()
        if warned:
            lines += DataError(name, [_warning(w) for w in warned]).lines()
    return "".join(line + "\n" for line in lines)


def _warning(p: Problem) -> Problem:
    return Problem(line=p.line, field=p.field, message=f"warning: {p.message}")


def validation_json(results: Checked, *, ascii_only: bool = False) -> str:
    """``{valid, files: [{file, valid, problems: [...], warnings: [...]}]}`` for CI; each problem and
    warning is ``{line, field, message}``."""
    import json

    from zzreport.errors import shown_path

    def listed(problems: Sequence[Problem]) -> list[dict[str, object]]:
        return [{"line": p.line, "field": p.field, "message": p.message} for p in problems]

    files = [
        {
            "file": shown_path(name),
            "valid": e is None,
            "problems": listed(e.problems) if e else [],
            "warnings": listed(warned),
        }
        for name, e, warned in results
    ]
    document = {"valid": all(e is None for _, e, _ in results), "files": files}
    return json.dumps(document, ensure_ascii=ascii_only, indent=2) + "\n"


def coverage(files: Dataset | Sequence[Dataset], text: str) -> Output:
    """``coverage``: every number of a report's text, recorded in the file (or the files of a
    folder) or not; exit 1 when a figure is neither recorded nor omitted on purpose."""
    from zzreport import drafting

    rows = drafting.coverage(files, text)
    statuses = ("recorded", "not-recorded", "omitted", "not-a-figure")
    count = {s: sum(c.status == s for c in rows) for s in statuses}
    summary = (
        f"{len(rows)} numbers in the text: {count['recorded']} recorded, {count['not-recorded']} not "
        f"recorded, {count['omitted']} omitted on purpose, {count['not-a-figure']} not figures (years, "
        "dates, ordinals, anniversaries, slogans, thresholds, parts of names)"
    )

    def tables(lang: Lang) -> list[TableView]:
        from zzreport.render import view

        return [view.coverage_table(rows, lang)]

    status = Exit.NOT_FOUND if count["not-recorded"] else Exit.OK
    return Output(lambda: r.coverage_records(rows), tables, summary, status)


def create(path: Path, text: str) -> None:
    """Write ``text`` to a new file at ``path``: never over an existing file, and never leaving a
    partial one behind (a full disk would leave an empty file that then blocks the retry)."""
    import os

    data = text.encode("utf-8")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise UsageError(f"{path} exists; not overwriting it") from None
    except OSError as e:
        raise UsageError(f"cannot write {path}: {e.strerror or e}") from None
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except OSError as e:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {e.strerror or e}") from None
    os.close(fd)
