"""Property tests: exact decimals survive every machine format, and no argument list breaks the CLI."""

from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
from decimal import Decimal

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, MINIMAL, examples, run_main
from zzreport import match
from zzreport.loading import bundled_path, parse
from zzreport.model import Dataset
from zzreport.render import Format, Options, Output, render
from zzreport.render import records as r

DECIMAL = st.from_regex(r"-?(0|[1-9][0-9]{0,14})(\.[0-9]{1,10})?", fullmatch=True).filter(lambda t: t != "-0")
TEXT = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40)
    .map(str.strip)
    .filter(bool)
)


def _q(text: str) -> str:
    """A YAML double-quoted scalar with every non-ASCII character escaped."""
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif " " <= c <= "~":
            out.append(c)
        else:
            out.append(f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}")
    return '"' + "".join(out) + '"'


def _machine(ds: Dataset) -> dict[Format, list[dict[str, object]]]:
    out = Output(lambda: r.indicator_records(ds, ds.indicators), lambda lg: [])
    rows: dict[Format, list[dict[str, object]]] = {}
    for fmt in (Format.CSV, Format.TSV):
        text = render(fmt, out, Options())
        rows[fmt] = list(csv.DictReader(io.StringIO(text), delimiter="," if fmt is Format.CSV else "\t"))

    # JSON writes decimals as numbers of exactly their digits; read them back exactly, as text.
    def exact(record: dict[str, object]) -> dict[str, object]:
        return {k: str(v) if k in r.NUMBERS and v is not None else v for k, v in record.items()}

    def parsed(text: str) -> object:
        return json.loads(text, parse_float=Decimal, parse_int=Decimal)

    rows[Format.JSON] = [exact(o) for o in parsed(render(Format.JSON, out, Options()))]  # type: ignore[attr-defined]
    rows[Format.JSONL] = [exact(parsed(line)) for line in render(Format.JSONL, out, Options()).splitlines()]  # type: ignore[arg-type]
    return rows


@settings(max_examples=examples(100, 300), deadline=None)
@given(value=DECIMAL, change=DECIMAL, gap=DECIMAL.map(lambda t: t.lstrip("-")), name=TEXT, note=TEXT)
def test_any_valid_record_round_trips_exactly(
    value: str, change: str, gap: str, name: str, note: str
) -> None:
    text = (
        MINIMAL.replace("value: 1.10", f"value: {value}")
        .replace("change: -0.50", f"change: {change}")
        .replace("name: 地区生产总值", f"name: {_q(name)}")
        .replace("    unit: 亿元\n", f"    unit: 亿元\n    note: {_q(note)}\n")
        .replace("    item: 1\n", f"    item: 1\n    comparisons: [{{relation: above, benchmark: history, gap: {gap}, gap_unit: pp}}]\n")
    )  # fmt: skip
    ds = parse(text, "generated.yaml")
    for fmt, rows in _machine(ds).items():
        (row,) = rows
        assert (row["value"], row["change"], row["name"], row["note"]) == (value, change, name, note), fmt
        assert row["comparisons"] == f"above history {gap}pp", fmt


def test_bundled_data_round_trips_exactly() -> None:
    path = bundled_path()
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # noqa: S506 - text only
    written = {r["id"]: (r.get("value"), r.get("change")) for r in raw["indicators"]}
    ds = parse(path.read_text(encoding="utf-8"), str(path))
    for fmt, rows in _machine(ds).items():
        got = {r["id"]: (r["value"] or None, r["change"] or None) for r in rows}
        assert got == written, fmt


# ── fuzzing the command line ──────────────────────────────────────────────────

WORDS = ["list", "show", "compare", "search", "sections", "info", "fields", "gdp", "GDP", "PM2.5", "煤",
         "meitan", "--format", "-f", "csv", "json", "table", "markdown", "tsv", "jsonl", "--lang", "en", "zh",
         "--fields", "id,value", "id,,", "nope", "--no-header", "--bom", "--section", "environment", "-s",
         "--has", "rank", "--sort", "value", "change", "--reverse", "--limit", "-n", "0", "3", "-1", "--grep",
         "--data", "--version", "--help", "-h", "--", "-", "", " ", "[bold]", "\u2212", "\x00x", "é" * 300,
         "a" * 5000, "--limit=2", "-fjson", "--format=xml",
         # the hostile cases of the second round
         "ＧＤＰ", "PM２.５", "地區生產總值", "guo" * 500, "\x1b]0;x\x07", "\u202eevil", "--data=", "validate",
         "schema", "--across", "-a", "x" * 131072, "1" + "0" * 40]  # fmt: skip
ARGS = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=30)), max_size=8)


