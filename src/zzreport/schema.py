"""The JSON Schema of the report file format, built from the model's fields (``zzreport.fields``)
and the loader's patterns.

Editors with yaml-language-server use it to complete and check report files. It accepts what an
editor's YAML 1.2 parser sees (``2806.2`` as a number) and what zzreport's loader sees (every scalar
as text). On the text it refuses every shape the loader refuses (``1e3``, ``0x1F``, ``1.0`` as an
item, a 65-character id, a span that runs backwards, 30 February); a parser that has already turned
``0x1F`` into 31 leaves nothing to tell it from 31, so there ``zzreport validate`` has the last word.
Rules across fields and records (unique ids, section references, field pairs, a period ending in the
report's year) are the loader's alone. ``tests/test_schema_agrees.py`` holds the two together on the
examples listed in docs/data-format.md.
"""

from __future__ import annotations

from enum import StrEnum

from zzreport import checking as ld
from zzreport import fields
from zzreport.model import Comparison, Indicator, Omission, Report, Section, Target
from zzreport.units import UNIT_PATTERN, examples

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from typing import Any

ID = "https://zzreport.invalid/report.schema.json"
"""A name, not a download address: the schema ships with zzreport and in docs/."""


def _pattern(p: str) -> dict[str, Any]:
    return {"type": "string", "pattern": f"^{p}$"}


def _id() -> dict[str, Any]:
    return {**_pattern(ld.ID_PATTERN), "maxLength": ld.ID_MAX}


def _text() -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "pattern": r"\S"}  # the loader strips blanks first


def _span() -> str:
    """Two years joined by ``-``, the second later: the same first ``k`` digits (a back-reference),
    then a larger digit, then any. A regular expression cannot compare numbers, but it can compare
    four digits place by place."""
    later: list[str] = []
    for k in range(4):
        for d in range(9):
            group = len(later) + 1
            rest = "[0-9]" * (3 - k)
            later.append(f"([0-9]{{{k}}}){d}{rest}-\\{group}[{d + 1}-9]{rest}")
    return f"(?=[12][0-9]{{3}}-[12][0-9]{{3}}$)(?:{'|'.join(later)})"


def _date() -> str:
    """``YYYY-MM-DD`` of a real day (year 1 on, as Python's dates), leap days in leap years only."""
    day = "(?:0[1-9]|1[0-9]|2[0-8])"
    common = f"(?:(?:0[1-9]|1[0-2])-{day}|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
    leap = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
    return f"(?!0000)(?:[0-9]{{4}}-{common}|{leap}-02-29)"


def _enum(e: type[StrEnum]) -> dict[str, Any]:
    return {"enum": [m.value for m in e]}


def _decimal() -> dict[str, Any]:
    return {"anyOf": [{"type": "number"}, _pattern(ld.DECIMAL_PATTERN)], "description": "exact decimal"}


def _positive() -> dict[str, Any]:
    return {"anyOf": [{"type": "integer", "minimum": 1}, _pattern(ld.POSITIVE_PATTERN)]}


