"""The immutable, typed model of a report file: no I/O and no formatting here.

Numbers are ``Decimal`` built from the file's text, so ``1.10`` stays ``1.10``.

These dataclasses are the one definition of a report file's fields. A field without a default is
required in the file; ``spec`` adds what the type alone does not say: how its text is read when that
is not the type's usual reading, and the description of its machine column. The loader's field
lists and typed reading, the JSON Schema, the stored layout and the machine columns are all derived
from them (see docs/architecture.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import MISSING, dataclass, field
from decimal import Decimal
from enum import StrEnum

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from typing import Any, NewType

    IndicatorId = NewType("IndicatorId", str)
    SectionId = NewType("SectionId", str)
    ReportId = NewType("ReportId", str)
else:
    # At run time the ids are plain str; the NewTypes above exist for the type checker only.
    IndicatorId = SectionId = ReportId = str


def spec(*, default: object = MISSING, read: str = "", column: str = "", file: bool = True) -> Any:
    """A field of the model with what the loader, schema and machine columns need to know of it.

    ``read`` names a reading other than the type's (``ident``, ``section``, ``unit``, ``period``,
    ``year``, ``gap``); ``column`` is the description of its machine column, when it is one;
    ``file`` False for what is not written in report files (the line a record starts on).
    """
    metadata = {"read": read, "column": column, "file": file}
    return field(metadata=metadata) if default is MISSING else field(default=default, metadata=metadata)


class Kind(StrEnum):
    """What sort of record an indicator is."""

    FIGURE = "figure"
    HONOUR = "honour"


class ChangeUnit(StrEnum):
    """How a change is measured: relative (%) or as a difference of two percentages."""

    PERCENT = "%"
    POINTS = "pp"


class Polarity(StrEnum):
    """Which direction of change is good news."""

    HIGHER = "higher"
    LOWER = "lower"


class Scope(StrEnum):
    """The field a rank is taken in, named as the report names it (全市 a city, 全盟 a league); its
    ``level`` says how wide it is."""

    COUNTRY = "country"
    PROVINCE = "province"
    REGION = "region"
    CITY = "city"
    PREFECTURE = "prefecture"
    LEAGUE = "league"
    COUNTY = "county"
    BANNER = "banner"
    DISTRICT = "district"

    @property
    def level(self) -> int:
        """0 for the country, 1 for a province or autonomous region, 2 for a city, prefecture or
        league, 3 for a county, banner or district."""
        return _LEVEL[self]


_LEVEL = {
    Scope.COUNTRY: 0,
    Scope.PROVINCE: 1,
    Scope.REGION: 1,
    Scope.CITY: 2,
    Scope.PREFECTURE: 2,
    Scope.LEAGUE: 2,
    Scope.COUNTY: 3,
    Scope.BANNER: 3,
    Scope.DISTRICT: 3,
}


class Qualifier(StrEnum):
    """Words that make a number a floor or an approximation, as the report writes them."""

    AT_LEAST = "以上"
    ODD = "余"
    OVER = "超"
    MORE = "多"
    NEARLY = "近"
    ABOUT = "约"


class Relation(StrEnum):
    """How a figure stands against its benchmark."""

    ABOVE = "above"
    BELOW = "below"
    EXCEEDED = "exceeded"
    AHEAD = "ahead"
    BEHIND = "behind"
    RECORD = "record"


class Benchmark(StrEnum):
    """What a figure is compared with."""

    PROVINCE_AVERAGE = "province-average"
    NATIONAL_AVERAGE = "national-average"
    CITY_AVERAGE = "city-average"
    PROVINCE_TARGET = "province-target"
    CITY_TARGET = "city-target"
    SCHEDULE = "schedule"
    HISTORY = "history"


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    """Where a statement stands in the source."""

    section: SectionId
    """The section it stands in."""
    item: int
    """1-based number of the bullet (or headline box) within the section."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison:
    """A figure set against a benchmark, with the gap where the report gives it."""

    relation: Relation
    """Above, below, exceeded, ahead of, behind, or a record."""
    benchmark: Benchmark
    """The yardstick: an average, a target, the schedule, or history."""
    gap: Decimal | None = spec(default=None, read="gap")
    """Distance from the benchmark, unsigned; its sign follows from ``relation``."""
    gap_unit: ChangeUnit | None = None
    """Unit of ``gap``."""
    of: str | None = None
    """What is compared, when not the figure itself (for example 增速)."""
    of_en: str | None = None
    """English of ``of``."""
    note: str | None = None
    """A short qualification, such as 连年 (year after year)."""
    note_en: str | None = None
    """English of ``note``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    """One of the report's themed sections, or its header or closing block."""

    id: SectionId = spec(read="ident")
    """Short ASCII id, such as ``industry``."""
    title: str
    """Chinese title as the report prints it."""
    title_en: str = ""
    """English title (optional: the Chinese is shown where it is missing)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Indicator:
    """One fact of the report: a figure, or an honour that carries no number."""

    id: IndicatorId = spec(read="ident", column="indicator id, unique within its report")
    """Stable kebab-case ASCII id, unique within its report."""
    kind: Kind = spec(default=Kind.FIGURE, column="figure or honour")
    """Figure or honour."""
    name: str = spec(column="Chinese name")
    """Chinese name."""
    name_en: str = spec(default="", column="English name (empty when the file gives none)")
    """English name (optional: the Chinese is shown where it is missing)."""
    section: SectionId = spec(read="section", column="section id")
    """Section the fact belongs to."""
    item: int = spec(column="bullet number within the section")
    """Bullet number within the section."""
    period: str = spec(default="", read="period", column="year or span covered")
    """Year (``2023``) or span (``2021-2023``) the figure covers; the report's year when not given."""
    value: Decimal | None = spec(default=None, column="exact decimal, no unit")
    """The level, count or share, exactly as printed."""
    unit: str | None = spec(default=None, read="unit", column="unit as the report writes it")
    """Unit of ``value`` as the report writes it (亿元, %, 微克/立方米)."""
    counts_en: str | None = None
    """What the unit counts, in English and plural, when not what the unit table says: ``business
    entities`` for 户 that are firms, not households. English output and the ``unit_en`` column say
    it in place of the table's word (24 万户: 240,000 business entities)."""
    qualifier: Qualifier | None = spec(default=None, column="以上, 余, 超, 多, 近 or 约 when not exact")
    """以上, 余, 超, 多, 近 or 约 when the value is a floor or an approximation."""
    written: str | None = spec(default=None, column="the figure in the report's words (七成以上)")
    """How the report writes the figure when it uses words (七成以上, 半天)."""
    change: Decimal | None = spec(default=None, column="signed exact decimal")
    """Signed change over the period: ``-7.7`` for a fall of 7.7."""
    change_unit: ChangeUnit | None = spec(default=None, column="% or pp")
    """``%`` or ``pp`` (个百分点)."""
    rank: int | None = spec(default=None, column="position, 1 = first")
    """Position in ``rank_scope`` or ``rank_list`` (1 = first)."""
    rank_top: int | None = spec(default=None, column="within the top N, when no position is given")
    """Within the first N, when the report gives no position (跻身全国10强: 10)."""
    rank_scope: Scope | None = spec(
        default=None, column="country, province, region, city, prefecture, league, county, banner or district"
    )
    """Where the rank is taken: 全国, 全省, 全自治区, 全市, 全州, 全盟, 全县, 全旗, 全区."""
    rank_list: str | None = spec(default=None, column="the named ranking the place is in (全国百强县)")
    """A named ranking or list the position is taken in, as printed (全国百强县, 工业百强)."""
    rank_list_en: str | None = spec(default=None, column="English of rank_list")
    """English of ``rank_list``."""
    rank_sole: bool = spec(default=False, column="true when the only one in its scope")
    """True when the report says it is the only one (全省唯一)."""
    rank_with: tuple[IndicatorId, ...] = spec(
        default=(),
        read="idents",
        column="ids of the other records the same rank is stated for, '|'-separated",
    )
    """Other records of the report the same rank is stated for (两项指标均居全市第一)."""
    rank_of: str | None = spec(default=None, column="what is ranked, when not the value")
    """What is ranked, when not the value itself (投资规模, 改善率)."""
    rank_of_en: str | None = None
    """English of ``rank_of``."""
    comparisons: tuple[Comparison, ...] = spec(
        default=(), column="benchmarks, '; '-separated: relation benchmark [gap]"
    )
    """Benchmarks the report sets the figure against."""
    polarity: Polarity | None = spec(default=None, column="higher or lower is better")
    """Which direction is good, where that is unambiguous."""
    aliases: tuple[str, ...] = spec(default=(), column="other names, '|'-separated")
    """Other names a user may type (GDP, 社零, …)."""
    also_at: tuple[Location, ...] = spec(
        default=(), column="other places in the source, section/item, '|'-separated"
    )
    """Other places in the source that repeat the fact."""
    note: str | None = spec(default=None, column="short note")
    """A short note in our own words (in Chinese where ``note_en`` gives the English)."""
    note_en: str | None = spec(default=None, column="English of note")
    """English of ``note``."""
    topics: tuple[str, ...] = spec(default=(), column="topics, '|'-separated (环境, 科技, 教育, …)")
    """What the fact is about (环境, 科技, 就业), searched like aliases but ranked below names."""
    line: int = spec(default=0, file=False)
    """Line of the record in its file, for messages."""

    @property
    def headline(self) -> bool:
        """A figure with a value or a change, which search ranks before honours and comparisons."""
        return self.kind is Kind.FIGURE and (self.value is not None or self.change is not None)


