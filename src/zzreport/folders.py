"""Which entries of a folder are report files: one reading for every command and both paths.

Builtins only, since the look-up path lists a folder on every call.
"""

from __future__ import annotations

import os

SUFFIXES = (".yaml", ".yml")


def is_report_name(name: str) -> bool:
    """Whether an entry of a folder is named as a report file: ``.yaml`` or ``.yml`` in any case,
    after a name of its own, and not hidden (``.yaml`` alone, editors' ``.#x.yaml`` locks and
    ``.x.yaml`` backups are not reports)."""
    lower = name.lower()
    return not name.startswith(".") and any(lower.endswith(s) for s in SUFFIXES)


def reports(folder: str) -> tuple[list[str], list[str]]:
    """The report files of ``folder`` in name order, and the entries named as reports that are no
    regular files (a link counts as what it points to: a broken one is not a file). Raises
    ``OSError`` when the folder cannot be listed."""
    files: list[str] = []
    others: list[str] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if is_report_name(entry.name):
                (files if entry.is_file() else others).append(entry.name)
    return [os.path.join(folder, n) for n in sorted(files)], [os.path.join(folder, n) for n in sorted(others)]
