"""Finding, reading and checking report files, and building the model from them.

YAML is read with PyYAML's *base* loader, which keeps every scalar as text; this module types each
field itself, so ``1.10`` stays ``1.10`` and ``NO`` stays ``NO``. Tags, aliases and duplicate keys are
refused. Every problem in a file is collected and raised together as one ``DataError``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path

from zzreport import bundled
from zzreport.errors import DataError, DataErrors, Problem
from zzreport.model import (
    Benchmark,
    ChangeUnit,
    Comparison,
    Dataset,
    Indicator,
    IndicatorId,
    Kind,
    Location,
    Polarity,
    Qualifier,
    Relation,
    Report,
    ReportId,
    Scope,
    Section,
    SectionId,
)
from zzreport.query import search_labels
from zzreport.store import MAX_SOURCE
from zzreport.units import UNITS

TYPE_CHECKING = False  # NOTE: not typing.TYPE_CHECKING: importing typing costs ~6 ms at start-up
if TYPE_CHECKING:
    from typing import TypeVar

    from yaml.nodes import Node

    E = TypeVar("E", bound=StrEnum)
    T = TypeVar("T")

FORMAT_VERSION = "1"
MAX_BYTES = MAX_SOURCE
"""Largest report file accepted: far above any real report, far below what would exhaust memory."""

# NOTE: the shapes of typed text, unanchored, shared with the JSON Schema (``zzreport.schema``).
ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
DECIMAL_PATTERN = r"[+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?"
POSITIVE_PATTERN = r"[1-9][0-9]*"
YEAR_PATTERN = r"[12][0-9]{3}"
PERIOD_PATTERN = r"([12][0-9]{3})(?:-([12][0-9]{3}))?"
DATE_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_ID = re.compile(ID_PATTERN + r"\Z")
_DECIMAL = re.compile(DECIMAL_PATTERN + r"\Z")
_POSITIVE = re.compile(POSITIVE_PATTERN + r"\Z")
_YEAR = re.compile(YEAR_PATTERN + r"\Z")
_PERIOD = re.compile(PERIOD_PATTERN + r"\Z")
_DATE = re.compile(DATE_PATTERN + r"\Z")

# NOTE: the fields of each mapping, shared with the JSON Schema, which a test keeps equal.
TOP_FIELDS = ("format", "report", "sections", "indicators")
REPORT_FIELDS = ("id", "region", "region_en", "province", "province_en", "year", "title", "title_en",
                 "delivered", "source", "source_en")  # fmt: skip
SECTION_FIELDS = ("id", "title", "title_en")
INDICATOR_REQUIRED = ("id", "name", "name_en", "section", "item")
INDICATOR_OPTIONAL = ("kind", "aliases", "also_at", "period", "value", "unit", "written", "qualifier",
                      "change", "change_unit", "rank", "rank_scope", "rank_sole", "rank_of", "rank_of_en",
                      "comparisons", "polarity", "note")  # fmt: skip
COMPARISON_REQUIRED = ("relation", "benchmark")
COMPARISON_OPTIONAL = ("gap", "gap_unit", "of", "of_en", "note", "note_en")
_STR = "tag:yaml.org,2002:str"
_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


@cache
def _members(enum: type[E]) -> dict[str, E]:
    return {e.value: e for e in enum}


def bundled_path() -> Path:
    """The report file shipped with zzreport (see ``zzreport.bundled``)."""
    return Path(bundled.path())


REPORT_SUFFIXES = (".yaml", ".yml")

FirstRead = Callable[[str, int], AbstractContextManager[object]]
"""Wraps the parsing of a file the store does not hold yet, given its name and size: the command
line uses it to pause the garbage collector and to say on stderr when a first read takes long."""


def expand(paths: Sequence[Path]) -> tuple[list[Path], list[DataError]]:
    """Files named, and the report files (``.yaml``, ``.yml``) of folders named, in that order; a
    folder without any is an error."""
    files: list[Path] = []
    errors: list[DataError] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in REPORT_SUFFIXES and p.is_file())
            if not found:
                errors.append(_whole(str(path), "holds no .yaml or .yml report files"))
            files += found
        else:
            files.append(path)
    return files, errors


def load_all(
    paths: Sequence[Path] = (), *, with_bundled: bool = False, first_read: FirstRead | None = None
) -> tuple[Dataset, ...]:
    """The reports in ``paths`` (files, or folders of ``.yaml``/``.yml`` files), in that order.

    With no paths, the bundled report; with ``with_bundled``, the bundled report first and then the
    others. Every file is checked; the problems of all bad files are raised together. Two files with
    the same report id are an error, since ``--report`` and the ``report`` column name reports by id.
    """
    files, errors = expand(paths)
    if with_bundled or not paths:
        files.insert(0, bundled_path())
    datasets: list[Dataset] = []
    seen: dict[str, str] = {}
    for path in files:
        try:
            ds = load(path, first_read=first_read)
        except DataError as e:
            errors.append(e)
            continue
        if ds.report.id in seen:
            message = f"report id {ds.report.id!r} is also the id of {seen[ds.report.id]}"
            errors.append(DataError(str(path), [Problem(line=None, field="report.id", message=message)]))
            continue
        seen[ds.report.id] = str(path)
        datasets.append(ds)
    if errors:
        raise DataErrors(errors)
    return tuple(datasets)


def load(path: Path | None = None, *, first_read: FirstRead | None = None) -> Dataset:
    """Read, check and type one report file (the bundled one by default).

    A file whose exact bytes were checked before comes from the store (``zzreport.store``) without
    touching YAML; any other is parsed, and stored when it is valid.
    """
    from zzreport import layout, store

    path = bundled_path() if path is None else path
    name = str(path)
    found = store.source(name)
    if found is None:
        text = read_text(path)  # says why the file cannot be used, or reads what the store may not
    else:
        entry = store.open_entry(found.key)
        if entry is not None:
            try:
                return layout.restore(entry, name, found.key)
            except (store.Damaged, ValueError, TypeError, KeyError):
                pass  # replaced below
        if len(found.data) > MAX_BYTES:
            raise _too_big(name)
        text = decode(found.data, name)
    with first_read(name, len(text)) if first_read else nullcontext():
        dataset = parse(text, name)
        if found is not None:
            store.save(found.key, layout.pieces(dataset))
    return dataset


def read_text(path: Path) -> str:
    """The file's text, or a ``DataError`` that says plainly why it cannot be read."""
    name = str(path)
    try:
        if path.is_dir():
            raise _whole(name, "is a directory, not a report file")
        if path.stat().st_size > MAX_BYTES:
            raise _too_big(name)
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except DataError:
        raise
    except FileNotFoundError:
        raise _whole(name, "no such file") from None
    except PermissionError:
        raise _whole(name, "permission denied") from None
    except OSError as e:
        raise _whole(name, f"cannot be read: {e.strerror or e}") from None
    if len(data) > MAX_BYTES:  # NOTE: a pipe or device has no size to check beforehand
        raise _too_big(name)
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    """A report file's bytes as text: UTF-8, with or without the BOM Windows editors write."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise DataError(
            name,
            [
                Problem(
                    line=line,
                    field="",
                    message=(
                        f"not UTF-8 (byte 0x{data[e.start]:02x}); if it is GB18030/GBK, "
                        f"convert it: iconv -f GB18030 -t UTF-8 {name} > fixed.yaml"
                    ),
                )
            ],
        ) from None


def _too_big(name: str) -> DataError:
    limit = MAX_BYTES // (1024 * 1024)
    return _whole(name, f"is larger than {limit} MiB, the limit for a report file")


def _whole(name: str, message: str) -> DataError:
    return DataError(name, [Problem(line=None, field="", message=message)])


def parse(text: str, name: str) -> Dataset:
    """Check and type the text of one report file; ``name`` is used in messages."""
    root = _compose(text, name)
    checker = _Checker()
    # NOTE: anchors (&), aliases (*) and tags (!) cannot occur in a text without those characters;
    # a large generated file then skips a walk over millions of nodes.
    if "&" in text or "*" in text or "!" in text:
        _refuse_tags_and_aliases(root, checker)
    if checker.problems:
        raise DataError(name, checker.problems)
    dataset = checker.dataset(root, name)
    if checker.problems or dataset is None:
        raise DataError(name, sorted(checker.problems, key=lambda p: p.line or 0))
    return dataset


def _compose(text: str, name: str) -> Node:
    import yaml  # NOTE: imported here so that commands served from the cache never load it

    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        message = " ".join(str(m) for m in (e.context, e.problem) if m)
        if "tab" in message or "'\\t'" in message:
            message += " (indent with spaces, not tabs)"
        line = mark.line + 1 if mark is not None else None
        raise DataError(name, [Problem(line=line, field="", message=f"not valid YAML: {message}")]) from None
    except yaml.YAMLError as e:
        raise _whole(name, f"not valid YAML: {e}") from None
    except RecursionError:
        raise _whole(name, "nested too deeply to be a report file") from None
    if root is None:
        raise _whole(name, "is empty")
    return root


def _refuse_tags_and_aliases(root: Node, checker: _Checker) -> None:
    # NOTE: the composer returns the anchored node again for each alias, so an alias shows as a node
    # met twice. Refusing it here keeps "billion laughs" files from expanding anywhere later.
    seen: set[int] = set()
    stack = [root]
    plain = _PLAIN_TAGS
    while stack:
        node = stack.pop()
        if id(node) in seen:
            checker.fail(node, "", "anchors and aliases (&, *) are not allowed; write values out")
            return
        seen.add(id(node))
        if node.tag not in plain:
            checker.fail(node, "", f"YAML tags such as {node.tag!r} are not allowed")
        value = node.value
        if type(value) is list:
            for child in value:
                if type(child) is tuple:
                    stack += child
                else:
                    stack.append(child)


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


class _Checker:
    """Reads the node tree into the model, noting every problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, node: Node, field: str, message: str) -> None:
        self.problems.append(Problem(line=_line(node), field=field, message=message))

    # ── shapes ────────────────────────────────────────────────────────────────

    def mapping(
        self, node: Node, field: str, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> dict[str, Node] | None:
        from yaml.nodes import MappingNode, ScalarNode

        if not isinstance(node, MappingNode):
            what = field or "the file"
            self.fail(node, field, f"{what} must be a mapping of keys to values")
            return None
        fields: dict[str, Node] = {}
        known = set(required) | set(optional)
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                self.fail(key, field, "keys must be plain words")
                continue
            name = str(key.value)
            path = f"{field}.{name}" if field else name
            if name in fields:
                self.fail(key, path, f"duplicate key {name!r} (first at line {_line(fields[name])})")
            elif name not in known:
                self.fail(key, path, f"unknown field {name!r}; expected one of {', '.join(sorted(known))}")
            else:
                fields[name] = value
        for name in required:
            if name not in fields:
                path = f"{field}.{name}" if field else name
                self.fail(node, path, "required field is missing")
        return fields

    def sequence(self, node: Node, field: str) -> list[Node]:
        from yaml.nodes import SequenceNode

        if not isinstance(node, SequenceNode):
            self.fail(node, field, "must be a list")
            return []
        return list(node.value)

    def scalar(self, node: Node | None, field: str) -> str | None:
        from yaml.nodes import ScalarNode

        if node is None:
            return None
        if not isinstance(node, ScalarNode):
            self.fail(node, field, "must be a single value, not a list or mapping")
            return None
        text = str(node.value).strip()
        if not text:
            self.fail(node, field, "must not be empty")
            return None
        return text

    # ── typed fields ──────────────────────────────────────────────────────────

    def typed(
        self,
        fields: dict[str, Node],
        key: str,
        base: str,
        convert: Callable[[str], T | None],
        expected: str | Callable[[], str],
    ) -> T | None:
        node = fields.get(key)
        if node is None:
            return None
        # NOTE: the hot path of a large file; the key path and message are built only on failure.
        value = node.value
        if (
            type(value) is str
            and value
            and node.tag == _STR
            and not (value[0].isspace() or value[-1].isspace())
        ):
            converted = convert(value)
            if converted is not None:
                return converted
        field = f"{base}.{key}" if base else key
        text = self.scalar(node, field)
        if text is None:
            return None
        converted = convert(text)
        if converted is None:
            self.fail(node, field, f"{text!r} is not {expected if isinstance(expected, str) else expected()}")
        return converted

    def text(self, fields: dict[str, Node], key: str, base: str) -> str | None:
        return self.typed(fields, key, base, lambda t: t, "text")

    def decimal(self, fields: dict[str, Node], key: str, base: str) -> Decimal | None:
        return self.typed(
            fields,
            key,
            base,
            lambda t: Decimal(t) if _DECIMAL.match(t) else None,
            "a plain decimal number such as 2806.2 or -7.7 (no leading zeros, exponents or commas)",
        )

    def positive(self, fields: dict[str, Node], key: str, base: str) -> int | None:
        return self.typed(
            fields, key, base, lambda t: int(t) if _POSITIVE.match(t) else None, "a whole number from 1 up"
        )

    def choice(self, fields: dict[str, Node], key: str, base: str, enum: type[E]) -> E | None:
        values = _members(enum)
        return self.typed(
            fields, key, base, values.get, lambda: f"one of {', '.join(repr(v) for v in values)}"
        )

    def flag(self, fields: dict[str, Node], key: str, base: str) -> bool:
        value = self.typed(fields, key, base, {"true": True, "false": False}.get, "true or false")
        return bool(value)

    def ident(self, fields: dict[str, Node], key: str, base: str) -> str | None:
        return self.typed(
            fields,
            key,
            base,
            lambda t: t if _ID.match(t) and len(t) <= 64 else None,
            "a short lowercase ASCII id in kebab-case, such as raw-coal-output",
        )

    # ── the file ──────────────────────────────────────────────────────────────

    def dataset(self, root: Node, name: str) -> Dataset | None:
        top = self.mapping(root, "", TOP_FIELDS, ())
        if top is None:
            return None
        version = self.scalar(top.get("format"), "format")
        if version is not None and version != FORMAT_VERSION:
            self.fail(
                top["format"], "format", f"unsupported format {version!r}; this zzreport reads format 1"
            )
        report = self.report(top["report"]) if "report" in top else None
        sections = self.sections(top["sections"]) if "sections" in top else ()
        indicators = self.indicators(top["indicators"], sections, report) if "indicators" in top else ()
        if report is None or self.problems:
            return None
        return Dataset(
            path=name,
            report=report,
            sections=sections,
            indicators=indicators,
            labels=search_labels(indicators),
        )

    def report(self, node: Node) -> Report | None:
        names = REPORT_FIELDS
        f = self.mapping(node, "report", names, ())
        if f is None:
            return None
        rid = self.ident(f, "id", "report")
        year = self.typed(
            f, "year", "report", lambda t: int(t) if _YEAR.match(t) else None, "a year such as 2023"
        )
        delivered = self.typed(f, "delivered", "report", _date, "a date written YYYY-MM-DD")
        texts = {k: self.text(f, k, "report") for k in names if k not in ("id", "year", "delivered")}
        if rid is None or year is None or delivered is None or None in texts.values():
            return None
        return Report(
            id=ReportId(rid),
            year=year,
            delivered=delivered,
            region=_s(texts["region"]),
            region_en=_s(texts["region_en"]),
            province=_s(texts["province"]),
            province_en=_s(texts["province_en"]),
            title=_s(texts["title"]),
            title_en=_s(texts["title_en"]),
            source=_s(texts["source"]),
            source_en=_s(texts["source_en"]),
        )

    def sections(self, node: Node) -> tuple[Section, ...]:
        out: list[Section] = []
        seen: dict[str, int] = {}
        for i, item in enumerate(self.sequence(node, "sections")):
            base = f"sections[{i}]"
            f = self.mapping(item, base, SECTION_FIELDS, ())
            if f is None:
                continue
            sid, title, title_en = (
                self.ident(f, "id", base),
                self.text(f, "title", base),
                self.text(f, "title_en", base),
            )
            if sid is not None and sid in seen:
                self.fail(f["id"], f"{base}.id", f"duplicate section id {sid!r} (first at line {seen[sid]})")
            elif sid is not None:
                seen[sid] = _line(f["id"])
            if sid is not None and title is not None and title_en is not None:
                out.append(Section(id=SectionId(sid), title=title, title_en=title_en))
        if not out and not self.problems:
            self.fail(node, "sections", "a report needs at least one section")
        return tuple(out)

    def indicators(
        self, node: Node, sections: tuple[Section, ...], report: Report | None
    ) -> tuple[Indicator, ...]:
        known = {s.id for s in sections}
        out: list[Indicator] = []
        names: dict[str, tuple[str, int]] = {}
        ids: dict[str, int] = {}
        year = str(report.year) if report else ""
        for i, item in enumerate(self.sequence(node, "indicators")):
            ind = self.indicator(item, f"indicators[{i}]", known, year)
            if ind is None:
                continue
            if ind.id in ids:
                self.fail(
                    item, f"indicators[{i}].id", f"duplicate id {ind.id!r} (first at line {ids[ind.id]})"
                )
                continue
            ids[ind.id] = ind.line
            for label, path, at in self._names(ind, i, item):
                # NOTE: a label repeated within one record (GDP beside gdp) is harmless; across records
                # it would make look-ups ambiguous.
                key = label.casefold()
                if key in names and names[key][0] != ind.id:
                    other, line = names[key]
                    self.fail(at, path, f"{label!r} already names {other!r} (line {line})")
                names.setdefault(key, (ind.id, ind.line))
            out.append(ind)
        return tuple(out)

    @staticmethod
    def _names(ind: Indicator, i: int, node: Node) -> Iterator[tuple[str, str, Node]]:
        """Each label of a record, with its key path and node (records reaching here are well formed)."""
        base = f"indicators[{i}]"
        fields = {str(k.value): v for k, v in node.value}
        yield ind.id, f"{base}.id", fields["id"]
        yield ind.name, f"{base}.name", fields["name"]
        if ind.name_en.casefold() != ind.name.casefold():
            yield ind.name_en, f"{base}.name_en", fields["name_en"]
        for j, alias in enumerate(ind.aliases):
            yield alias, f"{base}.aliases[{j}]", fields["aliases"].value[j]

    def indicator(self, node: Node, base: str, sections: set[SectionId], year: str) -> Indicator | None:
        required, optional = INDICATOR_REQUIRED, INDICATOR_OPTIONAL
        before = len(self.problems)
        f = self.mapping(node, base, required, optional)
        if f is None:
            return None
        iid = self.ident(f, "id", base)
        kind = self.choice(f, "kind", base, Kind) or Kind.FIGURE
        section = self.typed(
            f, "section", base, lambda t: t if t in sections else None, "a section id listed under sections"
        )
        aliases = (
            tuple(
                t
                for t in (
                    self.scalar(n, f"{base}.aliases[{j}]")
                    for j, n in enumerate(self.sequence(f["aliases"], f"{base}.aliases"))
                )
                if t
            )
            if "aliases" in f
            else ()
        )
        also_at = (
            tuple(
                self.location(n, f"{base}.also_at[{j}]", sections)
                for j, n in enumerate(self.sequence(f["also_at"], f"{base}.also_at"))
            )
            if "also_at" in f
            else ()
        )
        unit = self.typed(
            f, "unit", base, lambda t: t if t in UNITS else None, f"a known unit ({' '.join(UNITS)})"
        )
        comparisons = (
            tuple(
                self.comparison(n, f"{base}.comparisons[{j}]")
                for j, n in enumerate(self.sequence(f["comparisons"], f"{base}.comparisons"))
            )
            if "comparisons" in f
            else ()
        )
        ind = Indicator(
            id=IndicatorId(iid or ""),
            kind=kind,
            name=self.text(f, "name", base) or "",
            name_en=self.text(f, "name_en", base) or "",
            aliases=aliases,
            section=SectionId(section or ""),
            item=self.positive(f, "item", base) or 0,
            also_at=tuple(a for a in also_at if a is not None),
            period=self.typed(f, "period", base, _period, "a year (2023) or a span (2021-2023)") or year,
            value=self.decimal(f, "value", base),
            unit=unit,
            written=self.text(f, "written", base),
            qualifier=self.choice(f, "qualifier", base, Qualifier),
            change=self.decimal(f, "change", base),
            change_unit=self.choice(f, "change_unit", base, ChangeUnit),
            rank=self.positive(f, "rank", base),
            rank_scope=self.choice(f, "rank_scope", base, Scope),
            rank_sole=self.flag(f, "rank_sole", base),
            rank_of=self.text(f, "rank_of", base),
            rank_of_en=self.text(f, "rank_of_en", base),
            comparisons=tuple(c for c in comparisons if c is not None),
            polarity=self.choice(f, "polarity", base, Polarity),
            note=self.text(f, "note", base),
            line=_line(node),
        )
        self.consistency(ind, f, node, base)
        if len(self.problems) > before:
            return None
        return ind

    def consistency(self, ind: Indicator, f: dict[str, Node], node: Node, base: str) -> None:
        """Rules that tie fields together."""

        def pair(a: str, b: str) -> None:
            if (a in f) != (b in f):
                have, missing = (a, b) if a in f else (b, a)
                self.fail(f[have], f"{base}.{missing}", f"{have} is given, so {missing} is required")

        pair("value", "unit")
        pair("change", "change_unit")
        pair("rank", "rank_scope")
        if ind.rank_sole and ind.rank not in (None, 1):
            self.fail(f["rank_sole"], f"{base}.rank_sole", "the only one of its kind must have rank 1")
        if ind.kind is Kind.HONOUR:
            for key in ("value", "unit", "change", "change_unit", "qualifier"):
                if key in f:
                    self.fail(f[key], f"{base}.{key}", "an honour carries no number; make it a figure")
            return
        for key in ("qualifier", "written"):
            if key in f and "value" not in f:
                self.fail(f[key], f"{base}.{key}", f"{key} needs a value")
        if not any(k in f for k in ("value", "change", "rank", "comparisons")):
            self.fail(node, base, "a figure needs a value, a change, a rank or a comparison")

    def location(self, node: Node, field: str, sections: set[SectionId]) -> Location | None:
        text = self.scalar(node, field)
        if text is None:
            return None
        section, _, item = text.partition("/")
        if section not in sections or not _POSITIVE.match(item):
            self.fail(node, field, f"{text!r} is not section/item, such as projects/5, with a known section")
            return None
        return Location(section=SectionId(section), item=int(item))

    def comparison(self, node: Node, base: str) -> Comparison | None:
        f = self.mapping(node, base, COMPARISON_REQUIRED, COMPARISON_OPTIONAL)
        if f is None:
            return None
        relation = self.choice(f, "relation", base, Relation)
        benchmark = self.choice(f, "benchmark", base, Benchmark)
        gap = self.decimal(f, "gap", base)
        gap_unit = self.choice(f, "gap_unit", base, ChangeUnit)
        if ("gap" in f) != ("gap_unit" in f):
            self.fail(node, base, "gap and gap_unit go together")
        if gap is not None and gap < 0:
            self.fail(f["gap"], f"{base}.gap", "gap is a distance: write it without a sign")
        if relation is None or benchmark is None:
            return None
        return Comparison(
            relation=relation,
            benchmark=benchmark,
            gap=gap,
            gap_unit=gap_unit,
            of=self.text(f, "of", base),
            of_en=self.text(f, "of_en", base),
            note=self.text(f, "note", base),
            note_en=self.text(f, "note_en", base),
        )


def _s(value: str | None) -> str:
    assert value is not None  # noqa: S101 - callers checked for None
    return value


def _date(text: str) -> dt.date | None:
    if not _DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _period(text: str) -> str | None:
    m = _PERIOD.match(text)
    if m is None or (m.group(2) is not None and m.group(2) <= m.group(1)):
        return None
    return text
