"""Several reports at once, across years and places; validating files; the JSON Schema; the template.

The fixtures in tests/fixtures are hand-written stand-ins (marked so in each file), never shipped.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import MINIMAL, ROOT, Result, invoke
from zzreport import query, schema
from zzreport.errors import DataError, DataErrors, NoMatchError, UsageError
from zzreport.loading import bundled_path, load, load_all

FIXTURES = ROOT / "tests" / "fixtures"
GOOD = [FIXTURES / "changzhi-2022.yaml", FIXTURES / "sample-city-2023.yaml"]
BAD = sorted((FIXTURES / "bad").glob("*.yaml"))


class Ran:
    """Exit code and text of one run."""

    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def run(exe: str, env: dict[str, str], *args: str) -> Ran:
    """``zzreport ARGS`` in this process, through the console script's own function."""
    r = invoke(*args, env=env)
    return Ran(r.code, r.out, r.err)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# ── loading several ───────────────────────────────────────────────────────────


def test_load_all_orders_and_defaults() -> None:
    assert [d.report.id for d in load_all()] == ["changzhi-2023"]
    assert [d.report.id for d in load_all(GOOD)] == ["changzhi-2022", "sample-city-2023"]
    assert [d.report.id for d in load_all(GOOD, with_bundled=True)] == [
        "changzhi-2023",
        "changzhi-2022",
        "sample-city-2023",
    ]
    assert [d.report.id for d in load_all([FIXTURES])] == [
        "changzhi-2022",
        "sample-city-2023",
        "sample-county-2022",
    ]


def test_same_report_twice_is_an_error() -> None:
    with pytest.raises(DataErrors) as info:
        load_all([GOOD[0], GOOD[0]])
    assert "report id 'changzhi-2022' is also the id of" in info.value.lines()[0]


def test_every_bad_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DataErrors) as info:
        load_all(BAD[:2])
    assert {line.split(":")[0] for line in info.value.lines()} == {str(p) for p in BAD[:2]}
    assert [e.path for e in info.value.errors] == [str(p) for p in BAD[:2]]
    assert not isinstance(info.value, DataError)  # a DataError's problems are of one file


def test_select_reports() -> None:
    datasets = load_all(GOOD, with_bundled=True)
    assert [d.report.id for d in query.select_reports(datasets, ["sample-city-2023"])] == ["sample-city-2023"]
    with pytest.raises(NoMatchError, match="no report 'nowhere'; loaded: changzhi-2022, changzhi-2023"):
        query.select_reports(datasets, ["nowhere"])


def test_ids_need_only_be_unique_within_a_report() -> None:
    datasets = load_all(GOOD, with_bundled=True)
    found = query.find_everywhere(datasets, "GDP")
    assert [(ds.report.id, str(ind.value)) for ds, ind in found] == [
        ("changzhi-2023", "2806.2"), ("changzhi-2022", "2804.8"), ("sample-city-2023", "1900.25")]  # fmt: skip


# ── across years and places ───────────────────────────────────────────────────


def test_across_years_keeps_reported_and_computed_change_apart() -> None:
    rows = query.across(load_all([GOOD[0]], with_bundled=True), "GDP")
    assert [a.dataset.report.id for a in rows] == ["changzhi-2022", "changzhi-2023"]
    assert [a.indicator.change for a in rows] == [Decimal("4.9"), Decimal("5.6")]  # as reported
    # (2806.2 − 2804.8) / 2804.8 = 0.0499…% nominal, worked by hand; never the 5.6% reported
    assert [a.computed_change for a in rows] == [None, Decimal("0.05")]
    assert rows[1].previous is not None and rows[1].previous.report.id == "changzhi-2022"


def test_across_places_computes_nothing_between_cities() -> None:
    rows = query.across(load_all([GOOD[1]], with_bundled=True), "GDP")
    assert [a.dataset.report.region_en for a in rows] == ["Changzhi", "Sample City"]
    assert [a.computed_change for a in rows] == [None, None]


