"""How well `zzreport draft` reads real report texts it was not written from.

Drafts each text of a folder (default ../shared/texts) and sets the draft against the hand-read gold
file beside it (``NAME.json``):

- values: gold figures with a value whose value and unit some drafted record has;
- changes: gold figures with a change whose signed change (unit % or pp) a drafted record has, on
  the right record: the one that also has the gold value, or, for a change alone, one whose name
  passes the name rule; a gap to an average (比全国高4.2个百分点) counts where the record holding it
  has it as a comparison's gap;
- ranks: gold figures with a rank whose position (``rank_n``) a drafted record holds, as ``rank``,
  as ``rank_top`` (10强: within the top ten) or in its ``note`` (第3, 第三, 榜首, 首位, 10强), on a
  record whose name passes the name rule or that holds the gold value or change;
- names: gold figures found by value or change whose drafted record's name passes the name rule: after
  dropping leading scope words (全市, 全县, 全年 …) and quotes, one name holds the other and the
  shorter has at least four characters (or they are equal);
- precision: drafted figures (records with a value, change or rank) that match a gold figure, over
  all drafted figures; drafted figures matching only a ``borderline`` gold figure are left out of both;
- invented: drafted values and changes whose digits the text does not print (a record with
  ``written``, or a ``note`` holding words of the text such as 翻两番, reads its number from words
  and is not counted).

    python benchmarks/draft_real.py [FOLDER] [--only NAME] [--show] [--pdf]

``--pdf`` scores each text as a PDF copy gives it: page furniture first (a page count, an upload
date), a space either side of every number, and a line break every 25 characters.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from zzreport import drafting
from zzreport.recognise import chinese_number

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT.parent / "shared" / "texts"
ASIDE = {"panshan-2022", "sanming-2020", "panzhihua-2022", "luohu-2022"}
"""Texts kept aside as a check, never tuned on: one of ../shared/texts, three of benchmarks/texts
(whose gold was written from the text alone before the recogniser was run on it)."""

_SCOPE = re.compile(r"^(?:全[市县区旗盟州省国年]|我[市县区旗]|其中)+")
_QUOTES = str.maketrans("", "", '“”"‘’《》「」『』()（）')


def _plain(name: str) -> str:
    name = re.sub(r"（第?\d*行.*?）$|（[^（）]{1,6}）$", "", name)
    return _SCOPE.sub("", name.translate(_QUOTES).strip())


def name_ok(drafted: str, gold: str) -> bool:
    """The name rule: one holds the other once scope words are dropped, the shorter of four
    characters or more, or the two equal."""
    a, b = _plain(drafted), _plain(gold)
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return a == b or (len(short) >= 4 and short in long_)


def _rank_in(text: str) -> set[int]:
    found: set[int] = set()
    for m in re.finditer(r"第([一二两三四五六七八九十]+|\d+)|(\d+|[一二三四五六七八九十]+)强", text):
        n = m.group(1) or m.group(2)
        v = int(n) if n.isdigit() else chinese_number(n)
        if v:
            found.add(v)
    if re.search("榜首|首位|第一|领跑|唯一", text):
        found.add(1)
    return found


@dataclass
class Score:
    values: list[int]
    changes: list[int]
    ranks: list[int]
    names: list[int]
    precision: list[int]
    invented: int
    drafted: int

    @staticmethod
    def empty() -> Score:
        return Score([0, 0], [0, 0], [0, 0], [0, 0], [0, 0], 0, 0)

    def add(self, other: Score) -> None:
        for k in ("values", "changes", "ranks", "names", "precision"):
            mine, theirs = getattr(self, k), getattr(other, k)
            mine[0] += theirs[0]
            mine[1] += theirs[1]
        self.invented += other.invented
        self.drafted += other.drafted


def _records(made: str) -> list[dict[str, Any]]:
    doc = yaml.load(made, Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader builds no objects
    return [r for r in doc.get("indicators") or [] if isinstance(r, dict)]


def _unit(u: str | None) -> str | None:
    return "pp" if u == "个百分点" else u


def score(text: str, gold: dict[str, Any], show: bool = False) -> Score:  # noqa: PLR0912, PLR0915 - one measure a branch
    records = _records(drafting.draft(text, source="t.txt", year=gold.get("year")))
    figures = gold["figures"]
    s = Score.empty()

    def has_value(r: dict[str, Any], g: dict[str, Any]) -> bool:
        return "value" in g and (r.get("value"), r.get("unit")) == (g["value"], g.get("unit"))

    def has_change(r: dict[str, Any], g: dict[str, Any]) -> bool:
        if "change" not in g:
            return False
        wanted = (g["change"].lstrip("+"), _unit(g.get("change_unit")))
        if (r.get("change"), r.get("change_unit")) == wanted:
            return True
        # A gap to an average (比全国高4.2个百分点) is held as a comparison of the record it qualifies.
        gaps = {
            (str(c.get("gap")), c.get("gap_unit")) for c in r.get("comparisons") or [] if isinstance(c, dict)
        }
        return (
            bool(re.search("高于|低于|比.{0,12}[高低快慢]", g.get("fragment", "")))
            and (
                wanted[0].lstrip("-"),
                wanted[1],
            )
            in gaps
        )

    def has_rank(r: dict[str, Any], g: dict[str, Any]) -> bool:
        held = {int(r[k]) for k in ("rank", "rank_top") if str(r.get(k, "")).isdigit()}
        return "rank_n" in g and g["rank_n"] in held | _rank_in(str(r.get("note", "")))

    matched: set[int] = set()
    borderline_only: set[int] = set()
    for g in figures:
        holder = None
        if "value" in g:
            found = [r for r in records if has_value(r, g)]
            s.values[1] += 1
            s.values[0] += bool(found)
            holder = next((r for r in found if name_ok(r["name"], g["name"])), found[0] if found else None)
        if "change" in g:
            found = [r for r in records if has_change(r, g)]
            right = [r for r in found if (has_value(r, g) if "value" in g else name_ok(r["name"], g["name"]))]
            s.changes[1] += 1
            s.changes[0] += bool(right)
            holder = holder or (right or found or [None])[0]
        if "rank_n" in g:
            found = [r for r in records if has_rank(r, g)]
            ok = [r for r in found if name_ok(r["name"], g["name"]) or has_value(r, g) or has_change(r, g)]
            s.ranks[1] += 1
            s.ranks[0] += bool(ok)
            holder = holder or (ok or [None])[0]
        if "value" in g or "change" in g:
            s.names[1] += 1
            s.names[0] += holder is not None and name_ok(holder["name"], g["name"])
        if show:
            got = holder["name"] if holder else "-"
            print(f"    {g['name']:<24} {g.get('value', ''):>7} {g.get('change', ''):>6} -> {got}")
        for k, r in enumerate(records):
            if has_value(r, g) or has_change(r, g) or has_rank(r, g):
                (borderline_only if g.get("borderline") else matched).add(k)
    figures_drafted = [k for k, r in enumerate(records) if {"value", "change", "rank"} & set(r)]
    counted = [k for k in figures_drafted if k in matched or k not in borderline_only]
    s.precision = [sum(k in matched for k in counted), len(counted)]
    s.drafted = len(figures_drafted)
    digits = set(re.findall(r"\d+(?:\.\d+)?", re.sub(r"(?<=\d)[,，](?=\d{3})|(?<=\d) (?=[\d.])", "", text)))
    for r in records:
        if "written" in r or ("note" in r and r["note"] in text):  # a number read from words
            continue
        for key in ("value", "change"):
            if key in r and r[key].lstrip("+-") not in digits:
                s.invented += 1
                if show:
                    print(f"    invented: {r['name']} {key} {r[key]}")
    if show:
        for k in figures_drafted:
            if k not in matched and k not in borderline_only:
                r = records[k]
                print(f"    extra: {r['name']} {r.get('value', '')}{r.get('unit', '')} {r.get('change', '')}")
    return s


def pdf_copy(text: str) -> str:
    """``text`` as a PDF copy gives it (see ``--pdf``)."""
    spaced = re.sub(r"(?<![0-9.])([0-9]+(?:\.[0-9]+)?)(?![0-9.])", r" \1 ", text)
    lines = []
    for line in spaced.splitlines():  # a break every 25 characters, never inside a number
        lines += re.findall(r".{1,25}(?<![0-9.])(?![0-9.])|.+$", line) or [""]
    return "第 1 页 共 3 页\n上传时间:2024-05-06\n" + "\n".join(lines) + "\n"


def _cell(pair: list[int]) -> str:
    got, total = pair
    return f"{got:>3}/{total:<3} {got / total if total else 1:>5.0%}"


def main() -> int:
    args = [
        a for k, a in enumerate(sys.argv[1:], 1) if not a.startswith("--") and sys.argv[k - 1] != "--only"
    ]
    folder = Path(args[0]) if args else TEXTS
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    show = "--show" in sys.argv
    head = (
        f"{'text':<22}{'values':>14}{'changes':>14}{'ranks':>14}{'names':>14}{'precision':>14}{'invented':>9}"
    )
    print(head)
    tuned, aside = Score.empty(), Score.empty()
    counts = [0, 0]
    for gold_path in sorted(folder.glob("*.json")):
        name = gold_path.stem
        if only and name != only:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_suffix(".txt").read_text(encoding="utf-8")
        text = pdf_copy(text) if "--pdf" in sys.argv else text
        if show:
            print(name)
        s = score(text, gold, show)
        (aside if name in ASIDE else tuned).add(s)
        counts[name in ASIDE] += 1
        mark = " (aside)" if name in ASIDE else ""
        cells = "".join(
            f"{_cell(getattr(s, k)):>14}" for k in ("values", "changes", "ranks", "names", "precision")
        )
        print(f"{name + mark:<22}{cells}{s.invented:>9}")
    for label, s in ((f"developed on ({counts[0]})", tuned), (f"kept aside ({counts[1]})", aside)):
        cells = "".join(
            f"{_cell(getattr(s, k)):>14}" for k in ("values", "changes", "ranks", "names", "precision")
        )
        print(f"{label:<22}{cells}{s.invented:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
