"""Tables drawn from their decided widths print the very bytes Rich's Table prints, for every table
of the bundled report, in colour and without, at every width, with ASCII glyphs or without."""

from __future__ import annotations

import pytest

from zzreport import commands
from zzreport.model import Dataset
from zzreport.render import Lang, Options, Output, _tables
from zzreport.render import table as rich_table
from zzreport.render.base import Cell, Column, TableView

WIDTHS = (30, 52, 80, 100, 121, 200)


def _outputs(dataset: Dataset) -> dict[str, Output]:
    ds = [dataset]
    return {
        "list": commands.list_(ds),
        "show": commands.show(ds, ["gdp", "pm25"]),
        "search": commands.search(ds, "煤"),
        "compare": commands.compare(ds, ["gdp", "pm25", "一般公共预算收入"]),
        "sections": commands.sections(ds),
        "info": commands.info(ds),
        "targets": commands.targets(ds),
        "fields": commands.fields(),
    }


def _same(view: TableView, width: int, **how: bool) -> bool | None:
    """Whether the drawn table is Rich's, or None when it is not drawn but printed by Rich."""
    laid = rich_table._layout(view, width, how["safe"], how["wide"])
    if isinstance(laid, TableView):
        return None
    drawn = rich_table._drawn(laid, width, how["header"], how["safe"], how["color"])
    if drawn is None:
        return None
    return drawn == rich_table._printed(view, width, **how)


@pytest.mark.parametrize(
    "name", ["list", "show", "search", "compare", "sections", "info", "targets", "fields"]
)
def test_drawn_tables_are_richs_bytes(dataset: Dataset, name: str) -> None:
    output = _outputs(dataset)[name]
    drawn = 0
    for lang in Lang:
        for safe in (False, True):
            for view in _tables(output, Options(lang=lang, safe_glyphs=safe)):
                for width in WIDTHS:
                    for color in (False, True):
                        for header in (True, False):
                            for wide in (False, True):
                                how = {"color": color, "header": header, "safe": safe, "wide": wide}
                                same = _same(view, width, **how)
                                assert same is not False, (name, lang, width, how)
                                drawn += same is True
    assert drawn, "some tables are drawn"


def test_what_only_rich_can_lay_out_is_left_to_it() -> None:
    wide = TableView(None, (Column("x", whole=True),), ((Cell("x" * 90),),))
    laid = rich_table._layout(wide, 80, False, True)
    assert not isinstance(laid, TableView)
    assert rich_table._drawn(laid, 80, True, False, False) is None
    # --wide keeps every cell whole: drawn as wide as its widest cell, wider than the terminal
    assert "x" * 90 in rich_table.render([wide], width=80, color=False, wide=True)
    empty = TableView("nothing", (Column("x"),), ())
    assert rich_table.render([empty], width=80, color=False) == rich_table._printed(
        empty, 80, color=False, header=True, safe=False, wide=False
    )


def test_styles_and_markup_like_text_print_as_rich_prints_them() -> None:
    view = TableView(
        "[bold]title[/]",
        (Column("名称", short=True), Column("值 [x]", numeric=True), Column("note")),
        (
            (Cell("煤炭[red]产量", highlight=(0, 2)), Cell("−1.5", tone=None), Cell("wraps at spaces " * 4)),
            (Cell("x", highlight=(0, 1)), Cell("2", tone=None), Cell("")),
        ),
    )
    long_title = TableView("a title longer than the table it names", (Column("x"),), ((Cell("1"),),))
    assert _same(long_title, 80, color=True, header=True, safe=False, wide=False)
    for width in (24, 40, 80):
        for color in (False, True):
            assert _same(view, width, color=color, header=True, safe=False, wide=False) is not False
