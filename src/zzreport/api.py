"""The Python API: report files loaded into a ``Reports`` object whose methods answer as the commands do.

Each method calls the same functions as the command of its name (``zzreport.commands`` and
``zzreport.query``), so the library and the command line cannot drift apart: the same records in
the same order, the same errors. Records come back as the model's objects (``Indicator`` with exact
``Decimal`` values) or, through ``Results.records()``, as dicts equal to the objects of ``-f json``
read with ``parse_float=Decimal``.

The library writes nothing to standard output or error and changes nothing process-wide; with
``store=False`` it neither reads nor writes the store (``zzreport.store``). ``import zzreport``
loads this module only when one of its names is first used (see ``zzreport/__init__.py``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from zzreport import commands, query
from zzreport import errors as _errors
from zzreport.machine import Records
from zzreport.model import Across, Compared, Dataset, Indicator, Judged, Report, Section, Target, Verdict
from zzreport.query import Has, SortKey
from zzreport.render import records as _records

__all__ = [
    "Across",
    "Ambiguous",
    "Compared",
    "DataError",
    "Dataset",
    "Error",
    "Indicator",
    "Judged",
    "MissingDependency",
    "NotFound",
    "Report",
    "Reports",
    "Results",
    "Section",
    "SectionCount",
    "Target",
    "UsageError",
    "Verdict",
    "load",
]

T = TypeVar("T")

Record = dict[str, Any]
"""One machine record: column name to value."""
RecordList = list[Record]

Error = _errors.ZzreportError
"""Base class of every error zzreport raises on purpose (bad input, not a bug)."""
UsageError = _errors.UsageError
"""Arguments that cannot work together (``compare --across`` over two reports of one place and year,
an export over an existing file)."""


class NotFound(_errors.LookupFailure, LookupError):
    """A query named no indicator, section or report (the command exits 1). ``suggestions`` holds the
    ids of the closest indicators, when the query was a name."""

    def __init__(self, message: str, *, query: str = "", suggestions: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.query = query
        self.suggestions = tuple(suggestions)


class Ambiguous(NotFound):
    """A query names several indicators equally well; ``candidates`` lists them."""

    def __init__(self, message: str, *, query: str, candidates: Sequence[str]) -> None:
        super().__init__(message, query=query)
        self.candidates = tuple(candidates)


class DataError(_errors.DataErrors, ValueError):
    """Report files that cannot be used. ``problems`` holds every problem of every file, each with
    its file; ``lines()`` gives them as ``file:line: field: message`` (what the command prints)."""

    @property
    def problems(self) -> tuple[tuple[str, _errors.Problem], ...]:
        """Each problem with the file it is in."""
        return tuple((e.path, p) for e in self.errors for p in e.problems)


class MissingDependency(Error, ImportError):
    """An optional package a method needs is not installed (pandas for ``to_pandas``)."""


@contextmanager
def _raised() -> Iterator[None]:
    """The errors of the shared code as the API's classes, with the same messages."""
    try:
        yield
    except _errors.AmbiguousQueryError as e:
        raise Ambiguous(str(e), query=e.query, candidates=e.candidates) from None
    except _errors.UnknownIndicatorError as e:
        raise NotFound(str(e), query=e.query, suggestions=e.suggestions) from None
    except NotFound:
        raise
    except _errors.LookupFailure as e:
        raise NotFound(str(e)) from None
    except _errors.DataError as e:
        raise DataError([e]) from None
    except DataError:
        raise
    except _errors.DataErrors as e:
        raise DataError(e.errors) from None


# ── results ───────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True, kw_only=True)
class SectionCount:
    """One section of a report with how many figures and honours it holds (``zzreport sections``)."""

    report: Report
    """The report it belongs to."""
    section: Section
    """The section."""
    figures: int
    """Records with a figure."""
    honours: int
    """Honours (records without a number)."""


def _dicts(records: Records) -> RecordList:
    """Records as dicts, the objects ``-f json`` writes read with ``parse_float=Decimal``: exact
    decimals as ``Decimal``, whole numbers as ``int``, flags as ``bool``, empty fields as ``None``."""
    numbers = [f in records.numbers for f in records.fields]
    return [
        {
            f: Decimal(v) if n and isinstance(v, str) else v
            for f, n, v in zip(records.fields, numbers, row, strict=True)
        }
        for row in records.rows
    ]


