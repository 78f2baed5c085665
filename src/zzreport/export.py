"""The SQLite database of loaded reports (``zzreport export``), and its Datasette metadata.

Tables follow the model: ``reports``, ``sections``, ``indicators`` (the machine columns of ``-f json``,
in their order, after the report and a position), and one row per comparison, alias and topic, with
primary and foreign keys. The columns of each are derived from the model's fields and the machine
columns, so a new field reaches the database without an edit here.

Decimals are written twice: as an SQLite number (``value``), so that ``change > 5`` compares numbers,
and as the exact text (``value_text``). NOTE: an SQLite REAL is a binary double, good for about 15
significant digits, so a value with more digits (or ``1.10``'s trailing zero) survives only in the
``*_text`` column; whole numbers below 2**63 are stored as INTEGER, exactly. ``indicators_fts`` is an
FTS5 index of names, aliases, topics and notes, whose ``terms`` column holds every Chinese character
and pair of characters, so ``match '煤炭'`` finds words inside longer Chinese names; English words are
stemmed (``revenues`` finds ``revenue``).

The database is written to a temporary file beside the target and moved into place when complete,
so a failed export leaves nothing behind, and an existing file is replaced only when asked.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import stat
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from decimal import Decimal
from pathlib import Path

from zzreport import fields, query
from zzreport.errors import UsageError
from zzreport.model import Comparison, Dataset, Indicator, Report
from zzreport.render import records as r

SQL = str | int | float | None
"""A value as the sqlite3 module stores it."""

_TYPES = {"positive": "INTEGER", "flag": "INTEGER", "year": "INTEGER"}
"""SQLite types of the field readings that are not text (decimals are NUMERIC plus ``_text``)."""
_DECIMALS = ("decimal", "gap")
_LARGEST = 2**63
TEXT_SUFFIX = "_text"


def number(d: Decimal) -> int | float:
    """An exact decimal as an SQLite number: INTEGER when it is whole and fits, else REAL."""
    if d == d.to_integral_value() and abs(d) < _LARGEST:
        return int(d)
    return float(d)


class _Table:
    """One table: its name, columns with their SQLite types, keys, and a description of each column."""

    def __init__(self, name: str, description: str) -> None:
        self.name = name
        self.description = description
        self.columns: list[tuple[str, str, str]] = []
        self.constraints: list[str] = []

    def column(self, name: str, kind: str, description: str) -> None:
        self.columns.append((name, kind, description))

    def decimal(self, name: str, description: str) -> None:
        """A decimal as a number and, beside it, its exact text."""
        self.column(name, "NUMERIC", f"{description} (a number: about 15 significant digits)")
        self.column(name + TEXT_SUFFIX, "TEXT", f"{name} exactly as the report prints it")

    def create(self) -> str:
        body = [f"{name} {kind}" for name, kind, _ in self.columns] + self.constraints
        return f"CREATE TABLE {self.name} (\n  " + ",\n  ".join(body) + "\n)"

    def insert(self) -> str:
        marks = ", ".join("?" * len(self.columns))
        names = ", ".join(c for c, _, _ in self.columns)
        return f"INSERT INTO {self.name} ({names}) VALUES ({marks})"  # noqa: S608 - names of this module's tables


def _fields_of(table: _Table, cls: type, skip: Iterable[str] = ()) -> list[Callable[[object], list[SQL]]]:
    """Columns for the fields of ``cls`` (typed by how each is read) and the getters of their values."""
    getters: list[Callable[[object], list[SQL]]] = []
    for f in fields.of(cls):
        if f.name in skip or f.read in ("texts", "idents", "locations", "comparisons"):
            continue
        doc = f.column or f.name.replace("_", " ")
        if f.read in _DECIMALS:
            table.decimal(f.name, doc)
            getters.append(_decimal_getter(f.name))
        else:
            table.column(f.name, _TYPES.get(f.read, "TEXT") + (" NOT NULL" if f.required else ""), doc)
            getters.append(_plain_getter(f.name))
    return getters


def _decimal_getter(name: str) -> Callable[[object], list[SQL]]:
    def get(obj: object) -> list[SQL]:
        d = getattr(obj, name)
        return [None, None] if d is None else [number(d), r.plain(d)]

    return get


def _plain_getter(name: str) -> Callable[[object], list[SQL]]:
    def get(obj: object) -> list[SQL]:
        v = getattr(obj, name)
        if v is None or isinstance(v, (str, int, float)):
            return [v]  # str enums and bools are str and int
        return [v.isoformat() if hasattr(v, "isoformat") else str(v)]

    return get


# ── the schema ────────────────────────────────────────────────────────────────

REPORTS = _Table("reports", "One row per report: its metadata, where to cite it, and its file.")
_REPORT_GETTERS = _fields_of(REPORTS, Report)
REPORTS.column("file", "TEXT", "the report file it was read from")
REPORTS.column("indicators", "INTEGER", "how many indicators it holds")
REPORTS.constraints.append("PRIMARY KEY (id)")

SECTIONS = _Table("sections", "The sections of each report, in report order, with their counts.")
SECTIONS.column("report", "TEXT NOT NULL REFERENCES reports (id)", "report id")
SECTIONS.column("id", "TEXT NOT NULL", "section id, unique within its report")
SECTIONS.column("position", "INTEGER NOT NULL", "order in the report, from 1")
SECTIONS.column("title", "TEXT NOT NULL", "Chinese title")
SECTIONS.column("title_en", "TEXT", "English title")
SECTIONS.column("figures", "INTEGER NOT NULL", "records with a figure")
SECTIONS.column("honours", "INTEGER NOT NULL", "honours (records without a number)")
SECTIONS.constraints.append("PRIMARY KEY (report, id)")

INDICATORS = _Table(
    "indicators",
    "One row per record: the machine columns of zzreport's CSV and JSON output; each decimal also as "
    "its exact text (*_text).",
)
_KINDS = {f.name: f.read for f in fields.of(Indicator)}
_ALWAYS = {"report", "kind", *fields.required(Indicator)}
for _name, (_description, _) in r.INDICATOR_FIELDS.items():
    if _name in r.NUMBERS:
        INDICATORS.decimal(_name, _description)
    else:
        _kind = _TYPES.get(_KINDS.get(_name, ""), "TEXT") + (" NOT NULL" if _name in _ALWAYS else "")
        INDICATORS.column(_name, _kind, _description)
    if _name == "report":
        INDICATORS.column("position", "INTEGER NOT NULL", "order in its report file, from 1")
INDICATORS.column("period_start", "INTEGER", "first year of period")
INDICATORS.column("period_end", "INTEGER", "last year of period")
INDICATORS.constraints += [
    "PRIMARY KEY (report, id)",
    "FOREIGN KEY (report) REFERENCES reports (id)",
    "FOREIGN KEY (report, section) REFERENCES sections (report, id)",
]

COMPARISONS = _Table("comparisons", "The benchmarks each figure is set against, one row each.")
COMPARISONS.column("report", "TEXT NOT NULL", "report id")
COMPARISONS.column("indicator", "TEXT NOT NULL", "indicator id")
COMPARISONS.column("position", "INTEGER NOT NULL", "order within the record, from 1")
_COMPARISON_GETTERS = _fields_of(COMPARISONS, Comparison)
COMPARISONS.constraints += [
    "PRIMARY KEY (report, indicator, position)",
    "FOREIGN KEY (report, indicator) REFERENCES indicators (report, id)",
]


def _listed(name: str, what: str, description: str) -> _Table:
    table = _Table(name, description)
    table.column("report", "TEXT NOT NULL", "report id")
    table.column("indicator", "TEXT NOT NULL", "indicator id")
    table.column("position", "INTEGER NOT NULL", "order within the record, from 1")
    table.column(what, "TEXT NOT NULL", description)
    table.constraints += [
        "PRIMARY KEY (report, indicator, position)",
        "FOREIGN KEY (report, indicator) REFERENCES indicators (report, id)",
    ]
    return table


ALIASES = _listed("aliases", "alias", "other names a user may type for a record (GDP, 社零)")
TOPICS = _listed("topics", "topic", "what a record is about (环境, 科技, 就业)")

TARGETS = _Table(
    "targets",
    "Targets the reports set, each beside the outcome of its measure and year in the exported reports, "
    "with the verdict: the rows of zzreport targets.",
)
_WHOLE = {"year"}
for _name, _description in r.TARGET_FIELDS.items():
    if _name in ("value", "outcome_value", "gap"):
        TARGETS.decimal(_name, _description)
    else:
        TARGETS.column(_name, "INTEGER" if _name in _WHOLE else "TEXT", _description)
TARGETS.constraints += ["PRIMARY KEY (report, id)", "FOREIGN KEY (report) REFERENCES reports (id)"]

TABLES = (REPORTS, SECTIONS, INDICATORS, COMPARISONS, ALIASES, TOPICS, TARGETS)

FTS = "indicators_fts"
FTS_COLUMNS = ("name", "name_en", "aliases", "topics", "note", "rank_of", "section_title", "terms")
"""The columns of the full-text index; its rowid is the indicator's rowid."""
_FTS_SQL = f"CREATE VIRTUAL TABLE {FTS} USING fts5({', '.join(FTS_COLUMNS)}, tokenize = 'porter unicode61')"

