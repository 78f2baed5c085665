"""How much of the bundled report file `zzreport draft` recovers from the report's text.

Drafts a report file from the source text (../shared/source), fills in its metadata as a user would,
loads it as any report file (so it must validate), and sets it against the hand-checked bundled file:

- values: bundled records with a value whose value and unit a draft record has;
- changes: bundled records with a change whose signed change and unit a draft record has;
- ranks: bundled records with a rank whose draft record (the one with its value or change, or named
  like it) has the same rank, scope and 唯一;
- names: bundled records found by value or change whose draft record's name a reviewer would accept:
  one name holds the other, or they share at least half their character pairs.

    python benchmarks/draft_recovery.py [TEXT_FILE] [--check]

``--check`` exits 1 when a figure is below the quality bar (95 % values and changes, 90 % ranks,
80 % names). A test runs it.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from zzreport import drafting
from zzreport.loading import load_all
from zzreport.match import normalize
from zzreport.model import Indicator

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "source" / "changzhi-2024-report-summary-part1.txt"
BAR = {"values": 0.95, "changes": 0.95, "ranks": 0.90, "names": 0.80}

METADATA = {
    '  region: ""': "  region: 长治市",
    '  province: ""': "  province: 山西省",
    '  title: ""': "  title: 2024年长治市人民政府工作报告",
    '  delivered: ""': "  delivered: 2024-03-26",
}


def drafted(text: str, source: str) -> list[Indicator]:
    """The draft of ``text``, its metadata filled in, loaded as a report file."""
    made = drafting.draft(text, source=source)
    for blank, filled in METADATA.items():
        made = re.sub(re.escape(blank) + r".*", filled, made, count=1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "draft.yaml"
        path.write_text(made, encoding="utf-8")
        (dataset,) = load_all([path])
    return list(dataset.indicators)


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of two names' character pairs (1.0 the same, 0.0 nothing shared)."""
    x, y = _pairs(normalize(a)), _pairs(normalize(b))
    return 2 * len(x & y) / (len(x) + len(y))


def acceptable(proposed: str, ind: Indicator) -> bool:
    """Whether a reviewer would accept ``proposed`` as the name of ``ind``: it shares at least half
    the character pairs of the name or an alias, or one holds the other whole and the shorter has
    four characters or more (人河排污口 for 入河排污口 is not accepted; 项目 for 签约引进项目 is not)."""
    mine = normalize(re.sub(r"（.*?）$", "", proposed))
    for label in (ind.name, *ind.aliases):
        theirs = normalize(label)
        shorter = min(mine, theirs, key=len)
        if similarity(mine, theirs) >= 0.5 or (len(shorter) >= 4 and (mine in theirs or theirs in mine)):
            return True
    return False


def measure(bundled: list[Indicator], draft: list[Indicator]) -> dict[str, tuple[int, int]]:
    """(recovered, total) for values, changes, ranks and names."""

    def best(b: Indicator, found: list[Indicator]) -> Indicator | None:
        """Of the draft records holding the figure, the one named most like ``b``."""
        return max(found, key=lambda d: similarity(d.name, b.name), default=None)

    def by_value(b: Indicator) -> Indicator | None:
        return best(
            b, [d for d in draft if d.value is not None and (str(d.value), d.unit) == (str(b.value), b.unit)]
        )

    def by_change(b: Indicator) -> Indicator | None:
        key = (str(b.change), b.change_unit)
        return best(b, [d for d in draft if d.change is not None and (str(d.change), d.change_unit) == key])

    def counterpart(b: Indicator) -> Indicator | None:
        return (by_value(b) if b.value is not None else None) or (
            by_change(b) if b.change is not None else None
        )

    def ranked(b: Indicator) -> bool:
        same = [
            d for d in draft if (d.rank, d.rank_scope, d.rank_sole) == (b.rank, b.rank_scope, b.rank_sole)
        ]
        mine = counterpart(b)
        return (mine is not None and mine in same) or any(acceptable(d.name, b) or (
            d.name and b.rank_of and normalize(d.name) in normalize(b.rank_of + b.name + " ".join(b.aliases))
        ) for d in same)  # fmt: skip

    values = [b for b in bundled if b.value is not None]
    changes = [b for b in bundled if b.change is not None]
    ranks = [b for b in bundled if b.rank is not None]
    named = [(b, counterpart(b)) for b in bundled if b.value is not None or b.change is not None]
    return {
        "values": (sum(by_value(b) is not None for b in values), len(values)),
        "changes": (sum(by_change(b) is not None for b in changes), len(changes)),
        "ranks": (sum(ranked(b) for b in ranks), len(ranks)),
        "names": (sum(d is not None and acceptable(d.name, b) for b, d in named), len(named)),
    }


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    source = Path(args[0]) if args else SOURCE
    draft = drafted(source.read_text(encoding="utf-8"), source.name)
    bundled = list(load_all([])[0].indicators)
    result = measure(bundled, draft)
    print(f"draft of {source.name}: {len(draft)} records; bundled report: {len(bundled)} records")
    ok = True
    for what, (got, total) in result.items():
        share = got / total if total else 1.0
        passed = share >= BAR[what]
        ok = ok and passed
        verdict = "PASS" if passed else "FAIL"
        print(f"{what:<8} {got:>4} / {total:<4} {share:7.1%}   bar {BAR[what]:.0%}  {verdict}")
    return 0 if ok or "--check" not in sys.argv else 1


if __name__ == "__main__":
    sys.exit(main())
