"""The terminal and the variables are read through one ``Environment``, which tests construct.

Nothing here patches ``sys`` or ``os.environ``: each test says what terminal it wants (its width,
whether it is one, NO_COLOR, a pager) by building an ``Environment`` and handing it to ``output``
or ``fast``.
"""

from __future__ import annotations

import io
import os
import re
import sys

import pytest
from rich.cells import cell_len

from zzreport import commands, fast, grammar
from zzreport.environment import FALLBACK, PAGER, Environment, current, use
from zzreport.model import Dataset
from zzreport.output import emit, say, write_text
from zzreport.render import Lang

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Stream(io.TextIOWrapper):
    """A UTF-8 text stream over bytes kept in memory, as standard output would be."""

    def __init__(self, encoding: str = "utf-8") -> None:
        self.bytes = io.BytesIO()
        super().__init__(self.bytes, encoding=encoding, write_through=True)

    def text(self) -> str:
        return self.bytes.getvalue().decode(self.encoding)


def terminal(columns: int = 80, **variables: str) -> tuple[Environment, Stream]:
    out = Stream()
    return Environment(stdout=out, stderr=Stream(), environ=variables, tty=True, size=(columns, 24)), out


def test_colour_no_color_wins_then_force_color_then_term_dumb_then_the_terminal() -> None:
    assert Environment(tty=True, environ={}).color
    assert not Environment(tty=False, environ={}).color
    assert not Environment(tty=True, environ={"NO_COLOR": "1", "FORCE_COLOR": "1"}).color
    assert Environment(tty=False, environ={"FORCE_COLOR": "1", "TERM": "dumb"}).color
    assert not Environment(tty=True, environ={"TERM": "dumb"}).color
    assert Environment(tty=True, environ={"NO_COLOR": ""}).color  # set but empty: not set


@pytest.mark.parametrize(
    ("variables", "size"),
    [
        ({"COLUMNS": "60", "LINES": "10"}, (60, 10)),
        ({"COLUMNS": "abc", "LINES": "-5"}, FALLBACK),
        ({"COLUMNS": "0"}, FALLBACK),
        ({"LINES": "7"}, (FALLBACK[0], 7)),
        ({}, FALLBACK),
    ],
)
def test_size_from_columns_and_lines_else_the_fallback(
    variables: dict[str, str], size: tuple[int, int]
) -> None:
    env = Environment(stdout=Stream(), environ=variables)  # a stream with no terminal behind it
    assert env.size == size
    assert env.width == max(20, size[0])


def test_a_given_size_is_used_as_it_is_and_a_table_is_never_under_20_columns() -> None:
    assert Environment(size=(7, 3), environ={"COLUMNS": "100"}).size == (7, 3)
    assert Environment(size=(7, 3)).width == 20


@pytest.mark.parametrize(
    ("variables", "pager"),
    [
        ({}, PAGER),
        ({"PAGER": "more"}, "more"),
        ({"PAGER": "more", "ZZREPORT_PAGER": " most "}, "most"),
        ({"PAGER": "more", "ZZREPORT_PAGER": ""}, ""),  # ours set to nothing: no pager at all
    ],
)
def test_the_pager_ours_then_pager_then_less(variables: dict[str, str], pager: str) -> None:
    assert Environment(environ=variables).pager == pager


def test_the_stream_says_its_encoding_and_whether_it_is_a_terminal() -> None:
    latin = Environment(stdout=Stream("latin-1"))
    assert (latin.encoding, latin.utf8, latin.tty) == ("latin-1", False, False)
    assert Environment(stdout=Stream()).utf8


def test_unset_facts_are_the_running_process_read_when_asked() -> None:
    env = Environment()
    assert env.stdout is sys.stdout and env.stderr is sys.stderr and env.environ is os.environ
    assert current() is not env


def test_use_makes_it_the_running_calls_and_gives_back_the_one_before() -> None:
    env, _ = terminal()
    before = use(env)
    try:
        assert current() is env
    finally:
        assert use(before) is env
    assert current() is not env


def test_a_table_on_a_narrow_terminal_without_colour(dataset: Dataset) -> None:
    env, out = terminal(60, NO_COLOR="1")
    emit(commands.show([dataset], ["gdp"]), None, Lang.ZH, pager=False, env=env)
    screen = out.text()
    assert "\x1b[" not in screen
    assert "2806.2亿元" in screen and "report,id" not in screen  # a table, not CSV
    assert max(cell_len(line) for line in screen.splitlines()) <= 60


def test_colour_when_forced_on_a_terminal(dataset: Dataset) -> None:
    env, out = terminal(120, FORCE_COLOR="1")
    emit(commands.compare([dataset], ["gdp", "pm25"]), None, Lang.ZH, pager=False, env=env)
    assert "\x1b[" in out.text()


def test_csv_when_standard_output_is_no_terminal(dataset: Dataset) -> None:
    out = Stream()
    emit(commands.show([dataset], ["gdp"]), None, Lang.ZH, env=Environment(stdout=out, tty=False, environ={}))
    assert out.text().startswith("report,id,")


def test_a_tall_table_goes_through_the_pager_the_environment_names(dataset: Dataset) -> None:
    env, out = terminal(120, ZZREPORT_PAGER="cat")  # cat: no pager, the table is written here
    emit(commands.list_([dataset]), None, Lang.ZH, env=env)
    assert ANSI.sub("", out.text()).count("\n") > 24


def test_say_writes_to_the_environments_stderr() -> None:
    err = Stream("ascii")
    say("煤 not found", Environment(stderr=err))
    assert err.text() == "zzreport: \\u7164 not found\n"


def test_text_the_stream_cannot_carry_is_refused_before_anything_is_written() -> None:
    from zzreport.errors import OutputError

    out = Stream("ascii")
    with pytest.raises(OutputError, match="PYTHONIOENCODING"):
        write_text("煤", Environment(stdout=out))
    assert out.text() == ""


def test_the_look_up_path_reads_its_variables_and_stream_from_the_environment(dataset: Dataset) -> None:
    out = Stream()
    env = Environment(stdout=out, tty=False, environ={"ZZREPORT_FORMAT": "json", "ZZREPORT_LANG": "en"})
    assert fast.run(grammar.arrange(["show", "gdp"]), env)
    assert out.text().lstrip().startswith("[")
    assert '"id": "gdp"' in out.text()
    assert not fast.run(["show", "gdp"], Environment(environ={fast.DISABLE: "1"}))


def test_the_look_up_path_draws_a_table_on_a_terminal(dataset: Dataset) -> None:
    env, out = terminal(60, NO_COLOR="1")
    assert fast.run(["show", "gdp", "--no-pager"], env)
    assert "2806.2亿元" in out.text() and "report,id" not in out.text()
