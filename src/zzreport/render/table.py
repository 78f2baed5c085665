"""Rich tables for people at a terminal: the only module that imports rich.

Numbers, ids and units are never wrapped or cut: their columns are as wide as their widest cell.
A table with a column that may be shortened (``Column.short``: names) keeps every row on one line:
such text ends in an ellipsis at a word boundary (between Chinese characters, or at a space) when
its column is too narrow, and optional columns are left out, and named in a note, while the first
shortened column would be narrower than a comfortable width. Other tables wrap text only where a
reader would break it: at spaces and after punctuation, never inside a Chinese word; they too
first try one line per row, leaving out optional columns before they wrap text. When even that
does not fit the width, each row is printed as a block of "header  value" lines. ``wide`` keeps
every column and wraps and shortens nothing, whatever the width. Cells are ``Text`` objects, so
markup-like data such as ``[bold]`` prints literally. Widths are display widths (a Chinese
character takes two cells), measured once per cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from zzreport.render.base import Bar, Cell, Column, TableView, Tone

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from rich.box import Box
    from rich.console import Group
    from rich.table import Table

_STYLE = {Tone.GOOD: "green", Tone.BAD: "red", Tone.MUTED: "dim", Tone.KEY: "cyan", None: ""}
_HALF = 4
"""Cells on each side of a change bar's axis."""


def _safe_box() -> Box:
    """SIMPLE_HEAD drawn with ASCII, same geometry."""
    from rich.box import Box

    return Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)


_RULE = {False: "─", True: "-"}
"""The line under a table's header (SIMPLE_HEAD, and its ASCII twin): one glyph the table's width."""
_TEXT_FLOOR = 10
"""Narrowest a text column may be squeezed to."""
_GAP = 2
"""Cells between two columns (no cells at the edges)."""
_COMFORTABLE = 24
"""Width the first shortened column keeps before optional columns are shown beside it."""
_SHORT_FLOOR = 12
"""Narrowest any other shortened column is shown."""
_LEAST = 8
"""Narrowest the first shortened column may be before rows are stacked instead."""
ELLIPSIS = "…"
SAFE_ELLIPSIS = "..."
"""For consoles without the ellipsis glyph (which some CJK terminals also draw two cells wide)."""
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


_TRAILING = " \t,;:、，；：-–—(（/"
"""Left off the end of shortened text, before the ellipsis."""


def _wide(ch: str) -> bool:
    return cell_len(ch) > 1


def cut(text: str, width: int, ellipsis: str = ELLIPSIS) -> int | None:
    """Where to cut ``text`` so that its start and ``ellipsis`` fit in ``width`` cells, or None when
    the whole text fits. The cut falls at a word boundary: at a space or after a punctuation mark,
    or beside a Chinese (wide) character; only a single word wider than the column is cut inside.
    Spaces and joining punctuation before the cut are left off."""
    if cell_len(text) <= width:
        return None
    room = width - cell_len(ellipsis)
    best = hard = 0
    used = 0
    for k, ch in enumerate(text):
        used += cell_len(ch)
        if used > room:
            break
        hard = k + 1
        after = text[k + 1] if k + 1 < len(text) else " "
        if ch.isspace() or after.isspace() or _wide(ch) or _wide(after) or ch in ",;:!?)/":
            best = k + 1
    end = best if text[:best].rstrip(_TRAILING) else hard
    return len(text[:end].rstrip(_TRAILING)) or end


def shorten(text: str, width: int, ellipsis: str = ELLIPSIS) -> str:
    """``text`` in at most ``width`` cells: whole when it fits, else cut at a word boundary and
    ended with ``ellipsis`` (see ``cut``)."""
    at = cut(text, width, ellipsis)
    return text if at is None else text[:at] + ellipsis


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


class _Measure:
    """Display widths of one column, measured once: its widest cell (or header) and its longest
    unbreakable piece."""

    __slots__ = ("fixed", "header", "natural", "piece", "short")

    def __init__(self, col: Column, cells: list[str]) -> None:
        self.fixed = col.numeric or col.whole or col.graphic
        self.short = col.short and not self.fixed
        self.header = cell_len(col.header)
        self.natural = max((cell_len(c) for c in cells), default=0)
        self.natural = max(self.natural, self.header)
        pieces = [cell_len(p.strip()) for c in cells for p in _pieces(c)] if not self.fixed else []
        self.piece = max(pieces, default=0)


def _measured(view: TableView, safe: bool) -> list[_Measure]:
    return [
        _Measure(col, [_text(row[i], safe).plain for row in view.rows]) for i, col in enumerate(view.columns)
    ]