class Results(Sequence[T], Generic[T]):
    """What a method found, in the command's order: a sequence of model objects that also gives the
    command's machine records (``records()``, ``to_pandas()``) and the report of each item."""

    __slots__ = ("_datasets", "_items", "_records")

    def __init__(self, pairs: Sequence[tuple[Dataset, T]], records: Callable[[], Records]) -> None:
        self._datasets = tuple(ds for ds, _ in pairs)
        self._items = tuple(item for _, item in pairs)
        self._records = records

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...
    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Results({list(self._items)!r})"

    def report(self, index: int) -> Report:
        """The report the item at ``index`` comes from."""
        return self._datasets[index].report

    def fields(self) -> tuple[str, ...]:
        """The machine columns of these results, in order (the keys of ``records()``)."""
        return self._records().fields

    def records(self) -> RecordList:
        """One dict per item: exactly the objects of the command's ``-f json`` output (decimals as
        ``Decimal``), keys in column order."""
        return _dicts(self._records())

    def to_pandas(self) -> Any:
        """The records as a ``pandas.DataFrame``, one column per machine column. Decimals stay
        ``Decimal`` (object columns: convert with ``.astype(float)`` when exactness may go).
        Raises ``MissingDependency`` when pandas is not installed."""
        import importlib

        try:
            pandas = importlib.import_module("pandas")
        except ImportError:
            raise MissingDependency(
                "to_pandas() needs pandas, which is not installed: pip install pandas"
            ) from None
        records = self._records()
        return pandas.DataFrame(_dicts(records), columns=list(records.fields))


# ── the loaded reports ────────────────────────────────────────────────────────


def _in_memory_vocabulary() -> None:
    """Make sure search reads the package's vocabulary without the store (``store=False``)."""
    from zzreport import vocabulary

    vocabulary.vocabulary(use_store=False)


