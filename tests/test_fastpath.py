"""The look-up path (``zzreport.fast``) answers exactly as the Typer app does.

It is a copy of part of the command line kept for speed, so it is checked against the original: its
option table against the Typer commands' declared parameters, and its answers, byte for byte, over
every record, every machine format and both languages, and over calls generated from the grammar it
serves.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Result, examples
from zzreport import fast, grammar, store
from zzreport.loading import bundled_path
from zzreport.model import Dataset
from zzreport.render import Lang

CALLS = [
    ["show", "GDP"],
    ["show", "gdp", "PM2.5", "-f", "json"],
    ["show", "GPD"],
    ["show", "gdp", "gdp", "GDP", "-f", "csv"],
    ["show", "gdp", "--fields", "id,value", "--no-header"],
    ["show", "gdp", "--fields", "nope"],
    ["show", "gdp", "--fields", " id , value ,", "-f", "jsonl"],
    ["show", "gdp", "--bom", "-f", "tsv"],
    ["show", "gdp", "-f", "table", "--lang", "en"],
    ["show", "gdp", "-f", "markdown"],
    ["show", "gdp", "-f", "table", "--fields", "id"],
    ["show", "经济总量"],
    ["show", "ＧＤＰ", "PM２.５", "-f", "json"],
    ["show", "地區生產總值", "--fields", "id,value"],
    ["search", "地區生產", "--fields", "id,score"],
    ["search", "GDP growth", "--fields", "id,score,matched"],
    ["search", "growth 煤", "-f", "jsonl"],
    ["search", "GDP zzzqqq"],
    ["search", "煤"],
    ["search", "meitan", "-n", "1"],
    ["search", "Emissions and pollution", "-f", "json"],
    ["search", "qqqzzz"],
    ["search", ""],
    ["search", "pp", "--fields", "id,score,matched"],
    ["list"],
    ["list", "-f", "jsonl", "--fields", "id,change"],
    ["list", "--bom"],
    ["--data", "/nonexistent.yaml", "show", "gdp"],
]


def _both(cli: Callable[..., Result], argv: list[str]) -> tuple[Result, Result]:
    return cli(*argv, fast=True), cli(*argv, fast=False)


def _same(a: Result, b: Result) -> bool:
    return (a.code, a.stdout, a.stderr) == (b.code, b.stdout, b.stderr)


@pytest.mark.parametrize("argv", CALLS, ids=" ".join)
def test_same_answer_both_ways(
    argv: list[str], cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ZZREPORT_FORMAT", raising=False)
    fast_run, typer_run = _both(cli, argv)
    assert _same(fast_run, typer_run), (fast_run, typer_run)


@pytest.mark.parametrize("fmt", sorted(grammar.MACHINE))
@pytest.mark.parametrize("lang", [lang.value for lang in Lang])
@pytest.mark.parametrize("command", ["show", "list", "search"])
def test_every_record_in_every_machine_format_from_the_store(
    cli: Callable[..., Result], dataset: Dataset, fmt: str, lang: str, command: str
) -> None:
    words: list[str] = {"show": [str(i.id) for i in dataset.indicators], "list": [], "search": ["率"]}[
        command
    ]
    argv = [command, *words, "-f", fmt, "--lang", lang]
    cli(*argv)  # the store now holds the bundled report
    call = fast.parse(argv, {})
    assert fast.answer(call, fmt) is not None, "answered from the store"
    fast_run, typer_run = _both(cli, argv)
    assert fast_run.code == 0
    assert _same(fast_run, typer_run)
    if command != "search":
        assert fast_run.out.count("changzhi-2023") == len(dataset.indicators)


def test_every_option_it_serves_is_declared_by_the_command() -> None:
    for name, options in fast.SERVED.items():
        assert set(options) <= set(grammar.COMMANDS[name].options), name


WORDS = ["gdp", "GDP", "PM2.5", "煤", "meitan", "经济总量", "pm25", "地区生产总值", "zzz", "率", "grp"]


@st.composite
def served_calls(draw: st.DrawFn) -> list[str]:
    """Calls in the grammar the look-up path serves (it must not decline them), with the output
    options on either side of the command name."""
    command = draw(st.sampled_from(sorted(fast.SERVED)))
    (argument,) = grammar.COMMANDS[command].arguments or (grammar.Argument("", 0, 0),)
    high = argument.high if argument.high is not None else 3
    low = 2 if command == "compare" else argument.low  # one indicator compares across reports
    words = draw(st.lists(st.sampled_from(WORDS), min_size=low, max_size=high))
    parts: list[list[str]] = [[w] for w in words]
    before: list[str] = []
    for option in fast.SERVED[command]:
        if not draw(st.booleans()):
            continue
        spelled = draw(st.sampled_from(option.flags))
        if option.takes == grammar.FLAG:
            part = [spelled]
        elif option.choices is not None:
            part = [spelled, draw(st.sampled_from(option.choices))]
        elif option is grammar.LIMIT:
            part = [spelled, str(draw(st.integers(min_value=1, max_value=5)))]
        else:
            part = [spelled, draw(st.sampled_from(["id,value", "id", "name,change,unit", "nope"]))]
        if len(part) == 2 and draw(st.booleans()):
            part = [f"{part[0]}={part[1]}" if part[0].startswith("--") else part[0] + part[1]]
        if option in grammar.OUTPUT and draw(st.booleans()):
            before += part
        else:
            parts.append(part)
    order = draw(st.permutations(parts))
    return [*before, command] + [arg for part in order for arg in part]


@settings(
    max_examples=examples(25, 200), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(argv=served_calls())
def test_same_answer_for_generated_calls(
    argv: list[str], cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ZZREPORT_FORMAT", raising=False)
    fast.parse(grammar.arrange(argv), {})  # served, not declined
    fast_run, typer_run = _both(cli, argv)
    assert _same(fast_run, typer_run), argv


@pytest.mark.parametrize(
    "argv",
    [["show", "--help"], ["list", "--grep", "煤"], ["compare", "a"], ["compare", "a", "--across"], ["show"],
     ["show", "gdp", "-f", "xml"], ["show", "gdp", "-f", "csv", "-f", "json"], ["--version"], ["show", "--fields", "-x"],
     ["list", "--section", "economy"], ["search", "x", "-n", "0"], ["search", "x", "-n", "+1"], ["list", "extra"],
     ["--data", "", "list"], ["--data", "a.yaml:b.yaml", "list"], ["--with-bundled", "list"], ["show", ""],
     ["search", "、"], ["show", "gdp", "\udcff"], ["search", "x", "-n", "1" * 19], ["show", "--", "gdp"]],
    ids=" ".join,
)  # fmt: skip
def test_declines_what_it_does_not_serve(argv: list[str]) -> None:
    with pytest.raises(fast.Decline):
        fast.parse(argv, {})


def test_declines_a_bad_format_from_the_environment() -> None:
    with pytest.raises(fast.Decline):
        fast.parse(["list"], {"ZZREPORT_FORMAT": "xml"})


HEAVY = {"rich", "yaml", "pydantic", "typer", "difflib", "dataclasses", "re", "pathlib", "decimal", "enum",
         "typing", "json", "csv", "inspect", "zzreport.model", "zzreport.loading", "zzreport.cli",
         "zzreport.errors", "zzreport.exits", "zzreport.folders", "zzreport.places",
         "_blake2", "_hashlib", "hashlib"}  # fmt: skip
"""What a look-up of the bundled report that succeeds never loads (the errors: only once one is said;
folders and places: only for a folder; a hash module: a warm look-up digests nothing, and the file's
record of status is found without one)."""


HITS = [["show", "GDP"], ["show", "pm25", "地区生产总值"], ["search", "煤"], ["search", "coal"], ["search", "meitan"],
        ["search", "mt"], ["search", "GDP growth"], ["search", "煤", "-n", "1"], ["list"],
        ["search", "chanliang"], ["search", "polution"], ["search", "经济增长多少"], ["search", "空气质量"],
        ["list", "--sort", "value", "-n", "3"], ["list", "--sort", "name", "--reverse"],
        ["list", "--sort", "change", "--lang", "en"], ["list", "-n", "5"]]  # fmt: skip
"""One call of each kind of query the look-up path answers: ids, names, Chinese, English, pinyin of a
word and of a name, initials, several words, a typo, a question, a concept, a limit, the whole list,
and the list ordered or cut."""
MISSES = [["show", "nosuchthing"], ["search", "qqqzzz"], ["search", "2806.2"], ["show", "gdp", "GPD"]]
"""Misses (numbers find nothing) are told on the look-up path too, with hints from the stored labels:
no report is loaded whole (the hints' string matching needs ``difflib``, and with it ``re``)."""
FOR_A_MISS = HEAVY - {"difflib", "re", "enum", "zzreport.errors", "zzreport.exits"} | {
    "zzreport.query",
    "zzreport.commands",
}


@pytest.fixture(scope="module")
def settled() -> None:
    """Wait, once, until the bundled file's status has settled (``store.settled``): a file changed
    within the filesystem's timestamp step, as an install or a checkout has just done, is digested
    on every call, and a warm look-up is what these tests watch."""
    st = bundled_path().stat()
    changed = max(st.st_mtime_ns, st.st_ctime_ns)
    while time.time_ns() <= changed + store.GRANULARITY:  # at most the step: two seconds
        time.sleep(0.05)


def _imported(exe: str, env: dict[str, str], argv: list[str], watched: set[str]) -> tuple[str, str]:
    subprocess.run([exe, *argv], env=env, capture_output=True, check=False)  # fill the store
    probe = (
        "import sys\n"
        f"sys.argv = ['zzreport', *{argv!r}]\n"
        "from zzreport.entry import main\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        f"    sys.stderr.write(repr(sorted(set(sys.modules) & set({sorted(watched)!r}))))\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, encoding="utf-8", check=False
    )
    return r.stdout, r.stderr


@pytest.mark.parametrize("fmt", sorted(grammar.MACHINE))
@pytest.mark.parametrize("argv", HITS, ids=" ".join)
@pytest.mark.usefixtures("settled")
def test_piped_look_up_loads_no_heavy_module(
    zzreport_exe: str, clean_env: dict[str, str], argv: list[str], fmt: str
) -> None:
    stdout, stderr = _imported(zzreport_exe, clean_env, [*argv, "-f", fmt], HEAVY)
    assert "changzhi-2023" in stdout
    assert stderr == "[]"


@pytest.mark.parametrize("argv", MISSES, ids=" ".join)
def test_a_piped_miss_loads_no_typer_rich_or_yaml(
    zzreport_exe: str, clean_env: dict[str, str], argv: list[str]
) -> None:
    stdout, stderr = _imported(zzreport_exe, clean_env, [*argv, "-f", "csv"], FOR_A_MISS)
    assert stdout == ""
    assert stderr.endswith("\n[]"), stderr


def _probed(
    zzreport_exe: str, clean_env: dict[str, str], argv: list[str], before: str, after: str
) -> subprocess.CompletedProcess[str]:
    """A piped call of ``argv`` run in a Python that runs ``before`` first and ``after`` once the
    call is done (the store warmed by the same call first)."""
    piped = [*argv, "-f", "csv"]
    subprocess.run([zzreport_exe, *piped], env=clean_env, capture_output=True, check=False)
    probe = (
        f"import sys\n{before}sys.argv = ['zzreport', *{piped!r}]\n"
        f"from zzreport.entry import main\ntry:\n    main()\nfinally:\n    {after}\n"
    )
    return subprocess.run(
        [sys.executable, "-c", probe],
        env=clean_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


@pytest.mark.skipif(sys.version_info >= (3, 14), reason="3.14 collects the old generation in increments")
@pytest.mark.parametrize("argv", HITS, ids=" ".join)
@pytest.mark.usefixtures("settled")
def test_piped_look_up_walks_no_old_objects(
    zzreport_exe: str, clean_env: dict[str, str], argv: list[str]
) -> None:
    """The objects a look-up's imports make are never garbage; a collection of the collector's
    older generations walks them all, and cost a pinyin search a twentieth of its run before the
    youngest was collected less often (``entry``). None runs now, whatever kind of query."""
    before = (
        "import gc\n"
        "older = []\n"
        "gc.callbacks.append(lambda phase, info: older.append(info['generation']) if info['generation'] else None)\n"
    )
    r = _probed(zzreport_exe, clean_env, argv, before, "sys.stderr.write(repr(older))")
    assert "changzhi-2023" in r.stdout
    assert r.stderr == "[]"


@pytest.mark.parametrize(
    ("word", "found"),
    [("meitan", "raw-coal-output"), ("chanliang", "grain-output"), ("mt", "raw-coal-output"),
     ("polution", "pm25"), ("jiuye", "new-urban-jobs"), ("qqqzzz", None)],
)  # fmt: skip
@pytest.mark.usefixtures("settled")
def test_a_warm_search_in_pinyin_reads_no_table(
    zzreport_exe: str, clean_env: dict[str, str], word: str, found: str | None
) -> None:
    """The store keeps the readings of a report's characters: a warm search in pinyin (a word, a
    name, initials, a typo read as pinyin, a miss) reads nothing of ``pinyin.txt``, and finds what
    it finds."""
    after = "from zzreport import pinyin; sys.stderr.write(repr(pinyin._TEXT))"
    r = _probed(zzreport_exe, clean_env, ["search", word], "", after)
    assert r.stderr.endswith("[]"), r.stderr
    if found is None:
        assert r.returncode == 1 and r.stdout == ""
    else:
        assert r.returncode == 0 and f",{found}," in r.stdout