def _widths(
    sizes: list[_Measure], width: int, *, wrap: bool = True, labels: bool = False
) -> list[int] | None:
    """Each column's width within ``width`` cells, or None when the table cannot fit.

    Numbers, ids and bars get their widest cell. Text columns share what is left, each at least a
    floor (its longest unbreakable piece, or everything when ``wrap`` is off) and at most its widest
    cell; the first text column is served first. ``labels``: the first column holds field labels,
    which are never wrapped.
    """
    floor = {
        i: max(min(m.natural, _TEXT_FLOOR), m.piece, m.header)
        if wrap and not (labels and i == 0)
        else m.natural
        for i, m in enumerate(sizes)
        if not m.fixed
    }
    room = width - _GAP * (len(sizes) - 1) - sum(m.natural for m in sizes if m.fixed)
    if room < sum(floor.values()):
        return None
    given = dict(floor)
    spare = room - sum(given.values())
    # What is left goes to text columns in order, so names widen before section titles.
    for i, floor_width in floor.items():
        step = min(sizes[i].natural - floor_width, spare)
        given[i] = floor_width + step
        spare -= step
    return [m.natural if m.fixed else given[i] for i, m in enumerate(sizes)]


def _one_line(sizes: list[_Measure], width: int, first: int) -> list[int] | None:
    """Widths that keep every row on one line in ``width`` cells, or None. Columns that cannot be
    shortened get their widest cell; the first shortened column gets at least ``first`` cells,
    other shortened columns at least ``_SHORT_FLOOR``; what is left is shared evenly (the
    narrowest widened first), none wider than its widest cell."""
    given = {i: m.natural for i, m in enumerate(sizes)}
    shorts = [i for i, m in enumerate(sizes) if m.short]
    for n, i in enumerate(shorts):
        given[i] = min(sizes[i].natural, max(sizes[i].header, first if n == 0 else _SHORT_FLOOR))
    spare = width - _GAP * (len(sizes) - 1) - sum(given.values())
    if spare < 0:
        return None
    while spare:
        open_ = [i for i in shorts if given[i] < sizes[i].natural]
        if not open_:
            break
        narrowest = min(open_, key=lambda i: given[i])
        given[narrowest] += 1
        spare -= 1
    return [given[i] for i in range(len(sizes))]


def _table(view: TableView, header: bool, widths: list[int], safe: bool) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(
        title=view.title or None,
        title_justify="left",
        box=_safe_box() if safe else box.SIMPLE_HEAD,
        show_header=header and view.headed,
        show_edge=False,
        header_style="bold",
        padding=(0, _GAP - 1, 0, 0),
        pad_edge=False,
        expand=False,
    )
    for col, width in zip(view.columns, widths, strict=True):
        whole = col.numeric or col.whole or col.graphic
        table.add_column(
            col.header,
            justify="right" if col.numeric else "left",
            no_wrap=whole or col.short,
            overflow="fold",
            width=width,
        )
    for row in view.rows:
        table.add_row(*(_cell(c, col, w, safe) for c, col, w in zip(row, view.columns, widths, strict=True)))
    return table


def _cell(cell: Cell, col: Column, width: int, safe: bool) -> Text:
    """A cell's text, shortened or wrapped by us where it may break (Rich would break inside
    Chinese words, and cut numbers)."""
    text = _text(cell, safe)
    if col.numeric or col.whole or col.graphic or cell_len(text.plain) <= width:
        return text
    if col.short:
        ellipsis = SAFE_ELLIPSIS if safe else ELLIPSIS
        at = cut(text.plain, width, ellipsis)
        if at is None:
            return text
        shortened = text[:at]
        shortened.append(ellipsis, style=_STYLE[cell.tone])
        return shortened
    return Text("\n").join(text[a:b] for a, b in _wrapped(text.plain, width))


def _keep(view: TableView, keep: list[int]) -> TableView:
    columns = tuple(view.columns[i] for i in keep)
    rows = tuple(tuple(r[i] for i in keep) for r in view.rows)
    return TableView(view.title, columns, rows, view.headed)


Layout = tuple[TableView, list[int], str]
"""A table as it will be drawn: the columns kept, their widths, and the note naming those left out
(empty when none is)."""