def test_compare_across_through_the_command(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    r = run(zzreport_exe, clean_env, "--data", str(GOOD[0]), "--with-bundled", "compare", "GDP", "--across")
    assert r.returncode == 0, r.stderr
    rows = _rows(r.stdout)
    assert [(x["report"], x["change"], x["computed_change"], x["computed_from"]) for x in rows] == [
        ("changzhi-2022", "4.9", "", ""), ("changzhi-2023", "5.6", "0.05", "changzhi-2022")]  # fmt: skip
    # one indicator with several reports loaded means --across
    auto = run(zzreport_exe, clean_env, "--data", str(GOOD[0]), "--with-bundled", "compare", "GDP")
    assert auto.stdout == r.stdout
    table = run(zzreport_exe, {**clean_env, "COLUMNS": "100"}, "--data", str(GOOD[0]), "--with-bundled",
                "compare", "GDP", "-a", "-f", "table", "--lang", "en").stdout  # fmt: skip
    assert "Reported change" in table and "Computed from levels" in table and "+0.05% (vs 2022)" in table


def test_data_alone_or_beside_the_bundled_report(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    alone = _rows(run(zzreport_exe, clean_env, "--data", str(GOOD[1]), "list").stdout)
    assert {x["report"] for x in alone} == {"sample-city-2023"}
    both = _rows(run(zzreport_exe, clean_env, "--data", str(GOOD[1]), "--with-bundled", "list").stdout)
    assert {x["report"] for x in both} == {"changzhi-2023", "sample-city-2023"}
    env = {**clean_env, "ZZREPORT_DATA": os.pathsep.join(str(p) for p in GOOD)}
    listed = _rows(run(zzreport_exe, env, "show", "gdp").stdout)
    assert [x["report"] for x in listed] == ["changzhi-2022", "sample-city-2023"]
    only = _rows(
        run(
            zzreport_exe, clean_env, "--data", str(FIXTURES), "--report", "sample-city-2023", "show", "GDP"
        ).stdout
    )
    assert [x["value"] for x in only] == ["1900.25"]


def test_unknown_report_exits_1(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    r = run(zzreport_exe, clean_env, "--report", "nowhere", "list")
    assert (r.returncode, r.stdout) == (1, "")
    assert "no report 'nowhere'; loaded: changzhi-2023" in r.stderr


# ── validate ──────────────────────────────────────────────────────────────────


def test_validate_good_files(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    r = run(zzreport_exe, clean_env, "validate", *map(str, GOOD), str(bundled_path()))
    assert (r.returncode, r.stdout) == (0, "")
    assert r.stderr == "zzreport: 3 files checked: all valid\n"


def test_validate_bad_files_lists_every_problem(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    r = run(zzreport_exe, clean_env, "validate", str(FIXTURES / "bad"), str(GOOD[0]))
    assert r.returncode == 3
    lines = r.stdout.splitlines()
    assert len(lines) == len(BAD)
    assert (
        f"{FIXTURES / 'bad' / 'bad-unit.yaml'}:37: indicators[1].unit: '万 担' is not a unit of" in r.stdout
    )
    assert (
        r.stderr == f"zzreport: {len(BAD) + 1} files checked: 1 valid, {len(BAD)} with {len(BAD)} problems\n"
    )


def test_validate_json(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    r = run(zzreport_exe, clean_env, "validate", str(BAD[0]), str(GOOD[1]), "--format", "json")
    doc = json.loads(r.stdout)
    assert doc["valid"] is False
    assert [f["valid"] for f in doc["files"]] == [False, True]
    (problem,) = doc["files"][0]["problems"]
    assert set(problem) == {"line", "field", "message"} and isinstance(problem["line"], int)


def test_validate_catches_the_bad_files_of_the_robustness_suite(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    from test_robustness import BAD_FILES

    for name, content, _ in BAD_FILES:
        (tmp_path / f"{name}.yaml").write_bytes(content.replace(b"PWNED", str(tmp_path / "pwned").encode()))
    r = run(zzreport_exe, clean_env, "validate", str(tmp_path))
    assert r.returncode == 3
    for name, _, expected in BAD_FILES:
        assert f"{tmp_path / name}.yaml{expected}" in r.stdout, name
    assert not (tmp_path / "pwned").exists()


# ── the JSON Schema ───────────────────────────────────────────────────────────


class _Yaml12ish(yaml.SafeLoader):
    """Numbers and booleans typed, dates left as text: roughly how editors' YAML 1.2 parsers see a file."""


_Yaml12ish.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _views(path: Path) -> list[object]:
    text = path.read_text(encoding="utf-8")
    return [yaml.load(text, Loader=yaml.BaseLoader), yaml.load(text, Loader=_Yaml12ish)]  # noqa: S506


def test_committed_schema_is_the_generated_one() -> None:
    assert (ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8") == schema.text(), (
        "regenerate: zzreport schema > docs/report.schema.json"
    )


def test_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema.schema())


@pytest.mark.parametrize("path", [bundled_path(), *GOOD], ids=lambda p: p.name)
def test_schema_and_loader_accept_the_good_files(path: Path) -> None:
    load(path)
    for doc in _views(path):
        jsonschema.validate(doc, schema.schema())


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_schema_and_loader_refuse_the_bad_fixtures(path: Path) -> None:
    with pytest.raises(DataError):
        load(path)
    for doc in _views(path):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(doc, schema.schema())


def test_schema_speaks_the_loaders_fields() -> None:
    from zzreport import checking as ld

    s = schema.schema()
    indicator = s["properties"]["indicators"]["items"]
    assert set(indicator["properties"]) == {*ld.INDICATOR_REQUIRED, *ld.INDICATOR_OPTIONAL}
    assert set(indicator["required"]) == set(ld.INDICATOR_REQUIRED)
    assert set(s["properties"]["report"]["properties"]) == {*ld.REPORT_FIELDS, *ld.REPORT_OPTIONAL}
    assert set(s["properties"]["report"]["required"]) == set(ld.REPORT_FIELDS)


# ── the template ──────────────────────────────────────────────────────────────


def test_init_writes_a_valid_skeleton(zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    r = run(zzreport_exe, clean_env, "init", str(path))
    assert r.returncode == 0 and "wrote" in r.stderr
    assert load(path).report.id == "city-2023"
    again = run(zzreport_exe, clean_env, "init", str(path))
    assert again.returncode == 2 and "not overwriting" in again.stderr
    assert run(zzreport_exe, clean_env, "init").stdout == schema.TEMPLATE
    for doc in _views(path):
        jsonschema.validate(doc, schema.schema())


def test_validate_refuses_a_folder_with_nothing_to_check(tmp_path: Path, cli: Callable[..., Result]) -> None:
    r = cli("validate", str(tmp_path))
    assert (r.code, r.out) == (3, f"{tmp_path}: holds no .yaml or .yml report files\n")
    assert r.err == "zzreport: 1 file checked: 0 valid, 1 with 1 problem\n"
    r = cli("--data", str(tmp_path), "list")  # the same folder refused the same way as a data path
    assert (r.code, r.out, r.err) == (3, "", f"zzreport: {tmp_path}: holds no .yaml or .yml report files\n")


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--data", "", "list"], {}, "--data '' names no file"),
        (["--data=", "list"], {}, "--data '' names no file"),
        (["list"], {"ZZREPORT_DATA": ":other.yaml"}, "holds an empty entry"),
        (["list"], {"ZZREPORT_DATA": "other.yaml::more.yaml"}, "holds an empty entry"),
    ],
)
def test_an_empty_report_path_is_a_usage_error(
    clean_env: dict[str, str], tmp_path: Path, args: list[str], env: dict[str, str], message: str
) -> None:
    (tmp_path / "stray.yaml").write_text(MINIMAL, encoding="utf-8")  # what '' would have loaded
    for fast in ("", "1"):
        r = invoke(*args, env={**clean_env, **env, "ZZREPORT_NO_FASTPATH": fast}, cwd=tmp_path)
        assert (r.code, r.out) == (2, ""), fast
        assert r.err.startswith("zzreport: ") and message in r.err and r.err.count("\n") == 1


def test_an_empty_zzreport_data_means_unset(clean_env: dict[str, str]) -> None:
    r = invoke("show", "gdp", "--fields", "report", env={**clean_env, "ZZREPORT_DATA": ""})
    assert (r.code, r.out) == (0, "report\nchangzhi-2023\n")


def test_long_names_and_queries_answer_plainly(clean_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    head = MINIMAL[: MINIMAL.index("  - id: gdp")]
    path.write_text(
        head
        + f"  - {{id: x, name: {'国' * 3000}, name_en: X, section: economy, item: 1, value: 1, unit: 个}}\n",
        encoding="utf-8",
    )
    for fast in ("", "1"):
        env = {**clean_env, "ZZREPORT_NO_FASTPATH": fast}
        r = invoke("--data", str(path), "search", "guo" * 500, env=env)  # once a RecursionError
        assert (r.code, r.out) == (1, "")
        assert r.err == f"zzreport: nothing matches {'guo' * 26 + 'gu'!r}… (1500 characters)\n"
        r = invoke("--data", str(path), "search", "guo" * 30, "--fields", "id", env=env)
        assert (r.code, r.out) == (0, "id\nx\n")
        r = invoke("show", "x" * 128 * 1024, env=env)  # a pasted page is not echoed whole
        assert r.code == 1 and len(r.err) < 300 and "(131072 characters)" in r.err


def test_init_writes_to_standard_output_for_a_dash(clean_env: dict[str, str], tmp_path: Path) -> None:
    r = invoke("init", "-", env=clean_env, cwd=tmp_path)
    assert (r.code, r.out, r.err) == (0, schema.TEMPLATE, "")
    assert list(tmp_path.iterdir()) == []  # no file named "-"


def test_init_on_a_full_disk_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from zzreport import commands

    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    target = tmp_path / "new.yaml"
    with pytest.raises(UsageError, match="No space left on device"):
        commands.create(target, schema.TEMPLATE)
    assert not target.exists()  # so the retry is not refused as "exists"


def test_init_into_a_folder_that_cannot_be_entered(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    import shutil

    locked = tmp_path / "locked"
    locked.mkdir(mode=0)
    setpriv = shutil.which("setpriv")
    if os.geteuid() == 0 and setpriv is None:
        pytest.skip("root enters any folder, and setpriv is missing")
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    r = subprocess.run([*prefix, zzreport_exe, "init", str(locked / "x.yaml")], env=clean_env,  # type: ignore[list-item]
                       capture_output=True, text=True, check=False)  # fmt: skip
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == f"zzreport: cannot write {locked / 'x.yaml'}: Permission denied\n"


@pytest.mark.parametrize(
    ("args", "code", "err"),
    [
        (["show", "gdp"], 1, "zzreport: no indicator matches 'gdp'\n"),
        (["search", "gdp"], 1, "zzreport: nothing matches 'gdp'\n"),
        (["list", "--fields", "id"], 0, ""),
        (["list", "--has", "value"], 1, "zzreport: no indicator passes these filters\n"),
        (["compare", "gdp", "pm25"], 1, "zzreport: no indicator matches 'gdp'\n"),
        (["sections", "--fields", "id,figures"], 0, ""),
    ],
)
def test_a_report_with_no_indicators_through_both_paths(
    clean_env: dict[str, str], tmp_path: Path, args: list[str], code: int, err: str
) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text(
        MINIMAL[: MINIMAL.index("  - id: gdp")].replace("indicators:\n", "indicators: []\n"), encoding="utf-8"
    )
    assert invoke("validate", str(path), env=clean_env).code == 0  # an empty report is a valid report
    for fast in ("", "1"):
        r = invoke("--data", str(path), *args, env={**clean_env, "ZZREPORT_NO_FASTPATH": fast})
        assert (r.code, r.err) == (code, err), fast
    if code == 0:
        assert r.out == ("id,figures\neconomy,0\n" if args[0] == "sections" else "id\n")


def test_validate_warns_about_control_and_reordering_characters(
    clean_env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "warn.yaml"
    path.write_text(
        MINIMAL.replace("name: 地区生产总值", 'name: "名\\e]0;x\\a称"'),
        encoding="utf-8",
    )
    r = invoke("validate", str(path), env=clean_env)
    assert r.code == 0  # valid: a warning is not a problem
    assert (
        r.out
        == f"{path}:17: indicators[0].name: warning: holds control or reordering characters, shown here escaped: 名\\x1b]0;x\\x07称\n"
    )
    assert r.err == "zzreport: 1 file checked: valid; 1 warning\n"
    doc = json.loads(invoke("validate", str(path), "-f", "json", env=clean_env).out)
    assert doc["files"][0]["warnings"] == [
        {
            "line": 17,
            "field": "indicators[0].name",
            "message": "holds control or reordering characters, shown here escaped: 名\\x1b]0;x\\x07称",
        }
    ]
    clean = invoke("validate", str(bundled_path()), "-f", "json", env=clean_env)
    assert json.loads(clean.out)["files"][0]["warnings"] == []


def test_a_path_too_long_for_the_system_is_a_bad_file(clean_env: dict[str, str]) -> None:
    name = "g" * 1500  # found by the command-line fuzz test: Path.is_dir raised ENAMETOOLONG
    for args in (["validate", name], ["--data", name, "list"]):
        r = invoke(*args, env=clean_env)
        assert r.code == 3, args
        assert "cannot be read: File name too long" in r.out + r.err


def test_limit_and_sort_apply_to_the_whole_result(clean_env: dict[str, str]) -> None:
    args = ["--data", str(FIXTURES), "--with-bundled"]
    for fast in ("", "1"):
        env = {**clean_env, "ZZREPORT_NO_FASTPATH": fast}
        r = invoke(*args, "search", "GDP", "-n", "2", "--fields", "report,id,score", env=env)
        assert r.out.count("\n") == 3, (fast, r.out)  # a header and 2 rows, not 2 per report
        r = invoke(
            *args,
            "list",
            "--sort",
            "value",
            "-r",
            "--limit",
            "2",
            "--has",
            "value",
            "--fields",
            "report,id",
            env=env,
        )
        assert r.out.count("\n") == 3, (fast, r.out)
    both = invoke(*args, "list", "--sort", "id", "--fields", "report,id", env=clean_env).out.splitlines()[1:]
    ids = [line.split(",")[1] for line in both]
    assert ids == sorted(ids)  # one order across the reports, not one per report


def test_a_list_sorted_across_reports_is_one_table_with_their_ids(
    zzreport_exe: str, clean_env: dict[str, str]
) -> None:
    """A ranking of places reads down one column: one table, each row naming its report, in the
    order the machine output gives (not a table a row, as per-report tables would make it)."""
    args = ["--data", str(FIXTURES), "--with-bundled", "list", "--sort", "value", "--reverse", "-n", "6"]
    table = run(zzreport_exe, clean_env, *args, "-f", "markdown").stdout
    assert table.count("| 指标 |") == 1 and "| 报告 |" in table and "###" not in table
    rows = _rows(run(zzreport_exe, clean_env, *args, "-f", "csv").stdout)
    lines = [line for line in table.splitlines() if line.startswith("| ") and "指标" not in line]
    assert [line.split(" | ")[-2] for line in lines] == [r["report"] for r in rows]
    assert len({r["report"] for r in rows}) > 1  # the ranking does cross reports
    plain = run(zzreport_exe, clean_env, "--data", str(FIXTURES), "list", "-f", "markdown").stdout
    assert plain.count("### ") == 3 and "| 报告 |" not in plain  # report order: a table a report
