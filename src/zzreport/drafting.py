"""Starting a report file from a report's text (``zzreport draft``) and checking one against it
(``zzreport coverage``).

The draft is a report file in the usual format: one record per figure ``recognise`` finds, each with
a comment giving its line and clause, and metadata left for the user to fill (``validate`` names what
is missing until then). It never invents a number: every value and change is printed in the text as
it stands in the draft, or the record keeps the words it was read from in ``written`` (七成以上).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from zzreport.match import normalize
from zzreport.model import Dataset, Target
from zzreport.recognise import NUMBER, Aim, Figure, Text, Token, read, tokens, unit_after

_YEAR = re.compile(r"(?<![0-9])((?:19|20)\d{2})(?![0-9])")


def guess_year(text: str) -> int | None:
    """The year a report reviews: the year of its review (2022年工作回顾), else the year before the one
    in its title (2023年政府工作报告), else the year it names most often outside dates."""
    review = re.search(r"((?:19|20)\d{2})年(?:工作)?回顾", text)
    if review:
        return int(review.group(1))
    title = re.search(r"((?:19|20)\d{2})年[^\n。，]{0,20}政府工作报告", text)
    if title:
        return int(title.group(1)) - 1
    undated = re.sub(r"\d{4}年\d{1,2}月|\d{4}[-/]\d{1,2}[-/]\d{1,2}", "", text)
    years = Counter(int(y) for y in _YEAR.findall(undated) if 1949 < int(y) < 2100)
    return years.most_common(1)[0][0] if years else None


_TITLE_BLOCK = 30
_HEAD = 2000
"""How much of a text's opening tells where it is from when its title block does not."""
"""Lines read for the title block (title, the day and meeting it was delivered at)."""
_DELIVERED = re.compile(
    r"((?:19|20)[0-9]{2})年([0-9]{1,2})月([0-9]{1,2})日在(?P<place>[\u4e00-\u9fff]{2,16}?)"
    r"(?:第[一二三四五六七八九十]+届|人民代表大会|人大)"
)
_TITLED = re.compile(
    r"(?:(?P<y1>(?:19|20)[0-9]{2})年)?(?P<place>[\u4e00-\u9fff]{2,16}?)(?:(?P<y2>(?:19|20)[0-9]{2})年)?"
    r"(?:人民)?政府工作报告"
)
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,14}?(?:自治州|自治县|自治旗|地区|市|县|区|旗|盟|州)$")
_PROVINCES = (
    "河北省 山西省 辽宁省 吉林省 黑龙江省 江苏省 浙江省 安徽省 福建省 江西省 山东省 河南省 湖北省 湖南省 "
    "广东省 海南省 四川省 贵州省 云南省 陕西省 甘肃省 青海省 台湾省 "
    "内蒙古自治区 广西壮族自治区 西藏自治区 宁夏回族自治区 新疆维吾尔自治区"
)
_PROVINCE = re.compile("(" + _PROVINCES.replace(" ", "|") + ")")
"""The provinces and autonomous regions, as a title block names them."""
_BLOCK_END = re.compile(r"各位代表|^[一二三四五六七八九十]+、")


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a report's title block states about it; None where it does not say."""

    region: str | None = None
    province: str | None = None
    title: str | None = None
    delivered: str | None = None
    year: int | None = None
    """The year reviewed: the year before the one it was delivered in, or before its title's."""


def metadata(text: str) -> Metadata:
    """Region, province, title, delivery date and year reviewed, as the title block states them
    (``——2024年3月26日在长治市第十五届人民代表大会…``, ``2021年海安市政府工作报告``)."""
    from zzreport.recognise import _clean

    head: list[str] = []
    for raw in text.splitlines()[:_TITLE_BLOCK]:
        line = _clean(raw)
        cut = _BLOCK_END.search(line)
        if cut:
            head.append(line[: cut.start()])
            break
        head.append(line)
    block = "\n".join(line for line in head if line)
    region = province = title = delivered = None
    year = None
    said = _DELIVERED.search(block.replace("\n", ""))
    if said:
        y, mo, d = int(said.group(1)), int(said.group(2)), int(said.group(3))
        if _real_day(y, mo, d):
            delivered, year = f"{y:04d}-{mo:02d}-{d:02d}", y - 1
        place = _PLACE.match(said.group("place"))
        region = place.group(0) if place else None
    named = _TITLED.search(block)
    if named:
        title = named.group(0)
        place = _PLACE.search(named.group("place"))
        region = region or (place.group(0) if place else None)
        printed = named.group("y1") or named.group("y2")
        year = year or (int(printed) - 1 if printed else None)
    elif re.search(r"^政府工作报告$", block, re.M):
        title = "政府工作报告"
    found = _PROVINCE.search(block)
    if found and found.group(1) != region:
        province = found.group(1)
    if region and province and region.startswith(province):
        region = region[len(province) :] or region
    return Metadata(region, province, title, delivered, year)


