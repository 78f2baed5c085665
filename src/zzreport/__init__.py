"""zzreport: look up the figures of a Chinese government work report from the terminal.

This module owns the package version only; it must stay cheap to import (no typer, no rich).
The version is written here, not read through importlib.metadata, which costs ~40 ms at start-up;
the build reads it from this file (``[tool.hatch.version]``).

Modules on the look-up path write ``TYPE_CHECKING = False`` and import typing-only names under it,
rather than ``from typing import TYPE_CHECKING``: importing ``typing`` costs about 6 ms at start-up,
a third of a whole look-up, and the type checker treats any constant of that name alike.
"""

__version__ = "0.4.0"

__all__ = ["__version__"]
