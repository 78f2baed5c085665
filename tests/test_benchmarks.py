"""The measuring code of ``benchmarks/run.py`` that leans on the package: a change of the machine
writer would otherwise break it unseen until the next run."""

from __future__ import annotations

import csv
import importlib.util
import io
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from conftest import ROOT, Result
from zzreport.loading import load, parse


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("query", ["煤", "GDP growth", "排名"])
def test_writing_alone_writes_the_answer_again(
    bench: ModuleType, cli: Callable[..., Result], query: str
) -> None:
    """The floor the benchmark prints beside a call is the machine writer writing that call's own
    rows: read back, they are the answer's rows, quotes, commas and line breaks alike."""
    answer = cli("search", query, "-f", "csv")
    assert answer.code == 0, answer
    write = bench.rewriter(answer.stdout)
    assert write is not None
    again = "".join(write())
    assert list(csv.reader(io.StringIO(again, newline=""))) == list(
        csv.reader(io.StringIO(answer.out, newline=""))
    )
    assert bench.writing_alone(answer.stdout) > 0


def test_an_answer_without_rows_has_nothing_to_write(bench: ModuleType) -> None:
    assert bench.rewriter(b"id,name\n") is None
    assert bench.rewriter(b"") is None
    assert bench.writing_alone(b"") == 0.0


def test_copies_of_the_bundled_report_make_one_valid_file(bench: ModuleType, tmp_path: Path) -> None:
    """The file the first load shaped like a real one is timed on: valid, every record there twice
    over, its lists kept."""
    bundled = load()
    out = tmp_path / "copies.yaml"
    assert bench.copies(2, out) == 2 * len(bundled.indicators)
    ds = parse(out.read_text(encoding="utf-8"), str(out))
    assert len(ds.indicators) == 2 * len(bundled.indicators)
    assert sum(bool(i.aliases) for i in ds.indicators) == 2 * sum(bool(i.aliases) for i in bundled.indicators)
    assert [i.value for i in ds.indicators[: len(bundled.indicators)]] == [
        i.value for i in bundled.indicators
    ]
