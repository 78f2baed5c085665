"""Rich tables for people at a terminal: the only module that imports rich.

Numbers, ids and units are never wrapped or cut: their columns are as wide as their widest cell.
Text wraps only where a reader would break it: at spaces and after punctuation, never inside a
Chinese word. A table first tries one line per row, leaving out optional columns (which its caption
then names) before it wraps text; when even wrapped text does not fit the width, each row is printed
as a block of "header  value" lines. ``wide`` keeps every column and wraps nothing, whatever the
width. Cells are ``Text`` objects, so markup-like data such as ``[bold]`` prints literally.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from zzreport.render.base import Bar, Cell, Column, TableView, Tone

_STYLE = {Tone.GOOD: "green", Tone.BAD: "red", Tone.MUTED: "dim", Tone.KEY: "cyan", None: ""}
_HALF = 4
"""Cells on each side of a change bar's axis."""
_SAFE_BOX = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)
"""SIMPLE_HEAD drawn with ASCII, same geometry."""
_TEXT_FLOOR = 10
"""Narrowest a text column may be squeezed to."""
_EIGHTHS = " ▏▎▍▌▋▊▉█"


def bar_text(bar: Bar, *, safe: bool = False) -> Text:
    """A bar on a centre axis: falls to the left, rises to the right, length in eighths of a cell.

    ``safe`` draws it with ``#`` and ``|`` for consoles without block glyphs."""
    eighths = int((abs(bar.value) / bar.scale * _HALF * 8).to_integral_value()) if bar.scale else 0
    full, part = divmod(eighths, 8)
    block, axis = ("#", "|") if safe else ("█", "│")
    body = block * full + (_EIGHTHS[part] if part and not safe else "")
    if bar.value < 0 or safe:
        # Partial blocks are left-anchored, so a leftward bar uses whole blocks only.
        body = block * (full + (1 if part >= 4 else 0))
    if bar.value < 0:
        left, right = body.rjust(_HALF), " " * _HALF
    else:
        left, right = " " * _HALF, body.ljust(_HALF)
    text = Text(left, style=_STYLE[bar.tone])
    text.append(axis, style="dim")
    text.append(right, style=_STYLE[bar.tone])
    return text


def _text(cell: Cell, safe: bool = False) -> Text:
    if cell.bar is not None:
        return bar_text(cell.bar, safe=safe)
    text = Text(cell.text, style=_STYLE[cell.tone])
    if cell.highlight is not None:
        text.stylize("bold reverse", *cell.highlight)
    return text


_BREAK = re.compile(r"(?<=[\s，、；。：！？,;!?）)】」』])")
"""Where text may wrap: after a space or a punctuation mark."""


def _pieces(text: str) -> list[str]:
    """The unbreakable pieces of a cell's text, in order (joined, they are the text)."""
    return [p for p in _BREAK.split(text) if p]


def _wrapped(text: str, width: int) -> list[tuple[int, int]]:
    """Lines of ``text`` at most ``width`` cells wide, broken only between pieces, as (start, end)
    offsets into it (spaces at a break left out)."""
    lines: list[tuple[int, int]] = []
    start = end = 0
    for piece in _pieces(text):
        if end > start and cell_len(text[start : end + len(piece)].rstrip()) > width:
            lines.append((start, start + len(text[start:end].rstrip())))
            start = end + len(piece) - len(piece.lstrip())
        end += len(piece)
    return [*lines, (start, end)]


def _widths(view: TableView, width: int, safe: bool, *, wrap: bool = True) -> list[int] | None:
    """Each column's width within ``width`` cells, or None when the table cannot fit.

    Numbers, ids and bars get their widest cell. Text columns share what is left, each at least a
    floor (its longest unbreakable piece, or everything when ``wrap`` is off) and at most its widest
    cell; the first text column is served first.
    """
    fixed: dict[int, int] = {}
    natural: dict[int, int] = {}
    floor: dict[int, int] = {}
    for i, col in enumerate(view.columns):
        cells = [_text(row[i], safe).plain for row in view.rows]
        widest = max((cell_len(c) for c in cells), default=0)
        if col.numeric or col.whole or col.graphic:
            fixed[i] = max(widest, cell_len(col.header))
        else:
            pieces = [cell_len(p.strip()) for c in cells for p in _pieces(c)]
            natural[i] = max(widest, cell_len(col.header))
            floor[i] = (
                max(min(natural[i], _TEXT_FLOOR), *pieces, cell_len(col.header)) if wrap else natural[i]
            )
    # SIMPLE_HEAD without edge padding spends one cell on each edge and three between
    # columns (padding, divider, padding).
    room = width - 2 - 3 * (len(view.columns) - 1) - sum(fixed.values())
    if room < sum(floor.values()):
        return None
    given = dict(floor)
    spare = room - sum(given.values())
    # What is left goes to text columns in order, so names widen before section titles.
    for i, floor_width in floor.items():
        step = min(natural[i] - floor_width, spare)
        given[i] = floor_width + step
        spare -= step
    return [fixed.get(i, given.get(i, 0)) for i in range(len(view.columns))]