class Aim(StrEnum):
    """What a target sets: a change over the year, or a level (a count, an amount, a share)."""

    CHANGE = "change"
    LEVEL = "level"


class Bound(StrEnum):
    """The words that make a target a floor, a ceiling or an approximation, as the plan writes them:
    以上 and 不低于 a floor, 左右 about, 以内, 以下, 不高于 and 控制在 a ceiling."""

    AT_LEAST = "以上"
    NOT_BELOW = "不低于"
    ABOUT = "左右"
    WITHIN = "以内"
    BELOW = "以下"
    NOT_ABOVE = "不高于"
    CAPPED = "控制在"

    @property
    def ceiling(self) -> bool:
        """Whether the target is a most, not a least (以内, 以下, 不高于, 控制在)."""
        return self in (Bound.WITHIN, Bound.BELOW, Bound.NOT_ABOVE, Bound.CAPPED)


class Binding(StrEnum):
    """预期性 (expected: a goal the government works towards) or 约束性 (binding: a duty)."""

    EXPECTED = "expected"
    BINDING = "binding"


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    """One target set for a year: a change or a level the government aims at, or words only."""

    id: str = spec(read="ident")
    """Stable kebab-case ASCII id, unique among the file's targets (``gdp-growth-2024``)."""
    year: int = spec(read="year")
    """The year the target is for."""
    measure: IndicatorId | None = spec(default=None, read="ident")
    """The id of the indicator whose outcome answers it (``gdp``), as the reports use it."""
    name: str
    """Chinese name of what is targeted (地区生产总值)."""
    name_en: str = ""
    """English name (optional)."""
    aim: Aim | None = None
    """A change or a level; required with ``value``."""
    value: Decimal | None = None
    """The number set, exactly as printed."""
    unit: str | None = spec(default=None, read="unit")
    """For a change ``%`` or ``pp``; for a level its unit as printed (万人, 亿元, %)."""
    bound: Bound | None = None
    """以上, 不低于, 左右, 以内, 以下, 不高于 or 控制在, when the plan writes one."""
    binding: Binding | None = None
    """Expected (预期性) or binding (约束性), where the plan says."""
    written: str | None = None
    """The target in the plan's words when it is words only (与经济增长同步), or a note of them."""
    source: str | None = None
    """Title of the document that sets it, when not the report itself."""
    source_url: str | None = None
    """Where that document is published."""
    part: str | None = None
    """The part of that document it stands in (一、主要目标（预期性指标）)."""
    note: str | None = None
    """A short note in our own words (Chinese)."""
    note_en: str | None = None
    """English of ``note``."""
    line: int = spec(default=0, file=False)
    """Line of the target in its file, for messages."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Omission:
    """A number of the report's text left out of the file on purpose, so that ``coverage`` counts it
    as decided rather than missed (a slogan's 1345, a date the recogniser took for a figure)."""

    number: str
    """The number as the text prints it (1345, 75, 七八成)."""
    why: str = ""
    """Why it is left out, in a few words."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """Metadata of one government work report."""

    id: ReportId = spec(read="ident")
    """Short id such as ``changzhi-2023`` (region and year reviewed)."""
    region: str
    """Chinese name of the city or region."""
    region_en: str = ""
    """English name of the region (optional)."""
    province: str
    """Chinese name of the province."""
    province_en: str = ""
    """English name of the province (optional)."""
    region_code: str | None = spec(default=None, read="code")
    """The region's 6-digit administrative division code (140400 for 长治市), when given: with it,
    reports are of one place only when their codes agree; without it, region and province must."""
    year: int = spec(read="year")
    """The year the report reviews."""
    title: str
    """Chinese title of the report."""
    title_en: str = ""
    """English title of the report (optional)."""
    delivered: dt.date
    """Day the report was delivered to the people's congress."""
    source: str
    """Title of the text the figures were read from."""
    source_en: str = ""
    """English description of that text (optional)."""
    publisher: str | None = None
    """Who published the report (长治市人民政府)."""
    publisher_en: str | None = None
    """English of ``publisher``."""
    url: str | None = None
    """Where the report's full text is published, so a figure can be cited."""
    source_url: str | None = None
    """Where the text the figures were read from is published."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Dataset:
    """One report file, checked and typed."""

    path: str
    """Where it was read from."""
    report: Report
    """The report's metadata."""
    sections: tuple[Section, ...]
    """Sections in report order."""
    indicators: Sequence[Indicator]
    """Indicators in file order (from the store, each built only when first touched)."""
    labels: Sequence[tuple[str, ...]]
    """Per indicator, in the same order: its id, names and aliases in normalized form (see
    ``query.normalize``), then its note and rank text; look-ups scan these, not the records."""
    targets: tuple[Target, ...] = ()
    """Targets the file sets (for its next year, or a plan's year), in file order."""
    omitted: tuple[Omission, ...] = ()
    """Numbers of the report's text left out on purpose (``coverage``)."""

    def section(self, section_id: SectionId) -> Section:
        """The section with this id (ids are checked when loading)."""
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)