_FTS_INSERT = f"INSERT INTO {FTS} (rowid, {', '.join(FTS_COLUMNS)}) VALUES (?{', ?' * len(FTS_COLUMNS)})"  # noqa: S608 - constants


def _is_han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\U00020000" <= c <= "\U0003134f"


def grams(text: str) -> str:
    """Every Chinese character of ``text`` and every pair of neighbours in a run of them, separated by
    spaces, so that the index's word splitter, which keeps a run of Chinese as one word, finds the
    words inside it: 原煤产量 gives 原 煤 产 量 原煤 煤产 产量."""
    runs: list[str] = []
    run = ""
    for c in text + " ":
        if _is_han(c):
            run += c
        elif run:
            runs.append(run)
            run = ""
    out: list[str] = []
    for run in runs:
        out += list(run)
        out += [run[i : i + 2] for i in range(len(run) - 1)]
    return " ".join(dict.fromkeys(out))


# ── writing ───────────────────────────────────────────────────────────────────


def _period(text: str | None) -> list[SQL]:
    if not text:
        return [None, None]
    start, _, end = text.partition("-")
    return [int(start), int(end or start)]


def fill(db: sqlite3.Connection, datasets: Sequence[Dataset]) -> None:
    """Create the tables in ``db`` and write every report into them."""
    for table in TABLES:
        db.execute(table.create())
    db.execute(_FTS_SQL)
    period = INDICATORS.columns.index(("period_start", "INTEGER", "first year of period"))
    for ds in datasets:
        report = ds.report
        row: list[SQL] = [v for get in _REPORT_GETTERS for v in get(report)]
        db.execute(REPORTS.insert(), [*row, ds.path, len(ds.indicators)])
        for n, (section, figures, honours) in enumerate(query.section_counts(ds), 1):
            db.execute(
                SECTIONS.insert(),
                [report.id, section.id, n, section.title, section.title_en, figures, honours],
            )
        for n, ind in enumerate(ds.indicators, 1):
            values = _indicator_row(ds, ind, n)
            values[period : period + 2] = _period(ind.period)
            rowid = db.execute(INDICATORS.insert(), values).lastrowid
            for m, c in enumerate(ind.comparisons, 1):
                extra = [v for get in _COMPARISON_GETTERS for v in get(c)]
                db.execute(COMPARISONS.insert(), [report.id, ind.id, m, *extra])
            for table, items in ((ALIASES, ind.aliases), (TOPICS, ind.topics)):
                for m, item in enumerate(items, 1):
                    db.execute(table.insert(), [report.id, ind.id, m, item])
            db.execute(_FTS_INSERT, [
                rowid, ind.name, ind.name_en, " ".join(ind.aliases), " ".join(ind.topics), ind.note,
                ind.rank_of, ds.section(ind.section).title,
                grams(" ".join(x for x in (ind.name, *ind.aliases, *ind.topics, ind.note or "",
                                           ind.rank_of or "", ds.section(ind.section).title) if x)),
            ])  # fmt: skip
    _targets(db, datasets)


