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
import unicodedata
from dataclasses import dataclass, field

from zzreport.units import known

# ── numbers ───────────────────────────────────────────────────────────────────

NUMBER = r"(?<![A-Za-z0-9.])(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?![A-Za-z0-9.])"
"""An Arabic number standing alone, as a report file may hold it: not the 2.5 of PM2.5, nor the 3 of
3A, nor part of 2023-01, nor 012 (a leading zero is no decimal of the format)."""
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
_SIGN = "(?P<sign>(?<![0-9A-Za-z])-)?"
"""A minus printed before a number (增长-3.2%, -20亿元), never the hyphen of 2023-01."""


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
_FALL = "下降|降低|回落|减少|缩小|收窄|降幅|下滑"
_CHANGE = re.compile(
    rf"(?P<verb>{_RISE}|{_FALL})了?{_SIGN}(?P<num>{NUMBER})(?P<unit>%|个百分点)"
    rf"(?P<more>(?:[、和]-?(?:{NUMBER})(?:%|个百分点))*)"
)
_FALLS = set(_FALL.split("|"))
_SPREADS = ("收窄", "缩小", "扩大")
"""Verbs of a width, whose sign turns over when what narrows is a fall (降幅收窄24个百分点: +24)."""
_A_FALL = re.compile(r"(?:降幅|跌幅|下降幅度|下滑幅度|亏损面?|逆差)[^，,。；;]{0,6}$")
_PREFIX = {
    "超过": "超",
    "超": "超",
    "突破": "超",
    "逾": "超",
    "近": "近",
    "逼近": "近",
    "接近": "近",
    "约": "约",
}
_VALUE = re.compile(rf"(?P<pre>超过|突破|逼近|接近|超|逾|近|约)?{_SIGN}(?P<num>{NUMBER})(?P<odd>余|多)?")
_SCOPES = "全国|全省|全自治区|全市|全州|全盟|全地区|全县|全区|全旗"
_RANK = re.compile(
    rf"(?P<scope>{_SCOPES})(?P<of>[\u4e00-\u9fff]{{0,12}}?)(?:(?P<sole>唯一)|第(?P<n>{_CN}|[0-9]+)(?:位|名|个)?"
    rf"(?![届次期批轮年季号条款章节])|(?P<top>首位|榜首)|(?P<within>[0-9]+|{_CN})强)"
    rf"|(?P<lead>领跑|领先)(?P<scope2>{_SCOPES})"
)
"""A rank: 全省第二, 全盟第三位, 全国百强县第17位 (a list's name between scope and place), 榜首, 首位,
全国10强 (within the top ten, no place), 领跑全区 (first)."""
_RANK_NAMED = re.compile(
    rf"(?P<of>[\u4e00-\u9fff]{{0,10}}?(?:百强[县区市镇旗]?|强[县区市镇]|排行榜|榜单))"
    rf"(?:第(?P<n>{_CN}|[0-9]+)(?:位|名)?(?![届次期批轮年季号条款章节])|(?P<top>榜首|首位))"
)
"""A place in a named ranking with no scope word (荣登百强县榜首, 中国工业百强县第12位)."""
_RANK_MORE = re.compile(rf"、(?P<of>[\u4e00-\u9fff]{{1,12}}?)第(?P<n>{_CN}|[0-9]+)(?:位|名)?(?![届次期批轮])")
"""The further items of a list of ranks: 全国百强县投资潜力第3、新型城镇化质量第4…"""
_SHARED = re.compile(
    r"(?P<n>[两二三四五六七八九十]|[2-9])(?:项|个)(?:主要)?(?:指标|数据)?(?:均|都|全部|分别)?"
)
"""A rank stated for several figures at once: 两项指标稳居全市第一."""
_BASIS = re.compile("(?:增速|增幅|增长率|改善率|降幅)$")
"""What a rank is of when a name ends in it (规上工业增加值增速居全市第一): ``rank_of``."""
_LIST_NAME = re.compile("百强|[十0-9]+强|强[县市区镇旗]|榜|排行|排名|竞争力|指数|潜力|评价|评估|质量|实力")
"""Words that make the text between a scope and its position a ranking's name (全国百强县第17位,
全省县域经济竞争力第5) rather than what is ranked (全市增速第一)."""
_PLACES = "全国|全省|全自治区|自治区|全市|全州|全盟"
_AVERAGE = re.compile(
    rf"(?P<rel>高于|超过|超出|快于|好于|低于|慢于)(?P<where>(?:{_PLACES})(?:[、和及](?:{_PLACES}))*)平均(?:水平)?"
    rf"(?P<gaps>(?:{NUMBER})(?:[、和](?:{NUMBER}))*)?(?P<gap_unit>个百分点|%)?"
    rf"|比(?P<where2>(?:{_PLACES})(?:[、和及](?:{_PLACES}))*)(?:平均水平)?(?P<rel2>高出?|快|低|慢)"
    rf"(?P<gaps2>(?:{NUMBER})(?:[、和](?:{NUMBER}))*)(?P<gap_unit2>个百分点)"
)
"""高于全省平均水平6.8个百分点; 比全国、自治区和全市高4.2、4.3和3.2个百分点 (a gap for each place)."""
_BENCHMARKS = {
    "全国": "national-average",
    "全省": "province-average",
    "全自治区": "province-average",
    "自治区": "province-average",
}
"""The benchmark of each place an average is taken in; a city's (全市, 全州, 全盟) otherwise."""
_TARGET = re.compile(r"超额完成(?:了)?(?P<by>省|全省|市|全市|上级)?(?:下达|确定)?的?(?:目标)?任务")
_SCHEDULE = re.compile(r"(?:超|快于|超过)序时进度")
_RECORD = re.compile(r"创(?:历史)?新高|创历史最好|创历史最高")
_WORDS = [
    (re.compile(rf"(?P<n>{_CN})成(?P<q>以上|多)?"), "成"),
    (re.compile(r"半(?P<u>天|年|小时|个月)"), "半"),
    (re.compile(rf"连续(?P<n>{_CN})年"), "连续"),
    (re.compile(r"翻(?P<n>一|两|二|三)番"), "翻"),
    (re.compile(rf"(?P<n>{_CN})连(?:增|涨|升|冠|降|跌)"), "连"),
    (
        re.compile(
            r"(?P<pre>突破|超过|超|逾|迈上|跨越|跃上|站上|逼近|接近|达到|达)"
            r"(?P<n>[十百千万]?)(?P<u>万亿元|亿元|万元|亿美元|万人次|万人|万吨|万户|亿)(?P<g>大关)?"
        ),
        "整",
    ),
    (
        re.compile(
            rf"(?<![第一二两三四五六七八九十百千万“\"])(?P<n>{_CN})(?P<u>条|项|批|家|座|所|个)"
            r"(?=[，,。；;、]|$|措施|政策|举措)"
        ),
        "量",
    ),
    (re.compile(rf"第(?P<n>{_CN}|[0-9]+)次(?=获评|获得|入选|荣获|被评为|被授予|蝉联|获)"), "次"),
]
"""Figures written in words: 七成以上 (70 %), 半天 (0.5 天), 连续三年 (3 年), 翻一番 (+100 %), 五连增 (words
only), 突破千亿元 and 亿元大关 (round amounts), 稳经济八条 (a count in words), 第三次获评 (a count of
honours). A figure whose words hold no single number (七八成, 五连增) keeps its words and no value."""
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
    rank_top: int | None = None
    """Within the first N (全国10强), when no position is given."""
    rank_scope: str | None = None
    """The scope as printed: 全国, 全省, 全自治区, 全市, 全州, 全地区, 全盟, 全县, 全旗, 全区."""
    rank_list: str | None = None
    """A named ranking the position is in, as printed (全国百强县)."""
    rank_sole: bool = False
    rank_of: str | None = None
    rank_group: int | None = None
    """Records one rank is stated for together (两项指标均居全市第一) share this number."""
    comparisons: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)
    """(relation, benchmark, gap, gap unit) in the report format's words."""
    cumulative: str | None = None
    """The cumulative wording (累计, 十四五, 三年来), when the figure covers several years."""
    note: str | None = None
    """A short note for the reviewer."""
    relative: bool = False
    """A difference rather than a level (超额完成任务2.1亿元, 较上年增加1.86亿元)."""


