"""What reading report files does beyond building the model: the first-read hook and warnings.

The loader itself has no process-wide effects of its own; the command line hands it ``first_read``,
which pauses the cyclic garbage collector while a file is parsed and says on stderr when that takes
long, and ``warn`` is where the loader says what is valid but likely to surprise.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

AFTER = 1.0
"""Seconds a first read may take before stderr says what is going on."""


@contextmanager
def first_read(name: str, size: int) -> Iterator[None]:
    """Parse with the collector paused, and say once on stderr if it takes over ``AFTER`` seconds.

    Parsing makes millions of small objects that all live on; the collector would rescan them again
    and again (three times the cost of composing a large file), so it waits, and what was loaded is
    then frozen out of its view for the rest of the run.
    """

    def say() -> None:
        mib = size / (1024 * 1024)
        _line(f"reading {name} ({mib:.1f} MiB) for the first time; later look-ups are fast")

    enabled = gc.isenabled()
    gc.disable()
    timer = threading.Timer(AFTER, say)
    timer.daemon = True
    # With no thread to spare (ulimit -u) the read goes on without the message: it is all the thread does.
    with suppress(RuntimeError):
        timer.start()
    try:
        yield
    finally:
        timer.cancel()  # harmless on a timer that never started
        gc.freeze()
        if enabled:
            gc.enable()


def warn(message: str) -> None:
    """A warning about what was read: valid, but likely to surprise (two reports of one place and
    year). One line on stderr; stdout carries data only."""
    _line(f"warning: {message}")


def _line(text: str) -> None:
    """``text`` as one line on stderr, whatever its encoding can carry; dropped if stderr is closed."""
    stream = sys.stderr
    if stream is None:
        return
    encoding = getattr(stream, "encoding", None) or "utf-8"
    line = f"zzreport: {text}\n".encode(encoding, "backslashreplace").decode(encoding)
    try:
        stream.write(line)
        stream.flush()
    except (OSError, ValueError):
        pass
