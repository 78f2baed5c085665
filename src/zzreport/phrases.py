"""How ranks and comparisons read in words, in Chinese and English: for tables and for search.

Builtins and the model's enums only.
"""

from __future__ import annotations

from zzreport.model import Benchmark, ChangeUnit, Indicator, Relation, Scope

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 99 → 九十九; larger numbers stay in digits."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 22nd."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


SCOPE = {
    Scope.COUNTRY: ("全国", "in China"),
    Scope.PROVINCE: ("全省", "in the province"),
    Scope.REGION: ("全区", "in the autonomous region"),
    Scope.CITY: ("全市", "in the city"),
    Scope.PREFECTURE: ("全州", "in the prefecture"),
    Scope.LEAGUE: ("全盟", "in the league"),
    Scope.COUNTY: ("全县", "in the county"),
    Scope.BANNER: ("全旗", "in the banner"),
    Scope.DISTRICT: ("全区", "in the district"),
}
"""How each scope of a rank reads: 全市第一 / 1st in the city."""


def rank_words(ind: Indicator, lang: str, *, province: str = "") -> str:  # noqa: PLR0911 - one return per form
    """A record's rank in words, empty when it has none: 全省第二, 全国百强县第十七, 全国前10, 全省唯一 /
    2nd in Shanxi (``province``, the report's province in English), 17th among China's top 100
    counties, in the top 10 in China, the only one in the province."""
    scope = ind.rank_scope
    if ind.rank is None and ind.rank_top is None and not ind.rank_sole:
        return ""
    if scope is None and ind.rank_list is None:
        return ""
    zh_scope, en_scope = SCOPE[scope] if scope is not None else ("", "")
    if lang == "zh":
        listed = ind.rank_list or ""
        where = listed if listed.startswith(zh_scope) else zh_scope + listed
        if ind.rank_sole:
            return f"{where}唯一"
        if ind.rank_top is not None:
            return f"{where}前{ind.rank_top}"
        return f"{where}第{chinese_number(ind.rank or 1)}"
    if province and scope in (Scope.PROVINCE, Scope.REGION):
        en_scope = f"in {province}"
    if ind.rank_list:
        where = f"among {ind.rank_list_en or ind.rank_list}"
        if scope is not None and not ind.rank_list.startswith(zh_scope):
            where += f" {en_scope}"
    else:
        where = en_scope
    if ind.rank_sole:
        return f"the only one {where}"
    if ind.rank_top is not None:
        return f"in the top {ind.rank_top} {where}"
    return f"{ordinal(ind.rank or 1)} {where}"


BENCHMARK = {
    Benchmark.PROVINCE_AVERAGE: ("全省平均水平", "provincial average"),
    Benchmark.NATIONAL_AVERAGE: ("全国平均水平", "national average"),
    Benchmark.CITY_AVERAGE: ("全市平均水平", "city average"),
    Benchmark.PROVINCE_TARGET: ("省下达任务", "provincial target"),
    Benchmark.CITY_TARGET: ("市下达任务", "city target"),
    Benchmark.SCHEDULE: ("序时进度", "schedule"),
    Benchmark.HISTORY: ("历史", "history"),
}
RELATION = {
    Relation.ABOVE: ("高于", "above"),
    Relation.BELOW: ("低于", "below"),
    Relation.EXCEEDED: ("超额完成", "exceeded"),
    Relation.AHEAD: ("超", "ahead of"),
    Relation.BEHIND: ("落后于", "behind"),
    Relation.RECORD: ("创", "record"),
}


def searchable(ind: Indicator) -> str:
    """A record's rank and comparisons in the words people search them by: 全省第二, 全省第2,
    2nd in province, second in province; 高于全省平均, above provincial average."""
    words: list[str] = []
    zh_words = rank_words(ind, "zh")
    if zh_words:
        en = rank_words(ind, "en")
        words += ["排名 位次 rank ranking", zh_words, en]
        printed = {Scope.REGION: ("全区", "全自治区"), Scope.PREFECTURE: ("全州", "全地区")}.get(
            ind.rank_scope or Scope.COUNTRY
        )
        if printed:  # the other way reports print the scope: 全自治区第二, 全地区第三
            words += [zh_words.replace(*printed, 1)]
        n = ind.rank
        if n is not None and not ind.rank_sole:
            where = en.partition(" ")[2]
            words += [zh_words.replace(f"第{chinese_number(n)}", f"第{n}")]
            words += [f"{_FIRST[n - 1]} {where}"] if n <= len(_FIRST) else []
            words += [en.replace(" the ", " ")]
    if ind.change is not None and ind.change_unit is ChangeUnit.PERCENT and ind.change:
        words += ["增长 增速 growth"] if ind.change > 0 else ["下降 降幅 decline fall"]
    for c in ind.comparisons:
        zh_rel, en_rel = RELATION[c.relation]
        zh_bench, en_bench = BENCHMARK[c.benchmark]
        if c.relation is Relation.RECORD:
            words += ["创历史新高", "record high"]
        else:
            short = zh_bench.removesuffix("水平")
            words += [f"{zh_rel}{zh_bench}", f"{zh_rel}{short}", f"{en_rel} {en_bench}"]
    return " ".join(words)


_FIRST = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
