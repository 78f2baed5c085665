"""A miss is told on the look-up path, from the stored labels, with the full path's very words.

A name no report knows (``show``) and a search that finds nothing used to go the full way: every
record of every report read from the store and built, only to say "no indicator matches" with three
hints. At 300,000 records that took 41 times a look-up and 219 MiB. The hints now come from the
stored labels by the one function both paths call (``searching.closest``), which compares a
bounded number of records however large the report.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Result
from zzreport import errors, fast, grammar

HEADER = """\
format: 1
report:
  id: {rid}
  region: {region}
  region_en: {region_en}
  province: 山西省
  province_en: Shanxi
  year: 2023
  title: 测试报告
  title_en: Test report
  delivered: 2024-03-01
  source: 测试
  source_en: generated for tests
sections:
  - {{id: economy, title: 经济, title_en: Economy}}
indicators:
"""


def _report(path: Path, rid: str, region: tuple[str, str], count: int, offset: int = 0) -> Path:
    lines = [HEADER.format(rid=rid, region=region[0], region_en=region[1])]
    for n in range(offset, offset + count):
        lines += [
            f"  - id: rec-{n}",
            f"    name: 记录{n}号煤炭产量",
            f"    name_en: Record number {n} coal output",
            "    section: economy",
            f"    item: {n % 9 + 1}",
            f"    value: {n}.5",
            '    unit: "万吨"',
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report of 3,000 records: more than ``searching.SIEVE``, so a miss is sieved."""
    return _report(tmp_path_factory.mktemp("large") / "large.yaml", "large-2023", ("甲市", "Jia"), 3000)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three small reports whose names overlap."""
    where = tmp_path_factory.mktemp("folder")
    for k, region in enumerate([("甲市", "Jia"), ("乙市", "Yi"), ("丙县", "Bing")]):
        _report(where / f"r{k}.yaml", f"{region[1].lower()}-2023", region, 40, offset=k * 20)
    return where


MISSES = [
    ["show", "nosuchthing"],
    ["show", "Record numbr 1234"],
    ["show", "记录1234号煤碳产量"],
    ["show", "rec-1", "nosuchthing"],
    ["search", "qqqzzz"],
    ["search", "Recrod nmber 77 cole"],
    ["search", "不存在的指标"],
    ["search", "zzz", "-n", "2"],
]


def _both(cli: Callable[..., Result], argv: list[str]) -> tuple[Result, Result]:
    return cli(*argv, fast=True), cli(*argv, fast=False)


@pytest.mark.parametrize("argv", MISSES, ids=" ".join)
@pytest.mark.parametrize("which", ["large", "folder"])
def test_a_miss_says_what_the_full_path_says(
    cli: Callable[..., Result], request: pytest.FixtureRequest, which: str, argv: list[str]
) -> None:
    data = str(request.getfixturevalue(which))
    call = ["--data", data, *argv, "-f", "csv"]
    cli(*call, fast=True)  # the first call reads the files; the store answers from the second
    on_fast, on_full = _both(cli, call)
    assert (on_fast.code, on_fast.stdout, on_fast.stderr) == (on_full.code, on_full.stdout, on_full.stderr)
    assert on_fast.code == 1 and on_fast.stdout == b""
    assert on_fast.err.startswith(("zzreport: no indicator matches", "zzreport: nothing matches"))


@pytest.mark.parametrize("argv", MISSES, ids=" ".join)
def test_a_miss_is_refused_on_the_look_up_path(
    cli: Callable[..., Result], large: Path, argv: list[str]
) -> None:
    cli("--data", str(large), "list", "-n", "1", "-f", "csv")  # the store holds the report from now on
    call = fast.parse(grammar.arrange(["--data", str(large), *argv, "-f", "csv"]), {})
    with pytest.raises(errors.LookupFailure) as refused:
        fast.answer(call, "csv")  # refused here, not declined (None) to the full path
    assert str(refused.value).startswith(("no indicator matches", "nothing matches"))


def test_hints_in_a_large_report_find_the_close_name(cli: Callable[..., Result], large: Path) -> None:
    cli("--data", str(large), "show", "rec-1", "-f", "csv")
    refused = cli("--data", str(large), "show", "Record numbr 1234", "-f", "csv")
    assert refused.code == 1
    assert refused.err.startswith(
        "zzreport: no indicator matches 'Record numbr 1234'; did you mean rec-1234 (记录1234号煤炭产量, "
    )


def test_hints_stop_at_the_first_reports_that_give_three(
    cli: Callable[..., Result], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A miss in a folder of many reports asked each report for its closest names: a thousand
    reports took seconds. Later reports only add hints after the first three, so none is asked once
    three are found, on either path."""
    from zzreport import query, searching

    asked: list[int] = []
    real = searching.closest

    def counted(*args: object, **kwargs: object) -> list[int]:
        found = real(*args, **kwargs)  # type: ignore[arg-type]
        asked.append(len(found))
        return found

    monkeypatch.setattr(searching, "closest", counted)  # the look-up path's
    monkeypatch.setattr(query, "closest", counted)  # and the full path's (imported by name)
    call = ["--data", str(folder), "show", "Record numbr 7", "-f", "csv"]
    cli(*call)
    for on_fast in (True, False):
        asked.clear()
        refused = cli(*call, fast=on_fast)
        assert refused.code == 1 and "did you mean rec-7 " in refused.err
        assert asked == [3], (on_fast, asked)  # the first report gave three: no other was asked


@pytest.mark.parametrize(
    ("edit", "asked", "rid"),
    [
        (("name_en: Grain output", "name_en: Grain output of Zürich County"), "Grain output of Zürich County",
         "grain-output"),
        (("aliases: [GDP]", "aliases: [GDP, Gross regional 产值]"), "Gross regional 产值", "gdp"),
    ],
)  # fmt: skip
def test_an_exact_name_of_english_words_and_other_letters_is_found_both_ways(
    cli: Callable[..., Result], tmp_path: Path, edit: tuple[str, str], asked: str, rid: str
) -> None:
    """The full path scanned the labels for such a name with the spaces between its English words
    kept, and refused it (naming the very record as a hint), while the store's index found it."""
    from conftest import FIXTURES

    report = tmp_path / "report.yaml"
    report.write_text(
        (FIXTURES / "sample-city-2023.yaml").read_text(encoding="utf-8").replace(*edit), "utf-8"
    )
    call = ["--data", str(report), "show", asked, "-f", "csv", "--fields", "id"]
    cli(*call)
    for on_fast in (True, False):
        found = cli(*call, fast=on_fast)
        assert (found.code, found.out) == (0, f"id\n{rid}\n"), (on_fast, found.err)
    assert cli("--data", str(report), "show", asked, "-f", "table").code == 0