def _targets(db: sqlite3.Connection, datasets: Sequence[Dataset]) -> None:
    """The rows of ``zzreport targets`` over the exported reports."""
    from zzreport.targets import judge_all

    records = r.target_records(judge_all(datasets))
    for row in records.rows:
        out: list[SQL] = []
        for name, value in zip(records.fields, row, strict=True):
            if name in records.numbers:
                out += [None if value is None else number(Decimal(str(value))), value]
            else:
                out.append(value)
        db.execute(TARGETS.insert(), out)


def _indicator_row(ds: Dataset, ind: Indicator, position: int) -> list[SQL]:
    out: list[SQL] = []
    for name, value in zip(r.INDICATOR_FIELDS, r.indicator_values(ds, ind), strict=True):
        if name in r.NUMBERS:
            out += [None if value is None else number(Decimal(str(value))), value]
        else:
            out.append(value)
        if name == "report":
            out.append(position)
    return [*out, None, None]


def write(
    datasets: Sequence[Dataset], path: Path, *, replace: bool = False, metadata: Path | None = None
) -> Path:
    """Write a new SQLite database of ``datasets`` at ``path`` and, with ``metadata``, Datasette
    metadata for it; ``UsageError`` when either file exists and ``replace`` is False, or cannot be
    written. Nothing is left behind when it fails."""
    targets = [path] if metadata is None else [path, metadata]
    for target in targets:
        if not os.path.lexists(target):
            continue
        if not replace:
            raise UsageError(f"{target} exists; not overwriting it (--replace to replace it)")
        if not stat.S_ISREG(os.lstat(target).st_mode):  # a device, a pipe, a folder, a link: never replaced
            raise UsageError(f"{target} is not a regular file; --replace replaces only a file")
    made: list[tuple[str, Path]] = []
    try:
        tmp = _temporary(path)
        made.append((tmp, path))
        with closing(sqlite3.connect(tmp, isolation_level=None)) as db:
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("BEGIN")
            fill(db, datasets)
            db.execute("COMMIT")
        if metadata is not None:
            tmp = _temporary(metadata)
            made.append((tmp, metadata))
            text = json.dumps(datasette_metadata(datasets, path), ensure_ascii=False, indent=2) + "\n"
            Path(tmp).write_text(text, encoding="utf-8")
        for tmp, target in made:
            _place(tmp, target, replace=replace)
    except (OSError, sqlite3.Error) as e:
        raise UsageError(f"cannot write {path}: {getattr(e, 'strerror', None) or e}") from None
    finally:
        for tmp, _ in made:
            Path(tmp).unlink(missing_ok=True)
    return path


