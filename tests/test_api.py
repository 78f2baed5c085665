"""The Python API (``zzreport.load`` and ``Reports``): its documented examples run, it answers as
the installed command does, record for record, it raises the command's errors as its own classes,
and ``store=False`` leaves the store alone."""

from __future__ import annotations

import doctest
import gc
import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import zzreport
from conftest import FIXTURES, ROOT, invoke
from zzreport import api, store

DOC = ROOT / "docs" / "python-api.md"


def _folder(tmp_path: Path) -> Path:
    """A folder holding the files the documentation names."""
    shutil.copy(FIXTURES / "changzhi-2022.yaml", tmp_path / "city-2022.yaml")
    (tmp_path / "reports").mkdir()
    for name in ("sample-city-2023.yaml", "sample-county-2022.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / "reports" / name)
    shutil.copytree(FIXTURES / "bad", tmp_path / "bad")
    return tmp_path


def test_the_documented_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pandas")
    monkeypatch.chdir(_folder(tmp_path))
    result = doctest.testfile(str(DOC), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted >= 30


def test_the_package_lends_the_api_s_names() -> None:
    assert set(zzreport.__all__) - {"__version__"} == set(api.__all__)
    for name in api.__all__:
        assert getattr(zzreport, name) is getattr(api, name)
    assert isinstance(zzreport.__version__, str)
    assert "load" in dir(zzreport)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = zzreport.nothing


def test_importing_the_package_loads_nothing_else(clean_env: dict[str, str]) -> None:
    code = (
        "import sys\nbefore = set(sys.modules)\nimport zzreport\n"
        "print(' '.join(sorted(set(sys.modules) - before)))\n"
        "zzreport.load\nprint('zzreport.api' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=clean_env, capture_output=True, text=True, check=True
    ).stdout
    assert out.split("\n")[:2] == ["zzreport", "True"]


# ── the same answers as the command ──────────────────────────────────────────


def _json(env: dict[str, str], *args: str) -> Any:
    """What ``zzreport ARGS -f json`` prints, read with exact decimals (the console script's own
    function, run in this process)."""
    done = invoke(*args, "-f", "json", env=env)
    assert (done.code, done.err) == (0, ""), done
    return json.loads(done.stdout, parse_float=Decimal)


DATA = ("--data", str(FIXTURES / "changzhi-2022.yaml"), "--data", str(FIXTURES / "sample-city-2023.yaml"))


@pytest.mark.parametrize(
    ("argv", "call"),
    [
        (["list"], lambda r: r.list()),
        (["list", "--has", "change", "--sort", "value", "-r"], lambda r: r.list(has=["change"], sort="value", reverse=True)),
        (["list", "-s", "environment", "-n", "3"], lambda r: r.list(section="environment", limit=3)),
        (["list", "--grep", "产"], lambda r: r.list(grep="产")),
        (["show", "GDP", "PM2.5", "社零"], lambda r: r.show("GDP", "PM2.5", "社零")),
        (["search", "煤"], lambda r: r.search("煤")),
        (["search", "how", "fast", "did", "the", "economy", "grow"], lambda r: r.search("how fast did the economy grow")),
        (["search", "meitan", "-n", "2"], lambda r: r.search("meitan", limit=2)),
        (["compare", "GDP", "一般公共预算收入", "PM2.5"], lambda r: r.compare("GDP", "一般公共预算收入", "PM2.5")),
        (["sections"], lambda r: r.sections()),
        (["info"], lambda r: r.info()),
        ([*DATA, "--with-bundled", "list"], lambda r: r.list()),
        ([*DATA, "--with-bundled", "search", "gdp", "growth"], lambda r: r.search("gdp growth")),
        ([*DATA, "--with-bundled", "compare", "gdp", "--across"], lambda r: r.across("gdp")),
        ([*DATA, "--with-bundled", "-R", "changzhi-2022", "show", "gdp"], lambda r: r.select("changzhi-2022").show("gdp")),
        ([*DATA, "sections"], lambda r: r.sections()),
        ([*DATA, "info"], lambda r: r.info()),
    ],
)  # fmt: skip
def test_records_are_the_objects_of_json_output(
    clean_env: dict[str, str], argv: list[str], call: Any
) -> None:
    paths = [argv[i + 1] for i, a in enumerate(argv) if a == "--data"]
    results = call(zzreport.load(*paths, bundled="--with-bundled" in argv))
    expected = _json(clean_env, *argv)
    if argv[-1] == "info" and "--data" not in argv:
        # info -f json of one report is one object; records() is always a list
        assert isinstance(expected, dict)
        expected = [expected]
    assert isinstance(expected, list)
    assert results.records() == expected
    assert [list(r) for r in results.records()] == [list(r) for r in expected]  # key order too
    if isinstance(results[0], zzreport.Indicator):  # the records, in the command's order
        assert [(results.report(n).id, item.id) for n, item in enumerate(results)] == [
            (r["report"], r["id"]) for r in expected
        ]


def test_get_is_the_look_up_of_show() -> None:
    reports = zzreport.load()
    for name in ("gdp", "GDP", "地区生产总值", "pm25", "PM２.５", "地區生產總值", "Gross regional product"):
        assert reports.get(name) == reports.show(name)[0]
    gdp = reports.get("GDP")
    assert (gdp.value, gdp.unit, gdp.change) == (Decimal("2806.2"), "亿元", Decimal("5.6"))


# ── errors ───────────────────────────────────────────────────────────────────


def _stderr(exe: str, env: dict[str, str], *args: str) -> str:
    done = subprocess.run([exe, *args, "-f", "csv"], env=env, capture_output=True, text=True, check=False)
    assert done.returncode != 0
    return done.stderr


def test_a_miss_is_a_lookup_error_with_the_command_s_message(
    zzreport_exe: str, clean_env: dict[str, str]
) -> None:
    reports = zzreport.load()
    with pytest.raises(LookupError) as caught:
        reports.get("GPD")
    assert isinstance(caught.value, zzreport.NotFound)
    assert caught.value.suggestions[0] == "gdp"
    assert caught.value.query == "GPD"
    assert _stderr(zzreport_exe, clean_env, "show", "GPD") == f"zzreport: {caught.value}\n"
    with pytest.raises(zzreport.NotFound) as nothing:
        reports.search("population")
    assert _stderr(zzreport_exe, clean_env, "search", "population") == f"zzreport: {nothing.value}\n"
    with pytest.raises(zzreport.NotFound, match="no section"):
        reports.list(section="nowhere")
    with pytest.raises(zzreport.NotFound, match="no report 'x'"):
        reports.select("x")


def test_a_record_in_several_reports_is_ambiguous_to_get() -> None:
    reports = zzreport.load(str(FIXTURES / "changzhi-2022.yaml"), bundled=True)
    with pytest.raises(zzreport.Ambiguous) as caught:
        reports.get("gdp")
    assert caught.value.candidates == ("changzhi-2023/gdp", "changzhi-2022/gdp")
    assert isinstance(caught.value, LookupError)
    assert reports.select("changzhi-2022").get("gdp").value == Decimal("2804.8")


def test_bad_files_raise_one_data_error_with_every_problem(
    zzreport_exe: str, clean_env: dict[str, str]
) -> None:
    bad = FIXTURES / "bad"
    with pytest.raises(zzreport.DataError) as caught:
        zzreport.load(str(bad))
    assert isinstance(caught.value, ValueError)
    done = subprocess.run(
        [zzreport_exe, "--data", str(bad), "list"], env=clean_env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 3
    assert [f"zzreport: {line}" for line in caught.value.lines()] == done.stderr.splitlines()
    files = {path for path, _ in caught.value.problems}
    assert len(files) == len(list(bad.glob("*.yaml")))
    assert len(caught.value.problems) == len(done.stderr.splitlines())


def test_to_pandas_without_pandas_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # what an interpreter without pandas raises
    with pytest.raises(ImportError, match="pip install pandas") as caught:
        zzreport.load().to_pandas()
    assert isinstance(caught.value, zzreport.MissingDependency)


def test_to_pandas_keeps_every_column_and_exact_decimals() -> None:
    pd = pytest.importorskip("pandas")
    reports = zzreport.load()
    df = reports.search("煤").to_pandas()
    assert isinstance(df, pd.DataFrame)
    records = reports.search("煤").records()
    assert list(df.columns) == list(records[0])
    for n, record in enumerate(records):
        for key, value in record.items():
            cell = df.iloc[n][key]
            assert pd.isna(cell) if value is None else cell == value, (n, key)
    assert df["value"].iloc[0] == Decimal("1.71")
    assert isinstance(df["value"].iloc[0], Decimal)


# ── the store and the process ────────────────────────────────────────────────


def test_without_the_store_nothing_is_read_or_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the store was used")

    for name in ("directory", "open_entry", "save", "writable", "key"):
        monkeypatch.setattr(store, name, refuse)
    reports = zzreport.load(str(FIXTURES / "changzhi-2022.yaml"), bundled=True, store=False)
    assert reports.select("changzhi-2023").get("PM2.5").value == Decimal("36")
    assert [i.id for i in reports.search("煤")][:1] == ["raw-coal-output"]
    with pytest.raises(AssertionError, match="the store was used"):
        zzreport.load(store=True)  # the check above can fail


_SCRIPT = """
import zzreport
reports = zzreport.load({paths}store={store})
reports.get("gdp"); reports.search("economy"); reports.search("gdp growth"); reports.records()
"""


def _run_with_home(
    home: Path, env: dict[str, str], store: bool, *paths: str
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in env.items() if k not in ("ZZREPORT_CACHE_DIR", "XDG_CACHE_HOME")}
    env["HOME"] = str(home)
    script = _SCRIPT.format(paths="".join(f"{p!r}, " for p in paths), store=store)
    return subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )


def test_store_false_leaves_the_cache_folder_untouched(tmp_path: Path, clean_env: dict[str, str]) -> None:
    home = tmp_path / "home"
    home.mkdir()
    done = _run_with_home(home, clean_env, False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert list(home.iterdir()) == []
    done = _run_with_home(home, clean_env, True)  # the same calls with the store do write there
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert (home / ".cache" / "zzreport").is_dir()


def test_store_false_works_with_a_home_that_cannot_be_written(
    tmp_path: Path, clean_env: dict[str, str]
) -> None:
    home = tmp_path / "not-a-folder"
    home.write_text("a file, so no folder can be made under it\n")
    done = _run_with_home(home, clean_env, False, str(FIXTURES / "changzhi-2022.yaml"))
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert home.read_text() == "a file, so no folder can be made under it\n"


def test_the_library_prints_nothing_and_changes_nothing(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    twin = tmp_path / "changzhi-2022-revised.yaml"
    twin.write_text(
        (FIXTURES / "changzhi-2022.yaml")
        .read_text(encoding="utf-8")
        .replace("id: changzhi-2022", "id: changzhi-2022-rev", 1),
        encoding="utf-8",
    )
    environ, gc_on, streams = dict(os.environ), gc.isenabled(), (sys.stdout, sys.stderr)
    reports = zzreport.load(str(FIXTURES / "changzhi-2022.yaml"), str(twin), bundled=True)
    assert len(reports.warnings) == 1
    assert "changzhi-2022-rev" in reports.warnings[0]
    reports.list()
    reports.search("煤")
    reports.sections()
    reports.export(tmp_path / "x.db")
    with pytest.raises(zzreport.UsageError):
        reports.across("gdp")  # two reports of one place and year, as the command refuses
    assert capfd.readouterr() == ("", "")
    assert (dict(os.environ), gc.isenabled(), (sys.stdout, sys.stderr)) == (environ, gc_on, streams)


def test_results_are_a_typed_sequence() -> None:
    results = zzreport.load().search("煤")
    assert len(results) == 3
    assert results[0].id == "raw-coal-output"
    assert [i.id for i in results[1:]] == ["coal-advanced-capacity", "coking-advanced-capacity"]
    assert results.fields()[-2:] == ("score", "matched")
    assert results.report(0).id == "changzhi-2023"
    assert "raw-coal-output" in repr(results)