class Reports:
    """Loaded reports, in the order they were given, and the commands' answers over them."""

    __slots__ = ("_by_id", "datasets", "store", "warnings")

    def __init__(
        self, datasets: Sequence[Dataset], *, store: bool = True, warnings: Sequence[str] = ()
    ) -> None:
        self.datasets = tuple(datasets)
        """The reports, as the model's ``Dataset``."""
        self.store = store
        """Whether the store may be read and written (for the search vocabulary too)."""
        self.warnings = tuple(warnings)
        """What the command would have warned of on standard error (two reports of one place and
        year)."""
        self._by_id: dict[int, dict[str, Indicator]] = {}

    def __len__(self) -> int:
        return len(self.datasets)

    def __iter__(self) -> Iterator[Dataset]:
        return iter(self.datasets)

    def __repr__(self) -> str:
        return f"Reports({[ds.report.id for ds in self.datasets]!r})"

    @property
    def ids(self) -> tuple[str, ...]:
        """The report ids, in order."""
        return tuple(ds.report.id for ds in self.datasets)

    def select(self, *ids: str) -> Reports:
        """Only the reports with these ids (``-R``); ``NotFound`` names an unknown one."""
        with _raised():
            chosen = query.select_reports(self.datasets, ids)
        return Reports(chosen, store=self.store)

    # ── look-ups ──

    def get(self, name: str) -> Indicator:
        """The indicator ``name`` names (id, Chinese or English name, alias), as ``zzreport show``
        finds it: ``NotFound`` (with suggestions) or ``Ambiguous`` otherwise, and ``Ambiguous`` also
        when several loaded reports hold it (``show`` or ``select`` then)."""
        found = self.show(name)
        if len(found) > 1:
            where = [f"{found.report(n).id}/{ind.id}" for n, ind in enumerate(found)]
            raise Ambiguous(
                f"{_errors.shown(name)} is in {len(found)} reports: {', '.join(where)}; "
                "use show() for all, or select() one report",
                query=name,
                candidates=where,
            )
        return found[0]

    def show(self, *names: str) -> Results[Indicator]:
        """Each named indicator from every report that has it (``zzreport show``)."""
        with _raised():
            return self._indicators(commands.show(self.datasets, names).records())

    def list(
        self,
        *,
        section: str | None = None,
        has: Sequence[Has | str] = (),
        grep: str | None = None,
        sort: SortKey | str = SortKey.REPORT,
        reverse: bool = False,
        limit: int | None = None,
        english: bool = False,
    ) -> Results[Indicator]:
        """Indicators filtered, sorted and limited as ``zzreport list`` does (``english``: sort names
        in English, as ``--lang en`` does). ``NotFound`` when filters leave nothing."""
        with _raised():
            output = commands.list_(
                self.datasets,
                section=section,
                having=tuple(Has(h) for h in has),
                text=grep,
                sort=SortKey(sort),
                reverse=reverse,
                limit=limit,
                english=english,
            )
            return self._indicators(output.records())

    def search(self, text: str, *, limit: int | None = None) -> Results[Indicator]:
        """Indicators matching words, pinyin or a question, best first, as ``zzreport search``;
        ``records()`` adds ``score`` and ``matched``. ``NotFound`` when nothing matches."""
        if not self.store:
            _in_memory_vocabulary()
        with _raised():
            return self._indicators(commands.search(self.datasets, text, limit).records())

    def compare(self, *names: str) -> Results[Compared]:
        """The named indicators side by side, each related to the first (``zzreport compare``)."""
        if not names:
            raise TypeError("compare() needs at least one indicator")
        with _raised():
            rows = query.compare(self.datasets, names)
        return Results([(c.dataset, c) for c in rows], lambda: _records.compare_records(rows))

    def across(self, name: str) -> Results[Across]:
        """One indicator through every loaded report, by year then place, with the change computed
        from the levels beside the reported one (``zzreport compare --across``)."""
        with _raised():
            rows = query.across(self.datasets, name)
        return Results([(a.dataset, a) for a in rows], lambda: _records.across_records(rows))

    def sections(self) -> Results[SectionCount]:
        """Every section of every report with its counts (``zzreport sections``)."""
        pairs = [
            (ds, SectionCount(report=ds.report, section=s, figures=f, honours=h))
            for ds in self.datasets
            for s, f, h in query.section_counts(ds)
        ]
        return Results(pairs, commands.sections(self.datasets).records)

    def info(self) -> Results[Report]:
        """Each report's metadata (``zzreport info``); ``records()`` gives one record per report,
        its fields as keys (``info -f json`` prints that record alone when there is one report)."""
        return Results([(ds, ds.report) for ds in self.datasets], commands.info(self.datasets).records)

    def targets(self, *, year: int | None = None) -> Results[Judged]:
        """Every target the reports set (for ``year`` only, when given), each beside the outcome of
        its measure and year in any loaded report of the same place, with the verdict
        (``zzreport targets``); empty when none is set."""
        from zzreport import targets

        rows = targets.judge_all(self.datasets, year=year)
        return Results([(j.dataset, j) for j in rows], lambda: _records.target_records(rows))

    def records(self) -> RecordList:
        """Every indicator as ``zzreport list -f json`` writes it (``list().records()``)."""
        return self.list().records()

    def to_pandas(self) -> Any:
        """Every indicator as a ``pandas.DataFrame`` (``list().to_pandas()``)."""
        return self.list().to_pandas()

    def export(
        self,
        path: str | os.PathLike[str],
        *,
        replace: bool = False,
        metadata: str | os.PathLike[str] | None = None,
    ) -> Path:
        """Write every loaded report to a new SQLite database at ``path`` (``zzreport export``); with
        ``metadata``, Datasette metadata for it too. ``UsageError`` when a file is there already and
        ``replace`` is False."""
        from zzreport import export

        return export.write(
            self.datasets, Path(path), replace=replace, metadata=None if metadata is None else Path(metadata)
        )

    # ── helpers ──

    def _indicators(self, records: Records) -> Results[Indicator]:
        """The indicators the records name (by report and id), in their order."""
        where: dict[str, Dataset] = {ds.report.id: ds for ds in self.datasets}
        report, ident = records.fields.index("report"), records.fields.index("id")
        pairs = []
        for row in records.rows:
            ds = where[str(row[report])]
            pairs.append((ds, self._index(ds)[str(row[ident])]))
        return Results(pairs, lambda: records)

    def _index(self, ds: Dataset) -> dict[str, Indicator]:
        found = self._by_id.get(id(ds))
        if found is None:
            found = self._by_id[id(ds)] = {ind.id: ind for ind in ds.indicators}
        return found


def load(*paths: str | os.PathLike[str], bundled: bool = False, store: bool = True) -> Reports:
    """The reports in ``paths`` (report files, or folders of ``.yaml``/``.yml`` files), or the
    bundled report when none is given; ``bundled=True`` loads it first beside them (``--data``,
    ``--with-bundled``). Every file is checked: ``DataError`` carries every problem of every file.

    ``store`` False: nothing is read from or written to the store (``~/.cache/zzreport``); each file
    is parsed in memory. Otherwise files are read through the store as the command reads them.
    """
    from zzreport.loading import load_all

    warned: list[str] = []
    with _raised():
        datasets = load_all(
            [Path(p) for p in paths], with_bundled=bundled, warn=warned.append, use_store=store
        )
    return Reports(datasets, store=store, warnings=warned)
