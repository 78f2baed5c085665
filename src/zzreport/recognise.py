"""Recognising the figures in a report's text: values, changes, ranks, comparisons and honours.

``figures(text)`` reads a report's text line by line and returns what a report file would record:
each figure with the exact digits the text prints, its unit and qualifier, a signed change in % or
个百分点, a rank, comparisons, a period for cumulative wording, a proposed name taken from its own
clause, and where it stands (heading, bullet, line). ``tokens(text)`` lists every number the text
prints, classified, for ``zzreport coverage``. Pure functions over text: no I/O, no report model.

The grammar is that of Chinese government work reports in general — 指标 + 动词 + 数字 + 单位, or
动词 + 数字 + 量词 + 名词 — not of one text; ``tests/test_recognise.py`` holds it to a table of
phrasings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zzreport.units import known

# ── numbers ───────────────────────────────────────────────────────────────────

NUMBER = r"(?<![A-Za-z0-9.])\d+(?:\.\d+)?(?![A-Za-z0-9.])"
"""An Arabic number standing alone: not the 2.5 of PM2.5, nor the 3 of 3A, nor part of 2023-01."""
_NUMBER = re.compile(NUMBER)
_CN_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN = "[一二两三四五六七八九十]+"


def chinese_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 九十九 → 99; None for anything else."""
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


# ── what a figure is made of ──────────────────────────────────────────────────

_RISE = "增长|增加|提高|上升|提升|扩大|增速|增幅|上涨"
_FALL = "下降|降低|回落|减少|缩小|降幅|下滑"
_CHANGE = re.compile(
    rf"(?P<verb>{_RISE}|{_FALL})了?(?P<num>{NUMBER})(?P<unit>%|个百分点)"
    rf"(?P<more>(?:[、和](?:{NUMBER})(?:%|个百分点)?)*)"
)
_FALLS = set(_FALL.split("|"))
_PREFIX = {"超过": "超", "超": "超", "近": "近", "约": "约"}
_VALUE = re.compile(rf"(?P<pre>超过|超|近|约)?(?P<num>{NUMBER})(?P<odd>余|多)?")
_RANK = re.compile(rf"(?P<scope>全省|全国)(?:(?P<sole>唯一)|第(?P<n>{_CN}|\d+)(?:位|名)?|(?P<top>首位))")
_AVERAGE = re.compile(
    r"(?P<rel>高于|超过|超出|快于|好于|低于|慢于)(?P<where>(?:全国|全省|全市)(?:[、和](?:全国|全省|全市))*)平均(?:水平)?"
    rf"(?P<gaps>(?:{NUMBER})(?:[、和](?:{NUMBER}))*)?(?P<gap_unit>个百分点|%)?"
)
_TARGET = re.compile(r"超额完成(?:了)?(?P<by>省|全省|市|全市|上级)?(?:下达|确定)?的?(?:目标)?任务")
_SCHEDULE = re.compile(r"(?:超|快于|超过)序时进度")
_RECORD = re.compile(r"创(?:历史)?新高|创历史最好|创历史最高")
_WORDS = [
    (re.compile(rf"(?P<n>{_CN})成(?P<q>以上|多)?"), "成"),
    (re.compile(r"半(?P<u>天|年|小时|个月)"), "半"),
    (re.compile(rf"连续(?P<n>{_CN})年"), "连续"),
    (re.compile(r"翻(?P<n>一|两|二)番"), "翻"),
]
"""Figures written in words: 七成以上 (70 %), 半天 (0.5 天), 连续三年 (3 年), 翻一番 (+100 %)."""
_HONOUR = re.compile(r"(?:被)?(?:入选|获评|评为|认定为|确定为|命名为|列入|成为|荣获|获批|获得|创建)")
_CUMULATIVE = re.compile(r"累计|以来|“十四五”|十四五|(?P<n>[两三四五])年来")
_UNIT_CHARS = 8
"""The longest unit looked up after a number (万吨标准煤)."""


