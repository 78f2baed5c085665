"""Both paths give the same answer: the look-up path (answering from the store) and the Typer app
(``ZZREPORT_NO_FASTPATH=1``), compared byte for byte, with stderr and exit codes, over calls
generated on generated folders of several reports whose names overlap."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL, Result, examples
from zzreport import grammar, store

WORDS = [("煤炭", "coal"), ("产量", "output"), ("奖", "award"), ("环境", "environment"), ("营商", "business"),
         ("就业", "jobs"), ("新增", "new"), ("城镇", "urban"), ("收入", "income"), ("投资", "investment"),
         ("空气", "air"), ("质量", "quality"), ("第一", "first"), ("全省", "province")]  # fmt: skip
"""Name parts, Chinese and English: few enough that names in several reports share them."""
UNITS = ["亿元", "万吨", "%", "万人", "个"]
HEADER = """\
format: 1
report:
  id: {id}
  region: {region}
  region_en: {region_en}
  province: 山西省
  province_en: Shanxi
  year: {year}
  title: 测试报告
  title_en: Test report
  delivered: {delivered}
  source: 测试
  source_en: generated for tests
sections:
  - {{id: economy, title: 经济, title_en: Economy}}
  - {{id: society, title: 社会与环境, title_en: Society and environment}}
indicators:
"""


def _report(rng: random.Random, rid: str, region: tuple[str, str], year: int) -> str:
    lines = [
        HEADER.format(id=rid, region=region[0], region_en=region[1], year=year, delivered=f"{year + 1}-03-01")
    ]
    names: set[str] = set()
    ids = ["shared", *(f"r{n}" for n in range(rng.randint(3, 9)))]
    for n, rid_ in enumerate(ids):
        parts = (
            [rng.choice(WORDS) for _ in range(rng.randint(1, 3))]
            if rid_ != "shared"
            else [WORDS[0], WORDS[1]]
        )
        name = "".join(p[0] for p in parts)
        if name in names:
            continue
        names.add(name)
        lines += [f"  - id: {rid_}", f"    name: {name}", f"    name_en: {' '.join(p[1] for p in parts).capitalize()}",
                  f"    section: {rng.choice(['economy', 'society'])}", f"    item: {n + 1}"]  # fmt: skip
        if rng.random() < 0.3 and rid_ != "shared":
            lines.append("    kind: honour")
            continue
        lines += [
            f"    value: {rng.randint(0, 9999)}.{rng.randint(0, 99):02d}",
            f'    unit: "{rng.choice(UNITS)}"',
        ]
        if rng.random() < 0.6:
            lines += [
                f"    change: {rng.choice(['', '-'])}{rng.randint(0, 20)}.{rng.randint(0, 9)}",
                '    change_unit: "%"',
            ]
        if rng.random() < 0.3:
            lines += [f"    rank: {rng.randint(1, 5)}", "    rank_scope: province"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three folders of two to four generated reports each (distinct places and years)."""
    rng = random.Random(17)  # noqa: S311 - test data, not secrets
    made = []
    regions = [("甲市", "Jia"), ("乙市", "Yi"), ("丙县", "Bing"), ("丁区", "Ding")]
    for f in range(3):
        folder = tmp_path_factory.mktemp(f"reports{f}")
        for r in range(2 + f):
            region = regions[r]
            year = 2020 + f
            text = _report(rng, f"{region[1].lower()}-{year}", region, year)
            (folder / f"{region[1].lower()}-{year}.yaml").write_text(text, encoding="utf-8")
        made.append(folder)
    return made


QUERIES = [*(w for pair in WORDS for w in pair), "煤", "meitan", "mt", "jiuye", "shared", "r1", "r2",
           "煤炭产量", "coal output", "first in province", "全省第一", "a", "kj", "zzz", "gdp",
           "jobs growth", "经济增长多少", "how much coal", "polution", "coal outptu", "收如", "人口",
           "income per person", "jy"]  # fmt: skip
"""Names, words, pinyin, questions, concepts and typos (the vocabulary reads them alike on both paths)."""


LETTERS = "".join(dict.fromkeys("".join(w for pair in WORDS for w in pair))) + "地區號gdpmtqz0123456789 .、·"
QUERY = st.one_of(
    st.sampled_from(QUERIES),
    st.text(alphabet=LETTERS, min_size=1, max_size=10).filter(lambda t: not t.lstrip().startswith("-")),
)
"""A query of the list, or made of the reports' letters: near names, pieces of them, misses."""


@st.composite
def calls(draw: st.DrawFn) -> tuple[int, list[str], bool]:
    folder = draw(st.integers(0, 2))
    command = draw(st.sampled_from(["show", "search", "list", "compare"]))
    if command == "show":
        args = draw(st.lists(QUERY, min_size=1, max_size=3))
    elif command == "search":
        args = draw(QUERY).split() or ["x"]  # several words, unquoted
        if draw(st.booleans()):
            args += ["-n", str(draw(st.integers(1, 4)))]
    elif command == "compare":
        args = draw(
            st.lists(st.sampled_from(["shared", "r1", "r2", "r3", "煤炭产量"]), min_size=1, max_size=3)
        )
    else:
        args = []
        if draw(st.booleans()):
            args += ["--sort", draw(st.sampled_from(grammar.SORT.choices or ()))]
        if draw(st.booleans()):
            args += ["-n", str(draw(st.integers(1, 6)))]
    fmt = draw(st.sampled_from(grammar.FORMATS))
    lang = draw(st.sampled_from(grammar.LANGS))
    output = ["-f", fmt, "--lang", lang]
    if fmt in grammar.MACHINE and draw(st.booleans()):
        output += [
            "--fields",
            draw(st.sampled_from(["id,value,report", "report,id,change", "id,score,matched"])),
        ]
    before = draw(st.booleans())
    argv = [*output, command, *args] if before else [command, *args, *output]
    return folder, argv, draw(st.booleans())