# ── results of queries ────────────────────────────────────────────────────────


class Matched(StrEnum):
    """Which field of a record a search matched."""

    ID = "id"
    NAME = "name"
    NAME_EN = "name_en"
    ALIAS = "alias"
    PINYIN = "pinyin"
    TOPIC = "topic"
    SECTION = "section"
    NOTE = "note"


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchHit:
    """One search result."""

    indicator: Indicator
    """The record found."""
    score: int
    """Higher is better: 100 exact name, 75-80 its beginning (or a Chinese name's end), 70 inside,
    50-60 pinyin, 20-40 other text."""
    field: Matched
    """Which field matched."""
    span: tuple[int, int] | None
    """Characters of ``indicator.name`` that matched, for highlighting."""
    span_en: tuple[int, int] | None = None
    """Characters of ``indicator.name_en`` that matched, for highlighting English output."""

    @property
    def headline(self) -> bool:
        """Whether the record found is a headline figure (see ``Indicator.headline``)."""
        return self.indicator.headline


@dataclass(frozen=True, slots=True, kw_only=True)
class Compared:
    """One indicator of a comparison, related to the first one named."""

    dataset: Dataset
    """The report it comes from."""
    indicator: Indicator
    """The indicator."""
    share_of_first: Decimal | None
    """Its value as a percentage of the first indicator's, when both share a unit (two decimals)."""
    change_gap: Decimal | None
    """Its change minus the first one's, in percentage points, when both changes are in %."""
    share_too_large: bool = False
    """The share could be computed but has too many digits to show, so ``share_of_first`` is None."""