@dataclass(slots=True)
class Figure:
    """One fact recognised in the text, in the terms of a report file's record."""

    line: int
    """1-based line of the text it stands in."""
    clause: str
    """The clause it was read from (between punctuation marks), for the reviewer."""
    name: str = ""
    """Proposed Chinese name, from its own clause."""
    section: int = 0
    """Index of its heading in ``Text.headings``."""
    item: int = 1
    """Bullet (or paragraph) number under that heading."""
    kind: str = "figure"
    """``figure`` or ``honour``."""
    value: str | None = None
    """The number exactly as printed (or the words' value, with ``written``)."""
    unit: str | None = None
    qualifier: str | None = None
    written: str | None = None
    """The figure in words, when it is written in words (七成以上)."""
    change: str | None = None
    """Signed, exactly as printed: ``-7.7`` for 下降7.7%."""
    change_unit: str | None = None
    """``%`` or ``pp``."""
    rank: int | None = None
    rank_scope: str | None = None
    rank_sole: bool = False
    rank_of: str | None = None
    comparisons: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)
    """(relation, benchmark, gap, gap unit) in the report format's words."""
    cumulative: str | None = None
    """The cumulative wording (累计, 十四五, 三年来), when the figure covers several years."""


@dataclass(frozen=True, slots=True)
class Text:
    """A report's text read for figures."""

    headings: tuple[tuple[int, str], ...]
    """(line, heading) of each section, in order; the first is the text before any heading."""
    figures: tuple[Figure, ...]


# ── reading the text ──────────────────────────────────────────────────────────

_BULLET = re.compile(r"^\s*(?:[-•·●▪■*]\s*|\(?\d{1,2}[).、]\s*|（\d{1,2}）\s*)")
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))"
)
_SENTENCE_END = re.compile(r"[。！？；;!?]")
_CLAUSE_END = re.compile(r"[，,：:]")
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


def _lines(text: str) -> list[tuple[int, str]]:
    """Non-blank lines with their numbers; a two-row table (a header row of labels, then a row of
    figures, cells apart by tabs) is joined cell by cell into one line: 地区生产总值完成 + 2806.2亿元."""
    raw = [(n, line.translate(_WIDE_DIGITS).strip()) for n, line in enumerate(text.splitlines(), 1)]
    rows = [(n, line) for n, line in raw if line]
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(rows):
        n, line = rows[i]
        if "\t" in line and i + 1 < len(rows) and "\t" in rows[i + 1][1]:
            head, body = line.split("\t"), rows[i + 1][1].split("\t")
            if len(head) == len(body) and not _NUMBER.search(line):
                joined = "，".join(h.strip() + b.strip() for h, b in zip(head, body, strict=True))
                out.append((rows[i + 1][0], joined + "。"))
                i += 2
                continue
        out.append((n, line.replace("\t", "，")))
        i += 1
    return out


def _is_heading(line: str) -> bool:
    """Headings: numbered (一、 （一）), or a short line with no sentence punctuation and no figure."""
    if _BULLET.match(line) and not _HEADING.match(line):
        return False
    if _HEADING.match(line):
        return len(line) <= 40
    if len(line) > 24 or re.search(r"[，,。；;：:！？!?]", line):
        return False
    return not _CHANGE.search(line) and not re.search(rf"{NUMBER}\s*(?:%|[^\s\d年])", line)


def read(text: str, year: int | None = None) -> Text:
    """The headings and figures of a report's text (``year``: the year it reviews, for spans)."""
    headings: list[tuple[int, str]] = [(0, "")]
    found: list[Figure] = []
    item = 0
    bulleted = False
    content = False
    for n, line in _lines(text):
        if _is_heading(line):
            if content or len(headings) == 1:
                headings.append((n, line))
                item, bulleted, content = 0, False, False
            elif _HEADING.match(line):  # 一、… then （一）…: the numbered sub-heading names the section
                headings[-1] = (n, line)
            continue
        content = True
        if _BULLET.match(line):
            bulleted = True
            item += 1
        elif not bulleted:
            item += 1
        for f in _paragraph(_BULLET.sub("", line, count=1), n, year):
            f.section, f.item = len(headings) - 1, max(item, 1)
            found.append(f)
    return Text(tuple(headings), tuple(found))


