"""JSON (one array) and JSON Lines (one object a line) through the standard ``json`` module.

Keys are the machine field names, as in CSV. Decimals are strings, so no reader rounds them.
"""

from __future__ import annotations

import json

from zzreport.render.records import Records


def render(records: Records, *, lines: bool, ascii_only: bool = False) -> str:
    """The records as JSON text, ending with a newline."""
    objects = [dict(zip(records.fields, row, strict=True)) for row in records.rows]
    if lines:
        return "".join(json.dumps(o, ensure_ascii=ascii_only) + "\n" for o in objects)
    return json.dumps(objects, ensure_ascii=ascii_only, indent=2) + "\n"
