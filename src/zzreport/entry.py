"""The ``zzreport`` command's entry point and its one error boundary.

It imports no Typer: the commonest look-ups are served by ``fast``, and only what that declines goes
to the Typer app in ``cli``. Both raise the same errors, turned into messages and exit codes here.
Each call reads its terminal and variables through one ``Environment``, made here.
"""

from __future__ import annotations

import atexit
import gc
import sys

from zzreport.environment import Environment, use

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from typing import Any, NoReturn

    from zzreport.errors import DataError, DataErrors, ZzreportError
    from zzreport.exits import Exit

# NOTE: at exit the interpreter looks for garbage cycles among every object still alive (a loaded
# report, Rich's styles): a tenth of a table's run, for memory the process hands back as it ends.
atexit.register(gc.freeze)
# NOTE: the collector's youngest generation is collected every 700 new objects by default, and
# every tenth collection takes in the next: the imports of a look-up make thousands of objects that
# are never garbage (functions, classes, tables), so a call spent a twentieth of its run walking
# them. Collected every 5,000, cycles are still freed, a few thousand objects later.
gc.set_threshold(5_000, *gc.get_threshold()[1:])


def _check_data_paths(argv: list[str], env: Environment) -> None:
    """Refuse an empty report path: Python reads it as the current directory, so ``--data ''`` or a
    stray ``:`` in ZZREPORT_DATA would quietly load every .yaml file there. (ZZREPORT_DATA set to
    nothing at all means unset, as for every other variable.) Only commands that read reports look
    at either: ``--version``, ``schema`` or ``validate FILE`` never do."""
    import os

    from zzreport import grammar

    command, given = grammar.root(argv)
    if command is None or not command.data:
        return
    if given is not None:
        if "" in given:
            raise _usage("--data '' names no file; give a report file or a folder of them")
        return
    data = env.get("ZZREPORT_DATA")
    if data and "" in data.split(os.pathsep):
        raise _usage(
            f"ZZREPORT_DATA={data!r} holds an empty entry; separate report paths with a single {os.pathsep!r}"
        )


def _usage(message: str) -> Exception:
    from zzreport.errors import UsageError

    return UsageError(message)


def _run(argv: list[str], env: Environment) -> None:
    from zzreport import fast, grammar

    argv = grammar.arrange(argv)
    _check_data_paths(argv, env)
    if fast.run(argv, env):
        return
    import typer

    from zzreport.cli import app
    from zzreport.errors import UsageError
    from zzreport.exits import Exit

    misused, failed = _click_errors()
    try:
        # Not standalone: Click's errors come here, to be said in one line like every other error.
        code = app(args=argv, prog_name="zzreport", standalone_mode=False)
    except misused as e:
        if type(e).__name__ == "NoArgsIsHelpError":  # ``zzreport`` alone: the help, as Click shows it
            e.show()
            sys.exit(Exit.USAGE)
        where = e.ctx.command_path if e.ctx is not None else "zzreport"
        raise UsageError(f"{' '.join(e.format_message().split())} (see '{where} --help')") from None
    except failed as e:
        raise UsageError(" ".join(e.format_message().split())) from None
    except typer.Abort:
        raise KeyboardInterrupt from None
    except SystemExit as e:
        # Typer turns Ctrl-C into a silent exit 130; the boundary below says so, as on the look-up path.
        if e.code == Exit.INTERRUPTED and _interrupted(e):
            raise KeyboardInterrupt from None
        raise
    if code == Exit.INTERRUPTED:  # Ctrl-C, as Typer returns it when not standalone
        raise KeyboardInterrupt
    if isinstance(code, int) and code:
        sys.exit(code)


def _click_errors() -> tuple[type[Any], type[Any]]:
    """Click's usage error and the root of its errors, as Typer raises them. Typer carries its own
    copy of Click, and names only ``BadParameter`` of it: both are found among its bases."""
    import typer

    bases = {c.__name__: c for c in typer.BadParameter.__mro__}
    return bases["UsageError"], bases["ClickException"]


def _interrupted(error: BaseException) -> bool:
    """Whether a KeyboardInterrupt stands in the chain of causes of ``error``."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def _argument(arg: str) -> str:
    """An argument as the user typed it. Under a non-UTF-8 locale (LC_ALL=C without Python's UTF-8
    mode) Python turns the bytes of 煤 into lone surrogates; those bytes are read as UTF-8 instead."""
    if not any("\udc80" <= c <= "\udcff" for c in arg):
        return arg
    try:
        return arg.encode(sys.getfilesystemencoding(), "surrogateescape").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return arg


def main(env: Environment | None = None) -> None:
    """Entry point of the ``zzreport`` command and of ``python -m zzreport``: one call, in ``env``
    (by default the running process's terminal and variables)."""
    env = env or Environment()
    before = use(env)  # what the Typer commands write through, too
    try:
        _main(env)
    finally:
        use(before)


def _main(env: Environment) -> None:
    # NOTE: an ``except`` clause's classes are looked up only when an exception reaches it, so the
    # errors, their exit codes and ``say`` are imported only once something went wrong: a look-up
    # that succeeds never loads them.
    try:
        _run([_argument(a) for a in sys.argv[1:]], env)
    except _data_errors() as e:
        _fail(e.lines(), _exits().BAD_DATA, env)
    except _refusals() as e:
        _fail([str(e)], _code(e), env)
    except KeyboardInterrupt:
        _fail(["interrupted"], _exits().INTERRUPTED, env)
    except MemoryError:
        _fail(["out of memory: the reports or the answer are too large for the memory this process may use"],
              _exits().NO_MEMORY, env)  # fmt: skip


def _data_errors() -> tuple[type[DataError], type[DataErrors]]:
    from zzreport.errors import DataError, DataErrors

    return DataError, DataErrors


def _refusals() -> type[ZzreportError]:
    from zzreport.errors import ZzreportError

    return ZzreportError


def _exits() -> type[Exit]:
    from zzreport.exits import Exit

    return Exit


def _fail(lines: list[str], code: int, env: Environment) -> NoReturn:
    """Say ``lines`` on stderr and end with ``code``."""
    from zzreport.output import say

    for line in lines:
        say(line, env)
    sys.exit(code)


def _code(error: ZzreportError) -> int:
    from zzreport.errors import OutputError, UsageError

    if isinstance(error, UsageError):
        return _exits().USAGE
    if isinstance(error, OutputError):
        return _exits().OUTPUT
    return _exits().NOT_FOUND  # LookupFailure, and any other refusal of the user's input
