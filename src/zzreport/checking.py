"""Checking a report file and building the model from it: every problem noted with its line and
key path, none stopping the rest.

``loading`` reads the file into YAML nodes; the checker (``_Checker``) types each field as the
model says (``zzreport.fields``), checks the rules that tie fields together (``consistency``) and
records against each other (``_Records``), and builds the ``Dataset``. The shapes of typed text and
the keys of each mapping are here too, shared with the JSON Schema (``zzreport.schema``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from enum import StrEnum
from functools import cache, lru_cache
from typing import Protocol

from zzreport import fields
from zzreport.errors import Problem
from zzreport.match import compact, spaced
from zzreport.model import (
    Aim,
    Comparison,
    Dataset,
    Indicator,
    Kind,
    Location,
    Omission,
    Report,
    Section,
    SectionId,
    Target,
)
from zzreport.query import labels as names_of
from zzreport.query import search_labels
from zzreport.units import counts, is_unit

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from typing import TypeVar

    from yaml.nodes import Node

    E = TypeVar("E", bound=StrEnum)
    T = TypeVar("T")


FORMAT_VERSION = "1"


# the shapes of typed text, unanchored, shared with the JSON Schema (``zzreport.schema``).
ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ID_MAX = 64
"""The longest id, in characters: ids are typed and fill a table column."""
DECIMAL_PATTERN = r"[+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?"
POSITIVE_PATTERN = r"[1-9][0-9]*"
YEAR_PATTERN = r"[12][0-9]{3}"
CODE_PATTERN = r"[1-9][0-9]{5}"
PERIOD_PATTERN = r"([12][0-9]{3})(?:-([12][0-9]{3}))?"
DATE_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_ID = re.compile(ID_PATTERN + r"\Z")
_DECIMAL = re.compile(DECIMAL_PATTERN + r"\Z")
_POSITIVE = re.compile(POSITIVE_PATTERN + r"\Z")
_YEAR = re.compile(YEAR_PATTERN + r"\Z")
_CODE = re.compile(CODE_PATTERN + r"\Z")
_PERIOD = re.compile(PERIOD_PATTERN + r"\Z")
_DATE = re.compile(DATE_PATTERN + r"\Z")

# The keys of each mapping, from the model (see ``zzreport.fields``).
TOP_FIELDS = ("format", "report", "sections", "indicators")
TOP_OPTIONAL = ("targets", "omitted")
REPORT_FIELDS = fields.required(Report)
REPORT_OPTIONAL = fields.optional(Report)
SECTION_FIELDS = fields.required(Section)
SECTION_OPTIONAL = fields.optional(Section)
INDICATOR_REQUIRED = fields.required(Indicator)
INDICATOR_OPTIONAL = fields.optional(Indicator)
COMPARISON_REQUIRED = fields.required(Comparison)
COMPARISON_OPTIONAL = fields.optional(Comparison)
TARGET_REQUIRED = fields.required(Target)
TARGET_OPTIONAL = fields.optional(Target)
OMISSION_REQUIRED = fields.required(Omission)
OMISSION_OPTIONAL = fields.optional(Omission)
_PLACEHOLDER: dict[str, object] = {
    f.name: 0 if f.read == "positive" else "" for f in fields.of(Indicator) if f.required
}
"""What stands for a required field that could not be read, in a record that is then dropped."""
_STR = "tag:yaml.org,2002:str"


@cache
def _specs(cls: type) -> dict[str, fields.Field]:
    return {f.name: f for f in fields.of(cls)}


@cache
def _known(required: tuple[str, ...], optional: tuple[str, ...]) -> frozenset[str]:
    return frozenset(required) | frozenset(optional)


@cache
def _members(enum: type[E]) -> dict[str, E]:
    return {e.value: e for e in enum}


class Adder(Protocol):
    """Takes the checked indicators of one report, one at a time, each with the look-up forms of its
    id, names and aliases (``query.search_label``), and those forms compacted (``match.compact``)."""

    def add(self, ind: Indicator, names: tuple[str, ...], keys: tuple[str, ...]) -> None: ...


Sink = Callable[[Report, tuple[Section, ...]], Adder]
"""Where ``parse`` hands each checked indicator instead of keeping it, given the report's metadata
and sections (known before any indicator)."""


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _own_english(ind: Indicator) -> bool:
    """Whether a record has an English name of its own to check for clashes: one given in the file
    (drafts have none) that is not its Chinese name again."""
    return bool(ind.name_en) and ind.name_en.casefold() != ind.name.casefold()


def _placed(ind: Indicator) -> tuple[object, ...]:
    """Where a record's rank places it: position or band, scope and ranking."""
    return (ind.rank, ind.rank_top, ind.rank_scope, ind.rank_list)


