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


SCOPE = {Scope.PROVINCE: ("全省", "in province"), Scope.COUNTRY: ("全国", "in China")}
BENCHMARK = {
    Benchmark.PROVINCE_AVERAGE: ("全省平均水平", "province average"),
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
    2nd in province, second in province; 高于全省平均, above province average."""
    words: list[str] = []
    if ind.rank is not None and ind.rank_scope is not None:
        zh, en = SCOPE[ind.rank_scope]
        words += ["排名 位次 rank ranking"]
        if ind.rank_sole:
            words += [f"{zh}唯一", f"only one {en}"]
        else:
            n = ind.rank
            words += [f"{zh}第{chinese_number(n)}", f"{zh}第{n}", f"{ordinal(n)} {en}"]
            words += [f"{_FIRST[n - 1]} {en}"] if n <= len(_FIRST) else []
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
