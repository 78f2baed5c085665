"""The terminal and the variables a call runs in, read through one small object.

``output`` and ``fast`` ask an ``Environment`` for the streams, whether standard output is a
terminal, its encoding and size, colour, the pager and the ``ZZREPORT_*`` variables, instead of
reading ``sys`` and ``os`` themselves. ``entry`` makes one for each call (``use``); tests make one
with the facts they want (a terminal 60 columns wide, NO_COLOR set, a stream that is not a file)
and pass it in, with no patching of ``sys`` or ``os.environ``.

Builtins only, and nothing is read before it is asked for: the look-up path pays for none of it.
A fact left unset is read from the running process when asked, so a test runner that swaps
``sys.stdout`` between calls is seen as it is at that moment.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import IO, Any

FALLBACK = (120, 24)
"""Columns and lines when there is no terminal to ask and COLUMNS and LINES say nothing."""

PAGER = "less -FRX"
"""The pager when neither ZZREPORT_PAGER nor PAGER names one (as git and gh do)."""


class Environment:
    """Facts about the process a call runs in; each given to the constructor, or read when asked.

    ``stdout``/``stderr``: the streams (``sys.stdout``/``sys.stderr``); ``environ``: the variables
    (``os.environ``); ``tty``: whether standard output is a terminal (asked of the stream);
    ``size``: the terminal's columns and lines (COLUMNS and LINES, then the terminal, then
    ``FALLBACK``).
    """

    __slots__ = ("_environ", "_size", "_stderr", "_stdout", "_tty")

    def __init__(
        self,
        *,
        stdout: IO[Any] | None = None,
        stderr: IO[Any] | None = None,
        environ: Mapping[str, str] | None = None,
        tty: bool | None = None,
        size: tuple[int, int] | None = None,
    ) -> None:
        self._stdout = stdout
        self._stderr = stderr
        self._environ = environ
        self._tty = tty
        self._size = size

    def __repr__(self) -> str:
        given = ", ".join(
            f"{k[1:]}={getattr(self, k)!r}" for k in self.__slots__ if getattr(self, k) is not None
        )
        return f"Environment({given})"

    @property
    def stdout(self) -> IO[Any] | None:
        """Standard output; None when the process has none (``pythonw``, a closed descriptor)."""
        return self._stdout if self._stdout is not None else sys.stdout

    @property
    def stderr(self) -> IO[Any] | None:
        return self._stderr if self._stderr is not None else sys.stderr

    @property
    def environ(self) -> Mapping[str, str]:
        return self._environ if self._environ is not None else os.environ

    def get(self, name: str, default: str | None = None) -> str | None:
        """The variable ``name``, or ``default`` when it is not set."""
        return self.environ.get(name, default)

    @property
    def tty(self) -> bool:
        """Whether standard output is a terminal."""
        if self._tty is not None:
            return self._tty
        try:
            return bool(self.stdout.isatty())  # type: ignore[union-attr]  # None: caught below
        except (AttributeError, ValueError, OSError):
            return False

    @property
    def encoding(self) -> str:
        """Standard output's encoding (UTF-8 for a stream that does not say)."""
        return getattr(self.stdout, "encoding", None) or "utf-8"

    @property
    def stderr_encoding(self) -> str:
        return getattr(self.stderr, "encoding", None) or "utf-8"

    @property
    def utf8(self) -> bool:
        """Whether standard output says it is UTF-8 (a stream that does not say is not)."""
        encoding = getattr(self.stdout, "encoding", None) or ""
        return encoding.lower().replace("_", "-") in ("utf-8", "utf8")

    @property
    def color(self) -> bool:
        """NO_COLOR wins, then FORCE_COLOR, then TERM=dumb, then whether stdout is a terminal."""
        if self.get("NO_COLOR"):
            return False
        if self.get("FORCE_COLOR"):
            return True
        if self.get("TERM") == "dumb":
            return False
        return self.tty

    @property
    def size(self) -> tuple[int, int]:
        """Columns and lines, as ``shutil.get_terminal_size`` reads them but from these variables and
        this stream: COLUMNS and LINES when they are positive numbers, else the terminal, else
        ``FALLBACK``."""
        if self._size is not None:
            return self._size
        columns, lines = _positive(self.get("COLUMNS")), _positive(self.get("LINES"))
        if not (columns and lines):
            try:
                fd = sys.__stdout__.fileno() if self._stdout is None else self._stdout.fileno()  # type: ignore[union-attr]
                asked = os.get_terminal_size(fd)
            except (AttributeError, ValueError, OSError):
                asked = os.terminal_size(FALLBACK)
            columns = columns or asked.columns or FALLBACK[0]
            lines = lines or asked.lines or FALLBACK[1]
        return columns, lines

    @property
    def width(self) -> int:
        """Columns for a table: the terminal's, never under 20."""
        return max(20, self.size[0])

    @property
    def pager(self) -> str:
        """The pager's command line: ``$ZZREPORT_PAGER``, then ``$PAGER``, then ``PAGER``; empty or
        ``cat`` means none."""
        variables = self.environ
        return variables.get("ZZREPORT_PAGER", variables.get("PAGER", PAGER)).strip()


def _positive(text: str | None) -> int:
    try:
        n = int(text) if text else 0
    except ValueError:
        return 0
    return max(n, 0)


PROCESS = Environment()
"""The running process's own streams and variables, each read when asked."""
_current: Environment | None = None


def current() -> Environment:
    """The environment of the running call: the one ``use`` set, else ``PROCESS``."""
    return _current or PROCESS


def use(env: Environment | None) -> Environment | None:
    """Make ``env`` the running call's environment (None: the process's again); returns the one
    it replaces."""
    global _current
    before, _current = _current, env
    return before
