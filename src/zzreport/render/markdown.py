"""Markdown pipe tables of the human views, for pasting into notes and documents."""

from __future__ import annotations

from collections.abc import Sequence

from zzreport.render.base import TableView

_MARKUP = "\\`*_[]<>&|~$#!"
"""Characters a Markdown renderer may read as markup inside a cell or a heading: escapes, code,
emphasis, links and images, HTML and autolinks, entities, cell ends, strikethrough, maths, a
heading's closing hashes. Each is escaped with a backslash, which CommonMark allows before any
ASCII punctuation, so the text shows literally; block markup (lists, quotes) cannot start in a
cell or a heading, so the rest of the text is left as it is."""
_ESCAPES = {ord(c): "\\" + c for c in _MARKUP} | {ord("\r"): "<br>", ord("\n"): "<br>"}


def _escape(text: str) -> str:
    """``text`` as Markdown that shows it literally, line breaks as ``<br>`` (a cell is one line)."""
    return text.replace("\r\n", "\n").translate(_ESCAPES)


def render(views: Sequence[TableView], *, header: bool = True) -> str:
    """Each view as a pipe table (bar columns left out), separated by blank lines."""
    parts = []
    for view in views:
        keep = [i for i, c in enumerate(view.columns) if not c.graphic]
        lines = [f"### {_escape(view.title)}", ""] if view.title else []
        heads = [_escape(view.columns[i].header) for i in keep]
        # NOTE: a pipe table needs a header row; --no-header leaves it blank rather than breaking it.
        lines.append("| " + " | ".join(heads if header and view.headed else [""] * len(keep)) + " |")
        lines.append("|" + "|".join("---:" if view.columns[i].numeric else "---" for i in keep) + "|")
        lines += ["| " + " | ".join(_escape(row[i].text) for i in keep) + " |" for row in view.rows]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)