@dataclass(slots=True)
class Aim:
    """One target a text sets (地区生产总值增长5.5%左右): what, for which year, the number and its
    bound, or the words of a target without a number."""

    line: int
    clause: str
    name: str
    year: int | None
    aim: str | None = None
    """``change`` or ``level``; None for words only."""
    value: str | None = None
    unit: str | None = None
    """``%`` or ``pp`` for a change; the unit as printed for a level."""
    bound: str | None = None
    binding: str | None = None
    """``expected`` (预期性) or ``binding`` (约束性), where the text says."""
    written: str | None = None


@dataclass(frozen=True, slots=True)
class Text:
    """A report's text read for figures."""

    headings: tuple[tuple[int, str], ...]
    """(line, heading) of each section, in order; the first is the text before any heading."""
    figures: tuple[Figure, ...]
    targets: tuple[Aim, ...] = ()
    """The targets it sets (its 主要预期目标), which are no figures of the year."""


# ── reading the text ──────────────────────────────────────────────────────────

_BULLET = re.compile(r"^\s*(?:[-•·●▪■*](?![0-9])\s*|\(?\d{1,2}[).、](?![0-9])\s*|（\d{1,2}）\s*)")
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))"
)
_SENTENCE_END = re.compile(r"[。！？；;!?]")
_CLAUSE_END = re.compile(r"[，,：:]")
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


_SPACES = re.compile(r"(?<![A-Za-z0-9])[ \u3000\xa0]+|[ \u3000\xa0]+(?![A-Za-z0-9])")
"""Spaces a PDF copy puts around numbers and between hanzi (1218 亿元, 第 17 位, 政 府): dropped,
except between two ASCII words or numbers."""
_THOUSANDS = re.compile(r"(?<![0-9.,])[1-9][0-9]{0,2}(?:,[0-9]{3})+(?![0-9,])")
_YEAR_SPACE = re.compile(r"(?<![0-9.])((?:19|20)[0-9]{2})[ \u3000\xa0]+(?=[\u4e00-\u9fff])(?!年)")
_OTHER_DIGIT = re.compile(r"[^\x00-\x7f０-９]")
_FURNITURE = re.compile(
    r"^(?:第[0-9]+页(?:共[0-9]+页)?|共[0-9]+页(?:第[0-9]+页)?|-?[0-9]+-?|[0-9]+/[0-9]+|[0-9:/.-]*[0-9]:[0-9]{2}(?::[0-9]{2})?|"
    r"(?:来源[:：][^a-z]*?[|｜]\s*)?(?:上传|发布|更新|来源|作者|责任编辑|编辑|浏览|阅读|点击|访问)(?:时间|日期|次数|量|人数)?[:：].*|"
    r"(?:https?://|www\.)\S*|.*(?:网|网站|门户|文库|首页|打印本页|关闭窗口|字号|分享到).{0,6})$"
)
"""Page furniture of a copied page: page numbers and counts, upload dates and times (a line that is a
time alone, 10 18:31, is the end of one), view counts, sources, addresses, site names; no line of the
report."""
_ENDS = '。！？；;!?：:”"）)'


def _furniture(line: str) -> bool:
    return len(line) <= 40 and _FURNITURE.match(line) is not None


def _clean(line: str) -> str:
    """A line as the recogniser reads it: full-width and other digits as ASCII, a minus as ``-``,
    spaces beside numbers and between hanzi dropped, thousands separators dropped (1,200 → 1200)."""
    line = line.translate(_WIDE_DIGITS)
    if not line.isascii():
        line = _OTHER_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group(0), "")) or m.group(0), line)
    if (
        " " in line or "\u3000" in line or "\xa0" in line
    ):  # a year before words keeps its space: 2023 勠力奋进
        line = _SPACES.sub("", _YEAR_SPACE.sub("\\1\x00", line.strip())).replace("\x00", " ")
    line = line.strip()
    return _THOUSANDS.sub(lambda m: m.group(0).replace(",", ""), line) if "," in line else line


