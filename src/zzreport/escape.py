"""Showing text safely: control characters and characters that reorder text made visible.

A leaf module: tables escape the data they draw with it, and ``validate`` names what it finds.
"""

from __future__ import annotations

# Control characters (C0, DEL, C1) and the characters that reorder text (bidi embeddings, overrides
# and isolates): in a table they would reach the terminal and could retitle it, move the cursor or
# make text read backwards, so tables and Markdown show them as escapes.
_INVISIBLE = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))}
_INVISIBLE.update(
    {c: f"\\u{c:04x}" for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))}
)


def visible(text: str) -> str:
    """``text`` with control and reordering characters shown as escapes (ESC as ``\\x1b``)."""
    return text if text.isprintable() else text.translate(_INVISIBLE)
