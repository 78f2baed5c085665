"""Which reports are of one place and year: one rule for the look-up path and the full path.

Builtins only. A place is its region, province and division code; two places are one when their
codes agree where both give one, else when region and province both do (朝阳区 of Beijing is not
朝阳区 of Jilin).
"""

from __future__ import annotations

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from collections.abc import Sequence

Place = tuple[str, str, str | None]
"""Region, province, division code (or None)."""


def same(a: Place, b: Place) -> bool:
    """Whether two places are one."""
    if a[2] and b[2]:
        return a[2] == b[2]
    return a[:2] == b[:2]


def twin_groups(reports: Sequence[tuple[int, Place]]) -> list[list[int]]:
    """The positions of reports of one place for one year, in groups of two or more, each group
    and each position in the order given. Found by buckets, not by pairs, so a thousand reports
    cost a thousand steps."""
    parent = list(range(len(reports)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[max(root(i), root(j))] = min(root(i), root(j))

    by_code: dict[tuple[int, str], int] = {}
    by_name: dict[tuple[int, str, str], list[int]] = {}
    for n, (year, (region, province, code)) in enumerate(reports):
        if code:
            if (year, code) in by_code:
                join(n, by_code[year, code])
            else:
                by_code[year, code] = n
        by_name.setdefault((year, region, province), []).append(n)
    for members in by_name.values():
        uncoded = [n for n in members if not reports[n][1][2]]
        for n in members if uncoded else ():  # without a code: one place with every report of its name
            join(n, uncoded[0])
    groups: dict[int, list[int]] = {}
    for n in range(len(reports)):
        groups.setdefault(root(n), []).append(n)
    return [g for g in groups.values() if len(g) > 1]
