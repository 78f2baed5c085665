"""Where output goes: choosing the format for the stream, encoding, and writing.

Shared by the Typer commands and the fast path, so both print the same bytes; messages go to stderr
through ``say``. Cheap to import: rendering modules load only when a command renders.
"""

from __future__ import annotations

import os
import sys

from zzreport.errors import OutputError, UsageError

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from collections.abc import Callable

    from zzreport.render import Format, Lang, Options, Output


def say(message: str) -> None:
    """One line on stderr, whatever stderr's encoding can carry."""
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    line = f"zzreport: {message}\n".encode(encoding, "backslashreplace").decode(encoding)
    try:
        sys.stderr.write(line)
        sys.stderr.flush()
    except (OSError, AttributeError, ValueError):
        pass


def is_tty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def color(tty: bool) -> bool:
    """NO_COLOR wins, then FORCE_COLOR, then TERM=dumb, then whether stdout is a terminal."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return tty


def _width() -> int:
    """Columns of the terminal (COLUMNS first), 120 when there is none; never under 20."""
    import shutil  # Only tables need it

    return max(20, shutil.get_terminal_size((120, 24)).columns)


def emit(
    output: Output,
    fmt: Format | None,
    lang: Lang,
    *,
    fields: str | None = None,
    no_header: bool = False,
    bom: bool = False,
    wide: bool = False,
    pager: bool = True,
) -> None:
    """Render ``output`` in the chosen format (by default a table on a terminal, else CSV) and
    write it to standard output; a table taller than the terminal goes through the pager unless
    ``pager`` is off."""
    from zzreport.render import MACHINE, Format, Options, render

    tty = is_tty()
    chosen = fmt or (Format.TABLE if tty else Format.CSV)
    wanted = tuple(f.strip() for f in fields.split(",") if f.strip()) if fields else ()
    if wanted and chosen not in MACHINE:
        raise UsageError(f"--fields applies to csv, tsv, json and jsonl, not {chosen}")
    options = Options(
        lang=lang,
        header=not no_header,
        bom=bom,
        fields=wanted,
        width=_width() if chosen is Format.TABLE else 120,
        color=color(tty),
        wide=wide,
    )
    text = render(chosen, output, options)
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = _reencode(chosen, output, options, encoding)
    if not (pager and tty and chosen is Format.TABLE and _paged(data)):
        write(data)


PAGER = "less -FRX"
"""The pager when neither ZZREPORT_PAGER nor PAGER names one (as git and gh do)."""


def _paged(data: bytes) -> bool:
    """Show ``data`` through the pager when it is taller than the terminal: ``$ZZREPORT_PAGER``,
    then ``$PAGER``, then ``less -FRX``; an empty one or ``cat`` means none. False when no pager
    showed it (it fits, there is none, it could not be started, or it failed), so the caller writes it."""
    import shlex
    import shutil
    import signal
    import subprocess

    command = os.environ.get("ZZREPORT_PAGER", os.environ.get("PAGER", PAGER)).strip()
    if not command or command == "cat" or data.count(b"\n") < shutil.get_terminal_size((120, 24)).lines:
        return False
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX"), "LV": os.environ.get("LV", "-c")}
    try:
        proc = subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE, env=env)  # noqa: S603
    except (OSError, ValueError):  # not installed, or not a command line
        return False
    assert proc.stdin is not None  # noqa: S101 - asked for above
    interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the pager's to handle
    try:
        proc.stdin.write(data)
        proc.stdin.close()
    except BrokenPipeError:  # the reader quit the pager before the end: that is no error
        pass
    finally:
        status = proc.wait()
        signal.signal(signal.SIGINT, interrupt)
    if status in (0, -signal.SIGINT):  # shown, or the user stopped it with Ctrl-C
        return True
    # NOTE: a pager that fails (PAGER=false, a typo in its options) may have shown nothing, and an exit
    # of 0 with nothing on the screen would hide the table: it is written again without the pager.
    say(f"the pager {command!r} failed ({_status(status)}); the table follows without it")
    return False


def _status(code: int) -> str:
    return f"killed by signal {-code}" if code < 0 else f"exit status {code}"


def _reencode(fmt: Format, output: Output, options: Options, encoding: str) -> bytes:
    """The output for a console that cannot show every character: JSON escapes them, tables fall
    back to plain glyphs; what still cannot be shown is refused before anything is written."""
    from dataclasses import replace

    from zzreport.render import render

    retry = replace(options, ascii_json=True, safe_glyphs=True)
    text = render(fmt, output, retry)
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as e:
        raise _unshowable(e, encoding, ", or use --format json, which escapes it") from None


def write_text(text: str) -> None:
    """Text as standard output's encoding can carry it, or ``OutputError`` before anything is written."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as e:
        raise _unshowable(e, encoding) from None
    write(data)


def write_json(render: Callable[[bool], str]) -> None:
    """JSON that ``render(ascii_only)`` makes: as it is where standard output can carry it, with
    every other character escaped where it cannot (JSON always can be written)."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        data = render(False).encode(encoding)
    except UnicodeEncodeError:
        data = render(True).encode("ascii")
    write(data)


def _unshowable(error: UnicodeEncodeError, encoding: str, also: str = "") -> OutputError:
    char = error.object[error.start]
    return OutputError(
        f"standard output is {encoding}, which cannot show {char!r} (U+{ord(char):04X}); "
        f"set PYTHONIOENCODING=utf-8{also}"
    )


def write(data: bytes) -> None:
    """Write all of ``data`` to standard output, or fail with ``OutputError`` (exit 4).

    Every byte or an error: ``write`` on an unbuffered stream (PYTHONUNBUFFERED) or a pipe may take
    only part of what it is given, a full disk says so only on the write that fails, and a
    non-blocking pipe refuses while the reader is behind. A reader that leaves early (``| head``)
    has all it wanted: that ends the run quietly, with success.
    """
    stream = sys.stdout
    if stream is None:
        raise OutputError("standard output is closed; redirect it to a file or /dev/null")
    try:
        fd = stream.fileno()
    except (AttributeError, ValueError, OSError):  # not a file (tests, embedding): its own write
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            stream.write(data.decode(getattr(stream, "encoding", None) or "utf-8"))
        else:
            buffer.write(data)
        stream.flush()
        return
    try:
        stream.flush()  # anything already written through the stream goes first
        _write_all(fd, data)
    except BrokenPipeError:
        # NOTE: the reader left (| head). Point stdout at /dev/null so the interpreter's final
        # flush cannot fail, and exit quietly with success.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        raise SystemExit(0) from None
    except OSError as e:
        raise OutputError(f"cannot write to standard output: {e.strerror or e}") from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        try:
            view = view[os.write(fd, view) :]
        except BlockingIOError:
            import select  # only a non-blocking reader that falls behind pays for it

            select.select([], [fd], [])