@settings(
    max_examples=examples(120, 400),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(call=calls())
def test_both_paths_answer_alike_on_several_reports(
    call: tuple[int, list[str], bool],
    folders: list[Path],
    cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ZZREPORT_FORMAT", raising=False)
    monkeypatch.delenv("ZZREPORT_LANG", raising=False)
    folder, argv, settled = call
    data = ["--data", str(folders[folder])]
    with monkeypatch.context() as later:
        if settled:  # long after the files were written: the look-up path reads the folder's shelf
            real = store._now_ns
            later.setattr(store, "_now_ns", lambda: real() + 10 * store.GRANULARITY)
        cli(*data, "list", "-f", "csv")  # the store now holds every report of the folder
        cli(*data, "list", "-f", "csv")  # and, once they are settled, the folder's shelf
        fast, full = cli(*data, *argv, fast=True), cli(*data, *argv, fast=False)
    assert (fast.code, fast.stdout, fast.stderr) == (full.code, full.stdout, full.stderr), argv


def _one_record(folder: Path, name: str, rid: str, kind: str) -> None:
    text = (
        MINIMAL.replace("sample-2023", rid)
        .replace("地区生产总值", name)
        .replace("Gross domestic product", rid)
    )
    if kind == "honour":
        text = text.replace(
            '    value: 1.10\n    unit: 亿元\n    change: -0.50\n    change_unit: "%"\n', "    kind: honour\n"
        )
    (folder / f"{rid}.yaml").write_text(text, encoding="utf-8")


def test_an_honour_and_a_figure_in_two_reports_rank_alike_cold_and_warm(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    _one_record(tmp_path, "煤炭奖", "a", "honour")
    _one_record(tmp_path, "煤炭产量", "b", "figure")
    argv = ["--data", str(tmp_path), "search", "煤", "-n", "1", "-f", "csv", "--fields", "report,id"]
    cold = cli(*argv)
    warm = cli(*argv)
    assert cold.code == warm.code == 0
    assert cold.out == warm.out == "report,id\nb,gdp\n"  # the figure before the honour


def test_a_hidden_file_is_no_report_on_either_path(tmp_path: Path, cli: Callable[..., Result]) -> None:
    _one_record(tmp_path, "煤炭产量", "b", "figure")
    _one_record(tmp_path, "煤炭奖", "hidden", "figure")
    (tmp_path / "hidden.yaml").rename(tmp_path / ".yaml")
    argv = ["--data", str(tmp_path), "list", "-f", "csv", "--fields", "report"]
    for _ in range(2):  # cold, then from the store
        for fast in (True, False):
            assert cli(*argv, fast=fast).out == "report\nb\n"
    assert cli("validate", str(tmp_path)).code == 0


def test_two_reports_of_one_place_and_year_warn_alike_on_both_paths(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    _one_record(tmp_path, "煤炭产量", "first", "figure")
    _one_record(tmp_path, "煤炭产量", "revised", "figure")  # the same place and year, another id
    argv = ["--data", str(tmp_path), "show", "gdp", "-f", "csv", "--fields", "report,id"]
    runs = [cli(*argv, fast=fast) for fast in (True, True, False)]  # cold, warm, full path
    assert {(r.code, r.out, r.err) for r in runs} == {(runs[0].code, runs[0].out, runs[0].err)}
    assert runs[0].out == "report,id\nfirst,gdp\nrevised,gdp\n"
    assert "first.yaml" in runs[0].err and "revised.yaml" in runs[0].err


def test_many_reports_of_one_place_and_year_make_one_warning(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    for n in range(6):
        _one_record(tmp_path, "煤炭产量", f"copy{n}", "figure")
    for fast in (True, True, False):
        r = cli("--data", str(tmp_path), "show", "gdp", "-f", "csv", "--fields", "report", fast=fast)
        assert r.code == 0
        assert r.err.count("\n") == 1, r.err  # one group, one line, however many copies
        assert "and 3 more are all reports of" in r.err


def test_reports_of_several_places_in_one_year_are_answered_from_the_store(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    for n in range(3):
        text = MINIMAL.replace("sample-2023", f"place{n}").replace("样例市", f"样例{n}市")
        (tmp_path / f"place{n}.yaml").write_text(text, encoding="utf-8")
    argv = ["--data", str(tmp_path), "show", "gdp", "-f", "csv"]
    cli(*argv)  # fills the store
    from zzreport import fast

    assert fast.answer(fast.parse(argv, {}), "csv") is not None  # not declined for sharing a year