def _real_day(y: int, mo: int, d: int) -> bool:
    import datetime

    try:
        datetime.date(y, mo, d)
    except ValueError:
        return False
    return True


def _report_id(region: str | None, year: int | None) -> str:
    """``changsha-2022`` from 长沙县 and 2022 (the first reading of each character), else draft-YEAR."""
    spelled = ""
    if region:
        from zzreport.pinyin import readings

        core = re.sub(r"(?:自治州|自治县|自治旗|地区|市|县|区|旗|盟|州)$", "", region) or region
        parts = [readings(ch) for ch in core]
        if all(parts):
            spelled = "".join(p[0] for p in parts)
    spelled = re.sub(r"[^a-z0-9]", "", spelled)[:40]
    return f"{spelled or 'draft'}-{year or 'year'}"


def draft(text: str, *, source: str, year: int | None = None) -> str:
    """A draft report file (YAML) for the report ``text`` read from ``source``."""
    if year is not None and not 1900 <= year <= 2999:
        from zzreport.errors import UsageError

        raise UsageError(f"--year {year}: the year the report reviews, four digits such as 2023")
    meta = metadata(text)
    year = year or guess_year(text) or meta.year
    found = read(text, year)
    records = _merged(found)
    fill = {
        "region": (meta.region, "长治市"),
        "province": (meta.province, "山西省"),
        "title": (meta.title, "the report's title"),
        "delivered": (meta.delivered, "the day it was delivered, YYYY-MM-DD"),
    }
    stated = [
        f"  {key}: {_quoted(value)}  # read from the title block: check it"
        if value
        else f'  {key}: ""  # FILL: {example}'
        for key, (value, example) in fill.items()
    ]
    report_id = _report_id(meta.region, year)
    lines = [
        f"# Draft report file made by `zzreport draft` from {_comment(source)}: {len(records)} records.",
        "# 1. Fill in every field marked FILL under report (validate lists what is still missing).",
        "# 2. Check each record against its line of the text: name, value, unit, change, rank.",
        "#    Rename ids and names as you like; add name_en and other English where you want it.",
        "# 3. zzreport coverage THIS_FILE TEXT_FILE   lists the text's numbers not recorded here.",
        "# 4. zzreport validate THIS_FILE",
        "format: 1",
        "report:",
        f"  id: {report_id}  # region and year reviewed, such as changzhi-2023: check it"
        if meta.region
        else f"  id: {report_id}  # FILL: region and year reviewed, such as changzhi-2023",
        *stated[:2],
        f"  year: {year}  # the year the text reviews: check it"
        if year
        else '  year: ""  # FILL: the year the report reviews',
        *stated[2:],
        f"  source: {_quoted(source)}",
        "sections:",
    ]
    used = sorted({f.section for f in records}) or [0]  # a report has at least one section
    for k in used:
        title = found.headings[k][1] or "（正文）"
        lines.append(f"  - {{id: s{k}, title: {_quoted(title)}}}")
    lines.append("indicators:" if records else "indicators: []  # no figure found in the text")
    place = " ".join(x for x in (meta.province, meta.region) if x) or text[:_HEAD]
    autonomous = bool(_AUTONOMOUS.search(place))
    names = _unique_names(records)
    ids: dict[str, int] = {}
    known = _known_ids()
    rids = [_unique_id(f, ids, known.get(_bare(f.name))) for f in records]
    groups: dict[int, list[str]] = {}
    for f, rid in zip(records, rids, strict=True):
        if f.rank_group is not None:
            groups.setdefault(f.rank_group, []).append(rid)
    for f, name, rid in zip(records, names, rids, strict=True):
        shared = [other for other in groups.get(f.rank_group or 0, []) if other != rid]
        lines += _record(f, name, rid, autonomous, shared)
    lines += _targets(found.targets, known)
    words = [
        f for f in found.figures if f.written and f.value is None and f.change is None and f.rank is None
    ]
    if words:
        lines.append(
            "# Figures in words with no number the format holds: record them in a note, or leave them out."
        )
        lines += [
            f"#   line {f.line}: {_comment(f.written or '')} ({_comment(f.clause[:60])})" for f in words
        ]
    return "\n".join(lines) + "\n"


