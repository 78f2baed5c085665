"""What each command shows: machine records (fixed columns, plain values) and human tables.

This is the only place that decides column names, order and labels, and how a figure reads in words.
Renderers turn these views into text without knowing which command made them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from zzreport.escape import visible
from zzreport.machine import Records
from zzreport.model import (
    Across,
    ChangeUnit,
    Compared,
    Comparison,
    Dataset,
    Indicator,
    Kind,
    Matched,
    NotComputed,
    Polarity,
    Qualifier,
    Relation,
    SearchHit,
    Section,
)
from zzreport.phrases import BENCHMARK, RELATION, rank_words
from zzreport.render.base import Bar, Cell, Column, Lang, TableView, Tone
from zzreport.render.records import plain
from zzreport.units import english_amount, metric, shifted, shown

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from zzreport.drafting import Covered

MINUS = "\u2212"
"""The real minus sign, used on screen; machine output keeps ASCII ``-``."""


# ── words ─────────────────────────────────────────────────────────────────────


def _signed(d: Decimal) -> str:
    text = plain(d.copy_abs())  # abs() would round to the default context's 28 digits
    return (MINUS if d < 0 else "+" if d > 0 else "") + text


_QUALIFIER_EN = {
    Qualifier.AT_LEAST: "at least ",
    Qualifier.ODD: "over ",
    Qualifier.OVER: "over ",
    Qualifier.MORE: "over ",
    Qualifier.NEARLY: "nearly ",
    Qualifier.ABOUT: "about ",
}


def value_text(ind: Indicator, lang: Lang, *, words: bool = True, equivalent: bool = True) -> str:
    """The value with its unit and qualifier as a reader expects: 94%以上, 1200余名, 超500万人; in
    Chinese, a figure the report writes in words as it writes it (七成以上, 半天, 连续三年). In
    English, a count says what the record counts (240,000 business entities) and a Chinese unit
    has its metric equivalent beside it (289,500 mu (19,300 ha)), unless ``equivalent`` is off:
    tables of many records leave it to ``show``, as it would take the width of their names."""
    if ind.value is None or ind.unit is None:
        return ""
    if ind.written and lang is Lang.ZH and words:
        return ind.written
    if lang is Lang.EN:
        amount = english_amount(ind.value, ind.unit, ind.counts_en)
        if not equivalent:
            amount = amount.removesuffix(metric(ind.value, ind.unit))
        return f"{_QUALIFIER_EN[ind.qualifier] if ind.qualifier else ''}{amount}"
    number = plain(ind.value)
    unit = shown(ind.unit)
    before = ind.qualifier.value if ind.qualifier in _BEFORE else ""
    after = ind.qualifier.value if ind.qualifier in _BETWEEN else ""
    end = "以上" if ind.qualifier is Qualifier.AT_LEAST else ""
    return f"{before}{number}{after}{unit.zh}{end}"


_BEFORE = (Qualifier.OVER, Qualifier.NEARLY, Qualifier.ABOUT)
"""Qualifiers written before the number: 超500万人, 近3万人, 约80亿元."""
_BETWEEN = (Qualifier.ODD, Qualifier.MORE)
"""Qualifiers written between number and unit: 1200余名, 20多场."""


def figure_text(ind: Indicator, lang: Lang) -> tuple[str, Tone | None]:
    """What a row of a table of many records shows in its value column: the value without its
    metric equivalent, or for an honour its marker."""
    if ind.kind is Kind.HONOUR:
        return ("荣誉" if lang is Lang.ZH else "honour"), Tone.MUTED
    return value_text(ind, lang, equivalent=False), None


def standing_text(ind: Indicator, lang: Lang, province: str = "") -> str:
    """What a row shows in its rank column: the rank, or for a figure with nothing but comparisons
    its comparisons (高于全省平均水平), so that no row looks empty."""
    ranked = ind.rank is not None or ind.rank_top is not None or ind.rank_sole
    if ranked or ind.value is not None or ind.change is not None:
        return rank_text(ind, lang, province=province)
    short = (comparison_text(c, lang).removesuffix("水平") for c in ind.comparisons)
    return ("；" if lang is Lang.ZH else "; ").join(short)


def change_text(change: Decimal | None, unit: ChangeUnit | None, lang: Lang) -> str:
    """+5.6%, −7.7%, +3.54个百分点 (+3.54 pp in English)."""
    if change is None or unit is None:
        return ""
    if unit is ChangeUnit.PERCENT:
        return f"{_signed(change)}%"
    return f"{_signed(change)}{'个百分点' if lang is Lang.ZH else ' pp'}"


def rank_text(ind: Indicator, lang: Lang, *, with_basis: bool = False, province: str = "") -> str:
    """全省第二 / 2nd in Shanxi (``province``, the report's province in English; "in the province"
    without it); 全省唯一 / the only one in Shanxi; 全国百强县第十七 / 17th among China's top 100
    counties; with ``with_basis``, what is ranked and the records sharing the rank."""
    text = rank_words(ind, lang.value, province=province)
    if not text or not with_basis:
        return text
    if lang is Lang.EN:
        text = f"{text} ({ind.rank_of_en})" if ind.rank_of_en else text
        return f"{text}, with {', '.join(ind.rank_with)}" if ind.rank_with else text
    text = f"{ind.rank_of}{text}" if ind.rank_of else text
    return f"{text}（与{'、'.join(ind.rank_with)}同）" if ind.rank_with else text


def comparison_text(c: Comparison, lang: Lang) -> str:
    """高于全省平均水平6.8个百分点 / 6.8 pp above provincial average."""
    zh_rel, en_rel = RELATION[c.relation]
    zh_bench, en_bench = BENCHMARK[c.benchmark]
    gap = change_text(c.gap, c.gap_unit, lang).lstrip("+") if c.gap is not None else ""
    if lang is Lang.EN:
        if c.relation is Relation.RECORD:
            core = "record high"
        else:
            core = f"{gap + ' ' if gap else ''}{en_rel} {en_bench}"
        return " ".join(x for x in (c.of_en, core, f"({c.note_en})" if c.note_en else "") if x)
    core = "创历史新高" if c.relation is Relation.RECORD else f"{zh_rel}{zh_bench}{gap}"
    return f"{c.of or ''}{c.note or ''}{core}"


def _tone(ind: Indicator, change: Decimal | None) -> Tone | None:
    if change is None or change == 0 or ind.polarity is None:
        return None
    up_is_good = ind.polarity is Polarity.HIGHER
    return Tone.GOOD if (change > 0) == up_is_good else Tone.BAD


def english(zh: str, en: str, lang: Lang) -> str:
    """The text for ``lang``: in English, the English where the file gives it, else the Chinese."""
    return (en or zh) if lang is Lang.EN else zh


def _name(ind: Indicator, lang: Lang) -> str:
    return english(ind.name, ind.name_en, lang)


def _section_title(ds: Dataset, ind: Indicator, lang: Lang) -> str:
    s = ds.section(ind.section)
    return english(s.title, s.title_en, lang)


# ── human tables ──────────────────────────────────────────────────────────────

_KEYS = ("name", "value", "change", "rank", "section", "id", "bar", "vs", "share", "gap", "matched",
         "field", "content", "title", "figures", "honours", "standing", "report")  # fmt: skip
_HEAD = {
    Lang.ZH: dict(zip(_KEYS, ("指标", "数值", "变化", "排名", "板块", "ID", "", "比较", "占首项", "增速差",
                             "匹配", "项目", "内容", "标题", "数据", "荣誉", "排名/比较", "报告"),
                      strict=True)),
    Lang.EN: dict(zip(_KEYS, ("Indicator", "Value", "Change", "Rank", "Section", "ID", "", "Benchmarks",
                             "Of first", "Change gap", "Matched", "Field", "", "Title", "Figures", "Honours",
                             "Standing", "Report"),
                      strict=True)),
}  # fmt: skip


def _columns(
    lang: Lang, *spec: tuple[str, bool], optional: tuple[str, ...] = ("section",), short: tuple[str, ...] = ()
) -> tuple[Column, ...]:
    """Columns by key; ``optional`` in the order a narrow table leaves them out, ``short`` those a
    terminal table may shorten to keep rows on one line (the ID column is never left out)."""
    return tuple(
        Column(
            _HEAD[lang][key],
            numeric=numeric and key != "id",
            whole=key == "id",
            graphic=key == "bar",
            optional=optional.index(key) + 1 if key in optional else 0,
            short=key in short,
        )
        for key, numeric in spec
    )


def list_table(ds: Dataset, inds: Sequence[Indicator], lang: Lang) -> TableView:
    """``list``: name, value, change, rank, section, id."""
    return _listed([(ds, i) for i in inds], lang, across=False)


def ranked_table(pairs: Sequence[tuple[Dataset, Indicator]], lang: Lang) -> TableView:
    """``list`` sorted across several reports: one table, each row with its report in place of its
    section, so a ranking of places reads down one column (not one table a row)."""
    return _listed(pairs, lang, across=True)


def _listed(pairs: Sequence[tuple[Dataset, Indicator]], lang: Lang, *, across: bool) -> TableView:
    where = "report" if across else "section"  # a report's id is never left out; a section may be
    cols = _columns(
        lang,
        ("name", False),
        ("value", True),
        ("change", True),
        ("standing", False),
        (where, False),
        ("id", True),
        optional=(*(() if across else (where,)), "standing", "change", "value"),
        short=("name", "standing", *(() if across else (where,))),
    )
    rows = tuple(
        (
            Cell(_name(i, lang)),
            Cell(*figure_text(i, lang)),
            Cell(change_text(i.change, i.change_unit, lang), _tone(i, i.change)),
            Cell(standing_text(i, lang, ds.report.province_en)),
            Cell(ds.report.id if across else _section_title(ds, i, lang), Tone.MUTED),
            Cell(i.id, Tone.KEY),
        )
        for ds, i in pairs
    )
    return TableView(None, cols, rows)


MATCHED = {
    Matched.ID: ("ID", "ID"),
    Matched.NAME: ("名称", "name"),
    Matched.NAME_EN: ("英文名", "English name"),
    Matched.ALIAS: ("别名", "alias"),
    Matched.PINYIN: ("拼音", "pinyin"),
    Matched.TOPIC: ("主题", "topic"),
    Matched.SECTION: ("板块", "section"),
    Matched.NOTE: ("备注", "note"),
}
"""What a search matched, in the reader's words (machine formats keep the ``Matched`` tokens)."""