def _paragraph(line: str, n: int, year: int | None) -> list[Figure]:
    out: list[Figure] = []
    for sentence in _SENTENCE_END.split(line):
        out += _sentence(sentence, n, year)
    return out


def _sentence(sentence: str, n: int, year: int | None) -> list[Figure]:
    """The figures of one sentence: a change, rank or comparison with no subject of its own belongs
    to the figure before it in the sentence."""
    records: list[Figure] = []
    for part in _CLAUSE_END.split(sentence):
        if part.strip():
            _Clause(part.strip(), n, records, year).read()
    return records


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    kind: str  # value, change, rank, compare, words
    match: re.Match[str]
    unit: str | None = None
    after: str = ""


def _tokens(clause: str) -> list[_Token]:
    """The parts of figures in a clause, in order, none overlapping: changes first, then
    comparisons, ranks, figures in words, and last the plain values."""
    taken: list[_Token] = [_Token(m.start(), m.end(), "change", m) for m in _CHANGE.finditer(clause)]

    def free(a: int, b: int) -> bool:
        return all(b <= t.start or a >= t.end for t in taken)

    kinds = [(_AVERAGE, "compare"), (_TARGET, "compare"), (_SCHEDULE, "compare"), (_RECORD, "compare")]
    kinds += [(_RANK, "rank"), *((pattern, "words") for pattern, _ in _WORDS)]
    for pattern, kind in kinds:
        for m in pattern.finditer(clause):
            if free(m.start(), m.end()) and not (kind == "words" and _slogan(clause, m.end())):
                taken.append(_Token(m.start(), m.end(), kind, m))
    for a, b, _ in _special_spans(clause):  # dates and phone numbers hold no figure
        if free(a, b):
            taken.append(_Token(a, b, "none", _ANY.match("0")))  # type: ignore[arg-type]
    for m in _VALUE.finditer(clause):
        leading_zero = re.match(r"0\d", m.group("num"))
        if free(m.start("num"), m.end("num")) and not leading_zero:
            unit, end = _unit_at(clause, m.end())
            if not (unit in (None, "年") and _year_like(m)):
                taken.append(
                    _Token(m.start(), end + (2 if clause.startswith("以上", end) else 0), "value", m, unit)
                )
    taken = sorted((t for t in taken if t.kind != "none"), key=lambda t: t.start)
    for i, t in enumerate(taken):
        t.after = clause[t.end : taken[i + 1].start if i + 1 < len(taken) else len(clause)]
    return taken


def _slogan(clause: str, end: int) -> bool:
    return clause[end : end + 1] in ("个", "大", "项") and "“" in clause[: end + 2]


def _year_like(m: re.Match[str]) -> bool:
    num = m.group("num")
    return len(num) == 4 and num.isdigit() and 1900 < int(num) < 2100


def _unit_at(clause: str, at: int) -> tuple[str | None, int]:
    """The unit printed at ``at`` (the longest the unit table knows, % and 个百分点 first), and where
    it ends; an unknown measure word (a single hanzi) is taken as it is."""
    rest = clause[at : at + _UNIT_CHARS]
    if rest.startswith("个百分点"):
        return "个百分点", at + 4
    for size in range(len(rest), 0, -1):
        if known(rest[:size]) is not None:
            return rest[:size], at + size
    if rest[:1] and "\u4e00" <= rest[0] <= "\u9fff" and rest[0] not in "的和与及年月日在至到比":
        return rest[0], at + 1
    return None, at