_SCOPE = re.compile(r"^(?:全[市县区旗盟州省国]|全年|我[市县区旗])+")


def _bare(name: str) -> str:
    return normalize(_SCOPE.sub("", name))


_STANDARD = {
    "城镇新增就业": "new-urban-jobs",
    "城镇居民人均可支配收入": "urban-disposable-income",
    "城镇居民收入": "urban-disposable-income",
    "农村居民人均可支配收入": "rural-disposable-income",
    "农村居民收入": "rural-disposable-income",
    "居民人均可支配收入": "disposable-income",
    "居民消费价格": "cpi",
    "居民消费价格总水平": "cpi",
    "居民消费价格涨幅": "cpi",
    "城镇调查失业率": "surveyed-unemployment-rate",
    "城镇登记失业率": "registered-unemployment-rate",
    "粮食产量": "grain-output",
    "单位地区生产总值能耗": "energy-intensity",
    "进出口总额": "foreign-trade",
    "规模以上工业增加值": "industrial-value-added",
}
"""Ids for measures work reports commonly set targets for and the bundled report has no record of
(or names otherwise), so that a target and the outcome drafted a year later share one id."""


def _targets(aims: Sequence[Aim], known: dict[str, str]) -> list[str]:
    """The ``targets:`` block of a draft: each target the text sets, its measure the id a draft of
    the next year's report gives the outcome (地区生产总值 → gdp)."""
    if not aims:
        return []
    out = ["targets:"]
    ids: dict[str, int] = {}
    for k, a in enumerate(aims, 1):
        measure = known.get(_bare(a.name))
        base = f"{measure}-{a.year}" if measure and a.year else f"t{a.year or ''}-{k}"
        ids[base] = ids.get(base, 0) + 1
        tid = base if ids[base] == 1 else f"{base}-{ids[base]}"
        clause = a.clause if len(a.clause) <= 80 else a.clause[:80] + "…"
        out += [f"  # line {a.line}: {_comment(clause)}", f"  - id: {tid}"]
        out.append(f"    year: {a.year}" if a.year else '    year: ""  # FILL: the year the target is for')
        out.append(
            f"    measure: {measure}" if measure else "    # measure: the id of the record of its outcome"
        )
        out.append(f"    name: {_quoted(a.name)}")
        if a.aim and a.value is not None and a.unit:
            out += [f"    aim: {a.aim}", f"    value: {a.value}", f"    unit: {_quoted(a.unit)}"]
            out += [f"    bound: {a.bound}"] if a.bound else []
        out += [f"    binding: {a.binding}"] if a.binding else []
        out += [f"    written: {_quoted(a.written)}"] if a.written else []
    return out


def _known_ids() -> dict[str, str]:
    """The bundled report's ids by its names and aliases: a draft record of a known indicator takes
    its id (地区生产总值 → gdp), so that ``compare --across`` can follow it."""
    if not _KNOWN:
        from zzreport.loading import load_all

        (bundled,) = load_all([])
        table: dict[str, str] = {}
        for ind in bundled.indicators:
            for label in (ind.name, *ind.aliases):
                table.setdefault(_bare(label), ind.id)
        for label, rid in _STANDARD.items():
            table.setdefault(_bare(label), rid)
        _KNOWN.append(table)
    return _KNOWN[0]


_KNOWN: list[dict[str, str]] = []


