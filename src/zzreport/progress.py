"""What the command line does around the first read of a large report file.

The loader itself has no process-wide effects; the command line hands it ``first_read``, which pauses
the cyclic garbage collector while a file is parsed and says on stderr when that takes long.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

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
        sys.stderr.write(
            f"zzreport: reading {name} ({mib:.1f} MiB) for the first time; later look-ups are fast\n"
        )
        sys.stderr.flush()

    enabled = gc.isenabled()
    gc.disable()
    timer = threading.Timer(AFTER, say)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        gc.freeze()
        if enabled:
            gc.enable()
