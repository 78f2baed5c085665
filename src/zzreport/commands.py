"""What each command does, as plain functions from a data set and options to an ``Output``.

Both the Typer app and the fast path call these, so a command behaves the same whichever serves it.
The human table views are imported only when a table or Markdown is drawn.
"""

from __future__ import annotations

from collections.abc import Sequence

from zzreport import query
from zzreport.errors import NoMatchError
from zzreport.model import Dataset
from zzreport.query import Has, SortKey
from zzreport.render import records as r
from zzreport.render.records import Output

TYPE_CHECKING = False  # NOTE: not typing.TYPE_CHECKING: importing typing costs ~6 ms at start-up
if TYPE_CHECKING:
    from zzreport.render import Lang
    from zzreport.render.view import TableView


def list_(
    ds: Dataset,
    *,
    section: str | None = None,
    having: Sequence[Has] = (),
    text: str | None = None,
    sort: SortKey = SortKey.REPORT,
    reverse: bool = False,
    limit: int | None = None,
) -> Output:
    """``list``: indicators filtered and sorted; nothing passing the filters is an error."""
    sid = query.find_section(ds, section).id if section else None
    inds = query.list_indicators(
        ds, section=sid, having=having, text=text, sort=sort, reverse=reverse, limit=limit
    )
    if not inds:
        raise NoMatchError("no indicator passes these filters")

    def tables(lang: Lang) -> list[TableView]:
        from zzreport.render import view

        return [view.list_table(ds, inds, lang)]

    return Output(lambda: r.indicator_records(ds, inds), tables)


def show(ds: Dataset, queries: Sequence[str]) -> Output:
    """``show``: each named indicator in full."""
    inds = query.resolve_all(ds, queries)

    def tables(lang: Lang) -> list[TableView]:
        from zzreport.render import view

        return view.show_tables(ds, inds, lang)

    return Output(lambda: r.indicator_records(ds, inds), tables)


def compare(ds: Dataset, queries: Sequence[str]) -> Output:
    """``compare``: the named indicators side by side, related to the first."""
    rows = query.compare(ds, queries)

    def tables(lang: Lang) -> list[TableView]:
        from zzreport.render import view

        return [view.compare_table(ds, rows, lang)]

    return Output(lambda: r.compare_records(ds, rows), tables)


def search(ds: Dataset, text: str, limit: int | None = None) -> Output:
    """``search``: ranked matches."""
    hits = query.search(ds, text, limit=limit)

    def tables(lang: Lang) -> list[TableView]:
        from zzreport.render import view

        return [view.search_table(ds, hits, lang)]

    return Output(lambda: r.search_records(ds, hits), tables)


def sections(ds: Dataset) -> Output:
    """``sections``: each section with its counts."""
    counts = query.section_counts(ds)

    def tables(lang: Lang) -> list[TableView]:
        from zzreport.render import view

        return [view.section_table(counts, lang)]

    return Output(lambda: r.section_records(ds, counts), tables)


def _plain(make: r.RecordsMaker) -> Output:
    def tables(lang: Lang) -> list[TableView]:
        from zzreport.render import view

        return [view.records_table(make())]

    return Output(make, tables)


def info(ds: Dataset) -> Output:
    """``info``: the report's metadata."""
    return _plain(lambda: r.info_records(ds))


def fields() -> Output:
    """``fields``: the machine fields of every command."""
    return _plain(r.field_records)