def _merged(found: Text) -> list[Figure]:
    """The figures, the repeats of one fact (a headline box, then the same figure in a bullet) kept
    once; without a value, change or rank a figure is left out unless it has a comparison."""
    out: list[Figure] = []
    seen: dict[tuple[object, ...], Figure] = {}
    for f in found.figures:
        ranked = f.rank is not None or f.rank_top is not None
        if f.kind == "figure" and f.value is None and f.change is None and not ranked and not f.comparisons:
            continue
        key = (f.name, f.value, f.unit, f.change, f.rank, f.rank_top, f.rank_list, f.kind)
        if key in seen:
            continue
        seen[key] = f
        out.append(f)
    return out


def _unique_names(records: list[Figure]) -> list[str]:
    """Names no two records share (as look-ups compare them): a repeated name gets its unit, then
    its line."""
    names = [f.name or f.clause[:30] for f in records]
    counts = Counter(normalize(n) for n in names)
    out: list[str] = []
    taken: set[str] = set()
    tries: Counter[str] = Counter()
    for f, name in zip(records, names, strict=True):
        candidate = name
        if counts[normalize(name)] > 1 and f.unit:
            candidate = f"{name}（{f.unit}）"
        if normalize(candidate) in taken or not normalize(candidate):
            candidate = f"{name}（第{f.line}行）"
        key = f"{name}\n{f.line}"
        while normalize(candidate) in taken:
            tries[key] += 1
            candidate = f"{name}（第{f.line}行之{tries[key] + 1}）"
        taken.add(normalize(candidate))
        out.append(candidate)
    return out


def _unique_id(f: Figure, ids: dict[str, int], known: str | None = None) -> str:
    """The bundled report's id of a known indicator (gdp), the first time; else an id from where the
    figure stands: s3-2 for the second bullet under the third heading (then s3-2-2, …); rename it to
    something readable when reviewing. ``ids`` counts each base, so a thousand records of one
    bullet take no more steps than one."""
    if known and known.replace("-", "") not in ids:
        ids[known.replace("-", "")] = 1
        return known
    base = f"s{f.section}-{f.item}"
    k = ids.get(base, 0)
    candidate = base if k == 0 else f"{base}-{k + 1}"
    while candidate.replace("-", "") in ids:  # look-ups compare ids without hyphens: s1-12, s1-1-2
        k += 1
        candidate = f"{base}-{k + 1}"
    ids[base] = k + 1
    ids[candidate.replace("-", "")] = 1
    return candidate


def _record(f: Figure, name: str, rid: str, autonomous: bool, shared: Sequence[str] = ()) -> list[str]:
    clause = f.clause if len(f.clause) <= 80 else f.clause[:80] + "…"
    out = [f"  # line {f.line}: {_comment(clause)}", f"  - id: {rid}"]
    if f.kind == "honour":
        out.append("    kind: honour")
    out += [f"    name: {_quoted(name)}", f"    section: s{f.section}", f"    item: {f.item}"]
    if f.cumulative and re.fullmatch(r"\d{4}-\d{4}", f.cumulative):
        out.append(f"    period: {f.cumulative}  # cumulative wording in the text: check the span")
    elif f.cumulative:
        out.append(f"    # cumulative ({f.cumulative}): add period: YYYY-YYYY")
    if f.kind == "figure":
        out += _numbers(f)
    out += _rank(f, autonomous)
    out += [f"    rank_with: [{', '.join(shared)}]"] if shared else []
    if f.note:
        out.append(f"    note: {_quoted(f.note)}")
    elif f.written and f.value is None and f.kind == "figure" and f.change is not None:
        out.append(f"    note: {_quoted(f.written)}  # the figure in words")
    if f.comparisons:
        out.append("    comparisons:")
        for relation, benchmark, gap, gap_unit in f.comparisons:
            extra = f", gap: {gap}, gap_unit: {gap_unit}" if gap and gap_unit else ""
            out.append(f"      - {{relation: {relation}, benchmark: {benchmark}{extra}}}")
    return out


