"""Where output goes: choosing the format for the stream, encoding, and writing.

Shared by the Typer commands and the fast path, so both print the same bytes; messages go to stderr
through ``say``. Cheap to import: rendering modules load only when a command renders. Streams,
terminal and variables are read through an ``Environment``: the one given, else the running call's.
"""

from __future__ import annotations

import os

from zzreport.environment import Environment, current

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from zzreport.errors import OutputError
    from zzreport.render import Format, Lang, Options, Output


def say(message: str, env: Environment | None = None) -> None:
    """One line on stderr, whatever stderr's encoding can carry."""
    env = env or current()
    encoding = env.stderr_encoding
    line = f"zzreport: {message}\n".encode(encoding, "backslashreplace").decode(encoding)
    try:
        env.stderr.write(line)  # type: ignore[union-attr]  # None: caught below
        env.stderr.flush()  # type: ignore[union-attr]
    except (OSError, AttributeError, ValueError):
        pass


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
    env: Environment | None = None,
) -> None:
    """Render ``output`` in the chosen format (by default a table on a terminal, else CSV) and
    write it to standard output; a table taller than the terminal goes through the pager unless
    ``pager`` is off."""
    from zzreport.render import MACHINE, Format, Options, render, stream

    env = env or current()
    tty = env.tty
    chosen = fmt or (Format.TABLE if tty else Format.CSV)
    wanted = tuple(f.strip() for f in fields.split(",") if f.strip()) if fields else ()
    if wanted and chosen not in MACHINE:
        from zzreport.errors import UsageError

        raise UsageError(f"--fields applies to csv, tsv, json and jsonl, not {chosen}")
    options = Options(
        lang=lang,
        header=not no_header,
        bom=bom,
        fields=wanted,
        width=env.width if chosen is Format.TABLE else 120,
        color=env.color,
        wide=wide,
    )
    if env.utf8 and _streamed(stream(chosen, output, options), env):
        return
    text = render(chosen, output, options)
    encoding = env.encoding
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = _reencode(chosen, output, options, encoding)
    if not (pager and tty and chosen is Format.TABLE and _paged(data, env)):
        write(data, env)


def _streamed(pieces: Iterator[str] | None, env: Environment) -> bool:
    """Write machine output piece by piece as it is made, so that memory does not grow with it; False
    when there is nothing to stream, or when its first piece cannot be encoded (then nothing has been
    written and the caller renders it whole, which says why or escapes it)."""
    if pieces is None:
        return False
    written = False
    for piece in pieces:
        try:
            data = piece.encode()
        except UnicodeEncodeError as e:  # a lone surrogate
            if not written:
                return False
            raise _unshowable(e, "utf-8") from None
        write(data, env)
        written = True
    return True


def _paged(data: bytes, env: Environment) -> bool:
    """Show ``data`` through the pager when it is taller than the terminal: ``$ZZREPORT_PAGER``,
    then ``$PAGER``, then ``less -FRX``; an empty one or ``cat`` means none. False when no pager
    showed it (it fits, there is none, it could not be started, or it failed), so the caller writes it."""
    import shlex
    import signal
    import subprocess

    command = env.pager
    if not command or command == "cat" or data.count(b"\n") < env.size[1]:
        return False
    variables = {**env.environ, "LESS": env.environ.get("LESS", "FRX"), "LV": env.environ.get("LV", "-c")}
    try:
        proc = subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE, env=variables)  # noqa: S603
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
    say(f"the pager {command!r} failed ({_status(status)}); the table follows without it", env)
    return False


def _status(code: int) -> str:
    return f"killed by signal {-code}" if code < 0 else f"exit status {code}"


def _reencode(fmt: Format, output: Output, options: Options, encoding: str) -> bytes:
    """The output for a console that cannot show every character: JSON escapes them, tables fall
    back to plain glyphs; what still cannot be shown is refused before anything is written."""
    from zzreport.render import render

    retry = options._replace(ascii_json=True, safe_glyphs=True)
    text = render(fmt, output, retry)
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as e:
        raise _unshowable(e, encoding, ", or use --format json, which escapes it") from None


def write_text(text: str, env: Environment | None = None) -> None:
    """Text as standard output's encoding can carry it, or ``OutputError`` before anything is written."""
    env = env or current()
    encoding = env.encoding
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as e:
        raise _unshowable(e, encoding) from None
    write(data, env)


def write_json(render: Callable[[bool], str], env: Environment | None = None) -> None:
    """JSON that ``render(ascii_only)`` makes: as it is where standard output can carry it, with
    every other character escaped where it cannot (JSON always can be written)."""
    env = env or current()
    try:
        data = render(False).encode(env.encoding)
    except UnicodeEncodeError:
        data = render(True).encode("ascii")
    write(data, env)


def _unshowable(error: UnicodeEncodeError, encoding: str, also: str = "") -> OutputError:
    from zzreport.errors import OutputError

    char = error.object[error.start]
    return OutputError(
        f"standard output is {encoding}, which cannot show {char!r} (U+{ord(char):04X}); "
        f"set PYTHONIOENCODING=utf-8{also}"
    )


def write(data: bytes, env: Environment | None = None) -> None:
    """Write all of ``data`` to standard output, or fail with ``OutputError`` (exit 4).

    Every byte or an error: ``write`` on an unbuffered stream (PYTHONUNBUFFERED) or a pipe may take
    only part of what it is given, a full disk says so only on the write that fails, and a
    non-blocking pipe refuses while the reader is behind. A reader that leaves early (``| head``)
    has all it wanted: that ends the run quietly, with success.
    """
    stream = (env or current()).stdout
    if stream is None:
        from zzreport.errors import OutputError

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
        from zzreport.errors import OutputError

        raise OutputError(f"cannot write to standard output: {e.strerror or e}") from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        try:
            view = view[os.write(fd, view) :]
        except BlockingIOError:
            import select  # only a non-blocking reader that falls behind pays for it

            select.select([], [fd], [])