class _Clause:
    """One clause being read: its tokens become records of the sentence (``records``), the ones
    made here are ``here``; a change, rank or comparison with no subject of its own belongs to the
    record before it in the sentence."""

    def __init__(self, clause: str, n: int, records: list[Figure], year: int | None) -> None:
        self.clause, self.n, self.records = clause, n, records
        self.here: list[Figure] = []
        self.cumulative = _cumulative(clause, year)
        self.last = records[-1].name if records else ""

    def read(self) -> None:
        tokens = _tokens(self.clause)
        end = 0
        for t in tokens:
            subject = self.clause[end : t.start]
            end = t.end
            {"change": self.change, "value": self.value, "words": self.words, "rank": self.rank}.get(
                t.kind, self.compare
            )(t, subject)
        if not tokens and _HONOUR.search(self.clause) and not _NUMBER.search(self.clause):
            self.honour()

    def new(self, name: str) -> Figure:
        f = Figure(line=self.n, clause=self.clause, name=name)
        self.records.append(f)
        self.here.append(f)
        return f

    def change(self, t: _Token, subject: str) -> None:
        own = _name(subject)
        values = [t.match.group("num"), *_NUMBER.findall(t.match.group("more"))]
        unit = "pp" if t.match.group("unit") == "个百分点" else "%"
        sign = "-" if t.match.group("verb") in _FALLS else ""
        names = _respectively(subject, len(values))
        target = self.records[-1] if self.records else None
        for k, number in enumerate(values):
            if k == 0 and not own and not names and target is not None and target.change is None:
                f = target
            else:
                f = self.new(names[k] if names else own or self.last)
            f.change, f.change_unit = (sign + number if number.strip("0.") else number), unit
            f.cumulative = f.cumulative or self.cumulative

    def value(self, t: _Token, subject: str) -> None:
        m, clause = t.match, self.clause
        own = _name(subject)
        direct = t.unit is not None and t.unit not in ("%", "个百分点") and t.after[:1] not in _APART
        noun = _name(t.after, leading=True) if direct else ""
        if subject.startswith("的"):  # 超30万元的行政村达到67%: the words before the figure name it
            own = _name(clause[: t.start])
        name = own or self.last
        if noun and len(noun) >= 2 and not _CHANGE.match(t.after):
            lead = _name(subject)
            name = f"{lead}{noun}" if lead.startswith("新") or subject.startswith("的") else noun
        elif own in _GENERIC and self.last:
            name = re.sub("^新增|^新建", "", self.last) + own
        f = self.new(name)
        f.value, f.unit = m.group("num"), t.unit or ""
        f.qualifier = _PREFIX.get(m.group("pre") or "") or m.group("odd")
        if clause[t.end - 2 : t.end] == "以上" and t.end > m.end():
            f.qualifier = "以上"
        f.cumulative = self.cumulative
        self.last = f.name

    def words(self, t: _Token, subject: str) -> None:
        after = _name(t.after.split("，")[0])
        f = self.new(_name(subject) or after or self.last)
        _words(f, t.match)

    def rank(self, t: _Token, subject: str) -> None:
        own = _name(subject)
        target = self.records[-1] if self.records else None
        f: Figure | None = target if target is not None and (not own or len(own) <= 6) else None
        if t.after.startswith("的") and len(_name(t.after)) >= 2:  # 全省唯一的国家首批碳达峰试点园区
            f = self.new(_name(t.after))
            f.kind = "honour" if _HONOUR.search(subject) else "figure"
        elif f is None:
            f = self.new(own or self.clause[: t.start])
        elif own and own != f.name:
            f.rank_of = own
        m = t.match
        f.rank_scope = "province" if m.group("scope") == "全省" else "country"
        f.rank_sole = bool(m.group("sole"))
        f.rank = 1 if f.rank_sole or m.group("top") else _rank_number(m.group("n"))

    def compare(self, t: _Token, subject: str) -> None:
        m, own = t.match, _name(subject)
        if m.re is not _AVERAGE:
            words = {_TARGET: ("exceeded", "province-target"), _SCHEDULE: ("ahead", "schedule")}
            relation, benchmark = words.get(m.re, ("record", "history"))
            if m.re is _TARGET and (m.group("by") or "").endswith("市"):
                benchmark = "city-target"
            self.owner(own).comparisons.append((relation, benchmark, None, None))
            return
        relation = "below" if m.group("rel") in ("低于", "慢于") else "above"
        places = re.findall("全国|全省|全市", m.group("where"))
        gaps: list[str | None] = list(_NUMBER.findall(m.group("gaps") or "")) or [None]
        gap_unit = {"个百分点": "pp", "%": "%"}.get(m.group("gap_unit") or "")
        spread = len(gaps) > 1 and len(self.records) >= len(gaps)  # 分别…高于…6.8和22.5个百分点
        owners = self.records[-len(gaps) :] if spread else [self.owner(own)] * len(gaps)
        for f, gap in zip(owners, gaps, strict=False):
            for place in places:
                bench = {"全国": "national-average", "全省": "province-average"}.get(place, "city-average")
                f.comparisons.append((relation, bench, gap, gap_unit if gap else None))

    def owner(self, own: str) -> Figure:
        """The record a comparison belongs to: the one before it in the sentence, unless it has a
        subject of its own (主要指标增速连年高于全省平均水平)."""
        if self.records and (not own or len(own) <= 2):
            return self.records[-1]
        return self.new(own or self.clause)

    def honour(self) -> None:
        m = _HONOUR.search(self.clause)
        assert m is not None  # noqa: S101 - checked by the caller
        title = _name(self.clause[m.end() :], plan=True)
        subject = _name(self.clause[: m.start()], plan=True)
        f = self.new(f"{subject}{m.group(0)}{title}" if subject else title or self.clause)
        f.kind = "honour"


