"""The orders of ``list --sort``, on the fields as the machine output writes them.

Builtins only: the full command path (``query.ordered``, from the model's records) and the look-up
path (``fast``, from the values the store keeps) both order with ``ordered``, so the two cannot
disagree. Figures are compared exactly, by their digits as text, never as floats.
"""

from __future__ import annotations

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TypeVar

    T = TypeVar("T")

Keys = tuple[str, str, "str | None", "str | None", "str | None", "str | None", "str | None"]
"""What ``ordered`` reads of a record: id, name, name_en, value, unit, change, change_unit (figures
as exact decimal text, ``-12.50``)."""

SORTS = ("report", "id", "name", "value", "change")
"""The orders, as ``--sort`` names them (``grammar.SORT``)."""


_DOWN = str.maketrans("0123456789", "9876543210")


def _figure(text: str) -> tuple[int, int, str]:
    """A sort key of plain decimal text (``-12.50``) that orders as the number does, exactly and
    at any length (no text is turned into a number: a figure may have thousands of digits).

    Negatives first, then zero, then positives; among positives more whole digits is larger, then
    the digits decide as text (trailing zeros of the fraction dropped, so 1.5 = 1.50). Among
    negatives the same, reversed: fewer whole digits first, then each digit turned round (9 - d)
    and ended by a mark above every digit, so a shorter magnitude (-1 against -1.05) comes last."""
    negative = text.startswith("-")
    whole, _, fraction = text.lstrip("-").partition(".")
    whole, fraction = whole.lstrip("0"), fraction.rstrip("0")
    if not whole and not fraction:
        return (1, 0, "")
    if negative:
        return (0, -len(whole), (whole + fraction).translate(_DOWN) + "~")
    return (2, len(whole), whole + fraction)


def english(name_en: str | None, name: str) -> str:
    """How an English name sorts: case aside, opening quotes and brackets aside ("Four good" roads
    under F); the Chinese name where there is no English one."""
    return (name_en or name).lstrip(" \"'“‘([").casefold()


def ordered(
    rows: list[T], keys: Callable[[T], Keys], sort: str, reverse: bool, *, in_english: bool = False
) -> list[T]:
    """``rows`` in the order ``sort`` asks for; report order when it is ``report``; names in
    English when ``in_english``. Values sort within each unit, units in order of first appearance;
    changes by their unit's text first (none, ``%``, ``pp``; ``--reverse`` turns that round too),
    then by size. Records without the sorted field come last, whichever the direction; equal
    records keep their report order."""
    if sort == "report":
        return rows[::-1] if reverse else rows
    read = [keys(r) for r in rows]
    at = range(len(rows))
    if sort == "id":
        return [rows[n] for n in sorted(at, key=lambda n: read[n][0], reverse=reverse)]
    if sort == "name":
        if in_english:
            names = [english(k[2], k[1]) for k in read]
            return [rows[n] for n in sorted(at, key=names.__getitem__, reverse=reverse)]
        return [rows[n] for n in sorted(at, key=lambda n: read[n][1], reverse=reverse)]
    if sort == "value":
        grouped: list[T] = []
        units: dict[str | None, list[int]] = {}
        for n in at:
            if read[n][3] is not None:
                units.setdefault(read[n][4], []).append(n)
        for same in units.values():
            values = [_figure(read[n][3] or "0") for n in same]
            order = sorted(range(len(same)), key=values.__getitem__, reverse=reverse)
            grouped += [rows[same[k]] for k in order]
        return grouped + [rows[n] for n in at if read[n][3] is None]
    if sort == "change":
        present = [n for n in at if read[n][5] is not None]
        changes = [_figure(read[n][5] or "0") for n in present]
        order = sorted(
            range(len(present)), key=lambda k: (read[present[k]][6] or "", changes[k]), reverse=reverse
        )
        return [rows[present[k]] for k in order] + [rows[n] for n in at if read[n][5] is None]
    raise ValueError(f"no order {sort!r}")
