"""Machine output written as a stream: the same text as rendered whole, each row made as it is
written, and a list answered from the store only when every stored record is sound."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import MINIMAL, invoke
from zzreport import fast, store
from zzreport.environment import Environment
from zzreport.errors import OutputError
from zzreport.loading import load
from zzreport.machine import Lazy, Records, Row, chunks
from zzreport.output import emit
from zzreport.render import MACHINE, Format, Lang, Options, Output, render, stream

cells = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=12), st.sampled_from(["1.10", "-7"])
)


@st.composite
def records(draw: st.DrawFn) -> Records:
    width = draw(st.integers(1, 4))
    names = tuple(f"f{i}" for i in range(width))
    rows = draw(st.lists(st.tuples(*[cells] * width), max_size=6))
    lazy = draw(st.booleans())
    body: tuple[Row, ...] | Lazy = tuple(rows)
    if lazy:
        body = Lazy(len(rows), lambda: iter(rows))
    return Records(names, body, frozenset(draw(st.sets(st.sampled_from(names)))))


@given(
    r=records(),
    fmt=st.sampled_from(sorted(MACHINE)),
    header=st.booleans(),
    bom=st.booleans(),
    ascii_json=st.booleans(),
    some=st.booleans(),
)
def test_a_stream_is_the_text_rendered_whole(
    r: Records, fmt: Format, header: bool, bom: bool, ascii_json: bool, some: bool
) -> None:
    output = Output(lambda: r, lambda lang: [])
    fields = r.fields[::-1][:2] if some else ()
    options = Options(header=header, bom=bom, ascii_json=ascii_json, fields=fields)
    pieces = stream(fmt, output, options)
    assert pieces is not None
    assert "".join(pieces) == render(fmt, output, options)


def test_tables_and_single_objects_are_rendered_whole() -> None:
    one = Records(("a",), (("1",),))
    assert stream(Format.TABLE, Output(lambda: one, lambda lang: []), Options()) is None
    assert stream(Format.JSON, Output(lambda: one, lambda lang: [], single=True), Options()) is None


def test_rows_are_made_as_they_are_written() -> None:
    made = 0

    def each() -> Iterator[Row]:
        nonlocal made
        for n in range(100_000):
            made += 1
            yield (f"row {n}", n)

    rows = Lazy(100_000, each)
    pieces = stream(Format.CSV, Output(lambda: Records(("a", "b"), rows), lambda lang: []), Options())
    assert pieces is not None
    first = next(pieces)
    assert 0 < made < 10_000, "the first piece comes before the rows are all made"
    assert len(first) >= 1 << 16
    rest = "".join(pieces)
    assert made == 100_000
    assert first + rest == render(
        Format.CSV, Output(lambda: Records(("a", "b"), rows), lambda lang: []), Options()
    )


def test_pieces_join_to_their_parts() -> None:
    parts = [str(n) * (n % 7) for n in range(5000)]
    joined = list(chunks(parts, size=100))
    assert "".join(joined) == "".join(parts)
    assert all(len(p) < 100 + max(map(len, parts)) for p in joined)


def _utf8() -> tuple[io.BytesIO, Environment]:
    written = io.BytesIO()
    stdout = io.TextIOWrapper(written, encoding="utf-8")
    return written, Environment(stdout=stdout, stderr=io.StringIO(), tty=False, environ={})


def test_machine_output_is_written_piece_by_piece() -> None:
    written, env = _utf8()
    rows = Lazy(20_000, lambda: ((str(n), n) for n in range(20_000)))
    output = Output(lambda: Records(("a", "b"), rows), lambda lang: [])
    emit(output, Format.JSONL, Lang.ZH, env=env)
    assert written.getvalue() == render(Format.JSONL, output, Options()).encode()


def test_an_unwritable_first_piece_is_rendered_whole_and_refused_before_writing() -> None:
    written, env = _utf8()
    bad = Records(("a",), Lazy(1, lambda: iter([("\udc80",)])))
    with pytest.raises(OutputError):
        emit(Output(lambda: bad, lambda lang: []), Format.CSV, Lang.ZH, env=env)
    assert written.getvalue() == b""
    emit(Output(lambda: bad, lambda lang: []), Format.JSON, Lang.ZH, env=env)
    assert written.getvalue() == b'[\n  {\n    "a": "\\udc80"\n  }\n]\n'


def test_a_piece_that_cannot_be_written_after_others_is_refused() -> None:
    written, env = _utf8()
    rows = Lazy(20_001, lambda: ((("\udc80",) if n == 20_000 else ("x" * 10,)) for n in range(20_001)))
    with pytest.raises(OutputError):
        emit(Output(lambda: Records(("a",), rows), lambda lang: []), Format.CSV, Lang.ZH, env=env)
    assert written.getvalue().startswith(b"a\nxxxxxxxxxx\n")


# ── a list from the store ─────────────────────────────────────────────────────

COUNT = 2000
"""Records enough for an entry read piece by piece (larger than ``store.HEAD``)."""


def _many(path: Path) -> Path:
    head, record = MINIMAL.split("indicators:\n")
    body = "".join(record.replace("id: gdp", f"id: r{n}").replace("aliases: [GDP]", f"aliases: [R{n}]")
                   .replace("name: 地区生产总值", f"name: 指标{n}")
                   .replace("Gross domestic product", f"Figure {n}") for n in range(COUNT))  # fmt: skip
    path.write_text(head + "indicators:\n" + body, encoding="utf-8")
    return path


def _stored_many(tmp_path: Path) -> tuple[Path, store.Entry]:
    """``_many``'s file, read once, and its entry in the store."""
    path = _many(tmp_path / "many.yaml")
    load(path)
    found = store.source(str(path))
    assert found is not None
    entry = store.open_entry(found.key)
    assert entry is not None
    return path, entry