_SCOPES = {
    "全国": "country",
    "全省": "province",
    "全自治区": "region",
    "全市": "city",
    "全州": "prefecture",
    "全地区": "prefecture",
    "全盟": "league",
    "全县": "county",
    "全旗": "banner",
}
"""The report format's ``rank_scope`` of each printed scope; 全区 depends on the place."""
_AUTONOMOUS = re.compile("自治区|内蒙古|广西|西藏|宁夏|新疆|[旗盟]$")
"""Where 全区 is the autonomous region (a province), not a district."""


def _rank(f: Figure, autonomous: bool) -> list[str]:
    """The rank fields of a drafted record: a position or a band, its scope and ranking."""
    if f.rank is None and f.rank_top is None:
        return []
    out = [f"    rank: {f.rank}"] if f.rank is not None else [f"    rank_top: {f.rank_top}"]
    if f.rank_scope:
        scope = _SCOPES.get(f.rank_scope) or ("region" if autonomous else "district")
        out.append(f"    rank_scope: {scope}  # {f.rank_scope}")
    if f.rank_list:
        out.append(f"    rank_list: {_quoted(f.rank_list)}")
    out += ["    rank_sole: true"] if f.rank_sole else []
    out += [f"    rank_of: {_quoted(f.rank_of)}"] if f.rank_of else []
    return out


def _numbers(f: Figure) -> list[str]:
    """Value (with unit, qualifier, words) and change of a figure."""
    out = []
    if f.value is not None and _DECIMAL.fullmatch(f.value):
        out += [f"    value: {f.value}", f"    unit: {_quoted(f.unit or '?')}"]
        out += [f"    qualifier: {f.qualifier}"] if f.qualifier else []
        out += [f"    written: {_quoted(f.written)}"] if f.written else []
    elif f.written:
        out.append(f"    # written in the text as {_comment(f.written)}")
    if f.change is not None and _DECIMAL.fullmatch(f.change):
        out += [f"    change: {f.change}", f'    change_unit: "{f.change_unit}"']
    return out


_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
"""A decimal as ``validate`` reads one: a number the text prints otherwise is not copied."""


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    """Text for a YAML comment: one line, control and reordering characters escaped (\\x07)."""
    from zzreport.escape import visible

    return visible(" ".join(text.split()))


# ── coverage ──────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Covered:
    """One number of the text, and whether the report file records it."""

    line: int
    number: str
    kind: str
    """``figure``, or what the number is when it is none (see ``recognise.Token``)."""
    status: str
    """``recorded``, ``not-recorded``, or ``not-a-figure``."""
    context: str


_IN_TEXT = re.compile(NUMBER)


