"""The JSON Schema of the report file format, built from the loader's own field lists and patterns.

Editors with yaml-language-server use it to complete and check report files. It accepts what an
editor's YAML 1.2 parser sees (``2806.2`` as a number) and what zzreport's loader sees (every scalar
as text), so both agree. Rules across records (unique ids, section references, field pairs) are the
loader's alone: ``zzreport validate`` checks them.
"""

from __future__ import annotations

from enum import StrEnum

from zzreport import loading as ld
from zzreport.model import Benchmark, ChangeUnit, Kind, Polarity, Qualifier, Relation, Scope
from zzreport.units import UNITS

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from typing import Any

ID = "https://zzreport.invalid/report.schema.json"
"""A name, not a download address: the schema ships with zzreport and in docs/."""


def _pattern(p: str) -> dict[str, Any]:
    return {"type": "string", "pattern": f"^{p}$"}


def _text() -> dict[str, Any]:
    return {"type": "string", "minLength": 1}


def _enum(e: type[StrEnum]) -> dict[str, Any]:
    return {"enum": [m.value for m in e]}


def _decimal() -> dict[str, Any]:
    return {"anyOf": [{"type": "number"}, _pattern(ld.DECIMAL_PATTERN)], "description": "exact decimal"}


def _positive() -> dict[str, Any]:
    return {"anyOf": [{"type": "integer", "minimum": 1}, _pattern(ld.POSITIVE_PATTERN)]}


def _object(required: tuple[str, ...], optional: tuple[str, ...], props: dict[str, Any]) -> dict[str, Any]:
    differ = set(props) ^ (set(required) | set(optional))
    assert not differ, f"the schema and the loader's fields differ: {differ}; see docs/architecture.md"  # noqa: S101
    return {"type": "object", "additionalProperties": False, "required": list(required), "properties": props}


def schema() -> dict[str, Any]:
    """The schema as a JSON-ready dict."""
    texts = {k: _text() for k in ("region", "region_en", "province", "province_en", "title", "title_en",
                                  "source", "source_en")}  # fmt: skip
    report = _object(
        ld.REPORT_FIELDS,
        (),
        {
            "id": _pattern(ld.ID_PATTERN),
            "year": {
                "anyOf": [{"type": "integer", "minimum": 1000, "maximum": 2999}, _pattern(ld.YEAR_PATTERN)]
            },
            "delivered": _pattern(ld.DATE_PATTERN),
            **texts,
        },
    )
    section = _object(
        ld.SECTION_FIELDS, (), {"id": _pattern(ld.ID_PATTERN), "title": _text(), "title_en": _text()}
    )
    comparison = _object(
        ld.COMPARISON_REQUIRED,
        ld.COMPARISON_OPTIONAL,
        {
            "relation": _enum(Relation),
            "benchmark": _enum(Benchmark),
            "gap": {
                "anyOf": [{"type": "number", "minimum": 0}, _pattern(ld.DECIMAL_PATTERN.replace("[+-]?", ""))]
            },
            "gap_unit": _enum(ChangeUnit),
            **{k: _text() for k in ("of", "of_en", "note", "note_en")},
        },
    )
    location = _pattern(f"{ld.ID_PATTERN}/{ld.POSITIVE_PATTERN}")
    indicator = _object(
        ld.INDICATOR_REQUIRED,
        ld.INDICATOR_OPTIONAL,
        {
            "id": _pattern(ld.ID_PATTERN),
            "kind": _enum(Kind),
            "name": _text(),
            "name_en": _text(),
            "aliases": {"type": "array", "items": _text()},
            "section": _pattern(ld.ID_PATTERN),
            "item": _positive(),
            "also_at": {"type": "array", "items": location},
            "period": {
                "anyOf": [{"type": "integer", "minimum": 1000, "maximum": 2999}, _pattern(ld.PERIOD_PATTERN)]
            },
            "value": _decimal(),
            "unit": {"enum": list(UNITS)},
            "written": _text(),
            "qualifier": _enum(Qualifier),
            "change": _decimal(),
            "change_unit": _enum(ChangeUnit),
            "rank": _positive(),
            "rank_scope": _enum(Scope),
            "rank_sole": {"anyOf": [{"type": "boolean"}, {"enum": ["true", "false"]}]},
            "rank_of": _text(),
            "rank_of_en": _text(),
            "comparisons": {"type": "array", "items": comparison},
            "polarity": _enum(Polarity),
            "note": _text(),
        },
    )
    top = _object(
        ld.TOP_FIELDS,
        (),
        {
            "format": {"enum": [1, ld.FORMAT_VERSION]},
            "report": report,
            "sections": {"type": "array", "minItems": 1, "items": section},
            "indicators": {"type": "array", "items": indicator},
        },
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": ID,
        "title": "zzreport report file (format 1)",
        "description": "One government work report: metadata, sections, indicators. See docs/data-format.md.",
        **top,
    }


def text() -> str:
    """The schema as the text ``zzreport schema`` prints and docs/report.schema.json holds."""
    import json

    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"


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