def matched_text(field: Matched, lang: Lang) -> str:
    """The kind of match in ``lang``: 别名 / alias; a kind without words yet shows its token."""
    words = MATCHED.get(field)
    return field.value if words is None else words[0 if lang is Lang.ZH else 1]


def search_table(ds: Dataset, hits: Sequence[SearchHit], lang: Lang) -> TableView:
    """``search``: the matched name highlighted, value, change, what matched, id."""
    cols = _columns(
        lang,
        ("name", False),
        ("value", True),
        ("change", True),
        ("matched", False),
        ("id", True),
        optional=("matched", "change", "value"),
        short=("name", "matched"),
    )
    rows = tuple(
        (
            Cell(
                _name(h.indicator, lang),
                highlight=h.span if lang is Lang.ZH or not h.indicator.name_en else h.span_en,
            ),
            Cell(*figure_text(h.indicator, lang)),
            Cell(
                change_text(h.indicator.change, h.indicator.change_unit, lang),
                _tone(h.indicator, h.indicator.change),
            ),
            Cell(matched_text(h.field, lang), Tone.MUTED),
            Cell(h.indicator.id, Tone.KEY),
        )
        for h in hits
    )
    return TableView(None, cols, rows)


def compare_table(rows: Sequence[Compared], lang: Lang) -> TableView:
    """``compare``: side by side, with bars for the changes and how each relates to the first.

    Only changes in % are drawn, on one axis; a change in 个百分点 is a difference of two shares, not
    a rate, so it gets no bar rather than one on a scale it does not share. A change over several
    years carries its period (−12.4% 2021–2023)."""
    changes = [c.copy_abs() for r in rows if (c := _barred(r.indicator)) is not None]
    scale = max(changes, default=Decimal(0))
    cols = _columns(
        lang, ("name", False), ("value", True), ("change", True), ("bar", False), ("rank", False),
        ("vs", False), ("share", True), ("gap", True),
        optional=("share", "vs", "gap"), short=("name", "rank", "vs"),
    )  # fmt: skip
    out = []
    for r in rows:
        i = r.indicator
        tone = _tone(i, i.change)
        several = len({id(x.dataset) for x in rows}) > 1
        change = change_text(i.change, i.change_unit, lang)
        if change and "-" in i.period:
            change += f" {i.period.replace('-', '–')}"
        out.append(
            (
                Cell(f"{_name(i, lang)} ({r.dataset.report.id})" if several else _name(i, lang)),
                Cell(*figure_text(i, lang)),
                Cell(change, tone),
                Cell("", bar=_bar(bar, scale, tone) if (bar := _barred(i)) is not None and scale else None),
                Cell(rank_text(i, lang, province=r.dataset.report.province_en)),
                Cell(
                    ("；" if lang is Lang.ZH else "; ").join(comparison_text(c, lang) for c in i.comparisons)
                ),
                Cell(_share_text(r, lang)),
                Cell(change_text(r.change_gap, ChangeUnit.POINTS, lang)),
            )
        )
    return TableView(None, cols, tuple(out))