class _Records:
    """The indicators of a file, checked one by one as they come, and against each other; each
    good one is kept, or handed to the checker's sink and dropped."""

    def __init__(self, checker: _Checker, sections: tuple[Section, ...], report: Report | None) -> None:
        self.checker = checker
        self.sink = checker.sink(report, sections) if checker.sink and report else None
        self.known = {s.id for s in sections}
        self.year = str(report.year) if report else ""
        self.out: list[Indicator] = []
        self.names: dict[str, tuple[str, int]] = {}
        self.ids: dict[str, int] = {}
        self.references: list[tuple[Indicator, Node, int]] = []
        """Records naming others (``rank_with``), checked once every id is known."""
        self.ranked: dict[str, Indicator] = {}
        """The records that hold a rank, by id (few: kept even when the records go to a sink)."""
        known = frozenset(self.known)
        specs = _specs(Indicator)
        self.required = frozenset(INDICATOR_REQUIRED)
        self.readers = {
            key: read for key, spec in specs.items() if (read := _plain_reader(spec, known)) is not None
        }
        """How ``quick`` reads each field given as one well-formed scalar: as ``_Checker.read`` does."""
        self.item_readers = {
            key: read for key, spec in specs.items() if (read := _item_reader(spec, known)) is not None
        }
        """How ``quick`` reads each item of a list field given as a list of well-formed scalars."""

    def add(self, item: Node, i: int) -> None:
        """Check the record ``item``, the ``i``-th of the list."""
        ind = self.checker.indicator(item, f"indicators[{i}]", self.known, self.year)
        if ind is not None:
            self._accept(ind, lambda: item, i)

    def quick(
        self,
        start: Node,
        f: dict[str, Node],
        i: int,
        node: Callable[[], Node],
        lists: dict[str, list[Node]] | None = None,
    ) -> bool:
        """Check the ``i``-th record the quick way when it is a mapping of plain scalars, and say
        whether it was: False leaves no trace, and the caller then composes the record's ``node``
        and ``add``s it. Only a record that every reading accepts at once is taken here, so the
        checker's messages are its own.

        NOTE: ``start`` and the values of ``f`` are libyaml's events (the mapping's start, each
        key's value), not nodes: an event carries the ``start_mark`` and ``value`` of the node it
        would make, which is all that is read of them here. A field given as a list of scalars has
        its list's start in ``f`` and the items' events in ``lists``."""
        readers = self.readers
        if not self.required <= f.keys():
            return False
        values: dict[str, object] = {}
        for key, event in f.items():
            if lists and key in lists:
                items = self._items(key, lists[key])
                if items is None:
                    return False
                values[key] = items
                continue
            read = readers.get(key)
            value = None if read is None else _read_bare(read, event.value)
            if value is None:
                return False
            values[key] = value
        checker = self.checker
        values.setdefault("period", self.year)
        ind = Indicator(**values, line=_line(start))  # type: ignore[arg-type]  # every required field is read
        before = len(checker.problems)
        base = f"indicators[{i}]"
        checker.consistency(ind, f, start, base)
        if "period" in f and self.year:
            checker.period_end(ind.period, self.year, f["period"], f"{base}.period")
        if len(checker.problems) > before:
            del checker.problems[before:]
            return False
        self._accept(ind, node, i)
        return True

    def _items(self, key: str, items: list[Node]) -> tuple[object, ...] | None:
        """The items of the list field ``key`` read the quick way, or None when one is not read so."""
        read = self.item_readers.get(key)
        if read is None:
            return None
        out = []
        for event in items:
            value = _read_bare(read, event.value)
            if value is None:
                return None
            out.append(value)
        return tuple(out)

    def _accept(self, ind: Indicator, node: Callable[[], Node], i: int) -> None:
        """Check a well-formed record against the others (``node`` makes its node, needed only
        to say where a problem is)."""
        checker = self.checker
        if ind.id in self.ids:
            first = self.ids[ind.id]
            checker.fail(node(), f"indicators[{i}].id", f"duplicate id {ind.id!r} (first at line {first})")
            return
        self.ids[ind.id] = ind.line
        if ind.rank_with:
            self.references.append((ind, node(), i))
        if ind.rank is not None or ind.rank_top is not None:
            self.ranked[ind.id] = ind
        names = self.names
        # The look-up forms of the record's names, made once: for the clash check here and for the
        # store's search labels (``query.search_label``).
        labels = tuple(map(spaced, names_of(ind)))
        found = tuple(map(compact, labels))
        checked = [0, 1] + ([2] if _own_english(ind) else [])
        checked += range(3, len(found))
        for k, j in enumerate(checked):
            # A label repeated within one record (GDP beside gdp) is harmless; across records it
            # would make look-ups ambiguous. Labels are compared as look-ups compare them (Grain_Output
            # names grain-output), so a file that validates never answers "ambiguous".
            key = found[j]
            prior = names.get(key)
            if not key:
                if j >= 3:  # an alias exists only to be looked up by
                    _, path, at = list(checker._names(ind, i, node()))[k]
                    checker.fail(
                        at, path, f"{(ind.aliases[j - 3])!r} has no letter or digit to look it up by"
                    )
            elif prior is None:
                names[key] = (ind.id, ind.line)
            elif prior[0] != ind.id:
                _, path, at = list(checker._names(ind, i, node()))[k]
                label = names_of(ind)[j]
                checker.fail(at, path, f"{label!r} already names {prior[0]!r} (line {prior[1]})")
        if self.sink is None:
            self.out.append(ind)
        elif not checker.problems:
            self.sink.add(ind, labels, found)

    def result(self) -> tuple[Indicator, ...]:
        """Every good record, in file order, once the ids records name are known to exist."""
        for ind, item, i in self.references:
            field = f"indicators[{i}].rank_with"
            for k, other in enumerate(ind.rank_with):
                problem = ""
                if other in ind.rank_with[:k]:
                    problem = f"{other!r} is named twice"
                elif other not in self.ids:
                    problem = f"{other!r} is no record of this file"
                elif other not in self.ranked:
                    problem = f"{other!r} has no rank: one rank for several records stands on each"
                elif _placed(self.ranked[other]) != _placed(ind):
                    problem = (
                        f"{other!r} holds another rank: one rank for several records is the same on each"
                    )
                elif ind.id not in self.ranked[other].rank_with:
                    problem = f"{other!r} does not name {ind.id!r} back in its rank_with"
                if problem:
                    self.checker.fail(item, field, problem)
        return tuple(self.out)


