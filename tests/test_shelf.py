"""A folder of reports is answered from one entry of the store, its shelf, and never wrongly.

The shelf's key is made of each file's own key, so every change of a file that the store sees
(``tests/test_store_status.py``) reaches the shelf too; these tests check that it is used, that it
gives what the files' own entries give, and that a damaged or unfit one costs only time.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL, Result
from zzreport import fast, loading, match, shelf, store
from zzreport.errors import LookupFailure

LATER = 10 * store.GRANULARITY


@pytest.fixture(autouse=True)
def _settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read files as if long after their last change, so their keys hold without reading them."""
    real = store._now_ns
    monkeypatch.setattr(store, "_now_ns", lambda: real() + LATER)


def _report(n: int, value: str = "1.10", *, region: str | None = None) -> str:
    return (
        MINIMAL.replace("id: sample-2023", f"id: r{n}-2023")
        .replace("region: 样例市", f"region: {region or f'样{n}市'}")
        .replace("value: 1.10", f"value: {value}")
    )


def _answer(folder: Path | str, *argv: str) -> str | None:
    call = fast.parse(["--data", str(folder), *argv, "-f", "csv"], {})
    return fast.answer(call, "csv")


def _shelves(where: Path) -> list[Path]:
    return sorted(where.glob("f*.zzs"))


@pytest.fixture
def folder(tmp_path: Path, where: Path) -> Path:
    place = tmp_path / "reports"
    place.mkdir()
    for n in range(4):
        (place / f"r{n}.yaml").write_text(_report(n, f"{n}.10"), encoding="utf-8")
    loading.load_all([place])  # an entry for each file
    assert _answer(place, "show", "gdp") is not None  # learns the files' status
    assert _answer(place, "show", "gdp") is not None  # builds the shelf
    assert len(_shelves(where)) == 1
    return place


def test_a_folder_is_answered_from_its_shelf_alone(
    folder: Path, where: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    real = store.open_entry

    def counting(key: str) -> store.Entry | None:
        opened.append(key)
        return real(key)

    monkeypatch.setattr(store, "open_entry", counting)
    shown = _answer(folder, "show", "gdp")
    assert shown is not None
    assert [row.split(",")[-1] for row in shown.splitlines()[1:]] != []
    assert len(opened) == 1 and opened[0].startswith("f")  # one entry, the shelf
    for entry in where.glob("[bs]*.zzs"):  # the files' own entries gone: the shelf still answers
        entry.unlink()
    assert _answer(folder, "show", "gdp") == shown


@pytest.mark.parametrize(
    "argv",
    [
        ("show", "gdp"),
        ("show", "gdp", "GDP"),
        ("search", "地区"),
        ("search", "gdp"),
        ("search", "diqu"),
        ("search", "地区", "-n", "2"),
        ("list",),
    ],
)
def test_the_shelf_answers_as_the_files_entries_do(
    folder: Path, monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...]
) -> None:
    shelved = _answer(folder, *argv)
    monkeypatch.setattr(shelf, "LEAST", 10**9)  # no folder is shelved: each file's entry is read
    assert _answer(folder, *argv) == shelved
    assert shelved is not None and shelved.count("\n") > 1


def test_a_same_size_edit_of_one_file_reaches_the_shelf(folder: Path, where: Path) -> None:
    path = folder / "r2.yaml"
    path.write_text(_report(2, "9.90"), encoding="utf-8")  # same size, a new inode time
    assert _answer(folder, "show", "gdp") is None  # its entry is not stored yet: the other way
    loading.load_all([folder])
    shown = _answer(folder, "show", "gdp")
    assert _answer(folder, "show", "gdp") == shown
    assert shown is not None and "r2-2023" in shown and "9.90" in shown and "2.10" not in shown
    assert len(_shelves(where)) == 1  # the shelf of the new files, in place of the old one
    assert _answer(folder, "show", "gdp") == shown