def _share_text(r: Compared, lang: Lang) -> str:
    if r.share_too_large:
        return "过大，无法显示" if lang is Lang.ZH else "too large to show"
    return f"{plain(r.share_of_first)}%" if r.share_of_first is not None else ""


_BAR_RANGE = 1000
"""Bars of figures within 10^±this are drawn from the figures themselves."""


def _bar(value: Decimal, scale: Decimal, tone: Tone | None) -> Bar:
    """A bar of ``value`` against ``scale`` (not zero). Drawing divides them in the default decimal
    context, which overflows past 10^999999, so figures of a magnitude far beyond any report's are
    first moved by one power of ten, which leaves the bar as it is, to make the scale about 1."""
    if abs(scale.adjusted()) <= _BAR_RANGE:
        return Bar(value, scale, tone)
    places = -scale.adjusted()
    return Bar(shifted(value, places), shifted(scale, places), tone)


def _barred(ind: Indicator) -> Decimal | None:
    """The change a bar is drawn for: one in %."""
    return ind.change if ind.change_unit is ChangeUnit.PERCENT else None


_NOT_COMPUTED = {
    NotComputed.NO_LEVEL: ("不计算：缺数值", "not computed: a level is missing"),
    NotComputed.SAME_YEAR: ("不计算：同一年份", "not computed: same year"),
    NotComputed.OVERLAPPING: ("不计算：期间重叠", "not computed: periods overlap"),
    NotComputed.DIFFERENT_PERIODS: ("不计算：期间长短不同", "not computed: periods differ in length"),
    NotComputed.DIFFERENT_UNITS: ("不计算：单位不可换算", "not computed: units not convertible"),
    NotComputed.BASE_NOT_POSITIVE: ("不计算：基数不为正", "not computed: base not positive"),
    NotComputed.TOO_LARGE: ("不计算：结果过大，无法显示", "not computed: too large to show"),
}
"""How a row says why no change was computed (the first report of a place says nothing)."""