def _temporary(target: Path) -> str:
    """A new empty file beside ``target``, made with the mode a new file gets (the umask applies)."""
    for _ in range(100):
        name = str(target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return name
    raise FileExistsError(f"no free temporary name beside {target}")


def _place(tmp: str, target: Path, *, replace: bool) -> None:
    """Move a finished file into place: over an existing one only when ``replace``."""
    if replace:
        Path(tmp).replace(target)
        return
    try:
        os.link(tmp, target)  # fails, rather than overwrites, when something got there meanwhile
    except FileExistsError:
        raise UsageError(f"{target} exists; not overwriting it (--replace to replace it)") from None
    except OSError:  # a file system without hard links: checked, then moved
        if os.path.lexists(target):
            raise UsageError(f"{target} exists; not overwriting it (--replace to replace it)") from None
        Path(tmp).replace(target)


# ── Datasette ─────────────────────────────────────────────────────────────────


def datasette_metadata(datasets: Sequence[Dataset], path: Path) -> dict[str, object]:
    """Datasette's metadata for the database at ``path``: title, source and its address, a note on
    the licence, and a description of every table and column (units are a column of their own, as
    they differ from row to row)."""
    first = datasets[0].report
    one = len(datasets) == 1
    tables: dict[str, dict[str, object]] = {
        t.name: {"description": t.description, "columns": {c: d for c, _, d in t.columns}} for t in TABLES
    }
    tables["indicators"].update(
        description=INDICATORS.description + " The unit of value is in unit (in English: unit_en); "
        "change is in change_unit (% or pp).",
        fts_table=FTS,
        fts_pk="rowid",
        sort="position",
    )
    meta: dict[str, object] = {
        "title": first.title if one else f"{len(datasets)} government work reports",
        "description": "Figures of "
        + ", ".join(f"{ds.report.title} ({ds.report.id})" for ds in datasets)
        + ", exported by zzreport. Exact decimals are in the *_text columns.",
        "license": "Figures from a government work report; reuse follows its publisher's terms "
        + "(" + ", ".join(ds.report.publisher or ds.report.region for ds in datasets) + ")",
        "source": first.source if one else "; ".join(ds.report.source for ds in datasets),
        "databases": {path.stem: {"tables": tables}},
    }  # fmt: skip
    url = first.source_url or first.url
    if url:
        meta["source_url"] = url
    if first.url:
        meta["about"] = first.title
        meta["about_url"] = first.url
    return meta