@pytest.mark.parametrize("at", [0.2, 0.5, 0.8, -5])
def test_a_damaged_shelf_costs_a_read_not_an_answer(
    folder: Path, where: Path, cli: Callable[..., Result], at: float
) -> None:
    argv = ("--data", str(folder), "list", "-f", "csv")
    before = cli(*argv)
    assert before.code == 0
    (found,) = _shelves(where)
    blob = bytearray(found.read_bytes())
    blob[int(len(blob) * at) if at > 0 else int(at)] ^= 0xFF
    found.write_bytes(bytes(blob))
    for _ in range(3):  # the other way answers, then a new shelf
        again = cli(*argv)
        assert (again.code, again.out, again.err) == (0, before.out, "")
    assert _answer(folder, "list") == before.out


def test_a_shelf_cut_short_is_rebuilt(folder: Path, where: Path) -> None:
    before = _answer(folder, "show", "gdp")
    (found,) = _shelves(where)
    found.write_bytes(found.read_bytes()[:100])
    assert _answer(folder, "show", "gdp") == before  # from the files' entries, and shelved again
    assert found.stat().st_size > 100
    assert _answer(folder, "show", "gdp") == before


def test_reports_of_one_place_and_year_are_never_shelved(tmp_path: Path, where: Path) -> None:
    for n in range(2):
        (tmp_path / f"r{n}.yaml").write_text(_report(n, region="同一市"), encoding="utf-8")
    loading.load_all([tmp_path])
    for _ in range(3):
        assert _answer(tmp_path, "show", "gdp") is None  # the other way warns, naming both files
    assert _shelves(where) == []