def across_table(rows: Sequence[Across], lang: Lang) -> TableView:
    """``compare --across``: one row per report, the level drawn as a bar, the reported change and,
    labelled apart, the change computed from the levels."""
    zh = lang is Lang.ZH
    values = [a.indicator.value.copy_abs() for a in rows if a.indicator.value is not None]
    scale = max(values, default=Decimal(0))
    cols = (
        Column("报告" if zh else "Report", whole=True),
        Column("期间" if zh else "Period", numeric=True),
        Column("数值" if zh else "Value", numeric=True),
        Column("", graphic=True),
        Column("报告增速" if zh else "Reported change", numeric=True),
        Column("按数值计算" if zh else "Computed from levels", numeric=True),
    )
    out = []
    for a in rows:
        i = a.indicator
        computed = change_text(a.computed_change, ChangeUnit.PERCENT, lang)
        if computed and a.previous is not None:
            computed += f" (vs {a.previous.report.year})"
        elif a.not_computed is not None and a.not_computed is not NotComputed.FIRST:
            computed = _NOT_COMPUTED[a.not_computed][0 if zh else 1]
        out.append(
            (
                Cell(a.dataset.report.id, Tone.KEY),
                Cell(i.period),
                Cell(value_text(i, lang, equivalent=False)),
                Cell("", bar=_bar(i.value, scale, None) if i.value is not None and scale else None),
                Cell(change_text(i.change, i.change_unit, lang), _tone(i, i.change)),
                Cell(computed, Tone.MUTED),
            )
        )
    title = f"{_name(rows[0].indicator, lang)} · {rows[0].indicator.id}" if rows else None
    return TableView(title, cols, tuple(out))


def show_tables(
    ds: Dataset, inds: Sequence[Indicator], lang: Lang, targets: dict[str, list[str]] | None = None
) -> list[TableView]:
    """``show``: one two-column table per indicator with every field in words, and the lines of
    the targets it is measured against (``targets``, by id)."""
    return [_show_one(ds, i, lang, (targets or {}).get(i.id, [])) for i in inds]


