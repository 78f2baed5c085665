"""Where the report shipped with zzreport lives (builtins only: every look-up asks)."""

from __future__ import annotations

import os


def path() -> str:
    """The bundled report file.

    In a wheel it sits inside the package; in an editable install or a source checkout it is the
    project's ``data/indicators.yaml``, two levels above the package directory. Not
    ``importlib.resources``, which costs ~12 ms at start-up: pip always installs a wheel unpacked,
    so the package directory is a real directory (a test checks the packaged file).
    """
    package = os.path.dirname(os.path.abspath(__file__))
    inside = os.path.join(package, "data", "indicators.yaml")
    if os.path.isfile(inside):
        return inside
    return os.path.join(os.path.dirname(os.path.dirname(package)), "data", "indicators.yaml")