def _property(f: fields.Field) -> dict[str, Any]:  # noqa: PLR0911, PLR0912 - one shape per reading
    """The schema of one field, from how the loader reads it."""
    year = {"type": "integer", "minimum": 1000, "maximum": 2999}
    match f.read:
        case "ident" | "section":
            return _id()
        case "text":
            return _text()
        case "decimal":
            return _decimal()
        case "gap":
            return {
                "anyOf": [{"type": "number", "minimum": 0}, _pattern(ld.DECIMAL_PATTERN.replace("[+-]?", ""))]
            }
        case "positive":
            return _positive()
        case "flag":
            return {"anyOf": [{"type": "boolean"}, {"enum": ["true", "false"]}]}
        case "choice":
            assert f.enum is not None  # noqa: S101 - set for every choice
            return _enum(f.enum)
        case "unit":
            return {"type": "string", "pattern": f"^{UNIT_PATTERN}$", "examples": examples()}
        case "period":
            return {"anyOf": [year, _pattern(f"(?:{ld.YEAR_PATTERN}|{_span()})")]}
        case "code":
            return {
                "anyOf": [
                    {"type": "integer", "minimum": 100000, "maximum": 999999},
                    _pattern(ld.CODE_PATTERN),
                ]
            }
        case "year":
            return {"anyOf": [year, _pattern(ld.YEAR_PATTERN)]}
        case "date":
            return _pattern(_date())
        case "texts":
            return {"type": "array", "items": _text()}
        case "idents":
            return {"type": "array", "items": _property(fields.Field(f.name, "ident", True, None, ""))}
        case "locations":
            section = f"(?=[^/]{{1,{ld.ID_MAX}}}/){ld.ID_PATTERN}"
            return {"type": "array", "items": _pattern(f"{section}/{ld.POSITIVE_PATTERN}")}
        case "comparisons":
            return {"type": "array", "items": _mapping(Comparison)}
    raise AssertionError(f.read)


def _mapping(cls: type) -> dict[str, Any]:
    """The schema of the mapping a file writes for ``cls``."""
    specs = fields.of(cls)
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in specs if f.required],
        "properties": {f.name: _property(f) for f in specs},
    }


def _object(required: tuple[str, ...], props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "required": list(required), "properties": props}


def schema() -> dict[str, Any]:
    """The schema as a JSON-ready dict."""
    top = _object(
        ld.TOP_FIELDS,
        {
            "format": {"enum": [1, ld.FORMAT_VERSION]},
            "report": _mapping(Report),
            "sections": {"type": "array", "minItems": 1, "items": _mapping(Section)},
            "indicators": {"type": "array", "items": _mapping(Indicator)},
            "targets": {"type": "array", "items": _mapping(Target)},
            "omitted": {"type": "array", "items": _mapping(Omission)},
        },
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": ID,
        "title": "zzreport report file (format 1)",
        "description": "One government work report: metadata, sections, indicators, targets. "
        "See docs/data-format.md.",
        **top,
    }


def text(ascii_only: bool = False) -> str:
    """The schema as the text ``zzreport schema`` prints and docs/report.schema.json holds."""
    import json

    return json.dumps(schema(), ensure_ascii=ascii_only, indent=2) + "\n"


TEMPLATE = """\
# yaml-language-server: $schema=report.schema.json
# A zzreport report file (format 1). Field by field: docs/data-format.md, or `zzreport schema`.
# Write `zzreport schema > report.schema.json` beside this file and editors complete and check it.
# Numbers are written plainly and kept exactly as written (1.10 stays 1.10). Check with:
#   zzreport validate THIS-FILE
format: 1
report:
  id: city-2023              # region and year reviewed, lowercase kebab-case
  region: 某市
  region_en: Some City
  province: 某省
  province_en: Some Province
  year: 2023                 # the year the report reviews
  title: 2024年某市人民政府工作报告
  title_en: Some City Government Work Report 2024
  delivered: 2024-01-01      # the day it was delivered, YYYY-MM-DD
  source: 报告全文
  source_en: full text of the report
sections:                    # the report's sections in order, with its header and closing blocks
  - {id: overview, title: 主要指标, title_en: Headline figures}
indicators:
  - id: gdp
    name: 地区生产总值
    name_en: Gross domestic product
    aliases: [GDP]
    section: overview
    item: 1                  # bullet number within the section
    value: 1000.0            # the figure as printed
    unit: 亿元
    change: 5.0              # signed: -7.7 for a fall of 7.7
    change_unit: "%"         # "%" or pp (个百分点)
    # rank: 2
    # rank_scope: province
    # comparisons:
    #   - {relation: above, benchmark: province-average, gap: 1.5, gap_unit: pp}
    polarity: higher
"""
"""The commented skeleton ``zzreport init`` writes; a test checks that it loads."""