def test_files_not_yet_settled_are_read_one_by_one(
    tmp_path: Path, where: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(3):
        (tmp_path / f"r{n}.yaml").write_text(_report(n), encoding="utf-8")
    monkeypatch.setattr(store, "_now_ns", time.time_ns)  # the files changed just now
    loading.load_all([tmp_path])
    for _ in range(3):
        assert _answer(tmp_path, "show", "gdp") is not None
    assert _shelves(where) == []  # a folder being edited is not shelved on every call


def test_a_single_file_has_no_shelf(sample: Path, where: Path) -> None:
    loading.load_all([sample])
    for _ in range(3):
        assert _answer(sample, "show", "gdp") is not None
    assert _shelves(where) == []


def test_any_spelling_of_the_folder_finds_its_shelf(
    folder: Path, where: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = _answer(folder, "show", "gdp")
    monkeypatch.chdir(folder.parent)
    for spelling in ("reports", "./reports", "reports/", "../reports/./"):
        if spelling.startswith(".."):
            monkeypatch.chdir(folder)
        monkeypatch.setattr(store, "source", lambda _: pytest.fail("a file was digested"))
        assert _answer(spelling, "show", "gdp") == shown
    assert len(_shelves(where)) == 1


def test_the_files_entries_stay_in_use_behind_their_shelf(
    folder: Path, where: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Look-ups read the shelf alone; the files' own entries must not expire meanwhile (an edit of
    one file would then read every file of the folder again)."""
    (found,) = _shelves(where)
    members = list(where.glob("[bs]*.zzs"))
    assert len(members) == 4
    old = 1_000_000_000.0
    for entry in [found, *members]:
        os.utime(entry, (old, old))
    assert _answer(folder, "show", "gdp") is not None  # the shelf, used after a long time
    assert all(entry.stat().st_mtime > old for entry in [found, *members])


def test_a_folder_too_large_for_one_entry_is_read_file_by_file(
    folder: Path, where: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = _answer(folder, "show", "gdp")
    for entry in _shelves(where):
        entry.unlink()
    monkeypatch.setattr(store, "MAX_ENTRY", 1 << 10)  # less than the files' pieces together
    for _ in range(2):
        assert _answer(folder, "show", "gdp") == shown
    assert _shelves(where) == []


def _framed(pieces: dict[str, bytes], name: str) -> bytes:
    """A piece of a shelf of four reports, whole but not the one written with it."""
    import marshal

    if name == "labels":
        return pieces["labels"].replace("生产".encode(), "消费".encode()).replace(b"sample", b"sampel")
    if name == "sounds":
        return marshal.dumps(tuple(marshal.dumps(("", (), ())) for _ in range(4)))
    if name == "titles":
        return marshal.dumps(tuple({"economy": "文旅 tourism"} for _ in range(4)))
    return b""  # the index of names: none


@pytest.mark.parametrize("piece", ["labels", "sounds", "titles", "index"])
@pytest.mark.parametrize(
    "argv",
    [("search", "生产"), ("search", "diqu"), ("search", "经济"), ("search", "economy"), ("search", "qqqzzz"),
     ("show", "nosuchthing"), ("show", "gdp")],
    ids=" ".join,
)  # fmt: skip
def test_a_piece_framed_in_from_elsewhere_is_refused(
    folder: Path, where: Path, piece: str, argv: tuple[str, ...]
) -> None:
    """A shelf whose piece is whole (its own CRC holds) but not the one written with it: searches,
    pinyin, section titles and the hints of a miss are read from the labels, sounds, titles and
    index, so the meta's witness of every piece's CRC refuses the shelf, and the answer comes from
    the files' entries as before."""
    truth = _told(folder, argv)
    (found,) = _shelves(where)
    entry = store.open_entry(found.stem)
    assert entry is not None
    pieces = {name: entry.piece(name) for name in entry._pieces}
    pieces[piece] = _framed(pieces, piece)
    assert store.save(found.stem, pieces)
    assert _told(folder, argv) in (truth, None)  # the same, from the files' entries, or declined
    assert _told(folder, argv) == truth  # a shelf built again


def _told(folder: Path, argv: tuple[str, ...]) -> str | None:
    """The look-up path's answer, or the refusal of a miss, or None when it leaves the call to the
    other way."""
    try:
        return _answer(folder, *argv)
    except LookupFailure as e:
        return f"refused: {e}"


def test_a_reports_labels_are_decoded_once_a_call(folder: Path) -> None:
    """A miss scans the labels and then finds its hints in them: one decoding, not two."""
    reports = fast._reports(str(folder))
    assert reports is not None
    for r in reports:
        assert r.labels() is r.labels()
        assert len(r.labels()) == r.count


def test_a_pass_over_a_folder_holds_one_reports_labels_at_a_time(folder: Path) -> None:
    """A search, the check that a name is unknown and the hints of a miss read the reports' labels:
    in a folder each is let go once its report is done, so memory does not grow with the number of
    reports (holding them all took a miss in 1,000 files from 76 MiB to 141). A lone report's are
    kept for the call: a miss finds its hints in the labels it has just scanned."""

    def held(r: shelf.Stored) -> bool:
        return r.labels(keep=False) is r.labels(keep=False)

    reports = fast._reports(str(folder))
    assert reports is not None and len(reports) == 4
    assert fast._found("gdp", None, reports) is not None
    assert not any(held(r) for r in reports)
    with pytest.raises(LookupFailure):
        fast._shown(["nosuchthing"], reports)
    assert not any(held(r) for r in reports)  # nor those asked for hints
    alone = fast._reports(str(folder / "r0.yaml"))
    assert alone is not None and len(alone) == 1
    with pytest.raises(LookupFailure):
        fast._shown(["nosuchthing"], alone)
    assert held(alone[0])


def _large(n: int, count: int = 1500) -> str:
    """Report ``n`` with ``count`` records (r0, r1 ...): a folder of four is a shelf larger than
    ``store.HEAD``, read piece by piece."""
    head, record = _report(n).split("indicators:\n")
    body = "".join(record.replace("id: gdp", f"id: r{k}").replace("aliases: [GDP]", f"aliases: [R{k}]")
                   .replace("name: 地区生产总值", f"name: 指标{k}")
                   .replace("Gross domestic product", f"Figure {k}") for k in range(count))  # fmt: skip
    return head + "indicators:\n" + body


@pytest.mark.parametrize("name", ["r5", "指标1499"])
def test_a_damaged_shelf_index_never_loses_a_report_s_record(tmp_path: Path, where: Path, name: str) -> None:
    """Of several reports, one report's record lost by a damaged index would go unseen while the
    others' were found (no miss to confirm): a shelf's index is read whole and checked, so the
    damage is found and the call goes the other way, answering every report's record."""
    from zzreport import match

    place = tmp_path / "reports"
    place.mkdir()
    for n in range(4):
        (place / f"r{n}.yaml").write_text(_large(n), encoding="utf-8")
    loading.load_all([place])
    for _ in range(3):  # the files' status learnt, the shelf built, then read
        before = _answer(place, "show", name)
    assert before is not None and len(before.splitlines()) == 1 + 4
    (file,) = _shelves(where)
    assert file.stat().st_size > store.HEAD
    reports = fast._reports(str(place))
    assert reports is not None and reports[0].shelf is not None
    entry = reports[0].shelf.entry
    start, _, _ = entry._pieces["index"]
    index = entry.numbers("index")
    slot = match.slot(match.normalize(name))
    run = [i for i in range(len(index)) if index[i] >> 32 == slot]
    assert len(run) == 4  # one record a report
    at = entry._base + start + 8 * run[-1]
    blob = bytearray(file.read_bytes())
    blob[at : at + 8] = (slot << 32).to_bytes(8, "little")  # the last report's now leads to record 0
    file.write_bytes(bytes(blob))
    assert _answer(place, "show", name) in (before, None)
    assert _answer(place, "show", name) == before  # the damaged shelf was dropped and built again


def test_a_shelf_decodes_the_sounds_of_the_reports_it_asks(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pinyin and typos read a report's sounds: a shelf decodes each report's on its own, when its
    labels are read, not those of every report at once (in 400 copies of the bundled report, 10 MiB
    held for the hints of a miss from the first)."""
    decoded: list[object] = []
    real = match.stored_sounds

    def counting(meta: object) -> match.Sounds | None:
        decoded.append(meta)
        return real(meta)

    reports = fast._reports(str(folder))
    assert reports is not None and reports[0].shelf is not None and len(reports) == 4
    monkeypatch.setattr(match, "stored_sounds", counting)
    sounds = reports[0].labels(keep=False).sounds
    assert sounds is not None and "生" in sounds[0]
    assert len(decoded) == 1
    decoded.clear()
    assert fast._found("diqu", None, reports) is not None  # pinyin, in every report
    assert len(decoded) == len(reports)


def test_a_show_reads_no_sounds_however_many_records_are_ranked(
    tmp_path: Path, where: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each ranked record's labels hold letters before a hanzi ("rank全省"), whose places a search
    in pinyin reads. They were kept in the meta every call decodes: at 100,000 records 200 KiB,
    and a warm ``show`` there took 1.2 times as long as in the bundled report. They are a piece
    of their own now, read by a search in pinyin only, and the meta does not grow with them."""
    sizes = []
    for count in (1, 400):
        lines = [MINIMAL.split("indicators:")[0] + "indicators:"]
        lines += [
            f"  - {{id: r{n}, name: 煤炭产量{n}号, name_en: Coal output {n}, section: economy, item: 1, value: 1,"
            f' unit: "万吨", rank: 2, rank_scope: province}}'
            for n in range(count)
        ]
        path = tmp_path / f"ranked-{count}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        loading.load_all([path])
        (report,) = fast._reports(str(path)) or []
        sizes.append(report.entry.size("meta"))
        assert report.sounds() is not None and len(report.sounds() or ()) == 4
    assert abs(sizes[0] - sizes[1]) < 100  # the id and count alone differ
    read: list[str] = []
    real = store.Entry.value

    def value(entry: store.Entry, name: str) -> object:
        read.append(name)
        return real(entry, name)

    monkeypatch.setattr(store.Entry, "value", value)
    assert _answer(path, "show", "r0") is not None
    assert "sounds" not in read
    assert _answer(path, "search", "tanchan") is not None  # pinyin across two words: no concept
    assert "sounds" in read