@pytest.fixture(scope="module")
def data_files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("fuzz")
    good, bad = folder / "good.yaml", folder / "bad.yaml"
    good.write_text(MINIMAL, encoding="utf-8")
    bad.write_text(MINIMAL.replace("value: 1.10", "value: x"), encoding="utf-8")
    head = MINIMAL[: MINIMAL.index("  - id: gdp")]
    odd = tmp_path_factory.mktemp("odd")
    (odd / "empty.yaml").write_text(head.replace("indicators:\n", "indicators: []\n"), encoding="utf-8")
    (odd / "utf16.yaml").write_bytes(MINIMAL.encode("utf-16"))
    (odd / "bell.yaml").write_text(
        MINIMAL.replace("region_en: Sample", "region_en: Sam\x07ple"), encoding="utf-8"
    )
    (odd / "huge.yaml").write_text(MINIMAL.replace("value: 1.10", "value: 1" + "0" * 40), encoding="utf-8")
    (odd / "long.yaml").write_text(
        head
        + f"  - {{id: x, name: {'国' * 3000}, name_en: X, section: economy, item: 1, value: 1, unit: 个}}\n",
        encoding="utf-8",
    )
    links = tmp_path_factory.mktemp("links")
    (links / "gone.yaml").symlink_to(links / "nowhere.yaml")
    files = [str(p) for p in sorted(odd.iterdir())]
    return [str(good), str(bad), str(folder / "missing.yaml"), str(folder), *files, str(odd), str(links)]


@settings(
    max_examples=examples(150, 1500),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(args=ARGS, data=st.data())
def test_no_argument_list_breaks_the_cli(
    args: list[str],
    data: st.DataObject,
    data_files: list[str],
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # NOTE: --data always gets one of our files, so the fuzzer never reads /dev/zero or the like.
    args = [
        data.draw(st.sampled_from(data_files)) if prev == "--data" else a
        for prev, a in zip(["", *args], args, strict=False)
    ]
    if args and args[-1] == "--data":
        args.append(data_files[0])
    args = [a.replace("\x00", "") for a in args]  # argv cannot hold NUL
    monkeypatch.setattr(sys, "argv", ["zzreport", *args])
    monkeypatch.delenv("ZZREPORT_FORMAT", raising=False)
    code = run_main()
    out, err = capsysbinary.readouterr()
    assert code in {0, 1, 2, 3, 4}, (args, code, err)
    assert b"Traceback" not in err + out, args
    if code != 0 and "validate" not in args:  # validate's report of problems is its output
        assert out == b"" or b"Usage" in out, args


# Pieces of stored labels: words of letters (ASCII and not), of letters and digits, hanzi, and
# every kind of white space ``str.split`` knows (the labels' separators among them) or "|".
LABEL_PIECES = st.sampled_from(
    ["coal", "GDP", "Output", "abc", "naïve", "ıron", "pm25", "a-b", "煤炭", "x", "\t", "\x0b", "\x1c",
     "\x1e", "\x1f", "\x85", "\xa0", "\u2028", "\u3000", " ", "|", "||", ".", ""]
)  # fmt: skip


@settings(max_examples=examples(300, 1000), deadline=None)
@given(blob=st.lists(LABEL_PIECES, max_size=12).map("".join) | st.text(max_size=40))
def test_the_words_of_labels_are_their_words_of_letters(blob: str) -> None:
    assert match.words(blob) == _split_words(blob)


def _split_words(blob: str) -> set[str]:
    """What a typo may stand for: labels parted at white space and "|", each part of ASCII letters
    only and longer than three."""
    return {w for w in blob.replace("|", " ").split() if w.isascii() and w.isalpha() and len(w) > 3}


def _near_a_letter_or_space(c: str) -> bool:
    """White space to ``str.split``, or a character that some case mapping or NFKC turns into an
    ASCII letter (ſ, K, ı, ｋ, ℌ): where a regular expression may part or match otherwise."""
    forms = (c.lower(), c.upper(), c.casefold(), unicodedata.normalize("NFKC", c))
    return c.isspace() or any(ch.isascii() and ch.isalpha() for form in forms for ch in form)


def test_the_words_of_labels_are_their_words_of_letters_beside_any_tricky_character() -> None:
    tricky = [c for c in map(chr, range(0x110000)) if not c.isascii() and _near_a_letter_or_space(c)]
    assert len(tricky) > 300  # every white space, and the look-alikes of letters
    for c in [*tricky, *map(chr, range(128)), "\u180e", "\u200b", "\ufeff", "\ud800"]:
        for blob in (f"abcd{c}efgh", f"{c}abcd|efgh{c}", f"ab{c}cd", f"wxyz{c}{c}ijkl|m", c * 5):
            assert match.words(blob) == _split_words(blob), repr(blob)


def test_a_records_machine_values_are_its_columns_read_one_by_one() -> None:
    # ``indicator_values`` reads every column at once; each column's own getter reads it alone.
    for path in (bundled_path(), *sorted(FIXTURES.glob("*.yaml"))):
        ds = parse(path.read_text(encoding="utf-8"), str(path))
        for ind in ds.indicators:
            alone = [get(ds, ind) for _, get in r.INDICATOR_FIELDS.values()]
            together = r.indicator_values(ds, ind)
            # Types too: an enum member equals the text it stands for, but is no machine value.
            assert [(type(v), v) for v in together] == [(type(v), v) for v in alone]
