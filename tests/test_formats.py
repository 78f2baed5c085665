"""Every format can be read back for every value: CSV and TSV through the ``csv`` module, and
Markdown through a CommonMark renderer, which must show each cell's text literally."""

from __future__ import annotations

import csv
import html
import io
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from conftest import examples
from zzreport.machine import Records, delimited
from zzreport.render import markdown
from zzreport.render.base import Cell, Column, TableView

# ── CSV and TSV ───────────────────────────────────────────────────────────────

TRICKY = ["\r", "\n", "\r\n", "\n\r", ",", "\t", '"', "'", "\ufeff", "\ufffe", "\x00", "\x85", "\u2028", " "]
texts = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=4)), max_size=6).map("".join)


@st.composite
def records(draw: st.DrawFn) -> Records:
    width = draw(st.integers(1, 4))
    fields = tuple(draw(st.lists(texts.filter(bool), min_size=width, max_size=width, unique=True)))
    rows = draw(st.lists(st.tuples(*[texts] * width), max_size=4))
    return Records(fields, tuple(rows))


def _read_back(data: str, sep: str) -> list[list[str]]:
    """What a reader that opens the file as UTF-8 (skipping a BOM) with ``newline=""`` gets."""
    text = io.TextIOWrapper(io.BytesIO(data.encode("utf-8")), encoding="utf-8-sig", newline="").read()
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))


@settings(max_examples=examples(300, 600))
@given(r=records(), sep=st.sampled_from([",", "\t"]), header=st.booleans())
def test_any_text_reads_back_from_csv_and_tsv(r: Records, sep: str, header: bool) -> None:
    written = delimited(r, sep=sep, header=header, excel=False)
    expected = [list(r.fields)] if header else []
    expected += [[str(v) for v in row] for row in r.rows]
    assert _read_back(written, sep) == expected


@settings(max_examples=examples(200, 400))
@given(r=records(), sep=st.sampled_from([",", "\t"]))
def test_any_text_reads_back_from_excel_mode(r: Records, sep: str) -> None:
    # Excel mode keeps text from being run as a formula by an apostrophe in front; nothing else changes.
    read = _read_back(delimited(r, sep=sep, header=True, excel=True), sep)
    assert read[0] == list(r.fields)
    for got, row in zip(read[1:], r.rows, strict=True):
        assert [g if g == v else g.removeprefix("'") for g, v in zip(got, row, strict=True)] == list(row)


def test_a_lone_carriage_return_is_quoted() -> None:
    r = Records(("a", "b"), (("x\ry", "z"), ("\r", "")))
    assert delimited(r, sep=",", header=False, excel=False) == '"x\ry",z\n"\r",\n'
    assert delimited(r, sep="\t", header=False, excel=False) == '"x\ry"\tz\n"\r"\t\n'


def test_a_leading_byte_order_mark_in_the_data_is_kept() -> None:
    r = Records(("a",), (("\ufeffx",),))
    assert delimited(r, sep=",", header=False, excel=False) == '"\ufeffx"\n'


# ── Markdown ──────────────────────────────────────────────────────────────────

_RENDERER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
_CELL = re.compile(r"<t[hd](?: style=\"[^\"]*\")?>(.*?)</t[hd]>", re.DOTALL)

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![i](http://x/i.png)",
    "*x*",
    "_x_",
    "**b**",
    "`code`",
    "a|b",
    "~~s~~",
    "&lt;",
    "&#60;",
    "<http://x.test>",
    "\\*",
    "\\|",
    "line\nbreak",
    "cr\rret",
    "# h",
    "x #",
    "$x$",
]
markdown_texts = st.one_of(
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from([*HOSTILE, "a", " ", "1.5", "-", "+", ">", "!", "(", ")"]), max_size=5).map(
        "".join
    ),
    st.text(st.characters(codec="ascii", categories=["P", "S", "L", "Nd", "Zs"]), max_size=12),
)


def _shown_cells(text: str) -> list[str]:
    """Every header and body cell as a reader sees it: HTML rendered, tags (the renderer's own line
    breaks) read as newlines, entities decoded, space at the ends trimmed."""
    out = []
    for found in _CELL.findall(_RENDERER.render(text)):
        assert "<" not in found.replace("<br>", "").replace("<br />", ""), found  # no markup from data
        out.append(html.unescape(found.replace("<br />", "\n").replace("<br>", "\n")).strip())
    return out


def _expected(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


@settings(max_examples=examples(300, 600))
@given(cells=st.lists(markdown_texts, min_size=1, max_size=3), head=markdown_texts)
def test_markdown_cells_show_their_text_literally(cells: list[str], head: str) -> None:
    columns = (Column(head or "h"), *(Column(f"c{n}") for n in range(1, len(cells))))
    view = TableView(None, columns, (tuple(Cell(c) for c in cells),))
    assert _shown_cells(markdown.render([view])) == [_expected(head or "h")] + [
        f"c{n}" for n in range(1, len(cells))
    ] + [_expected(c) for c in cells]


def test_markdown_escapes_what_a_renderer_would_interpret() -> None:
    view = TableView("*t*", (Column("h"),), tuple((Cell(t),) for t in HOSTILE))
    text = markdown.render([view])
    for line in text.splitlines()[4:]:
        body = line.removeprefix("| ").removesuffix(" |").replace("<br>", "")
        assert not re.search(r"(?<!\\)(?:\\\\)*[<\[*_`|]", body), line
    assert text.startswith("### \\*t\\*\n")


def test_markdown_titles_show_their_text_literally() -> None:
    for title in HOSTILE:
        view = TableView(title, (Column("h"),), ())
        rendered = _RENDERER.render(markdown.render([view]))
        heading = re.search(r"<h3>(.*?)</h3>", rendered, re.DOTALL)
        assert heading is not None, rendered
        shown = html.unescape(heading.group(1).replace("<br />", "\n").replace("<br>", "\n"))
        assert shown == _expected(title), rendered
