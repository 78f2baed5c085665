"""zzreport: look up the figures of a Chinese government work report from the terminal.

This module owns the package version only; it must stay cheap to import (no typer, no rich).
The version is written here, not read through importlib.metadata, which costs ~40 ms at start-up;
the build reads it from this file (``[tool.hatch.version]``).
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