_GENERIC = {"总数", "总量", "总额", "规模", "金额", "数量", "比重", "占比", "总计", "合计", "总投资"}
_APART = "、，,和及与；;"
"""What stands between two figures of one clause (a noun right after a unit is the figure's own)."""


def _words(f: Figure, m: re.Match[str]) -> None:
    text = m.group(0)
    f.written = text
    if "成" in text:
        f.value, f.unit = str((chinese_number(m.group("n")) or 0) * 10), "%"
        f.qualifier = m.groupdict().get("q")
    elif text.startswith("半"):
        f.value, f.unit = "0.5", m.group("u")
    elif text.startswith("连续"):
        f.value, f.unit = str(chinese_number(m.group("n")) or 0), "年"
    else:  # 翻一番: doubled
        times = 2 ** (chinese_number(m.group("n")) or 1)
        f.change, f.change_unit = str((times - 1) * 100), "%"


def _rank_number(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else chinese_number(text)


def _respectively(subject: str, count: int) -> list[str]:
    """制造业、战略性新兴产业增加值分别增长14.9%、33.4%: a name for each change."""
    if count < 2 or "分别" not in subject:
        return []
    parts = [_name(p) for p in re.split("[、和及与]", subject.replace("分别", ""))]
    return parts if len(parts) == count and all(parts) else []


def _cumulative(clause: str, year: int | None) -> str | None:
    m = _CUMULATIVE.search(clause)
    if m is None:
        return None
    if year is not None and "十四五" in m.group(0):
        return f"2021-{year}"
    if year is not None and m.group("n"):
        years = chinese_number(m.group("n")) or 1
        return f"{year - years + 1}-{year}"
    return m.group(0).strip("“”")


# ── names ─────────────────────────────────────────────────────────────────────

_LEADING = re.compile(
    r"^(?:[、，,和及与并且的]|全市|全县|全区|全年|其中|同时|共|累计|已|已经|带动|推动|促进|实现|完成|实施|开展|"
    r"着力|持续|全面|大力|积极|加快|扎实|深入|不断|有效|进一步|总计|合计|共计|发展|帮助|支持|"
    r"保持|位居|居|达到|达|使|让|推进|组织|举办|办理|争取)+"
)
_TRAILING = re.compile(
    r"(?:[、，,和及与的]|完成|达到|达|实现|为|是|突破|超过|保持|同比|比上年|较上年|分别|已|已经|累计|共|"
    r"下降至|下降到|上升至|上升到|增长到|增长至|减少到|减少至|降低到|降低至|控制在|降至|提高到|提高至|提升至|增至|增加到|稳定在|至|到|连年|继续|位居|居|排名|位列|成功|"
    r"顺利|首次|全年|当年)+$"
)
_PLAN = re.compile(
    r"[“\"]?十[一二三四五六七八九]?五[”\"]?(?:期间|以来|时期)?|(?:已|已经)?累计|[两三四五]年来"
)
"""Span words (“十四五”以来, 累计, 三年来): they say the period, not what is counted."""
_QUOTES = str.maketrans("", "", '“”"‘’《》「」『』')


def _name(text: str, *, leading: bool = False, plan: bool = False) -> str:
    """A record's name from the words around its figure: quotes and punctuation dropped, leading
    adverbs and verbs (实施, 带动, 累计) and trailing verbs (完成, 达到, 增长) cut away.

    ``leading`` reads words after a figure (157个工业转型项目): up to the first verb or particle;
    ``plan`` keeps span words (the 十四五 of a plan's title).
    """
    text = text.translate(_QUOTES) if plan else _PLAN.sub("", text.translate(_QUOTES))
    text = text.strip(" 、，,。；;：:（）()")
    if leading:
        text = re.split(r"[，,、；;。]|增长|下降|提高|达到|实现|完成|分别|以上", text, maxsplit=1)[0]
        text = re.sub(r"^的", "", text)
    for _ in range(3):
        text = _TRAILING.sub("", _LEADING.sub("", text)).strip()
    return text[:40]


# ── every number of the text, classified ──────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Token:
    """One number the text prints."""

    line: int
    text: str
    """The number as printed."""
    kind: str
    """``figure``, or what it is when it is none: ``year``, ``date``, ``plan`` (十四五), ``ordinal``
    (第三届), ``phone``, ``name`` (part of a name: PM2.5, 3A级). Figures in words (七成以上) are
    tokens too."""
    context: str
    """The clause it stands in."""


_YEAR = re.compile(r"(?<![0-9.])(?:19|20)\d{2}(?![0-9.])(?=年|\s|$|[，。、；：）)》”\"—-])")
_DATE = re.compile(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|\d{4}[-/]\d{1,2}[-/]\d{1,2}")
_PHONE = re.compile(r"(?<!\d)(?:0\d{2,3}-\d{7,8}|1[3-9]\d{9})(?!\d)")
_ORDINAL = re.compile(rf"第(?:{NUMBER})(?!.{{0,2}}(?:位|名))")
_ANY = re.compile(r"\d+(?:\.\d+)?")


def tokens(text: str) -> list[Token]:
    """Every number of the text, each classified, line by line: Arabic numbers (a date or a phone
    number is one token, however many numbers it is written with), figures in words and plans."""
    out: list[Token] = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.translate(_WIDE_DIGITS)
        special = _special_spans(line)
        done = -1
        for m in _ANY.finditer(line):
            span = next(((a, b, k) for a, b, k in special if a <= m.start() < b), None)
            if span is not None:
                if span[0] > done:
                    out.append(Token(n, line[span[0] : span[1]], span[2], _clause_at(line, m.start())))
                    done = span[0]
                continue
            before, after = line[m.start() - 1 : m.start()], line[m.end() : m.end() + 1]
            glued = (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())
            kind = "name" if glued or before == "." else "figure"
            out.append(Token(n, m.group(0), kind, _clause_at(line, m.start())))
        out += _word_tokens(line, n)
    return sorted(out, key=lambda t: t.line)


def _word_tokens(line: str, n: int) -> list[Token]:
    """Numbers in words: figures (七成以上, 半天, 连续三年, 翻一番) and five-year plans (十四五)."""
    found = [
        (m.start(), Token(n, m.group(0), "figure", _clause_at(line, m.start())))
        for pattern, _ in _WORDS
        for m in pattern.finditer(line)
        if not _slogan(line, m.end())
    ]
    found += [
        (m.start(), Token(n, m.group(0), "plan", _clause_at(line, m.start()))) for m in _PLANS.finditer(line)
    ]
    return [t for _, t in sorted(found, key=lambda pair: pair[0])]


_PLANS = re.compile(r"十[一二三四五六七八九]?五(?=规划|期间|时期|以来|”|\"|$)")


def _special_spans(line: str) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for pattern, kind in ((_PHONE, "phone"), (_DATE, "date"), (_YEAR, "year"), (_ORDINAL, "ordinal")):
        spans += [(m.start(), m.end(), kind) for m in pattern.finditer(line)]
    return spans


def _clause_at(line: str, at: int) -> str:
    marks = "，,。；;：:！？!?\t"
    start = max(line.rfind(ch, 0, at) for ch in marks) + 1
    ends = [i for i in (line.find(ch, at) for ch in marks) if i >= 0]
    return line[start : min(ends) if ends else len(line)].strip()
