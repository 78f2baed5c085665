"""``zzreport export``: the SQLite database read by real clients (the sqlite3 module and command,
Datasette), its numbers compared against the JSON output, its keys and full-text index, and the
command's refusals and clean failures."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, environment, examples, invoke
from test_termination import DOCUMENTED, deadline
from zzreport import export

DATA = ("--data", str(FIXTURES / "changzhi-2022.yaml"), "--data", str(FIXTURES / "sample-city-2023.yaml"))


def _run(exe: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([exe, *args], env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, zzreport_exe: str) -> tuple[Path, Path]:
    """The bundled report and two fixtures exported, with metadata, once for the tests that read them."""
    where = tmp_path_factory.mktemp("exported")
    db, meta = where / "zzreport.db", where / "metadata.json"
    done = _run(
        zzreport_exe, environment(), *DATA, "--with-bundled", "export", str(db), "--metadata", str(meta)
    )
    assert (done.returncode, done.stdout) == (0, ""), done.stderr
    assert done.stderr == f"zzreport: wrote {db} and {meta}\n"
    return db, meta


@pytest.fixture
def db(exported: tuple[Path, Path]) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(f"file:{exported[0]}?mode=ro", uri=True)
    yield connection
    connection.close()


def _json(exe: str, env: dict[str, str], *args: str) -> list[dict[str, Any]]:
    done = _run(exe, env, *args, "-f", "json")
    assert done.returncode == 0, done.stderr
    records: list[dict[str, Any]] = json.loads(done.stdout, parse_float=Decimal)
    return records


def test_the_sqlite3_command_prints_gdp(tmp_path: Path, zzreport_exe: str, clean_env: dict[str, str]) -> None:
    sqlite = shutil.which("sqlite3")
    if sqlite is None:
        pytest.skip("the sqlite3 command is not installed")
    path = tmp_path / "z.db"
    assert _run(zzreport_exe, clean_env, "export", str(path)).returncode == 0
    done = subprocess.run(
        [sqlite, str(path), "select value, unit, change from indicators where id='gdp'"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == "2806.2|亿元|5.6\n"


def test_numbers_are_numbers_beside_their_exact_text(db: sqlite3.Connection) -> None:
    row = db.execute(
        "select typeof(value), value, value_text, typeof(change), change_text, typeof(rank), "
        "typeof(rank_sole), typeof(item) from indicators where report = 'changzhi-2023' and id = 'gdp'"
    ).fetchone()
    assert row == ("real", 2806.2, "2806.2", "real", "5.6", "integer", "integer", "integer")
    whole = db.execute("select typeof(value), value from indicators where id = 'water-quality-good-rate'")
    assert whole.fetchone() == ("integer", 100)
    assert db.execute("select typeof(year), typeof(delivered) from reports limit 1").fetchone() == (
        "integer",
        "text",
    )


@pytest.mark.parametrize("column", ["value", "change"])
def test_every_numeric_comparison_agrees_with_json(
    db: sqlite3.Connection, zzreport_exe: str, clean_env: dict[str, str], column: str
) -> None:
    records = _json(zzreport_exe, clean_env, *DATA, "--with-bundled", "list")
    for r in records:  # JSON's whole numbers read as int
        r[column] = None if r[column] is None else Decimal(r[column])
    numbers = sorted({r[column] for r in records if r[column] is not None})
    assert len(numbers) > 15
    edges = {*numbers, *(n + Decimal("0.05") for n in numbers), Decimal(0), Decimal(5), Decimal("-7.7")}
    for edge in sorted(edges):
        for op, holds in ((">", Decimal.__gt__), ("=", Decimal.__eq__), ("<=", Decimal.__le__)):
            want = {
                (r["report"], r["id"]) for r in records if r[column] is not None and holds(r[column], edge)
            }
            got = set(
                db.execute(f"select report, id from indicators where {column} {op} ?", [float(edge)])  # noqa: S608 - a column name of this test's own list
            )
            assert got == want, (column, op, edge)
    count = db.execute("select count(*) from indicators where report = 'changzhi-2023' and change > 5")
    assert count.fetchone() == (9,)


def test_every_row_holds_the_machine_columns_of_json(
    db: sqlite3.Connection, zzreport_exe: str, clean_env: dict[str, str]
) -> None:
    records = _json(zzreport_exe, clean_env, *DATA, "--with-bundled", "list")
    db.row_factory = sqlite3.Row
    rows = db.execute("select * from indicators order by rowid").fetchall()
    assert [(r["report"], r["id"]) for r in rows] == [(r["report"], r["id"]) for r in records]
    for row, record in zip(rows, records, strict=True):
        for key, value in record.items():
            if isinstance(value, Decimal):
                assert row[key + "_text"] == str(value), key
                assert Decimal(row[key + "_text"]) == value
            elif isinstance(value, bool):
                assert row[key] == int(value), key
            else:
                assert row[key] == value, key


def test_tables_have_their_keys(db: sqlite3.Connection) -> None:
    tables = {name for (name,) in db.execute("select name from sqlite_master where type = 'table'")}
    assert {"reports", "sections", "indicators", "comparisons", "aliases", "topics"} <= tables

    def key(table: str) -> list[str]:
        info = db.execute(f"pragma table_info({table})").fetchall()
        return [name for _, name, _, _, _, pk in sorted(info, key=lambda c: c[5]) if pk]

    assert key("reports") == ["id"]
    assert key("indicators") == ["report", "id"]
    assert key("sections") == ["report", "id"]
    for child in ("comparisons", "aliases", "topics"):
        assert key(child) == ["report", "indicator", "position"]
        targets = {(t, f, to) for _, _, t, f, to, *_ in db.execute(f"pragma foreign_key_list({child})")}
        assert targets == {("indicators", "report", "report"), ("indicators", "indicator", "id")}
    parents = {(t, f) for _, _, t, f, *_ in db.execute("pragma foreign_key_list(indicators)")}
    assert {("reports", "report"), ("sections", "section")} <= parents
    assert db.execute("pragma foreign_key_check").fetchall() == []


def test_child_tables_hold_every_alias_topic_and_comparison(db: sqlite3.Connection) -> None:
    aliases = db.execute(
        "select alias from aliases where report = 'changzhi-2023' and indicator = 'gdp' order by position"
    )
    assert [a for (a,) in aliases] == ["GDP", "生产总值", "经济总量", "GRP", "Gross domestic product"]
    for table, column, joined in (("aliases", "alias", "|"), ("topics", "topic", "|")):
        by_record = db.execute(
            f"select i.{table}, group_concat(c.{column}, '{joined}') from indicators i "  # noqa: S608 - names of this test's own list
            f"join (select * from {table} order by position) c "
            "on c.report = i.report and c.indicator = i.id group by i.report, i.id"
        ).fetchall()
        assert by_record
        assert all(whole == parts for whole, parts in by_record)
    gap = db.execute(
        "select relation, benchmark, gap, gap_text, gap_unit from comparisons where gap is not null limit 1"
    ).fetchone()
    assert isinstance(gap[2], float | int)
    assert Decimal(gap[3]) == Decimal(str(gap[2]))
    counted = db.execute("select count(*) from comparisons").fetchone()[0]
    listed = db.execute("select comparisons from indicators where comparisons is not null").fetchall()
    assert counted == sum(len(c.split("; ")) for (c,) in listed)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("煤炭", {"coal-advanced-capacity"}),
        ("产能", {"coal-advanced-capacity", "coking-advanced-capacity"}),
        ("煤", {"raw-coal-output", "coal-advanced-capacity"}),
        ("revenue", {"budget-revenue"}),
        ("revenues", {"budget-revenue"}),
        ("gross", {"gdp"}),
    ],
)
def test_the_full_text_index_finds_chinese_words_and_english_words(
    db: sqlite3.Connection, words: str, expected: set[str]
) -> None:
    found = {
        i
        for (i,) in db.execute(
            "select id from indicators where report = 'changzhi-2023' and rowid in "
            "(select rowid from indicators_fts where indicators_fts match ?)",
            [words],
        )
    }
    assert expected <= found
    names = db.execute("select id, name, name_en from indicators where report = 'changzhi-2023'").fetchall()
    assert {i for i, name, _ in names if len(words) <= 2 and words in name} <= found


def test_grams_are_characters_and_pairs() -> None:
    assert export.grams("原煤产量 GDP 煤炭、产量") == "原 煤 产 量 原煤 煤产 产量 炭 煤炭"
    assert export.grams("no chinese") == ""


def test_an_existing_file_is_kept_unless_replace_is_asked(
    tmp_path: Path, zzreport_exe: str, clean_env: dict[str, str]
) -> None:
    path = tmp_path / "z.db"
    path.write_bytes(b"precious")
    done = _run(zzreport_exe, clean_env, "export", str(path))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"zzreport: {path} exists; not overwriting it (--replace to replace it)\n"
    assert path.read_bytes() == b"precious"
    meta = tmp_path / "m.json"
    meta.write_text("{}")
    done = _run(zzreport_exe, clean_env, "export", str(tmp_path / "new.db"), "--metadata", str(meta))
    assert done.returncode == 2
    assert not (tmp_path / "new.db").exists()
    assert meta.read_text() == "{}"
    done = _run(zzreport_exe, clean_env, "export", str(path), "--replace", "--metadata", str(meta))
    assert done.returncode == 0, done.stderr
    assert sqlite3.connect(path).execute("select count(*) from indicators").fetchone() == (112,)
    assert (
        json.loads(meta.read_text())["databases"]["z"]["tables"]["indicators"]["fts_table"]
        == "indicators_fts"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.json", "z.db"]


def test_a_failed_export_leaves_nothing(tmp_path: Path, zzreport_exe: str, clean_env: dict[str, str]) -> None:
    done = _run(zzreport_exe, clean_env, "export", str(tmp_path / "missing" / "z.db"))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith(f"zzreport: cannot write {tmp_path / 'missing' / 'z.db'}")
    done = _run(zzreport_exe, clean_env, "--data", str(FIXTURES / "bad"), "export", str(tmp_path / "z.db"))
    assert (done.returncode, done.stdout) == (3, "")
    assert list(tmp_path.iterdir()) == []


def test_the_data_options_choose_what_is_exported(
    tmp_path: Path, zzreport_exe: str, clean_env: dict[str, str]
) -> None:
    path = tmp_path / "z.db"
    done = _run(zzreport_exe, clean_env, "export", str(path), *DATA, "-R", "changzhi-2022")
    assert done.returncode == 0, done.stderr
    connection = sqlite3.connect(path)
    assert connection.execute("select id from reports").fetchall() == [("changzhi-2022",)]
    expected = len(_json(zzreport_exe, clean_env, *DATA, "-R", "changzhi-2022", "list"))
    assert connection.execute("select count(*) from indicators").fetchone() == (expected,)


def test_metadata_describes_every_table_and_column(exported: tuple[Path, Path]) -> None:
    path, meta_path = exported
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    assert meta["source_url"] == "http://cz.sxrb.com/GB/314800/10138207.html"
    assert meta["about_url"].startswith("https://changzhi.gov.cn/")
    assert "license" in meta
    assert "title" in meta
    tables = meta["databases"][path.stem]["tables"]
    connection = sqlite3.connect(path)
    for table, described in tables.items():
        columns = [c[1] for c in connection.execute(f"pragma table_info({table})")]
        assert list(described["columns"]) == columns, table
        assert all(described["columns"].values()), table
        assert described["description"]


def test_datasette_opens_it_with_its_metadata(exported: tuple[Path, Path]) -> None:
    datasette = pytest.importorskip("datasette.app")

    path, meta_path = exported
    metadata = json.loads(meta_path.read_text(encoding="utf-8"))

    async def read() -> tuple[Any, ...]:
        ds = datasette.Datasette([str(path)], metadata=metadata)
        await ds.invoke_startup()
        gdp = await ds.client.get(
            "/zzreport/indicators.json?report=changzhi-2023&id=gdp&_shape=array&_col=value&_col=unit"
        )
        found = await ds.client.get("/zzreport/indicators.json?_search=煤炭&_shape=array&_col=id")
        above = await ds.client.get(
            "/zzreport.json?_shape=array&sql=select+count(*)+as+n+from+indicators+where+change+>+5"
        )
        title = await ds.client.get("/-/metadata.json")
        return gdp.json(), found.json(), above.json(), title.json()

    gdp, found, above, meta = asyncio.run(read())
    assert [(r["value"], r["unit"]) for r in gdp] == [(2806.2, "亿元")]
    assert {r["id"] for r in found} >= {"coal-advanced-capacity"}
    sql = "select count(*) from indicators where change > 5"
    assert above == [{"n": sqlite3.connect(path).execute(sql).fetchone()[0]}]
    assert meta["title"] == metadata["title"]


@settings(max_examples=examples(10, 40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00/"), min_size=1, max_size=6)
)
def test_export_ends_on_any_file_name_or_value(text: str) -> None:
    with tempfile.TemporaryDirectory() as where:
        folder = Path(where)
        target = folder / text
        env = {"ZZREPORT_CACHE_DIR": str(folder / ".cache")}
        for argv in (
            ["export", str(target)],
            ["export", str(target)],  # now over the file the first call wrote, if it did
            ["export", str(folder / "z.db"), "--metadata", str(target)],
            ["export", "-R", text, str(folder / "r.db")],
        ):
            with deadline(30):
                r = invoke(*argv, env=env)
            assert r.code in DOCUMENTED, (argv, r)
            assert "Traceback" not in r.err, (argv, r)
            assert r.stdout == b""
        assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_replace_never_replaces_what_is_not_a_regular_file(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.db"
    folder.mkdir()
    for target in (fifo, folder):
        r = subprocess.run([zzreport_exe, "export", "--replace", str(target)], env=clean_env, capture_output=True,
                           text=True, check=False, timeout=60)  # fmt: skip
        assert r.returncode == 2, r.stderr
        assert "not a regular file" in r.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert folder.is_dir()
