"""Search quality on everyday questions written blind, from the report's text alone.

Usage:
    python benchmarks/blind_search.py              # every part, rates only
    python benchmarks/blind_search.py --misses     # also list the development questions it misses

The questions (``benchmarks/questions/``) were written by someone who read only the report, not the
code or the tests: ``development.tsv`` and ``development-2.tsv`` (a second set, by another
writer) are worked on; ``held-out.tsv`` (every fifth question of the first set) is kept aside
and looked at only to check that a change generalises. ``gold-ids.tsv`` maps each expected figure,
as the questions write it, to its record. A question the report does not answer expects
``NONE``: it must find nothing.

For each part: the share of answerable questions whose expected record is in the first five, and
first; and the share of unanswerable ones that find nothing.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "questions"


def gold() -> dict[str, str]:
    with (HERE / "gold-ids.tsv").open(encoding="utf-8") as f:
        return {row[0]: row[1] for row in csv.reader(f, delimiter="\t") if row and not row[0].startswith("#")}


def questions(part: str) -> list[tuple[str, set[str] | None]]:
    """(query, the records that answer it, or None when nothing should be found)."""
    ids = gold()
    out = []
    with (HERE / f"{part}.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            wanted = row["expected"].strip()
            answer = None if wanted == "NONE" else {ids[alt.strip()] for alt in wanted.split(" | ")}
            out.append((row["query"], answer))
    return out


def found(text: str) -> list[str]:
    """Record ids ``zzreport search`` gives for ``text``, best first (none for a miss or a refusal)."""
    from zzreport import query
    from zzreport.errors import ZzreportError
    from zzreport.loading import load

    dataset = found.__dict__.setdefault("dataset", load())
    try:
        return [str(hit.indicator.id) for hit in query.search(dataset, text)]
    except ZzreportError:
        return []


def score(part: str, *, misses: bool = False) -> tuple[float, float, float, int, int]:
    """First-five rate, first-place rate, nothing-found rate for unanswerable; counts of each kind."""
    top5 = first = empty = answerable = unanswerable = 0
    for text, answer in questions(part):
        ids = found(text)
        if answer is None:
            unanswerable += 1
            empty += not ids
            if misses and ids:
                print(f"  {text!r}: expected nothing, got {ids[:3]}")
            continue
        answerable += 1
        top5 += bool(answer & set(ids[:5]))
        first += bool(ids and ids[0] in answer)
        if misses and not (ids and ids[0] in answer):
            print(f"  {text!r}: expected {sorted(answer)}, got {ids[:3]}")
    return (
        top5 / max(answerable, 1),
        first / max(answerable, 1),
        empty / max(unanswerable, 1),
        answerable,
        unanswerable,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the development set's misses")
    args = parser.parse_args()
    print("part           questions  first five  first  nothing for unanswerable")
    for part in ("development", "development-2", "held-out"):
        top5, first, empty, answerable, unanswerable = score(part, misses=args.misses and part != "held-out")
        print(
            f"{part:<14} {answerable:>4}+{unanswerable:<4}  {top5:>9.0%}  {first:>5.0%}  {empty:>6.0%}",
            file=sys.stdout,
        )


if __name__ == "__main__":
    main()