def coverage(files: Dataset | Sequence[Dataset], text: str) -> list[Covered]:  # noqa: PLR0912 - a branch per kind of number held
    """Every number of ``text``: a figure the file records, a figure it does not, or a number that
    is no figure. A figure is recorded by the record that holds it with the unit the text prints
    after it: a value with its unit, a change with its unit (% or 个百分点), a comparison's gap, a
    rank; or within a record's name, alias, written form, note or rank_of (PM2.5, 3A级); or a
    target's number with its unit. A rate (% or 个百分点) is recorded only by a record whose name,
    alias or value stands in its clause (or, for a clause with no subject, the clause before): GDP's
    +5.6% does not record investment's. A figure in words is recorded where a record or a target
    keeps those words in ``written`` (or a record in ``note``). Numbers a file lists under
    ``omitted`` are ``omitted``, decided rather than missed. ``files``: one report file, or several
    (a folder) that record the text between them."""
    datasets = [files] if isinstance(files, Dataset) else list(files)
    held: dict[str, set[str]] = {}
    owners: dict[tuple[str, str], list[str]] = {}

    def hold(number: object, unit: str, owner: str = "") -> None:
        key = str(number).lstrip("-+")
        held.setdefault(key, set()).add(unit)
        if owner:
            owners.setdefault((key, unit), []).append(owner)

    anywhere: set[str] = set()
    indicators = [ind for ds in datasets for ind in ds.indicators]
    for ind in indicators:
        own = " ".join(x for x in (ind.name, *ind.aliases, ind.rank_of) if x)
        if ind.value is not None:
            own += f" {ind.value}"
        if ind.value is not None and ind.unit is not None:
            hold(ind.value, ind.unit, own)
        if ind.change is not None:
            hold(ind.change, _CHANGE_UNITS.get(str(ind.change_unit), "%"), own)
        for c in ind.comparisons:
            if c.gap is not None:
                hold(c.gap, _CHANGE_UNITS.get(str(c.gap_unit), "%"), own)
        for rank in (ind.rank, ind.rank_top):
            if rank is not None:
                hold(rank, "rank")
        words = " ".join(x for x in (ind.name, *ind.aliases, ind.written, ind.note, ind.rank_of) if x)
        anywhere.update(re.findall(r"\d+(?:\.\d+)?", words))
    targets = [t for ds in datasets for t in ds.targets]
    for target in targets:  # the numbers of the targets the text sets
        for number, unit in _target_numbers(target):
            hold(number, unit)
        anywhere.update(re.findall(r"\d+(?:\.\d+)?", target.written or ""))
    written = [x for ind in indicators for x in (ind.written, ind.note) if x]
    written += [t.written for t in targets if t.written]
    omitted = {o.number for ds in datasets for o in ds.omitted}
    out = []
    last = before = (0, "")  # the line and clause of this figure, and of the clause before it
    for t in tokens(text):
        if (t.line, t.context) != last:
            before, last = last, (t.line, t.context)
        if t.kind != "figure":
            status = "not-a-figure"
        elif t.text[0].isdigit():
            where = t.context if _subject(t) or before[0] != t.line else before[1] + t.context
            status = "recorded" if _held(t, held, anywhere, owners, where) else "not-recorded"
        else:  # a figure in words is recorded where a record keeps those words
            status = "recorded" if any(t.text in w or w in t.text for w in written) else "not-recorded"
        if status == "not-recorded" and t.text in omitted:
            status = "omitted"
        out.append(Covered(t.line, t.text, t.kind, status, t.context))
    return out


_VERBS = re.compile(
    r"(?:同比|比上年|较上年|分别)?(?:增长|下降|提高|降低|回落|增速|增幅|降幅|上升|减少|增加)?(?:了|为|达|达到)?$"
)


_BENCH = re.compile(r"^(?:分别)?(?:高于|低于|快于|慢于|超过|超出|比)")
"""A clause that sets a figure against an average says no subject of its own (高于全省平均水平6.8个百分点)."""


def _subject(t: Token) -> str:
    """The words before a number in its clause, less the verb of a change (增长, 同比下降)."""
    head = t.context[: t.context.find(t.text)] if t.text in t.context else ""
    head = _VERBS.sub("", head).strip("，,、；;：: ")
    return "" if _BENCH.match(head) else head


def _related(owner: str, clause: str) -> bool:
    """Whether a record (its names and value, as ``owner``) stands in ``clause``: one of its names
    shares two characters with it, or its value is printed there."""
    for word in owner.split():
        if word[:1].isdigit():
            if word in clause:
                return True
        elif any(word[i : i + 2] in clause for i in range(len(word) - 1)):
            return True
    return False


_CHANGE_UNITS = {"%": "%", "pp": "个百分点"}


def _target_numbers(target: Target) -> list[tuple[object, str]]:
    """A target's number with the unit the text prints after it (% or 个百分点 for a change)."""
    if target.value is None or target.unit is None:
        return []
    return [(target.value, _CHANGE_UNITS.get(target.unit, target.unit))]


def _held(
    t: Token,
    held: dict[str, set[str]],
    anywhere: set[str],
    owners: dict[tuple[str, str], list[str]],
    where: str,
) -> bool:
    """Whether a record holds the number ``t`` as the text prints it, unit and all (a rate: by a
    record that stands in ``where``, its clause)."""
    if t.text in anywhere:
        return True
    units = held.get(t.text)
    if not units:
        return False
    printed = unit_after(t.context, t.text)
    if printed is None or ("rank" in units and re.search(rf"第{re.escape(t.text)}", t.context)):
        return True
    if printed in ("%", "个百分点"):
        found = owners.get((t.text, printed), [])
        if found:
            return any(_related(owner, where) for owner in found)
    return printed in units or (printed == "个百分点" and "pp" in units)
