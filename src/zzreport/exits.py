"""Exit codes, documented in the README and in ``--help``: a leaf that every layer may import."""

from __future__ import annotations


class Exit:
    """The codes the command exits with (plain ints: this module loads on every run)."""

    OK = 0
    NOT_FOUND = 1
    USAGE = 2
    BAD_DATA = 3
    OUTPUT = 4
    NO_MEMORY = 5
    INTERRUPTED = 130


HELP = (
    "Exit codes: 0 success; 1 nothing found, unknown or ambiguous indicator (coverage: a figure "
    "not recorded); 2 usage error; 3 bad data file; 4 output cannot carry the text (encoding); "
    "5 out of memory; 130 interrupted."
)