def _listed(path: Path) -> str | None:
    return fast.answer(fast.parse(["--data", str(path), "list", "-f", "csv"], {}), "csv")


def test_every_stored_record_is_read_in_blocks_as_one_at_a_time(tmp_path: Path, where: Path) -> None:
    path, entry = _stored_many(tmp_path)
    stored = entry.records()
    one_by_one = [stored.get(n) for n in range(len(stored))]
    for block in (1, 100, 1 << 20):
        assert list(stored.each(block)) == one_by_one
    text = _listed(path)
    assert text is not None
    assert text.count("\n") == COUNT + 1


def test_a_damaged_record_sends_a_list_the_other_way(tmp_path: Path, where: Path) -> None:
    path, entry = _stored_many(tmp_path)
    assert _listed(path) is not None
    start, length, _ = entry._pieces["records"]
    at = entry._base + start + length - 10  # in the last record: found before anything is written
    (file,) = where.glob("*.zzs")
    blob = bytearray(file.read_bytes())
    blob[at] ^= 0xFF
    file.write_bytes(bytes(blob))
    assert _listed(path) is None


def _shown(path: Path, name: str) -> str | None:
    return fast.answer(fast.parse(["--data", str(path), "show", name, "-f", "csv"], {}), "csv")


def test_a_show_in_a_large_entry_reads_a_few_numbers_of_its_index(
    tmp_path: Path, where: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index of names of a large entry is searched a number at a time: at 300,000 records
    reading and checking it whole (7 MiB) was most of a ``show``."""
    path, entry = _stored_many(tmp_path)
    start, length, _ = entry._pieces["index"]
    index = range(entry._base + start, entry._base + start + length)
    reads: list[tuple[int, int]] = []
    real = store.Entry.read

    def read(self: store.Entry, first: int, size: int) -> bytes:
        reads.append((first, size))
        return real(self, first, size)

    monkeypatch.setattr(store.Entry, "read", read)
    for n in (0, 7, COUNT - 1):
        reads.clear()
        shown = _shown(path, f"r{n}")
        assert shown is not None
        assert shown.splitlines()[1].split(",")[1] == f"r{n}"
        probes = [size for first, size in reads if first in index]
        assert probes and set(probes) == {8}, probes  # a number at a time, never the piece
        assert len(probes) <= 2 * (length // 8).bit_length() + 4
        assert _shown(path, f"指标{n}") == shown == _shown(path, f"R{n}")


def _damage_run(entry: store.Entry, file: Path, key: str, how: str) -> None:
    """Damage, in ``file`` (holding ``entry``), the numbers of the index of names under ``key``'s
    slot: the last of them made to lead to record 0, or its slot changed."""
    from zzreport import match

    start, _, _ = entry._pieces["index"]
    index = entry.numbers("index")
    slot = match.slot(key)
    run = [i for i in range(len(index)) if index[i] >> 32 == slot]
    assert run
    at = entry._base + start + 8 * run[-1]
    number = (
        (slot << 32)
        if how == "elsewhere"
        else (((slot + 1) % (1 << 32)) << 32) | (index[run[-1]] & 0xFFFFFFFF)
    )
    blob = bytearray(file.read_bytes())
    blob[at : at + 8] = number.to_bytes(8, "little")
    file.write_bytes(bytes(blob))


@pytest.mark.parametrize("how", ["elsewhere", "reslotted"])
@pytest.mark.parametrize("name", ["r5", "指标7", f"R{COUNT - 1}"])
def test_a_damaged_index_gives_the_right_answer_or_none(
    tmp_path: Path, where: Path, name: str, how: str
) -> None:
    """The index of a lone report is read unchecked, so a damaged one must never change an answer:
    a record it leads to is confirmed by its own names, and the record it lost (each name has one in
    a valid file) is found by the scan of the labels that confirms a miss, which sends the call the
    other way: it reads the file, and answers as before."""
    from zzreport import match

    path, entry = _stored_many(tmp_path)
    before = _shown(path, name)
    assert before is not None
    (file,) = where.glob("b*.zzs")
    _damage_run(entry, file, match.normalize(name), how)
    assert _shown(path, name) is None  # the record lost: not refused here, sent the other way
    told = invoke("--data", str(path), "show", name, "-f", "csv")
    assert (told.code, told.out, told.err) == (0, before, "")
