"""The ``zzreport`` command's entry point: exit codes and the one error boundary.

It imports no Typer: the commonest machine look-ups are served by ``fastpath``, and only what that
declines goes to the Typer app in ``cli``. Both raise the same errors, turned into messages here.
"""

from __future__ import annotations

import sys
from enum import IntEnum

from zzreport.errors import DataError, LookupFailure, OutputError, UsageError, ZzreportError

TYPE_CHECKING = False  # NOTE: not typing.TYPE_CHECKING: importing typing costs ~6 ms at start-up
if TYPE_CHECKING:
    from typing import NoReturn


class Exit(IntEnum):
    """Exit codes, documented in the README and in ``--help``."""

    OK = 0
    NOT_FOUND = 1
    USAGE = 2
    BAD_DATA = 3
    OUTPUT = 4
    INTERRUPTED = 130


EXIT_HELP = (
    "Exit codes: 0 success; 1 nothing found, unknown or ambiguous indicator; 2 usage error; "
    "3 bad data file; 4 output cannot carry the text (encoding); 130 interrupted."
)


def say(message: str) -> None:
    """One line on stderr, whatever stderr's encoding can carry."""
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    line = f"zzreport: {message}\n".encode(encoding, "backslashreplace").decode(encoding)
    try:
        sys.stderr.write(line)
        sys.stderr.flush()
    except OSError:
        pass


def _fail(message: str, code: Exit) -> NoReturn:
    say(message)
    sys.exit(code)


def _run(argv: list[str]) -> None:
    from zzreport import fastpath

    if fastpath.run(argv):
        return
    from zzreport.cli import app

    app(args=argv, prog_name="zzreport")


def main() -> None:
    """Entry point of the ``zzreport`` command and of ``python -m zzreport``."""
    try:
        _run(sys.argv[1:])
    except DataError as e:
        for line in e.lines():
            say(line)
        sys.exit(Exit.BAD_DATA)
    except LookupFailure as e:
        _fail(str(e), Exit.NOT_FOUND)
    except UsageError as e:
        _fail(str(e), Exit.USAGE)
    except OutputError as e:
        _fail(str(e), Exit.OUTPUT)
    except ZzreportError as e:
        _fail(str(e), Exit.NOT_FOUND)
    except KeyboardInterrupt:
        _fail("interrupted", Exit.INTERRUPTED)
