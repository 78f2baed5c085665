"""The command line's one grammar (``zzreport.grammar``): the Typer app is made from it, options
shared by data commands work on either side of the command name, and the environment is read only
by the commands that use it."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st

from conftest import FIXTURES, Result
from zzreport import grammar
from zzreport.cli import CheckFormat, app
from zzreport.query import Has, SortKey
from zzreport.render import Format, Lang


def _click_options(params: list[Any]) -> dict[frozenset[str], Any]:
    return {frozenset(p.opts): p for p in params if p.param_type_name == "option"}


def _agrees(option: grammar.Option, param: Any) -> None:
    assert set(param.opts) == set(option.flags), option
    assert bool(getattr(param, "is_flag", False)) == (option.takes == grammar.FLAG), option
    assert bool(param.multiple) == (option.takes == grammar.MANY), option
    assert param.envvar == option.envvar, option
    assert (param.help or "").startswith(option.help), option
    choices = getattr(param.type, "choices", None)
    assert (tuple(choices) if choices is not None else None) == option.choices, option


def test_the_typer_app_is_the_grammar() -> None:
    group = typer.main.get_group(app)
    root = _click_options(group.params)
    declared = [*grammar.ROOT, grammar.VERSION]
    assert set(root) == {frozenset(o.flags) for o in declared}
    for option in declared:
        _agrees(option, root[frozenset(option.flags)])
    assert set(group.commands) == set(grammar.COMMANDS)
    for name, command in grammar.COMMANDS.items():
        params = group.commands[name].params
        options = _click_options(params)
        assert set(options) == {frozenset(o.flags) for o in command.options}, name
        for option in command.options:
            _agrees(option, options[frozenset(option.flags)])
        arguments = [p for p in params if p.param_type_name == "argument"]
        assert [a.name for a in arguments] == [a.name for a in command.arguments], name
        for param, argument in zip(arguments, command.arguments, strict=True):
            assert param.required == (argument.low > 0), name
            assert param.nargs == (-1 if argument.high is None else 1), name


def test_the_enums_hold_the_grammar_s_choices() -> None:
    assert tuple(f.value for f in Format) == grammar.FORMATS
    assert tuple(lang.value for lang in Lang) == grammar.LANGS
    assert tuple(h.value for h in Has) == grammar.HAS.choices
    assert tuple(s.value for s in SortKey) == grammar.SORT.choices
    assert tuple(c.value for c in CheckFormat) == grammar.CHECK_FORMAT.choices
    assert set(grammar.MACHINE) < set(grammar.FORMATS)


@pytest.mark.parametrize(
    ("argv", "arranged"),
    [
        (["-f", "json", "list"], ["list", "-f", "json"]),
        (["--no-pager", "list"], ["list", "--no-pager"]),
        (["list", "--data", "d"], ["--data", "d", "list"]),
        (["list", "--data=d", "-R", "x"], ["--data=d", "-R", "x", "list"]),
        (["-fcsv", "show", "gdp", "--with-bundled"], ["--with-bundled", "show", "-fcsv", "gdp"]),
        (["show", "gdp", "--", "--data", "x"], ["show", "gdp", "--", "--data", "x"]),
        (["list", "--grep", "--data"], ["list", "--grep", "--data"]),  # a value, not an option
        (["list", "--data"], ["list", "--data"]),  # its value is missing: Typer says so
        (["validate", "a.yaml", "--data", "d"], ["validate", "a.yaml", "--data", "d"]),  # takes none
        (["-f", "json", "validate", "a.yaml"], ["validate", "-f", "json", "a.yaml"]),
        (["--lang", "en", "schema"], ["--lang", "en", "schema"]),  # schema takes no --lang
        (["--help"], ["--help"]),
        (["--bogus", "list", "--data", "d"], ["--bogus", "list", "--data", "d"]),
        ([], []),
    ],
)
def test_arrange(argv: list[str], arranged: list[str]) -> None:
    assert grammar.arrange(argv) == arranged


TOKENS = ["list", "show", "search", "compare", "validate", "gdp", "煤", "-f", "json", "csv", "--data", "d",
          "--data=d", "-R", "--with-bundled", "--lang", "en", "--no-pager", "--", "-n", "2", "--grep", "-"]  # fmt: skip


@given(st.lists(st.sampled_from(TOKENS), max_size=8))
def test_arrange_moves_tokens_without_losing_any_and_settles(argv: list[str]) -> None:
    arranged = grammar.arrange(argv)
    assert sorted(arranged) == sorted(argv)
    assert grammar.arrange(arranged) == arranged
    if arranged != argv:  # only a call with a known command is arranged, and it keeps its command
        command = grammar.root(arranged)[0]
        assert command is not None
        assert command.name in argv


@pytest.mark.parametrize(
    "argv",
    [
        ["-f", "json", "list"],
        ["--no-pager", "list"],
        ["list", "--data", "{folder}"],
        ["show", "gdp", "--data", "{folder}", "-f", "json"],
        ["-f", "json", "--data", "{folder}", "search", "生产"],
        ["--lang", "en", "show", "gdp", "-R", "changzhi-2022", "--data", "{folder}", "--with-bundled"],
    ],
    ids=" ".join,
)
def test_shared_options_on_either_side_through_the_installed_command(
    argv: list[str], zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "changzhi-2022.yaml").write_bytes((FIXTURES / "changzhi-2022.yaml").read_bytes())
    argv = [a.replace("{folder}", str(folder)) for a in argv]
    moved = subprocess.run([zzreport_exe, *argv], env=clean_env, capture_output=True, check=False, timeout=60)
    usual = subprocess.run(
        [zzreport_exe, *grammar.arrange(argv)], env=clean_env, capture_output=True, check=False, timeout=60
    )
    assert moved.returncode == 0, moved.stderr
    assert moved.stdout and moved.stdout == usual.stdout
    if "--data" in argv and "--with-bundled" not in argv:
        assert b"changzhi-2022" in moved.stdout
        assert b"changzhi-2023" not in moved.stdout


@pytest.mark.parametrize(
    "argv",
    [["--version"], ["schema"], ["validate", "{file}"], ["--data={file}", "show", "gdp"], ["fields"]],
    ids=" ".join,
)
def test_zzreport_data_is_read_only_by_commands_that_load_data(
    argv: list[str], cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZZREPORT_DATA", ":")
    argv = [a.replace("{file}", str(FIXTURES / "changzhi-2022.yaml")) for a in argv]
    for fast in (True, False):
        result = cli(*argv, fast=fast)
        assert result.code == 0, result
        assert "ZZREPORT_DATA" not in result.err


def test_an_empty_zzreport_data_entry_still_stops_a_data_command(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZZREPORT_DATA", ":")
    result = cli("show", "gdp")
    assert result.code == 2
    assert "ZZREPORT_DATA" in result.err
    assert cli("--data=", "show", "gdp").code == 2