def _show_one(ds: Dataset, i: Indicator, lang: Lang, targets: Sequence[str] = ()) -> TableView:
    zh = lang is Lang.ZH
    r = ds.report
    where = _place(ds, i.section, i.item, lang)
    also = [_place(ds, a.section, a.item, lang) for a in i.also_at]
    if also:
        where += ("；又见 " if zh else "; also ") + ("；" if zh else "; ").join(also)
    benchmarks = ("；" if zh else "; ").join(comparison_text(c, lang) for c in i.comparisons)
    polarity = {
        Polarity.HIGHER: ("越高越好", "higher is better"),
        Polarity.LOWER: ("越低越好", "lower is better"),
    }
    pairs: list[tuple[str, str, Tone | None]] = [
        ("指标" if zh else "Indicator", _name(i, lang), None),
        ("英文名" if zh else "Chinese", i.name_en if zh else i.name if i.name_en else "", Tone.MUTED),
        ("ID", i.id, Tone.KEY),
        ("类型" if zh else "Kind", _kind(i.kind, lang), None),
        ("数值" if zh else "Value", value_text(i, lang, words=False), None),
        ("原文" if zh else "As written", i.written or "", None),
        ("变化" if zh else "Change", change_text(i.change, i.change_unit, lang), _tone(i, i.change)),
        ("排名" if zh else "Rank", rank_text(i, lang, with_basis=True, province=r.province_en), None),
        ("比较" if zh else "Benchmarks", benchmarks, None),
        ("目标" if zh else "Targets", ("；" if zh else "; ").join(targets), None),
        ("方向" if zh else "Polarity", polarity[i.polarity][0 if zh else 1] if i.polarity else "", None),
        ("期间" if zh else "Period", i.period, None),
        ("别名" if zh else "Aliases", ", ".join(i.aliases), None),
        ("出处" if zh else "Source", where, None),
        ("报告" if zh else "Report", f"{english(r.title, r.title_en, lang)} ({r.delivered})", None),
        ("备注" if zh else "Note", (i.note if zh else i.note_en or i.note) or "", Tone.MUTED),
    ]  # fmt: skip
    cols = _columns(lang, ("field", False), ("content", False))
    rows = tuple((Cell(k, Tone.MUTED), Cell(v, tone)) for k, v, tone in pairs if v)
    return TableView(f"{_name(i, lang)} · {i.id}", cols, rows, headed=False)


def _kind(kind: Kind, lang: Lang) -> str:
    if kind is Kind.HONOUR:
        return "荣誉称号" if lang is Lang.ZH else "honour"
    return "数据" if lang is Lang.ZH else "figure"


def _place(ds: Dataset, section: str, item: int, lang: Lang) -> str:
    s = next(s for s in ds.sections if s.id == section)
    return (
        f"{s.title} 第{item}项" if lang is Lang.ZH else f"{english(s.title, s.title_en, lang)}, item {item}"
    )


def section_table(counts: Sequence[tuple[Section, int, int]], lang: Lang) -> TableView:
    """``sections``: id, title, and how many figures and honours each holds."""
    cols = _columns(lang, ("id", False), ("title", False), ("figures", True), ("honours", True))
    rows = tuple(
        (Cell(s.id, Tone.KEY), Cell(english(s.title, s.title_en, lang)), Cell(str(f)), Cell(str(h)))
        for s, f, h in counts
    )
    return TableView(None, cols, rows)


COVERAGE_KINDS = {
    "figure": ("数据", "figure"),
    "year": ("年份", "year"),
    "date": ("日期", "date"),
    "plan": ("规划", "plan"),
    "ordinal": ("序数", "ordinal"),
    "phone": ("电话", "phone"),
    "name": ("名称的一部分", "part of a name"),
    "code": ("编号", "code"),
    "anniversary": ("周年", "anniversary"),
    "slogan": ("口号", "slogan"),
    "threshold": ("门槛", "threshold"),
}
"""What a number of a report's text is, in the reader's words (machine formats keep the tokens)."""


def coverage_kind_text(kind: str, lang: Lang) -> str:
    """A coverage category in ``lang``; a category without words yet shows its token."""
    words = COVERAGE_KINDS.get(kind)
    return kind if words is None else words[0 if lang is Lang.ZH else 1]