def _table(view: TableView, header: bool, widths: list[int], safe: bool) -> Table:
    table = Table(
        title=view.title or None,
        title_justify="left",
        box=_SAFE_BOX if safe else box.SIMPLE_HEAD,
        show_header=header and view.headed,
        header_style="bold",
        pad_edge=False,
        expand=False,
    )
    for col, width in zip(view.columns, widths, strict=True):
        whole = col.numeric or col.whole or col.graphic
        table.add_column(
            col.header,
            justify="right" if col.numeric else "left",
            no_wrap=whole,
            overflow="fold",
            width=width,
        )
    for row in view.rows:
        table.add_row(*(_cell(c, col, w, safe) for c, col, w in zip(row, view.columns, widths, strict=True)))
    return table


def _cell(cell: Cell, col: Column, width: int, safe: bool) -> Text:
    """A cell's text, wrapped by us where it may break (Rich would break inside Chinese words)."""
    text = _text(cell, safe)
    if col.numeric or col.whole or col.graphic or cell_len(text.plain) <= width:
        return text
    return Text("\n").join(text[a:b] for a, b in _wrapped(text.plain, width))


def _keep(view: TableView, keep: list[int]) -> TableView:
    columns = tuple(view.columns[i] for i in keep)
    rows = tuple(tuple(r[i] for i in keep) for r in view.rows)
    return TableView(view.title, columns, rows, view.headed)


def _fitted(view: TableView, width: int, header: bool, safe: bool, wide: bool) -> Table | Group:
    """The table in ``width`` cells: empty columns left out; then one line per row, leaving out
    optional columns as needed; then wrapped text, again leaving out optional columns as needed;
    else stacked. ``wide``: every column, nothing wrapped, however wide."""
    view = _keep(view, [i for i in range(len(view.columns)) if any(r[i].text or r[i].bar for r in view.rows)])
    if wide:
        return _table(view, header, _widths(view, 10**6, safe, wrap=False) or [], safe)
    optional = sorted(
        (i for i, c in enumerate(view.columns) if c.optional), key=lambda i: view.columns[i].optional
    )
    for wrap in (False, True):
        for dropped in range(len(optional) + 1):
            candidate = _keep(view, [i for i in range(len(view.columns)) if i not in optional[:dropped]])
            # NOTE: Rich would rather squeeze a text column to nothing than overflow, so the widths
            # are decided here and given to Rich exactly.
            widths = _widths(candidate, width, safe, wrap=wrap)
            if widths is not None:
                table = _table(candidate, header, widths, safe)
                left_out = [view.columns[i].header for i in optional[:dropped]]
                return Group(table, Text(_caption(left_out, view), style="dim")) if left_out else table
    return _stacked(view, safe, width)


def _caption(left_out: list[str], view: TableView) -> str:
    """Which columns a narrow table leaves out, and how to see them."""
    chinese = any("\u4e00" <= ch <= "\u9fff" for c in view.columns for ch in c.header)
    if chinese:
        return f"终端宽度不足，未显示：{'、'.join(left_out)}（用 --wide 或 -f csv 查看）"
    return f"Not shown for lack of width: {', '.join(left_out)} (see them with --wide or -f csv)"


def _stacked(view: TableView, safe: bool, width: int) -> Group:
    """The narrow layout: each row as "header value" lines, rows apart.

    Numbers, units and ids stay on one line even when longer than the terminal, which then wraps
    them; text wraps at spaces and punctuation, and a piece longer than the width folds (the last
    resort, at widths no table fits)."""
    pad = max((cell_len(c.header) for c in view.columns), default=0)
    room = max(width - pad - 1, 1)
    lines: list[Text] = [Text(view.title, style="bold")] if view.title else []
    for n, row in enumerate(view.rows):
        if n or view.title:
            lines.append(Text(""))
        for col, cell in zip(view.columns, row, strict=True):
            if not cell.text or col.graphic:
                continue
            whole = col.numeric or col.whole
            text = _text(cell, safe)
            if not whole and cell_len(text.plain) > room:
                text = Text("\n" + " " * (pad + 1)).join(text[a:b] for a, b in _wrapped(text.plain, room))
            line = Text(col.header + " " * (pad - cell_len(col.header) + 1), style="bold")
            line.append_text(text)
            line.no_wrap, line.overflow = whole, "ignore" if whole else "fold"
            lines.append(line)
    return Group(*lines)


def render(
    views: Sequence[TableView],
    *,
    width: int,
    color: bool,
    header: bool = True,
    safe: bool = False,
    wide: bool = False,
) -> str:
    """The views as a terminal table, ``width`` cells wide at most, with or without colour;
    ``safe`` keeps to glyphs that legacy consoles (GBK, Latin-1) can show."""
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
    )
    for n, view in enumerate(views):
        if n:
            console.print()
        console.print(_fitted(view, width, header, safe, wide), crop=False)
    return buf.getvalue()