class NotComputed(StrEnum):
    """Why ``compare --across`` computed no change from the place's previous report."""

    FIRST = "first"
    """No earlier report of the same place."""
    NO_LEVEL = "no-level"
    """One of the two records has no value."""
    SAME_YEAR = "same-year"
    """Both reports review the same year."""
    OVERLAPPING = "overlapping-periods"
    """The two periods overlap (cumulative spans such as 2021-2022 and 2021-2023)."""
    DIFFERENT_PERIODS = "different-periods"
    """A single year against a span, or spans of different lengths."""
    DIFFERENT_UNITS = "different-units"
    """Units that are not multiples of one base unit in the unit table (or unknown and unequal)."""
    BASE_NOT_POSITIVE = "base-not-positive"
    """The earlier level is zero or negative: no percentage change is meaningful."""
    TOO_LARGE = "too-large"
    """The change has too many digits to show (see ``query.PERCENT_DIGITS``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Across:
    """One report's figure for an indicator followed across reports."""

    dataset: Dataset
    """The report."""
    indicator: Indicator
    """Its record there."""
    computed_change: Decimal | None
    """Nominal change from the previous report of the same region, in %, two decimals: computed
    from the two levels, never reported, and shown beside the reported change, never instead."""
    previous: Dataset | None
    """The report that change is computed from."""
    not_computed: NotComputed | None = None
    """Why no change was computed, when none was."""


class Verdict(StrEnum):
    """How a target stands against the outcome of its year."""

    MET = "met"
    """The outcome reaches the target (a ceiling: stays within it)."""
    MISSED = "missed"
    """The outcome falls short of the target (a ceiling: goes beyond it)."""
    UNCLEAR = "unclear"
    """The outcome is stated only as a floor or a near figure on the wrong side to tell (超4万人
    against 4.3万人), or two reports of the place and year are loaded and either may hold."""
    NO_OUTCOME = "no-outcome"
    """No loaded report states an outcome of that measure for that year."""
    NOT_COMPARABLE = "not-comparable"
    """The outcome measures something else (a level against a growth target, other units, a span),
    or the target is words only."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Judged:
    """A target beside the outcome of its measure and year, and the verdict."""

    dataset: Dataset
    """The report file that sets the target."""
    target: Target
    """The target."""
    verdict: Verdict
    """Met, missed, unclear, no outcome or not comparable."""
    outcome: Indicator | None = None
    """The record stating the outcome, when one is found."""
    outcome_dataset: Dataset | None = None
    """The report that states it."""
    outcome_value: Decimal | None = None
    """The outcome in the target's terms: its change, or its level in the target's unit."""
    gap: Decimal | None = None
    """How far the outcome lies from the target, unsigned: beyond it when met, short when missed
    (for a change in % the gap is in percentage points)."""
    gap_unit: str | None = None
    """``pp`` for a change, else the target's unit."""
    reason: str = ""
    """Why there is no verdict, or what qualifies it, in a few English words."""