def _layout(view: TableView, width: int, safe: bool, wide: bool) -> Layout | TableView:
    """How the table fits ``width`` cells: empty columns left out; then one line per row, leaving out
    optional columns as needed (shortening text where columns allow it); then wrapped text, again
    leaving out optional columns as needed; else the view (without its empty columns), to be
    stacked. ``wide``: every column, nothing wrapped or shortened, however wide."""
    view = _keep(view, [i for i in range(len(view.columns)) if any(r[i].text or r[i].bar for r in view.rows)])
    sizes = _measured(view, safe)
    if wide:
        return view, [m.natural for m in sizes], ""
    optional = sorted(
        (i for i, c in enumerate(view.columns) if c.optional), key=lambda i: view.columns[i].optional
    )
    short = any(m.short for m in sizes)

    def layouts() -> Iterator[tuple[list[int], list[int] | None]]:
        """Each candidate: the columns kept and their widths (None: they do not fit)."""
        # A shortening table leaves out its last optional column (values) only as a last resort,
        # when the first shortened column would otherwise be narrower than _LEAST; below
        # _COMFORTABLE, the other optional columns are already left out.
        last = max(len(optional) - 1, 0)
        tries = (
            [(_COMFORTABLE, range(last + 1)), (_LEAST, range(last, len(optional) + 1))]
            if short
            else [(0, range(len(optional) + 1))] * 2
        )
        for n, (setting, drops) in enumerate(tries):
            for dropped in drops:
                keep = [i for i in range(len(view.columns)) if i not in optional[:dropped]]
                kept = [sizes[i] for i in keep]
                if short:
                    yield keep, _one_line(kept, width, setting)
                else:
                    # NOTE: Rich would rather squeeze a text column to nothing than overflow, so
                    # the widths are decided here and given to Rich exactly.
                    yield keep, _widths(kept, width, wrap=n == 1, labels=not view.headed)

    for keep, widths in layouts():
        if widths is not None:
            left_out = [view.columns[i].header for i in optional if i not in keep]
            return _keep(view, keep), widths, _caption(left_out, view) if left_out else ""
    return view


def _fitted(view: TableView, width: int, header: bool, safe: bool, wide: bool) -> Table | Group:
    """The table in ``width`` cells as Rich lays it out (see ``_layout``), stacked when it cannot fit."""
    from rich.console import Group

    laid = _layout(view, width, safe, wide)
    if isinstance(laid, TableView):
        return (
            _pairs(laid, safe, width)
            if not laid.headed and len(laid.columns) == 2
            else _stacked(laid, safe, width)
        )
    kept, widths, caption = laid
    table = _table(kept, header, widths, safe)
    if not caption:
        return table
    return Group(table, Text(""), Text(caption, style="dim"))


def _caption(left_out: list[str], view: TableView) -> str:
    """Which columns a narrow table leaves out, and how to see them."""
    chinese = any("\u4e00" <= ch <= "\u9fff" for c in view.columns for ch in c.header)
    if chinese:
        return f"终端宽度不足，未显示：{'、'.join(left_out)}（用 --wide 或 -f csv 查看）"
    return f"Not shown for lack of width: {', '.join(left_out)} (see them with --wide or -f csv)"


def _pairs(view: TableView, safe: bool, width: int) -> Group:
    from rich.console import Group

    """A field/value view too narrow for its table: each label, then its value wrapped at spaces and
    punctuation; a piece longer than the width (an address, a path) is left whole, for the terminal
    to wrap."""
    pad = max((cell_len(row[0].text) for row in view.rows), default=0)
    room = max(width - pad - _GAP, 1)
    lines: list[Text] = [Text(view.title, style="bold")] if view.title else []
    for label, value in ((row[0], row[1]) for row in view.rows):
        text = _text(value, safe)
        if cell_len(text.plain) > room:
            text = Text("\n" + " " * (pad + _GAP)).join(text[a:b] for a, b in _wrapped(text.plain, room))
        line = _text(label, safe)
        line.append(" " * (pad - cell_len(label.text) + _GAP))
        line.append_text(text)
        line.no_wrap, line.overflow = True, "ignore"
        lines.append(line)
    return Group(*lines)


def _stacked(view: TableView, safe: bool, width: int) -> Group:
    from rich.console import Group

    """The narrow layout: each row as "header value" lines, rows apart.

    Numbers, units and ids stay on one line even when longer than the terminal, which then wraps
    them; text wraps at spaces and punctuation, and a piece longer than the width folds when it is
    Chinese, and is left whole for the terminal to wrap when it is not (an address, a path): a line
    broken by us could not be opened or copied."""
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
            # Chinese text may fold anywhere; an address or a path folded could not be opened.
            keep = whole or text.plain.isascii()
            line.no_wrap, line.overflow = keep, "ignore" if keep else "fold"
            lines.append(line)
    return Group(*lines)


# ── drawing a laid-out table ──────────────────────────────────────────────────
#
# NOTE: once the widths are decided (``_layout``), Rich's Table has nothing left to decide, yet it
# would measure, pad and align every cell through several layers of renderables (a 112-row list took
# 30 ms) and its import costs a tenth of a table's run. ``_drawn`` makes the very segments Table
# makes, with Rich's own Text wrapping and rendering, and Rich's Style writes them: the same bytes,
# in colour or not, held to Table's by a test over every table of the bundled report.


class _Styles:
    """What ``Text.wrap`` and ``Text.render`` ask of a console: a style by its name."""

    title = Style(italic=True)
    """The default theme's ``table.title``."""

    def get_style(self, name: str | Style, *, default: str | Style | None = None) -> Style:
        if isinstance(name, Style):
            return name
        return self.title if name == "table.title" else Style.parse(name)


