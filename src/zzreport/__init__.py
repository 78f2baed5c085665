"""zzreport: look up the figures of a Chinese government work report from the terminal.

This module owns the package version only; it must stay cheap to import (no typer, no rich).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("zzreport")
except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
    __version__ = "0+unknown"

__all__ = ["__version__"]
