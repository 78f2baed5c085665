"""zzreport: look up the figures of a Chinese government work report, from the terminal or Python.

This module owns the package version and the names of the Python API (``zzreport.api``, described
in docs/python-api.md). It must stay cheap to import (no typer, no rich, not even the model): the API
is imported on the first use of one of its names, through the module's ``__getattr__``, so the
command's look-ups never load it. The version is written here, not read through importlib.metadata,
which costs ~40 ms at start-up; the build reads it from this file (``[tool.hatch.version]``).

Modules on the look-up path write ``TYPE_CHECKING = False`` and import typing-only names under it,
rather than ``from typing import TYPE_CHECKING``: importing ``typing`` costs about 6 ms at start-up,
a third of a whole look-up, and the type checker treats any constant of that name alike.
"""

__version__ = "0.7.0"

TYPE_CHECKING = False
if TYPE_CHECKING:
    from zzreport.api import (
        Across,
        Ambiguous,
        Compared,
        DataError,
        Dataset,
        Error,
        Indicator,
        MissingDependency,
        NotFound,
        Report,
        Reports,
        Results,
        Section,
        SectionCount,
        UsageError,
        load,
    )

__all__ = [
    "Across",
    "Ambiguous",
    "Compared",
    "DataError",
    "Dataset",
    "Error",
    "Indicator",
    "Judged",
    "MissingDependency",
    "NotFound",
    "Report",
    "Reports",
    "Results",
    "Section",
    "SectionCount",
    "Target",
    "UsageError",
    "Verdict",
    "__version__",
    "load",
]

_API = frozenset(__all__) - {"__version__"}
"""The names ``zzreport.api`` lends this module (its ``__all__``, which a test holds to this)."""


def __getattr__(name: str) -> object:
    if name in _API:
        from zzreport import api

        value: object = getattr(api, name)
        globals()[name] = value  # once looked up, an ordinary attribute
        return value
    raise AttributeError(f"module 'zzreport' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