def coverage_table(rows: Sequence[Covered], lang: Lang) -> TableView:
    """``coverage``: the figures the file does not record first, then the rest of the numbers."""
    zh = lang is Lang.ZH
    words = {
        "recorded": ("已收录", "recorded"),
        "not-recorded": ("未收录", "not recorded"),
        "omitted": ("有意不录", "omitted on purpose"),
        "not-a-figure": ("非数据", "not a figure"),
    }
    order = {"not-recorded": 0, "recorded": 1, "omitted": 2, "not-a-figure": 3}
    cols = (
        Column("行" if zh else "Line", numeric=True),
        Column("数字" if zh else "Number", numeric=True),
        Column("状态" if zh else "Status", whole=True),
        Column("类别" if zh else "Kind", whole=True),
        Column("上下文" if zh else "Context"),
    )
    out = tuple(
        (
            Cell(str(c.line)),
            Cell(c.number, Tone.BAD if c.status == "not-recorded" else None),
            Cell(words[c.status][0 if zh else 1], Tone.BAD if c.status == "not-recorded" else Tone.MUTED),
            Cell(coverage_kind_text(c.kind, lang), Tone.MUTED),
            Cell(c.context),
        )
        for c in sorted(rows, key=lambda c: (order[c.status], c.line))
    )
    return TableView(None, cols, out)


_SAFE_GLYPHS = (("μg/m³", "微克/立方米"), (MINUS, "-"), ("×", "x"), ("m²", "m2"), ("·", "-"))
"""Typographic glyphs and their stand-ins for consoles (GBK, Latin-1) that cannot show them."""


def _replaced(view: TableView, fix: Callable[[str], str]) -> TableView:
    """The view with ``fix`` applied to every text; a highlight is dropped where the text changed."""

    rows = tuple(
        tuple(Cell(fix(c.text), c.tone, None if c.highlight and fix(c.text) != c.text else c.highlight, c.bar)
              for c in row)
        for row in view.rows
    )  # fmt: skip
    columns = tuple(c._replace(header=fix(c.header)) for c in view.columns)
    return TableView(fix(view.title) if view.title else None, columns, rows, view.headed)


def safe_glyphs(view: TableView) -> TableView:
    """The view with typographic glyphs replaced by plain ones; figures and words are unchanged."""

    def fix(text: str) -> str:
        for fancy, plain_ in _SAFE_GLYPHS:
            text = text.replace(fancy, plain_)
        return text

    return _replaced(view, fix)


def escaped(view: TableView) -> TableView:
    """The view with every control or reordering character in its texts shown as an escape."""
    return _replaced(view, visible)


def info_table(ds: Dataset, lang: Lang) -> TableView:
    """``info``: the report's metadata in words, for citing a figure: what, where, when, by whom."""
    r, zh = ds.report, lang is Lang.ZH
    honours = sum(i.kind is Kind.HONOUR for i in ds.indicators)
    region = (
        f"{r.region}（{r.province}）" if zh else f"{r.region_en or r.region}, {r.province_en or r.province}"
    )
    source = r.source if zh else english(r.source, r.source_en, lang)
    publisher = r.publisher if zh else english(r.publisher or "", r.publisher_en or "", lang)
    pairs = [
        ("报告" if zh else "Report", english(r.title, r.title_en, lang)),
        ("地区" if zh else "Region", region),
        ("回顾年份" if zh else "Year reviewed", str(r.year)),
        ("报告日期" if zh else "Delivered", r.delivered.isoformat()),
        ("发布单位" if zh else "Published by", publisher or ""),
        ("全文" if zh else "Full text", r.url or ""),
        ("数据来源" if zh else "Figures read from", source),
        ("来源网址" if zh else "Source address", r.source_url or ""),
        ("记录" if zh else "Records", f"{len(ds.indicators) - honours} 项数据、{honours} 项荣誉" if zh
         else f"{len(ds.indicators) - honours} figures, {honours} honours"),
        ("ID", r.id),
        ("文件" if zh else "File", ds.path),
    ]  # fmt: skip
    cols = _columns(lang, ("field", False), ("content", False))
    rows = tuple((Cell(k, Tone.MUTED), Cell(v, Tone.KEY if k == "ID" else None)) for k, v in pairs if v)
    return TableView(None, cols, rows, headed=False)


def records_table(records: Records) -> TableView:
    """Any records as a plain table (used for ``info`` and ``fields``)."""
    cols = tuple(Column(f) for f in records.fields)
    rows = tuple(tuple(Cell("" if v is None else str(v)) for v in row) for row in records.rows)
    return TableView(None, cols, rows)
