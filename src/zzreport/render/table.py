"""Rich tables for people at a terminal: the only module that imports rich.

Numbers, ids and units are never wrapped or cut: their columns are as wide as their widest cell.
When even that does not fit the width, each row is printed as a block of "header  value" lines.
Cells are ``Text`` objects, so markup-like data such as ``[bold]`` prints literally.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from zzreport.render.view import Bar, Cell, TableView, Tone

_STYLE = {Tone.GOOD: "green", Tone.BAD: "red", Tone.MUTED: "dim", Tone.KEY: "cyan", None: ""}
_HALF = 6
"""Cells on each side of a change bar's axis."""
_TEXT_FLOOR = 12
"""Narrowest a text column may be squeezed to."""
_EIGHTHS = " ▏▎▍▌▋▊▉█"


def bar_text(bar: Bar) -> Text:
    """A bar on a centre axis: falls to the left, rises to the right, length in eighths of a cell."""
    eighths = int((abs(bar.value) / bar.scale * _HALF * 8).to_integral_value()) if bar.scale else 0
    full, part = divmod(eighths, 8)
    body = "█" * full + (_EIGHTHS[part] if part else "")
    if bar.value < 0:
        # NOTE: partial blocks are left-anchored, so a leftward bar uses whole blocks only.
        body = "█" * (full + (1 if part >= 4 else 0))
        left, right = body.rjust(_HALF), " " * _HALF
    else:
        left, right = " " * _HALF, body.ljust(_HALF)
    text = Text(left, style=_STYLE[bar.tone])
    text.append("│", style="dim")
    text.append(right, style=_STYLE[bar.tone])
    return text


def _text(cell: Cell) -> Text:
    if cell.bar is not None:
        return bar_text(cell.bar)
    text = Text(cell.text, style=_STYLE[cell.tone])
    if cell.highlight is not None:
        text.stylize("bold reverse", *cell.highlight)
    return text


def _widths(view: TableView) -> list[int]:
    """Narrowest each column may be: whole numbers, ids and bars; text down to a floor."""
    out = []
    for i, col in enumerate(view.columns):
        widest = max((cell_len(_text(row[i]).plain) for row in view.rows), default=0)
        if col.numeric or col.whole or col.graphic:
            out.append(max(widest, cell_len(col.header)))
        else:
            out.append(min(widest, _TEXT_FLOOR))
    return out


def _table(view: TableView, header: bool, widths: list[int]) -> Table:
    table = Table(
        title=view.title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_header=header and view.headed,
        header_style="bold",
        pad_edge=False,
        expand=False,
    )
    for col, width in zip(view.columns, widths, strict=True):
        if col.numeric or col.whole or col.graphic:
            table.add_column(
                col.header, justify="right" if col.numeric else "left", no_wrap=True, min_width=width
            )
        else:
            # NOTE: the floor keeps short names whole instead of leaving one character on a line.
            table.add_column(col.header, overflow="fold", min_width=width)
    for row in view.rows:
        table.add_row(*(_text(c) for c in row))
    return table


def _keep(view: TableView, keep: list[int]) -> TableView:
    columns = tuple(view.columns[i] for i in keep)
    rows = tuple(tuple(r[i] for i in keep) for r in view.rows)
    return TableView(view.title, columns, rows, view.headed)


def _fitted(view: TableView, width: int, header: bool) -> Table:
    """The table in ``width`` cells: empty columns left out, then optional ones, else stacked."""
    view = _keep(view, [i for i in range(len(view.columns)) if any(r[i].text or r[i].bar for r in view.rows)])
    optional = [i for i, c in enumerate(view.columns) if c.optional]
    for dropped in range(len(optional) + 1):
        candidate = _keep(view, [i for i in range(len(view.columns)) if i not in optional[:dropped]])
        widths = _widths(candidate)
        # NOTE: two cells of padding between columns. Rich would rather squeeze a text column to
        # nothing than overflow, so we decide the fit ourselves.
        if sum(widths) + 2 * (len(widths) - 1) <= width:
            return _table(candidate, header, widths)
    return _stacked(view)


def _stacked(view: TableView) -> Table:
    """The narrow layout: each row as lines of header and value, rows apart."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    if view.title:
        grid.add_row(Text(view.title, style="bold"), Text(""))
    for n, row in enumerate(view.rows):
        if n:
            grid.add_row(Text(""), Text(""))
        for col, cell in zip(view.columns, row, strict=True):
            if cell.text and not col.graphic:
                grid.add_row(Text(col.header), _text(cell))
    return grid


def render(views: Sequence[TableView], *, width: int, color: bool, header: bool = True) -> str:
    """The views as a terminal table, ``width`` cells wide at most, with or without colour."""
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
        console.print(_fitted(view, width, header), crop=False)
    return buf.getvalue()
