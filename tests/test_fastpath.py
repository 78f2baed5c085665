"""The fast path answers exactly as the Typer app does, and keeps heavy modules out of look-ups."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zzreport import entry, fastpath

CALLS = [
    ["show", "GDP"],
    ["show", "gdp", "PM2.5", "-f", "json"],
    ["show", "GPD"],
    ["show", "gdp", "--fields", "id,value", "--no-header"],
    ["show", "gdp", "--fields", "nope"],
    ["show", "gdp", "--bom", "-f", "tsv"],
    ["show", "gdp", "-f", "table", "--lang", "en"],
    ["show", "gdp", "-f", "markdown"],
    ["show", "gdp", "-f", "table", "--fields", "id"],
    ["search", "煤"],
    ["search", "meitan", "-n", "1"],
    ["search", "qqqzzz"],
    ["search", ""],
    ["list"],
    ["list", "-f", "jsonl", "--fields", "id,change"],
    ["--data", "/nonexistent.yaml", "show", "gdp"],
]


def _both(
    argv: list[str], capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> list[tuple[object, bytes, bytes]]:
    results = []
    for disabled in (False, True):
        if disabled:
            monkeypatch.setenv(fastpath.DISABLE, "1")
        else:
            monkeypatch.delenv(fastpath.DISABLE, raising=False)
        monkeypatch.setattr(sys, "argv", ["zzreport", *argv])
        try:
            entry.main()
            code: object = 0
        except SystemExit as e:
            code = e.code or 0
        out, err = capsysbinary.readouterr()
        results.append((code, out, err))
    return results


@pytest.mark.parametrize("argv", CALLS, ids=" ".join)
def test_same_answer_both_ways(
    argv: list[str], capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ZZREPORT_FORMAT", raising=False)
    fast, typer_path = _both(argv, capsysbinary, monkeypatch)
    assert fast == typer_path


TOKENS = ["show", "search", "list", "gdp", "PM2.5", "煤", "-f", "--format", "csv", "json", "table", "jsonl", "xml",
          "--fields", "id,value", "--no-header", "--bom", "--lang", "en", "-n", "--limit", "2", "0", "-1", "x",
          "--data", "--", "-", ""]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=st.lists(st.sampled_from(TOKENS), min_size=1, max_size=6))
def test_same_answer_for_generated_calls(
    argv: list[str], capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    if "--data" in argv:
        return  # NOTE: paths are covered above; random ones would read whatever exists
    monkeypatch.delenv("ZZREPORT_FORMAT", raising=False)
    fast, typer_path = _both(argv, capsysbinary, monkeypatch)
    assert fast == typer_path, argv


@pytest.mark.parametrize(
    "argv",
    [["show", "--help"], ["list", "--sort", "value"], ["compare", "a", "b"], ["show"], ["search", "a", "b"],
     ["show", "gdp", "-f", "xml"], ["show", "gdp", "-f", "csv", "-f", "json"], ["--version"], ["show", "--fields=id", "gdp"]],
    ids=" ".join,
)  # fmt: skip
def test_declines_what_it_does_not_serve(argv: list[str]) -> None:
    with pytest.raises(fastpath._Decline):
        fastpath._parse(argv)


def test_piped_csv_look_up_loads_no_heavy_module(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    subprocess.run(
        [zzreport_exe, "show", "GDP"], env=clean_env, capture_output=True, check=True
    )  # warm the cache
    probe = (
        "import sys\n"
        "sys.argv = ['zzreport', 'show', 'GDP', '-f', 'csv']\n"
        "from zzreport.entry import main\n"
        "main()\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'yaml', 'pydantic', 'typer', 'difflib'})\n"
        "sys.stderr.write(repr(heavy))\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", probe],
        env=clean_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert "2806.2" in r.stdout
    assert r.stderr == "[]"