def _joined(rows: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Lines broken inside a sentence joined again: where a line ends in a number or a comma, or the
    next starts with one; and throughout a hard-wrapped copy (most lines end mid-sentence)."""
    open_ends = sum(1 for _, line in rows[:-1] if line[-1] not in _ENDS)
    wrapped = len(rows) >= 4 and open_ends >= 0.6 * (len(rows) - 1)
    out: list[tuple[int, str]] = []
    for n, line in rows:
        if out:
            prev = out[-1][1]
            starts = (
                _HEADING.match(line) or _BULLET.match(line) or _HEADING.match(prev) or "\t" in prev + line
            )
            broken = prev[-1] in "0123456789，,、（(" or line[0] in "0123456789%，,、。；;）)"
            cut = prev[-1] in "第、，,（(" and "\t" not in prev + line  # 第 | 4、: no line ends there
            if prev[-1] not in _ENDS and (cut or (not starts and (broken or wrapped))):
                out[-1] = (out[-1][0], prev + line)
                continue
        out.append((n, line))
    return out


def _lines(text: str) -> list[tuple[int, str]]:
    """Non-blank lines with their numbers, cleaned (``_clean``), page furniture left out, lines broken
    inside a sentence joined; a two-row table (a header row of labels, then a row of figures, cells
    apart by tabs) is joined cell by cell into one line: 地区生产总值完成 + 2806.2亿元."""
    raw = [(n, _clean(line)) for n, line in enumerate(text.splitlines(), 1)]
    rows = _joined([(n, line) for n, line in raw if line and not _furniture(line)])
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
    """The headings, figures and targets of a report's text (``year``: the year it reviews, for
    spans; the targets it sets are for the next year unless the text names theirs)."""
    headings: list[tuple[int, str]] = [(0, "")]
    found: list[Figure] = []
    aims = _Targets(year)
    item = 0
    bulleted = False
    content = False
    for n, line in _lines(text):
        if _is_heading(line):
            aims.opens(line)  # 一、2024年主要目标任务: the year of the targets below
            if _HEADING.match(line) and not line.startswith(("（", "(")):  # a part: 一、 二、
                aims.planning = _planning(line, year)
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
        for f in _paragraph(_BULLET.sub("", line, count=1), n, year, aims):
            f.section, f.item = len(headings) - 1, max(item, 1)
            found.append(f)
    return Text(tuple(headings), tuple(found), tuple(aims.found))


def _paragraph(line: str, n: int, year: int | None, aims: _Targets | None = None) -> list[Figure]:
    out: list[Figure] = []
    setting = False  # within a list of targets, which runs to the end of its sentence (。)
    for sentence, end in _sentences(line):
        if aims is not None and aims.planning:  # the year ahead: its numbers are targets, not outcomes
            aims.opens(sentence)
            aims.read(sentence, n)
            continue
        if aims is not None and (setting or aims.opens(sentence)):
            setting = aims.read(sentence, n) and end not in "。！？!?"
            continue
        out += _sentence(sentence, n, year)
    return out


def _sentences(line: str) -> list[tuple[str, str]]:
    """The sentences of a line, each with the mark that ends it (empty at the line's end)."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(line):
        out.append((line[start : m.start()], m.group(0)))
        start = m.end()
    return [*out, (line[start:], "")]


_TARGET_MARK = re.compile(
    r"(?:主要(?:预期)?目标|预期目标|(?P<kind>预期性|约束性)指标)(?:安排)?(?:是|为|如下)?\s*[:：]"
    r"|(?:主要(?:预期)?目标|预期目标)(?:是|为)"
)
"""What opens a list of targets: 主要预期目标是：, 预期性指标:, 约束性指标:, 主要目标为…"""
_TARGET_YEAR = re.compile(r"(?P<y>(?:19|20)[0-9]{2})年[^。]{0,30}?(?:主要|预期)(?:预期)?目标(?!任务)")
"""A year the main targets are set for (2024年经济社会发展的主要预期目标是); not 2035年远景目标, not
the review's 完成2023年主要目标任务."""
_T_CHANGE = re.compile(
    rf"(?P<verb>增长|增速|增幅|涨幅|上涨|提高|提升|下降|降低|回落)(?:率)?(?:保持在|达到|为)?"
    rf"(?P<pre>不低于|不高于|控制在|保持在)?{_SIGN}(?P<num>{NUMBER})(?P<unit>%|个百分点)"
    r"(?P<bound>以上|左右|以内|以下)?"
)
_T_LEVEL = re.compile(rf"(?P<pre>达到|完成|实现|控制在|不低于|不高于|保持在|稳定在)?(?P<num>{NUMBER})")
_T_WORDS = re.compile(
    r"与[^，,；;。]*同步|同步增长|基本同步|(?:高于|快于|略高于|不低于)[^，,；;。]*增长|全面完成"
)
_T_BOUNDS = ("以上", "左右", "以内", "以下")
_T_FALLS = ("下降", "降低", "回落")


class _Targets:
    """The targets of a text, read sentence by sentence where a list of them opens."""

    def __init__(self, year: int | None) -> None:
        self.year = year + 1 if year else None
        """The year targets are for: the one after the year reviewed, unless the text names it."""
        self.binding: str | None = None
        self.found: list[Aim] = []
        self.planning = False
        """Within a part of the text on the year ahead (二、2024年工作安排)."""

    def opens(self, sentence: str) -> bool:
        """Whether ``sentence`` opens a list of targets (and note the year it names)."""
        for named in _TARGET_YEAR.finditer(sentence):
            if named.group("y"):
                self.year = int(named.group("y"))
        return bool(_TARGET_MARK.search(sentence))

    def read(self, sentence: str, n: int) -> bool:
        """Read the targets of ``sentence``; False when it holds none (the list has ended)."""
        mark = _TARGET_MARK.search(sentence)
        rest = sentence
        if mark:
            kind = mark.group("kind")
            self.binding = {"预期性": "expected", "约束性": "binding"}.get(kind or "")
            if kind is None and "预期" in mark.group(0):
                self.binding = "expected"
            rest = sentence[mark.end() :]
        before = len(self.found)
        for part in re.split(r"[，,]", rest):
            clause = part.strip(" 、：:")
            if clause:
                aim = self.clause(clause, n, default=kind_name(mark) if mark else "")
                if aim is not None:
                    self.found.append(aim)
        return len(self.found) > before

    def clause(self, clause: str, n: int, default: str) -> Aim | None:
        m = _T_CHANGE.search(clause)
        if m:
            name = _name(clause[: m.start()]) or default
            fall = m.group("verb") in _T_FALLS
            value = ("-" if fall != bool(m.group("sign")) else "") + m.group("num")
            bound = m.group("pre") if m.group("pre") in ("不低于", "不高于", "控制在") else m.group("bound")
            written = clause[m.start("pre") :] if m.group("pre") and m.group("bound") else None
            percent = "pp" if m.group("unit") == "个百分点" else "%"
            return Aim(n, clause, name, self.year, "change", value, percent, bound, self.binding, written)
        m = next((m for m in _T_LEVEL.finditer(clause) if not _year_like(m)), None)
        if m:
            unit, end = _unit_at(clause, m.end())
            if unit is None:
                return None
            after = clause[end : end + 2]
            bound = next((b for b in _T_BOUNDS if after.startswith(b)), None)
            written = None
            if m.group("pre") in ("不低于", "不高于", "控制在"):
                written = clause[m.start() :] if bound else None
                bound = m.group("pre")
            name = _name(clause[: m.start()]) or default
            return Aim(
                n, clause, name, self.year, "level", m.group("num"), unit, bound, self.binding, written
            )
        m = _T_WORDS.search(clause)
        if m and not _NUMBER.search(clause):
            name = _name(clause[: m.start()]) or default
            return Aim(n, clause, name, self.year, None, written=clause[m.start() :], binding=self.binding)
        return None


_REVIEW = re.compile("回顾|总结|成绩|成就|过去|上年|去年")
_AHEAD = re.compile(r"(?:今年|明年|(?P<y>(?:19|20)[0-9]{2})年)[^。]{0,16}?(?:工作|目标|任务|安排|打算|部署)")


def _planning(heading: str, year: int | None) -> bool:
    """Whether a part's heading opens the year ahead (二、2024年工作安排, 二、今年主要目标) rather than
    the review (一、2023年工作回顾)."""
    if _REVIEW.search(heading):
        return False
    m = _AHEAD.search(heading)
    if m is None:
        return False
    return m.group("y") is None or (year is not None and int(m.group("y")) > year)


def kind_name(mark: re.Match[str]) -> str:
    """The name of a target that names nothing itself (约束性指标：全面完成…)."""
    return f"{mark.group('kind')}指标" if mark.group("kind") else "目标"


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


def _tokens(clause: str) -> list[_Token]:  # noqa: PLR0912 - one pass per kind, in the order they win
    """The parts of figures in a clause, in order, none overlapping: changes first, then
    comparisons, ranks, figures in words, and last the plain values. Linear in the clause's length:
    the characters taken are marked, so a candidate is checked against its own span only."""
    used = bytearray(len(clause))
    taken: list[_Token] = []

    def take(t: _Token) -> None:
        used[t.start : t.end] = b"\x01" * (t.end - t.start)
        taken.append(t)

    def free(a: int, b: int) -> bool:
        return not any(used[a:b])

    for m in _CHANGE.finditer(clause):
        take(_Token(m.start(), m.end(), "change", m))
    for m in _RANK.finditer(clause):
        if free(m.start(), m.end()):
            take(_Token(m.start(), m.end(), "rank", m))
    for m in _RANK_NAMED.finditer(clause):
        if free(m.start(), m.end()):
            take(_Token(m.start(), m.end(), "rank", m))
    if taken and any(t.kind == "rank" for t in taken):
        for m in _RANK_MORE.finditer(clause):
            if free(m.start(), m.end()):
                take(_Token(m.start(), m.end(), "rank", m))
    for a, b, _ in _special_spans(clause):  # dates, phone numbers, slogans hold no figure
        if free(a, b):
            take(_Token(a, b, "none", _NONE))
    kinds = [(_AVERAGE, "compare"), (_TARGET, "compare"), (_SCHEDULE, "compare"), (_RECORD, "compare")]
    kinds += [(pattern, "words") for pattern, _ in _WORDS]
    for pattern, kind in kinds:
        for m in pattern.finditer(clause):
            if free(m.start(), m.end()) and not (kind == "words" and not _words_ok(clause, m)):
                take(_Token(m.start(), m.end(), kind, m))
    for m in _VALUE.finditer(clause):
        if free(m.start("num"), m.end("num")):
            unit, end = _unit_at(clause, m.end())
            if not (unit in (None, "年") and _year_like(m)):
                take(_Token(m.start(), end + (2 if clause.startswith("以上", end) else 0), "value", m, unit))
    taken = sorted((t for t in taken if t.kind != "none"), key=lambda t: t.start)
    for i, t in enumerate(taken):
        t.after = clause[t.end : taken[i + 1].start if i + 1 < len(taken) else len(clause)]
    return taken


_NONE: re.Match[str] = re.compile("").match("")  # type: ignore[assignment]  # the empty pattern matches


def _words_ok(clause: str, m: re.Match[str]) -> bool:
    """Whether words matched as a figure are one: no slogan (“三个一批”), and a round amount says
    how many (千亿元) or is a mark passed (亿元大关)."""
    if "g" in m.re.groupindex and not (m.group("n") or m.group("g")):
        return False
    return not _slogan(clause, m.end())


def _slogan(clause: str, end: int) -> bool:
    return clause[end : end + 1] in ("个", "大", "项") and "“" in clause[max(0, end - 12) : end + 2]


def _year_like(m: re.Match[str]) -> bool:
    num = m.group("num")
    return len(num) == 4 and num.isdigit() and 1900 < int(num) < 2100


_MEASURE_WORDS = "株棒头只羽袋箱盒册份件套尾张片粒枚支台辆架艘部本盏块根"
"""Measure words a 万 or 亿 may multiply (110万棒, 1100万株) where the unit table lacks them."""


def _unit_at(clause: str, at: int) -> tuple[str | None, int]:
    """The unit printed at ``at`` (the longest the unit table knows, % and 个百分点 first), and where
    it ends; an unknown measure word (a single hanzi, or one of ``_MEASURE_WORDS`` after 万 or 亿) is
    taken as it is."""
    rest = clause[at : at + _UNIT_CHARS]
    if rest.startswith("个百分点"):
        return "个百分点", at + 4
    for size in range(len(rest), 0, -1):
        if known(rest[:size]) is not None:
            return rest[:size], at + size
    stop = "的和与及年月日在至到比、，"
    if rest[:1] in ("万", "亿") and rest[1:2] and rest[1] in _MEASURE_WORDS:
        return rest[:2], at + 2  # 110万棒: a multiple of a measure word the table does not know
    if rest[:1] and "\u4e00" <= rest[0] <= "\u9fff" and rest[0] not in stop:
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
        self.listed: list[str] = []
        """Names of a list of levels (城乡…分别完成A、B), handed out in order."""
        self.rank_scope = ""
        """The scope of the clause's last rank, which the further places of a list share."""

    def read(self) -> None:
        tokens = _tokens(self.clause)
        values = sum(t.kind == "value" for t in tokens)
        end = 0
        for t in tokens:
            subject = self.clause[end : t.start]
            end = t.end
            if t.kind == "value" and values > 1 and "分别" in subject and not self.listed:
                self.listed = _respectively(subject, values)
            {"change": self.change, "value": self.value, "words": self.words, "rank": self.rank}.get(
                t.kind, self.compare
            )(t, subject)
        if not tokens and _HONOUR.search(self.clause) and not _NUMBER.search(self.clause):
            self.honour()

    def new(self, name: str) -> Figure:
        clause = self.clause if len(self.clause) <= 200 else self.clause[:200] + "…"
        f = Figure(line=self.n, clause=clause, name=name)
        self.records.append(f)
        self.here.append(f)
        return f

    def change(self, t: _Token, subject: str) -> None:
        own = _name(subject)
        more = re.findall(rf"-?{NUMBER}", t.match.group("more"))
        values = [(t.match.group("sign") or "") + t.match.group("num"), *more]
        unit = "pp" if t.match.group("unit") == "个百分点" else "%"
        verb = t.match.group("verb")
        fall = (verb in _FALLS) != (verb in _SPREADS and bool(_A_FALL.search(subject)))
        names = _respectively(subject, len(values))
        targets = self._levels(len(values)) if not own and not names else []
        for k, number in enumerate(values):
            f = targets[k] if targets else self.new(names[k] if names else own or self.last)
            negative = number.startswith("-") != fall
            digits = number.lstrip("-")
            f.change, f.change_unit = ("-" + digits if negative and digits.strip("0.") else digits), unit
            f.cumulative = f.cumulative or self.cumulative

    def _levels(self, count: int) -> list[Figure]:
        """The records of the sentence a list of ``count`` changes with no subject belongs to: the
        last ``count`` levels without a change, in order; a difference inserted after a level
        (超额完成任务2.1亿元) is passed over for the level before it."""
        free = [f for f in self.records if f.change is None]
        if count == 1 and free:
            last = free[-1]
            if last.relative and len(free) > 1 and not free[-2].relative:
                return [free[-2]]
            return [last] if last is self.records[-1] or last.relative else []
        tail = free[-count:]
        return tail if len(tail) == count and all(f.value is not None for f in tail) else []

    def value(self, t: _Token, subject: str) -> None:
        m, clause = t.match, self.clause
        own = _name(subject)
        direct = t.unit is not None and t.unit not in ("%", "个百分点") and t.after[:1] not in _APART
        noun = _name(t.after, leading=True) if direct else ""
        if noun in _NOT_NOUNS or noun.startswith("等"):  # 13条等措施: what follows 等 sums up a list
            noun = ""
        if noun and t.after[len(noun) : len(noun) + 1] == "、":
            noun = _shared_head(noun, clause[t.end + len(noun) + 1 :])
        if subject.startswith("的"):  # 超30万元的行政村达到67%: the words before the figure name it
            own = _name(clause[max(0, t.start - 40) : t.start])
        relative = _RELATIVE.search(subject) is not None
        name = own or self.last
        if self.listed:
            name = self.listed.pop(0)
        elif noun and len(noun) >= 2 and not _CHANGE.match(t.after):
            lead = _name(subject)
            name = f"{lead}{noun}" if lead.startswith("新") or subject.startswith("的") else noun
        elif own in _GENERIC and self.last:
            name = re.sub("^新增|^新建", "", self.last) + own
        elif relative and _RELATIVE.match(subject.lstrip("，,、")) and self.records:
            # 超额完成年度任务2.1亿元: the difference of the level before; 占计划的100%: its share of the plan
            name = self.records[-1].name + ("完成计划比例" if _OF_PLAN.match(own) else own)
        f = self.new(name)
        f.value, f.unit = (m.group("sign") or "") + m.group("num"), t.unit or ""
        f.qualifier = _PREFIX.get(m.group("pre") or "") or m.group("odd")
        f.relative = relative
        if clause[t.end - 2 : t.end] == "以上" and t.end > m.end():
            f.qualifier = "以上"
        f.cumulative = self.cumulative
        self.last = f.name

    def words(self, t: _Token, subject: str) -> None:
        after = _name(t.after.split("，")[0])
        own = _name(subject)
        if t.match.re is _WORDS[-1][0]:  # 第三次获评…: a count of the honour after it
            title = _name(t.after, plan=True)
            own = title or own
        f = self.new(own or after or self.last)
        _words(f, t.match)
        f.cumulative = self.cumulative

    def _shared(self, m: re.Match[str], subject: str) -> bool:
        """两项指标均居全市第一: the rank on each of the figures before it, as one group; False when
        the subject names no such count."""
        shared = _SHARED.search(subject)
        count = _rank_number(shared.group("n")) if shared else None
        if not count or not 1 < count <= len(self.records) or m.re is not _RANK:
            return False
        groups = m.groupdict()
        for each in self.records[-count:]:
            self._place(each, m, groups.get("scope") or groups.get("scope2") or "", "")
            each.rank_group = id(self.records[-count])
        return True

    def rank(self, t: _Token, subject: str) -> None:
        m = t.match
        groups = m.groupdict()
        if self._shared(m, subject):
            return
        own = _name(subject)
        of = groups.get("of") or ""
        if m.re is _RANK_NAMED:  # 荣登百强县榜首: the ranking's name, less the verb before it
            of = _name(of)
        scope = groups.get("scope") or groups.get("scope2") or ""
        listed = bool(of) and (m.re is _RANK_MORE or bool(_LIST_NAME.search(of)))
        target = self.records[-1] if self.records else None
        if target is not None and (target.rank is not None or target.rank_top is not None):
            target = None  # one record, one rank: 跻身全国百强县第17位，旅游收入全区第二 are two
        f: Figure | None = target if target is not None and (not own or len(own) <= 6) else None
        if m.re is _RANK_MORE:  # a further place of a list: 、新型城镇化质量第4
            f = self.new(of)
            scope = self.rank_scope
        elif listed and not groups.get("sole"):  # a ranking's own name: 全国百强县投资潜力第3
            f = self.new(scope + of)
        elif groups.get("within"):
            f = self.new(f"{own}{m.group(0)}" if own else m.group(0))
        elif (t.after.startswith("的") or _HONOUR.search(subject)) and len(_name(t.after)) >= 2:
            f = self.new(_name(t.after))  # (获评)全省唯一(的)国家首批碳达峰试点园区
            f.kind = "honour" if _HONOUR.search(subject) else "figure"
        elif f is None:
            basis = _BASIS.search(own)
            if basis and basis.start() >= 2:  # 规上工业增加值增速居全市第一: the growth of the figure
                f = self.new(own[: basis.start()])
                f.rank_of = basis.group(0)
            else:
                f = self.new(own or self.clause[: t.start][:40])
        elif own and own != f.name:
            f.rank_of = own
        if of and not listed and not groups.get("sole"):
            f.rank_of = of  # 全市增速第一: what is ranked
        self.rank_scope = scope
        self._place(f, m, scope, (of if m.re is _RANK_MORE else scope + of) if listed else "")

    @staticmethod
    def _place(f: Figure, m: re.Match[str], scope: str, listed: str) -> None:
        """Set the rank ``m`` states on ``f``: its scope, ranking, and place or band."""
        groups = m.groupdict()
        f.rank_scope = scope or None
        if listed:
            f.rank_list = listed
            f.rank_of = None
        if groups.get("within"):
            f.rank_top = _rank_number(groups.get("within"))
            return
        f.rank_sole = bool(groups.get("sole"))
        lead = groups.get("sole") or groups.get("top") or groups.get("lead")
        f.rank = 1 if lead else _rank_number(groups.get("n"))

    def compare(self, t: _Token, subject: str) -> None:
        m, own = t.match, _name(subject)
        if m.re is not _AVERAGE:
            words = {_TARGET: ("exceeded", "province-target"), _SCHEDULE: ("ahead", "schedule")}
            relation, benchmark = words.get(m.re, ("record", "history"))
            if m.re is _TARGET and (m.group("by") or "").endswith("市"):
                benchmark = "city-target"
            self.owner(own).comparisons.append((relation, benchmark, None, None))
            return
        g = {k: m.group(k) or m.group(k + "2") for k in ("rel", "where", "gaps", "gap_unit")}
        relation = "below" if g["rel"] in ("低于", "慢于", "低", "慢") else "above"
        places = re.findall(_PLACES, g["where"])
        gaps: list[str | None] = list(_NUMBER.findall(g["gaps"] or "")) or [None]
        gap_unit = {"个百分点": "pp", "%": "%"}.get(g["gap_unit"] or "")
        if len(places) == len(gaps) > 1:  # 比全国、自治区和全市高4.2、4.3和3.2个百分点: one gap a place
            f = self.owner(own)
            for place, gap in zip(places, gaps, strict=True):
                f.comparisons.append((relation, _BENCHMARKS.get(place, "city-average"), gap, gap_unit))
            return
        spread = len(gaps) > 1 and len(self.records) >= len(gaps)  # 分别…高于…6.8和22.5个百分点
        owners = self.records[-len(gaps) :] if spread else [self.owner(own)] * len(gaps)
        for f, gap in zip(owners, gaps, strict=False):
            for place in places:
                bench = _BENCHMARKS.get(place, "city-average")
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


_NEXT_NOUN = re.compile(rf"^{NUMBER}[个项家座所条]?(?P<noun>[\u4e00-\u9fff]{{2,12}})")


def _shared_head(noun: str, rest: str) -> str:
    """6个盟级、42个旗级重点项目: a count's noun that stops where the next of the list says more in the
    same shape (盟级 beside 旗级重点项目) takes what the next says after it (盟级重点项目)."""
    m = _NEXT_NOUN.match(rest)
    if m is None:
        return noun
    following = _name(m.group("noun"), leading=True)
    k = len(noun)
    if len(following) > k + 1 and following[k - 1] == noun[-1]:
        return noun + following[k:]
    return noun


_OF_PLAN = re.compile(r"^(?:占|完成|为|达)(?:全年|年度|年初)?(?:计划|目标|任务)")
"""A share of the plan (占计划的100%), named 完成计划比例 after its level."""
_SECTOR = re.compile("^([一二三])产(?!业)")
"""一产增加值 is 第一产业增加值: the sectors by their full names."""
_GENERIC = {"总数", "总量", "总额", "规模", "金额", "数量", "比重", "占比", "总计", "合计", "总投资"}
_APART = "、，,和及与；;"
"""What stands between two figures of one clause (a noun right after a unit is the figure's own)."""
_NOT_NOUNS = {"大关", "左右", "以内", "以下", "台阶", "目标", "级别"}
"""Words after a unit that name no thing counted (300亿元大关): the figure is named by its subject."""
_RELATIVE = re.compile(
    r"^(?:超额完成|超出|多于|高出)|(?:比|较)(?:上年|去年|[0-9]{4}年)?(?:同期)?(?:增加|减少|多|少)"
    r"|^(?:占|完成|为|达)(?:全年|年度|年初)?(?:计划|目标|任务)(?:数)?的?$"
)
"""A difference or a share of another figure rather than a level: 超额完成年度任务2.1亿元, 较上年增加
1.86亿元, 占计划的100% (the level before it, as a share of its plan)."""
_PAIRS = {"城乡": ("城镇", "农村"), "中小学": ("中学", "小学"), "进出口": ("进口", "出口")}
"""Two subjects written as one (城乡居民…分别…A、B): the first and the second, in order."""


def _words(f: Figure, m: re.Match[str]) -> None:
    """A figure in words: its value where the words say one number, never an invented one."""
    text = m.group(0)
    kind = next(k for pattern, k in _WORDS if pattern is m.re)
    groups = m.groupdict()
    n = chinese_number(groups["n"]) if groups.get("n") else None
    f.written = text
    if kind == "成" and n is not None:
        f.value, f.unit = str(n * 10), "%"
        f.qualifier = groups.get("q")
    elif kind == "半":
        f.value, f.unit = "0.5", m.group("u")
    elif kind == "连续" and n is not None:
        f.value, f.unit = str(n), "年"
    elif kind == "翻":  # 翻一番: doubled
        f.change, f.change_unit = str((2 ** (n or 1) - 1) * 100), "%"
    elif kind == "整":  # 突破千亿元, 亿元大关
        f.value = str({"十": 10, "百": 100, "千": 1000, "万": 10000}.get(groups.get("n") or "", 1))
        f.unit = "亿元" if m.group("u") == "亿" else m.group("u")
        f.qualifier = _PREFIX.get(m.group("pre"))
        f.written = text[len(m.group("pre")) :]
    elif kind in ("量", "次"):
        number = groups["n"]
        f.value = number if number.isdigit() else (str(n) if n is not None else None)
        f.unit = m.group("u") if kind == "量" else "次"
        f.written = None if number.isdigit() else text
    if f.value is None and f.change is None:
        f.unit = None  # words alone (七八成, 五连增): no number the text states


def _rank_number(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else chinese_number(text)


def _respectively(subject: str, count: int) -> list[str]:
    """制造业、战略性新兴产业增加值分别增长14.9%、33.4%: a name for each change."""
    if count < 2 or "分别" not in subject:
        return []
    whole = subject.replace("分别", "")
    parts = [_name(p) for p in re.split("[、和及与]", whole)]
    if len(parts) == 1 and count == 2:
        name = parts[0]
        for pair, (first, second) in _PAIRS.items():
            if pair in name:
                return [name.replace(pair, first, 1), name.replace(pair, second, 1)]
    if len(parts) != count or not all(parts):
        return []
    head = _HEAD_NOUN.search(parts[-1])
    if head and len(parts[-1]) > len(head.group(0)):  # 城镇和农村居民人均可支配收入: one head noun for all
        parts = [p if _HEAD_NOUN.search(p) else p + head.group(0) for p in parts[:-1]] + parts[-1:]
    return parts


_HEAD_NOUN = re.compile(
    r"(?:(?:居民)?(?:人均)?(?:可支配|纯)?收入|增加值|总?产值|产量|总?额|投资|利润|增速|人数|面积)$"
)
"""The noun a list of names shares when only the last says it (制造业、战略性新兴产业增加值; 城镇和农村
居民人均可支配收入): each name before takes it."""


def _cumulative(clause: str, year: int | None) -> str | None:
    m = _CUMULATIVE.search(clause)
    if m is None:
        return None
    if year is not None and "十四五" in m.group(0):
        return f"2021-{year}" if 2021 < year <= 2025 else None
    if year is not None and m.group("n"):
        years = chinese_number(m.group("n")) or 1
        return f"{year - years + 1}-{year}" if years > 1 else None
    return m.group(0).strip("“”")


# ── names ─────────────────────────────────────────────────────────────────────

_LEADING = re.compile(
    r"^(?:[、，,和及与并且的]|(?:19|20)[0-9]{2}年(?:度|全年)?|全市|全县|全区|全旗|全盟|全州|全年|其中|同时|共|累计|已|已经|带动|推动|促进|实现|完成|实施|开展|"
    r"着力|持续|全面|大力|积极|加快|扎实|深入|不断|有效|进一步|总计|合计|共计|发展|帮助|支持|"
    r"保持|位居|位列|稳居|雄踞|跻身|荣登|荣获|居(?=全|第|前)|达到|达|使(?!用)|让|推进|组织|举办|办理|预计|"
    r"配套|制定|出台|印发|细化|完善|投放|为(?=[\u4e00-\u9fff]{4}))+"
)
_TRAILING = re.compile(
    r"(?:[、，,和及与的]|完成|达到|达|实现|为|是|突破|超过|保持|同比|比上年|较上年|分别|已|已经|累计|共|"
    r"(?:发展|增加|增长|提升|扩大|减少)(?:至|到)|下降至|下降到|上升至|上升到|增长到|增长至|减少到|减少至|降低到|降低至|控制在|降至|提高到|提高至|提升至|增至|增加到|稳定在|至|到|连年|继续|位居|稳居|雄踞|跻身|荣登|领跑|居|排名|位列|成功|"
    r"顺利|首次|全年|当年|逼近|接近|(?:比|较)(?:上年|去年|[0-9]{4}年)(?:同期)?(?:增加|减少|增长|下降)?|(?:比|较)(?:增加|减少))+$"
)
_PLAN = re.compile(
    r"[“\"]?十[一二三四五六七八九]?五[”\"]?(?:期间|以来|时期)?|(?:已|已经)?累计|[两三四五]年来"
)
"""Span words (“十四五”以来, 累计, 三年来): they say the period, not what is counted."""
_QUOTES = str.maketrans("", "", '“”"‘’《》「」『』')
_ASIDE = re.compile(r"[(（][^()（）]{0,12}[)）]")
"""A short aside in brackets (下同), which is no part of a name."""


def _name(text: str, *, leading: bool = False, plan: bool = False) -> str:
    """A record's name from the words around its figure: quotes and punctuation dropped, leading
    adverbs and verbs (实施, 带动, 累计) and trailing verbs (完成, 达到, 增长) cut away.

    ``leading`` reads words after a figure (157个工业转型项目): up to the first verb or particle;
    ``plan`` keeps span words (the 十四五 of a plan's title).
    """
    text = text.translate(_QUOTES) if plan else _PLAN.sub("", text.translate(_QUOTES))
    text = _ASIDE.sub("", text).strip(" 、，,。；;：:（）()")
    if leading:
        text = re.split(r"[，,、；;。]|增长|下降|提高|达到|实现|完成|分别|以上", text, maxsplit=1)[0]
        text = re.sub(r"^的", "", text)
    for _ in range(3):
        text = _TRAILING.sub("", _LEADING.sub("", text)).strip()
    return _SECTOR.sub(r"第\1产业", text)[:40]


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
_ORDINAL = re.compile(rf"第(?:{NUMBER})(?!.{{0,2}}(?:位|名)|次(?:获|入选|荣获|被))")
_ANY = re.compile(r"\d+(?:\.\d+)?")


def tokens(text: str) -> list[Token]:
    """Every number of the text, each classified, line by line: Arabic numbers (a date or a phone
    number is one token, however many numbers it is written with), figures in words and plans."""
    out: list[Token] = []
    for n, line in _lines(text):
        special = sorted(_special_spans(line), key=lambda sp: (sp[0], -sp[1]))
        k = 0
        done = -1
        for m in _ANY.finditer(line):
            while k < len(special) and special[k][1] <= m.start():
                k += 1
            span = next((sp for sp in special[k : k + 4] if sp[0] <= m.start() < sp[1]), None)
            if span is not None:
                if span[0] > done:
                    out.append(Token(n, line[span[0] : span[1]], span[2], _clause_at(line, m.start())))
                    done = span[0]
                continue
            before, after = line[m.start() - 1 : m.start()], line[m.end() : m.end() + 1]
            glued = (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())
            kind = "name" if glued or before == "." else "figure"
            if kind == "figure" and re.match(r"0[0-9]", m.group(0)):
                kind = "code"  # 012: a serial or code, no decimal a report file holds
            out.append(Token(n, m.group(0), kind, _clause_at(line, m.start())))
        out += _word_tokens(line, n)
    return sorted(out, key=lambda t: t.line)


def _word_tokens(line: str, n: int) -> list[Token]:
    """Numbers in words: figures (七成以上, 半天, 连续三年, 翻一番) and five-year plans (十四五)."""
    found = [
        (m.start(), Token(n, m.group(0), "figure", _clause_at(line, m.start())))
        for pattern, _ in _WORDS
        for m in pattern.finditer(line)
        if _words_ok(line, m) and not re.search("[0-9]", m.group(0))
    ]
    found += [
        (m.start(), Token(n, m.group(0), "plan", _clause_at(line, m.start()))) for m in _PLANS.finditer(line)
    ]
    return [t for _, t in sorted(found, key=lambda pair: pair[0])]


_PLANS = re.compile(r"十[一二三四五六七八九]?五(?=规划|期间|时期|以来|”|\"|$)")


_ANNIVERSARY = re.compile(r"[0-9]+周年")
_SLOGAN = re.compile(r"[“\"「][0-9+＋、.·-]+[”\"」]|(?<![0-9.])[0-9]+(?:[+＋][0-9]+)+")
_CLASS = re.compile(r"(?<![0-9.])[0-9]+\.[0-9]+(?=类|级|期|代|版)")
_THRESHOLD = re.compile(
    rf"{NUMBER}(?:%|[十百千万亿]{{0,2}}(?:元|美元|吨|人|亩|平方米|千瓦|户|个|家|辆))?以[上下](?=的?[\u4e00-\u9fff])"
    r"(?!的?[用占达为是左])"
)
_NOT_FIGURES = (
    (_PHONE, "phone"),
    (_DATE, "date"),
    (_YEAR, "year"),
    (_ORDINAL, "ordinal"),
    (_ANNIVERSARY, "anniversary"),
    (_SLOGAN, "slogan"),
    (_CLASS, "class"),
    (_THRESHOLD, "threshold"),
)
"""Numbers that are no figures: an anniversary (75周年), a slogan (“1+1+9”, “1345”), a
classification (1.1类新药), a threshold (3000万元以上项目), besides dates, years and ordinals."""


def _special_spans(line: str) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for pattern, kind in _NOT_FIGURES:
        spans += [(m.start(), m.end(), kind) for m in pattern.finditer(line)]
    return spans


def unit_after(context: str, number: str) -> str | None:
    """The unit printed right after ``number`` in ``context`` (its first standing alone): ``亿元``,
    ``%``, ``个百分点``, a measure word; None when none follows."""
    for m in re.finditer(rf"(?<![0-9.]){re.escape(number)}(?![0-9])(?:余|多)?", context):
        return _unit_at(context, m.end())[0]
    return None


_CONTEXT = 60
"""Characters of context either side of a number at most: a clause of a long line without
punctuation is cut, so the output stays proportional to the numbers, not to the line."""


def _clause_at(line: str, at: int) -> str:
    marks = "，,。；;：:！？!?\t"
    low = max(0, at - _CONTEXT)
    window = line[low : at + _CONTEXT]
    here = at - low
    start = max(window.rfind(ch, 0, here) for ch in marks) + 1
    ends = [i for i in (window.find(ch, here) for ch in marks) if i >= 0]
    return window[start : min(ends) if ends else len(window)].strip()