class _Checker:
    """Reads the node tree into the model, noting every problem instead of stopping at the first."""

    def __init__(self, sink: Sink | None = None) -> None:
        self.problems: list[Problem] = []
        self.sink = sink
        self._memo: dict[int, object] = {}

    def fail(self, node: Node, field: str, message: str) -> None:
        self.problems.append(Problem(line=_line(node), field=field, message=message))

    # ── shapes ────────────────────────────────────────────────────────────────

    def mapping(
        self, node: Node, field: str, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> dict[str, Node] | None:
        if getattr(node, "id", None) != "mapping":
            what = field or "the file"
            self.fail(node, field, f"{what} must be a mapping of keys to values")
            return None
        fields: dict[str, Node] = {}
        known = _known(required, optional)
        for key, value in node.value:
            if getattr(key, "id", None) != "scalar":
                self.fail(key, field, "keys must be plain words")
                continue
            name = str(key.value)
            if name in known and name not in fields:
                fields[name] = value
                continue
            path = f"{field}.{name}" if field else name
            if name in fields:
                self.fail(key, path, f"duplicate key {name!r} (first at line {_line(fields[name])})")
            else:
                self.fail(key, path, f"unknown field {name!r}; expected one of {', '.join(sorted(known))}")
        for name in required:
            if name not in fields:
                path = f"{field}.{name}" if field else name
                self.fail(node, path, "required field is missing")
        return fields

    def sequence(self, node: Node, field: str) -> list[Node]:
        if getattr(node, "id", None) != "sequence":
            self.fail(node, field, "must be a list")
            return []
        return list(node.value)

    def scalar(self, node: Node | None, field: str) -> str | None:
        if node is None:
            return None
        if getattr(node, "id", None) != "scalar":
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
        # The hot path of a large file; the key path and message are built only on failure.
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
        return self.typed(fields, key, base, _text, "text")

    def decimal(self, fields: dict[str, Node], key: str, base: str) -> Decimal | None:
        return self.typed(
            fields,
            key,
            base,
            _decimal,
            "a plain decimal number such as 2806.2 or -7.7 (no leading zeros, exponents or commas)",
        )

    def positive(self, fields: dict[str, Node], key: str, base: str) -> int | None:
        return self.typed(fields, key, base, _whole_number, f"a whole number from 1 up to {_LARGEST_WHOLE}")

    def choice(self, fields: dict[str, Node], key: str, base: str, enum: type[E]) -> E | None:
        values = _members(enum)
        return self.typed(
            fields, key, base, values.get, lambda: f"one of {', '.join(repr(v) for v in values)}"
        )

    def flag(self, fields: dict[str, Node], key: str, base: str) -> bool:
        value = self.typed(fields, key, base, _FLAGS.get, "true or false")
        return bool(value)

    def ident(self, fields: dict[str, Node], key: str, base: str) -> str | None:
        return self.typed(
            fields,
            key,
            base,
            _ident,
            f"a short lowercase ASCII id in kebab-case (up to {ID_MAX} characters) such as raw-coal-output",
        )

    # ── the file ──────────────────────────────────────────────────────────────

    def dataset(self, root: Node, name: str, streamed: _Records | None = None) -> Dataset | None:
        top = self.mapping(root, "", TOP_FIELDS, TOP_OPTIONAL)
        if top is None:
            return None
        version = self.scalar(top.get("format"), "format")
        if version is not None and version != FORMAT_VERSION:
            self.fail(
                top["format"], "format", f"unsupported format {version!r}; this zzreport reads format 1"
            )
        report = self.report(top["report"]) if "report" in top else None
        sections = self.sections(top["sections"]) if "sections" in top else ()
        if streamed is not None:
            indicators = streamed.result()
        else:
            indicators = self.indicators(top["indicators"], sections, report) if "indicators" in top else ()
        targets = self.targets(top["targets"]) if "targets" in top else ()
        omitted = self.omitted(top["omitted"]) if "omitted" in top else ()
        if report is None or self.problems:
            return None
        return Dataset(
            path=name,
            report=report,
            sections=sections,
            indicators=indicators,
            labels=search_labels(indicators, frozenset(t.measure for t in targets if t.measure)),
            targets=targets,
            omitted=omitted,
        )

    def omitted(self, node: Node) -> tuple[Omission, ...]:
        """The numbers of the text the file leaves out on purpose."""
        listed = self._listed(node, "omitted", Omission, OMISSION_REQUIRED, OMISSION_OPTIONAL)
        return tuple(
            Omission(**values)  # type: ignore[arg-type]
            for _, _, _, values, _ in listed
            if all(k in values for k in OMISSION_REQUIRED)
        )

    def _listed(
        self, node: Node, key: str, cls: type, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> Iterator[tuple[str, Node, dict[str, Node], dict[str, object], int]]:
        """Each mapping of the list ``key`` with its path, node, fields and typed values, and the count
        of problems before it was read; ids (where the mappings have them) unique among them."""
        seen: dict[str, int] = {}
        for i, item in enumerate(self.sequence(node, key)):
            base = f"{key}[{i}]"
            before = len(self.problems)
            f = self.mapping(item, base, required, optional)
            if f is None:
                continue
            values = self.fields_of(cls, f, base, frozenset(), "")
            ident = values.get("id")
            if isinstance(ident, str) and ident in seen:
                what = {"sections": "section", "targets": "target"}.get(key, key)
                self.fail(
                    f["id"], f"{base}.id", f"duplicate {what} id {ident!r} (first at line {seen[ident]})"
                )
            elif isinstance(ident, str):
                seen[ident] = _line(f["id"])
            yield base, item, f, values, before

    def targets(self, node: Node) -> tuple[Target, ...]:
        """The targets a file sets, each checked on its own and their ids against each other."""
        out: list[Target] = []
        for base, item, f, values, before in self._listed(
            node, "targets", Target, TARGET_REQUIRED, TARGET_OPTIONAL
        ):
            self.target_rules(values, f, item, base)
            if len(self.problems) == before and all(k in values for k in TARGET_REQUIRED):
                out.append(Target(**values, line=_line(item)))  # type: ignore[arg-type]
        return tuple(out)

    def target_rules(self, values: dict[str, object], f: dict[str, Node], node: Node, base: str) -> None:
        """A number goes with its unit and with what it sets (a change or a level); a change is in
        % or pp; a target without a number is words (``written``)."""
        for a, b in (("value", "unit"), ("value", "aim")):
            if (a in f) != (b in f):
                have, missing = (a, b) if a in f else (b, a)
                self.fail(f[have], f"{base}.{missing}", f"{have} is given, so {missing} is required")
        if values.get("aim") is Aim.CHANGE and values.get("unit") not in (None, "%", "pp"):
            self.fail(f["unit"], f"{base}.unit", 'a change is set in "%" or pp (个百分点)')
        if "bound" in f and "value" not in f:
            self.fail(f["bound"], f"{base}.bound", "bound needs a value")
        if "value" not in f and "written" not in f:
            self.fail(node, base, "a target needs a value (with aim and unit) or its words in written")

    def report(self, node: Node) -> Report | None:
        """The report's metadata (checked once per node, however often asked)."""
        if id(node) in self._memo:
            return self._memo[id(node)]  # type: ignore[return-value]
        self._memo[id(node)] = found = self._report(node)
        return found

    def _report(self, node: Node) -> Report | None:
        f = self.mapping(node, "report", REPORT_FIELDS, REPORT_OPTIONAL)
        if f is None:
            return None
        values = self.fields_of(Report, f, "report", frozenset(), "")
        return Report(**values) if all(k in values for k in REPORT_FIELDS) else None  # type: ignore[arg-type]

    def sections(self, node: Node) -> tuple[Section, ...]:
        """The report's sections (checked once per node, however often asked)."""
        if id(node) in self._memo:
            return self._memo[id(node)]  # type: ignore[return-value]
        self._memo[id(node)] = found = self._sections(node)
        return found

    def _sections(self, node: Node) -> tuple[Section, ...]:
        out: list[Section] = []
        for _, _, _, values, _ in self._listed(node, "sections", Section, SECTION_FIELDS, SECTION_OPTIONAL):
            if all(name in values for name in SECTION_FIELDS):
                out.append(Section(**values))  # type: ignore[arg-type]
        if not out and not self.problems:
            self.fail(node, "sections", "a report needs at least one section")
        return tuple(out)

    def indicators(
        self, node: Node, sections: tuple[Section, ...], report: Report | None
    ) -> tuple[Indicator, ...]:
        records = _Records(self, sections, report)
        for i, item in enumerate(self.sequence(node, "indicators")):
            records.add(item, i)
        return records.result()

    @staticmethod
    def _names(ind: Indicator, i: int, node: Node) -> Iterator[tuple[str, str, Node]]:
        """Each label of a record, with its key path and node (records reaching here are well formed)."""
        base = f"indicators[{i}]"
        fields = {str(k.value): v for k, v in node.value}
        yield ind.id, f"{base}.id", fields["id"]
        yield ind.name, f"{base}.name", fields["name"]
        if _own_english(ind):
            yield ind.name_en, f"{base}.name_en", fields["name_en"]
        for j, alias in enumerate(ind.aliases):
            yield alias, f"{base}.aliases[{j}]", fields["aliases"].value[j]

    def indicator(self, node: Node, base: str, sections: set[SectionId], year: str) -> Indicator | None:
        before = len(self.problems)
        f = self.mapping(node, base, INDICATOR_REQUIRED, INDICATOR_OPTIONAL)
        if f is None:
            return None
        values = self.fields_of(Indicator, f, base, frozenset(sections), year)
        values.setdefault("period", year)
        ind = Indicator(**{**_PLACEHOLDER, **values}, line=_line(node))  # type: ignore[arg-type]
        self.consistency(ind, f, node, base)
        if "period" in f and year:  # a period that could not be read stands at the year, and passes
            self.period_end(ind.period, year, f["period"], f"{base}.period")
        if len(self.problems) > before:
            return None
        return ind

    def fields_of(
        self, cls: type, f: dict[str, Node], base: str, sections: frozenset[str], year: str
    ) -> dict[str, object]:
        """The typed value of every field of ``cls`` present in ``f`` and readable, by name. Only the
        fields present are read: a large file has many records and most fields of each are absent."""
        values: dict[str, object] = {}
        specs = _specs(cls)
        for key in f:  # the mapping holds known keys only
            value = self.read(specs[key], f, base, sections)
            if value is not None:
                values[key] = value
        return values

    def read(self, spec: fields.Field, f: dict[str, Node], base: str, sections: frozenset[str]) -> object:  # noqa: PLR0911, PLR0912 - one reading per case
        """One field's typed value, or None (with the problem noted) when it cannot be read."""
        key = spec.name
        match spec.read:
            case "text":
                return self.text(f, key, base)
            case "ident":
                return self.ident(f, key, base)
            case "decimal" | "gap":
                return self.decimal(f, key, base)
            case "positive":
                return self.positive(f, key, base)
            case "flag":
                return self.flag(f, key, base)
            case "choice":
                assert spec.enum is not None  # noqa: S101 - set for every choice
                return self.choice(f, key, base, spec.enum)
            case "section":
                return self.typed(
                    f, key, base, lambda t: t if t in sections else None, "a section id listed under sections"
                )
            case "unit":
                return self.typed(
                    f, key, base, _unit, "a unit of 1 to 12 characters without digits or spaces (亿元, %, 户)"
                )
            case "period":
                text = str(f[key].value).strip() if key in f else ""
                return self.typed(f, key, base, _period, lambda: _period_expected(text))
            case "code":
                return self.typed(
                    f, key, base, _code, "a 6-digit administrative division code such as 140400"
                )
            case "year":
                return self.typed(f, key, base, _year, "a year such as 2023")
            case "date":
                return self.typed(f, key, base, _date, "a date written YYYY-MM-DD")
            case "idents":
                items = self.sequence(f[key], f"{base}.{key}")
                keys = {f"{key}[{j}]": n for j, n in enumerate(items)}
                return tuple(t for k in keys if (t := self.ident(keys, k, base)))
            case "texts":
                items = self.sequence(f[key], f"{base}.{key}")
                return tuple(t for j, n in enumerate(items) if (t := self.scalar(n, f"{base}.{key}[{j}]")))
            case "locations":
                items = self.sequence(f[key], f"{base}.{key}")
                found = (self.location(n, f"{base}.{key}[{j}]", sections) for j, n in enumerate(items))
                return tuple(a for a in found if a is not None)
            case "comparisons":
                items = self.sequence(f[key], f"{base}.{key}")
                made = (self.comparison(n, f"{base}.{key}[{j}]") for j, n in enumerate(items))
                return tuple(c for c in made if c is not None)
        raise AssertionError(spec.read)

    def consistency(self, ind: Indicator, f: dict[str, Node], node: Node, base: str) -> None:
        """Rules that tie fields together."""

        def pair(a: str, b: str) -> None:
            if (a in f) != (b in f):
                have, missing = (a, b) if a in f else (b, a)
                self.fail(f[have], f"{base}.{missing}", f"{have} is given, so {missing} is required")

        pair("value", "unit")
        pair("change", "change_unit")
        self.rank(ind, f, base)
        if ind.kind is Kind.HONOUR:
            for key in ("value", "unit", "change", "change_unit", "qualifier", "counts_en"):
                if key in f:
                    self.fail(f[key], f"{base}.{key}", "an honour carries no number; make it a figure")
            return
        for key in ("qualifier", "written", "counts_en"):
            if key in f and "value" not in f:
                self.fail(f[key], f"{base}.{key}", f"{key} needs a value")
        if "counts_en" in f and ind.unit is not None and not counts(ind.unit):
            self.fail(f["counts_en"], f"{base}.counts_en", f"{ind.unit} does not count things (户, 人, 个 …)")
        if not any(k in f for k in ("value", "change", "rank", "rank_top", "rank_sole", "comparisons")):
            self.fail(node, base, "a figure needs a value, a change, a rank or a comparison")

    def rank(self, ind: Indicator, f: dict[str, Node], base: str) -> None:
        """A rank is a position (``rank``) or a band (``rank_top``), taken in a scope, a named list
        or both; what qualifies a rank needs one."""
        if "rank" in f and "rank_top" in f:
            self.fail(
                f["rank_top"],
                f"{base}.rank_top",
                "give rank (a position) or rank_top (within the top N), not both",
            )
        placed = "rank" in f or "rank_top" in f or "rank_sole" in f
        if placed and "rank_scope" not in f and "rank_list" not in f:
            have = next(k for k in ("rank", "rank_top", "rank_sole") if k in f)
            self.fail(
                f[have], f"{base}.rank_scope", f"{have} is given, so rank_scope or rank_list is required"
            )
        for key in ("rank_scope", "rank_list", "rank_list_en", "rank_of", "rank_of_en", "rank_with"):
            if key in f and not placed:
                self.fail(
                    f[key], f"{base}.{key}", f"{key} qualifies a rank: give rank, rank_top or rank_sole"
                )
        if "rank_list_en" in f and "rank_list" not in f:
            self.fail(f["rank_list_en"], f"{base}.rank_list_en", "rank_list_en needs rank_list")
        if ind.rank_sole and ind.rank != 1:
            self.fail(f["rank_sole"], f"{base}.rank_sole", "the only one of its kind has rank: 1")
        if ind.id in ind.rank_with:
            self.fail(
                f["rank_with"], f"{base}.rank_with", f"{ind.id!r} is the record itself: list the others"
            )

    def period_end(self, period: str, year: str, node: Node, field: str) -> None:
        """A period is the span of a figure the report reviews, so it ends in the year reviewed: a
        later end is no review, and an earlier one would set the figure against the wrong years when
        ``compare --across`` follows it from report to report."""
        start, _, end = period.partition("-")
        end = end or start
        if end == year:
            return
        if end > year:
            example = f"{int(year) - 2}-{year}"
            where = f"after {year}, the year the report reviews"
        else:
            example = f"{start}-{year}"
            where = f"before {year}, the year the report reviews"
        self.fail(
            node,
            field,
            f"{period!r} ends in {end}, {where}: a period is the span of a figure up to that year, "
            f"such as {example} (leave it out for {year} alone)",
        )

    def location(self, node: Node, field: str, sections: frozenset[str]) -> Location | None:
        text = self.scalar(node, field)
        if text is None:
            return None
        found = _location(text, sections)
        if found is None:
            self.fail(node, field, f"{text!r} is not section/item, such as projects/5, with a known section")
        return found

    def comparison(self, node: Node, base: str) -> Comparison | None:
        f = self.mapping(node, base, COMPARISON_REQUIRED, COMPARISON_OPTIONAL)
        if f is None:
            return None
        values = self.fields_of(Comparison, f, base, frozenset(), "")
        if ("gap" in f) != ("gap_unit" in f):
            self.fail(node, base, "gap and gap_unit go together")
        gap = values.get("gap")
        if isinstance(gap, Decimal) and gap < 0:
            self.fail(f["gap"], f"{base}.gap", "gap is a distance: write it without a sign")
        if "relation" not in values or "benchmark" not in values:
            return None
        return Comparison(**values)  # type: ignore[arg-type]


def _code(text: str) -> str | None:
    return text if _CODE.match(text) else None


def _text(text: str) -> str:
    return text


def _decimal(text: str) -> Decimal | None:
    return Decimal(text) if _DECIMAL.match(text) else None


def _ident(text: str) -> str | None:
    return text if _ID.match(text) and len(text) <= ID_MAX else None


_FLAGS = {"true": True, "false": False}


def _plain_reader(spec: fields.Field, sections: frozenset[str]) -> Callable[[str], object] | None:  # noqa: PLR0911 - one reading per case
    """How ``_Checker.read`` converts a field's scalar once it is known to be text with no space at
    either end (``typed``'s own quick way), or None for a list or mapping field."""
    match spec.read:
        case "text":
            return _text
        case "ident":
            return _ident
        case "decimal" | "gap":
            return _decimal
        case "positive":
            return _whole_number
        case "flag":
            return _FLAGS.get
        case "choice":
            assert spec.enum is not None  # noqa: S101 - set for every choice
            return _members(spec.enum).get
        case "section":
            return lambda t: t if t in sections else None
        case "unit":
            return _unit
        case "period":
            return _period
        case "code":
            return _code
        case "year":
            return _year
        case "date":
            return _date
    return None


def _read_bare(read: Callable[[str], object], text: str) -> object:
    """``read`` of a scalar's text that is not empty and has no space at either end (the quick way's
    own reading: the checker strips such text first, and says so when nothing is left), else None."""
    if not text or text[0].isspace() or text[-1].isspace():
        return None
    return read(text)


def _item_reader(spec: fields.Field, sections: frozenset[str]) -> Callable[[str], object] | None:
    """How ``_Checker.read`` reads each item of a list field once the item is known to be text with
    no space at either end, or None for a field that is not a list of scalars."""
    match spec.read:
        case "texts":
            return _text
        case "idents":
            return _ident
        case "locations":
            return lambda t: _location(t, sections)
    return None


def _location(text: str, sections: frozenset[str]) -> Location | None:
    """``section/item`` with a known section, as ``_Checker.location`` reads it; None otherwise."""
    section, _, item = text.partition("/")
    number = _whole_number(item)
    if section not in sections or number is None:
        return None
    return Location(section=SectionId(section), item=number)


_LARGEST_WHOLE = 10**15 - 1
"""The largest whole number a report file may give (an item, a rank): far above any real one, below
2^53 so that every JSON reader keeps it exactly, and short of Python's limit on converting long
digit strings, which would otherwise end the load with a traceback."""


_WHOLE_DIGITS = len(str(_LARGEST_WHOLE))


def _whole_number(text: str) -> int | None:
    return int(text) if len(text) <= _WHOLE_DIGITS and _POSITIVE.match(text) else None


def _year(text: str) -> int | None:
    return int(text) if _YEAR.match(text) else None


@lru_cache(maxsize=256)  # a large file names a few units a great many times
def _unit(text: str) -> str | None:
    return text if is_unit(text) else None


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


def _period_expected(text: str) -> str:
    """What a period should have been, naming a span that runs backwards or stands still."""
    m = _PERIOD.match(text)
    if m is not None and m.group(2) is not None and m.group(2) < m.group(1):
        return f"a year or a span: it runs backwards; write the earlier year first ({m[2]}-{m[1]})"
    if m is not None and m.group(2) == m.group(1):
        return f"a span: it is one year; write {m[1]}"
    return "a year (2023) or a span (2021-2023)"
