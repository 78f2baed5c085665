"""Serve the commonest look-ups without Typer.

Importing Typer and building its commands costs more than the whole look-up. ``show``, ``search`` and
a plain ``list``, with only output options, make up nearly every call from a script or a shell loop,
so this module reads exactly those argument lists and runs the same ``commands`` functions the Typer
app runs. Anything else (help, completion, filters, an odd or malformed option, a bad value) is
declined, and Typer handles it — including every usage error, so messages stay Typer's.

A test runs many argument lists both ways and requires identical output and exit codes.
"""

from __future__ import annotations

import os
from pathlib import Path

FORMATS = frozenset({"table", "csv", "tsv", "json", "jsonl", "markdown"})
LANGS = frozenset({"zh", "en"})
COMMANDS = frozenset({"show", "search", "list"})
DISABLE = "ZZREPORT_NO_FASTPATH"
"""Set to send every call through Typer (for tests and when in doubt)."""


_FLAG = frozenset({"flag"})
_OPTIONS: dict[str, tuple[str, frozenset[str] | None]] = {
    "--format": ("fmt", FORMATS),
    "--lang": ("lang", LANGS),
    "--fields": ("fields", None),
    "--limit": ("limit", None),
    "--no-header": ("no_header", _FLAG),
    "--bom": ("bom", _FLAG),
}
"""Options served here: where each goes, and its allowed values (None: any; _FLAG: takes none)."""


class _Decline(Exception):
    """Not a call this module serves."""


def _value(args: list[str], i: int, allowed: frozenset[str] | None = None) -> str:
    if i >= len(args) or args[i].startswith("-") or (allowed is not None and args[i] not in allowed):
        raise _Decline
    return args[i]


def _parse(argv: list[str]) -> dict[str, object]:
    """The call's parts, or ``_Decline``."""
    args = list(argv)
    data = os.environ.get("ZZREPORT_DATA")
    if args[:1] == ["--data"]:
        data = _value(args, 1)
        args = args[2:]
    # NOTE: several reports (a list, a folder, --with-bundled, --report) are Typer's to handle.
    if (
        not args
        or args[0] not in COMMANDS
        or data == ""
        or (data and (os.pathsep in data or Path(data).is_dir()))
    ):
        raise _Decline
    command, rest = args[0], args[1:]
    env_fmt, env_lang = os.environ.get("ZZREPORT_FORMAT"), os.environ.get("ZZREPORT_LANG")
    if (env_fmt is not None and env_fmt not in FORMATS) or (env_lang is not None and env_lang not in LANGS):
        raise _Decline
    parts: dict[str, object] = {"command": command, "data": data, "fmt": env_fmt, "lang": env_lang or "zh"}
    seen: set[str] = set()
    positional: list[str] = []
    i = 0
    while i < len(rest):
        token = rest[i]
        if not token.startswith("-"):
            positional.append(token)
            i += 1
            continue
        name = {"-f": "--format", "-n": "--limit"}.get(token, token)
        if name in seen or name not in _OPTIONS or (name == "--limit" and command != "search"):
            raise _Decline
        seen.add(name)
        key, allowed = _OPTIONS[name]
        if allowed is _FLAG:
            parts[key] = True
            i += 1
            continue
        parts[key] = _value(rest, i + 1, allowed)
        i += 2
    limit = parts.get("limit")
    if limit is not None and not (
        isinstance(limit, str) and limit.isascii() and limit.isdigit() and int(limit) >= 1
    ):
        raise _Decline
    wanted = {"show": range(1, len(positional) + 1), "search": range(1, 2), "list": range(0, 1)}[command]
    if len(positional) not in wanted:
        raise _Decline
    parts["positional"] = positional
    return parts


def run(argv: list[str]) -> bool:
    """Run the call and return True, or return False to leave it to Typer."""
    if os.environ.get(DISABLE):
        return False
    try:
        parts = _parse(argv)
    except _Decline:
        return False
    from zzreport import commands
    from zzreport.loading import load
    from zzreport.output import emit
    from zzreport.render import Format, Lang

    data = parts["data"]
    ds = (load(Path(str(data)) if data else None),)
    positional = parts["positional"]
    assert isinstance(positional, list)  # noqa: S101 - set by _parse
    match parts["command"]:
        case "show":
            out = commands.show(ds, positional)
        case "search":
            limit = parts.get("limit")
            out = commands.search(ds, positional[0], int(limit) if isinstance(limit, str) else None)
        case _:
            out = commands.list_(ds)
    fmt, fields = parts["fmt"], parts.get("fields")
    emit(
        out,
        Format(fmt) if isinstance(fmt, str) else None,
        Lang(str(parts["lang"])),
        fields=fields if isinstance(fields, str) else None,
        no_header=bool(parts.get("no_header")),
        bom=bool(parts.get("bom")),
    )
    return True