_NULL = Style.null()
_BOLD = Style(bold=True)
_NEW_LINE = Segment("\n")


def _segments(text: Text, width: int, justify: str, no_wrap: bool = False) -> list[Segment]:
    """The segments Rich renders ``text`` to in ``width`` cells (``Text.__rich_console__``)."""
    styles = _Styles()
    wrapped = text.wrap(styles, width, justify=justify, overflow="fold", tab_size=8, no_wrap=no_wrap)  # type: ignore[arg-type]
    return list(Text("\n").join(wrapped).render(styles, end=text.end))  # type: ignore[arg-type]


def _lines(text: Text, width: int, justify: str, no_wrap: bool) -> list[list[Segment]]:
    """The lines of segments of ``text`` in a cell ``width`` wide, padded to it (as Table does)."""
    segments = _segments(text, width, justify, no_wrap)
    return list(Segment.split_and_crop_lines(segments, width, style=_NULL, pad=True, include_new_lines=False))


Lines = list[list[Segment]]


def _head(view: TableView, widths: list[int], padded: list[int]) -> list[Lines] | None:
    """The header row's cells, bold, padding too; None when a header would take two lines."""
    cells = []
    for col, w, p in zip(view.columns, widths, padded, strict=True):
        lines = _lines(Text(col.header), w, "right" if col.numeric else "left", no_wrap=False)
        if len(lines) != 1:
            return None
        line = [*lines[0], Segment(" " * (p - w))] if p > w else lines[0]
        cells.append([[Segment(text, _BOLD + style) for text, style, _ in line]])
    return cells


def _body(
    row: Sequence[Cell], view: TableView, widths: list[int], padded: list[int], safe: bool
) -> list[Lines]:
    cells = []
    for cell, col, w, p in zip(row, view.columns, widths, padded, strict=True):
        no_wrap = col.numeric or col.whole or col.graphic or col.short
        lines = _lines(_cell(cell, col, w, safe), w, "right" if col.numeric else "left", no_wrap)
        cells.append([[*line, Segment(" " * (p - w))] if p > w else line for line in lines])
    return cells


def _total(widths: Sequence[int]) -> int:
    """Cells a row of columns this wide takes: their widths, their padding and one divider apart."""
    return sum(widths) + (len(widths) - 1) * _GAP if widths else 0


def _drawn(layout: Layout, width: int, header: bool, safe: bool, color: bool) -> str | None:
    """The text Rich prints for the laid-out table (its ``Table`` in a ``Console``, with the note
    of columns left out below), or None when only Table can say (no columns, a header that wraps,
    or a table wider than ``width``)."""
    view, widths, caption = layout
    last = len(widths) - 1
    padded = [w + (0 if i == last else _GAP - 1) for i, w in enumerate(widths)]
    total = _total(widths)
    if not widths or total > width:
        return None
    out: list[Segment] = []
    if view.title:
        out += _segments(Text(view.title, style="table.title"), total, "left")
    head = _head(view, widths, padded) if header and view.headed else []
    if head is None:
        return None
    rows = [(head, True)] if head else []
    rows += [(_body(row, view, widths, padded, safe), False) for row in view.rows]
    for cells, heading in rows:
        for n in range(max(len(c) for c in cells)):
            for k, (c, p) in enumerate(zip(cells, padded, strict=True)):
                if k:
                    out.append(Segment(" "))
                out += c[n] if n < len(c) else [Segment(" " * p, _NULL)]
            out.append(_NEW_LINE)
        if heading:
            out += [Segment(_RULE[safe] * total), _NEW_LINE]
    if caption:
        out += [_NEW_LINE, *_segments(Text(caption, style="dim"), width, "default")]
    if not color:
        return "".join(s.text for s in out)
    from rich.color import ColorSystem

    return "".join(
        s.style.render(s.text, color_system=ColorSystem.STANDARD) if s.style else s.text for s in out
    )


def _printed(view: TableView, width: int, *, color: bool, header: bool, safe: bool, wide: bool) -> str:
    """The view as Rich's Console prints its Table, or Group when the table is stacked or left
    columns out (the reference ``_drawn`` is held to)."""
    import io

    from rich.console import Console

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
    console.print(_fitted(view, width, header, safe, wide), crop=False)
    return buf.getvalue()


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
    out = []
    for view in views:
        laid = _layout(view, width, safe, wide)
        room = width
        if wide and not isinstance(laid, TableView):  # every cell whole, however wide that is
            room = max(width, _total(laid[1]))
        drawn = None if isinstance(laid, TableView) else _drawn(laid, room, header, safe, color)
        if drawn is None:
            drawn = _printed(view, room, color=color, header=header, safe=safe, wide=wide)
        out.append(drawn)
    return "\n".join(out)
