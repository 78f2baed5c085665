"""The builtins-only renderers and matching write exactly what the standard library would.

``zzreport.machine`` writes CSV, TSV and JSON without importing ``csv`` or ``json``, and
``zzreport.match`` normalises without ``re``, so the look-up path starts fast; these tests hold them
to the standard library for any value.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zzreport import match
from zzreport.machine import Records, Value, cell, delimited, json_text, json_value

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.text(max_size=20),
    st.sampled_from(
        [
            "",
            "a,b",
            'say "hi"',
            "line\nbreak",
            "cr\rret",
            "tab\there",
            "=1+1",
            "-7.7",
            "+5",
            "@x",
            "\ufeffx",
            "\r",
        ]
    ),
)
names = st.text(min_size=1, max_size=8)


@st.composite
def records(draw: st.DrawFn) -> Records:
    fields = tuple(draw(st.lists(names, min_size=1, max_size=5, unique=True)))
    rows = draw(st.lists(st.tuples(*[values] * len(fields)), max_size=4))
    return Records(fields, tuple(rows))


def _stdlib_csv(r: Records, sep: str, header: bool, excel: bool) -> str:
    # The csv writer quotes a cell holding any character of its line terminator: with this one, CR
    # and LF whatever the line end, and a byte order mark. Each row's terminator is then replaced.
    terminator = "\r\n\ufeff"
    rows = [list(r.fields)] if header else []
    rows += [[cell(v, excel=excel) for v in row] for row in r.rows]
    out = []
    for row in rows:
        buf = io.StringIO()
        csv.writer(buf, delimiter=sep, lineterminator=terminator).writerow(row)
        out.append(buf.getvalue().removesuffix(terminator) + ("\r\n" if excel else "\n"))
    return ("\ufeff" if excel else "") + "".join(out)


@given(r=records(), sep=st.sampled_from([",", "\t"]), header=st.booleans(), excel=st.booleans())
def test_delimited_text_is_what_the_csv_module_writes(
    r: Records, sep: str, header: bool, excel: bool
) -> None:
    assert delimited(r, sep=sep, header=header, excel=excel) == _stdlib_csv(r, sep, header, excel)


def test_a_lone_empty_cell_is_quoted_as_csv_does() -> None:
    r = Records(("a",), (("",), (None,)))
    assert delimited(r, sep=",", header=False, excel=False) == '""\n""\n'


@given(r=records(), ascii_only=st.booleans())
def test_json_text_is_what_json_dumps_writes(r: Records, ascii_only: bool) -> None:
    objects = [dict(zip(r.fields, row, strict=True)) for row in r.rows]
    assert (
        json_text(r, lines=False, ascii_only=ascii_only)
        == json.dumps(objects, ensure_ascii=ascii_only, indent=2) + "\n"
    )
    assert json_text(r, lines=True, ascii_only=ascii_only) == "".join(
        json.dumps(o, ensure_ascii=ascii_only) + "\n" for o in objects
    )


@given(v=values, ascii_only=st.booleans())
def test_each_json_value(v: Value, ascii_only: bool) -> None:
    assert json_value(v, ascii_only=ascii_only) == json.dumps(v, ensure_ascii=ascii_only)


def test_empty_records_in_json() -> None:
    assert json_text(Records(("a",), ()), lines=False) == "[]\n"
    assert json_text(Records(("a",), ()), lines=True) == ""


def test_excel_mode_leaves_numbers_alone() -> None:
    assert [cell(t, excel=True) for t in ["-7.7", "+5", "-1", "=1", "-x", "-1.", "-.5", "-１"]] == [
        "-7.7", "+5", "-1", "'=1", "'-x", "'-1.", "'-.5", "'-１",
    ]  # fmt: skip


def test_space_table_is_every_unicode_space() -> None:
    spaces = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert spaces == set(match._SPACE)


_NOISE = re.compile(
    r"[\s._\-·•/()（）\"'“”‘’、，。：；！？《》〈〉「」『』【】〔〕—–…,;:!?\[\]{}<>#&+=*~@$^`|\\%]+"
)


@given(
    text=st.text(max_size=30)
    | st.sampled_from(["PM2.5", "GDP growth", "地区 生产总值", "（一）", "a\u3000b"])
)
def test_normalize_drops_spaces_and_punctuation_as_a_regex_would(text: str) -> None:
    unified = text if text.isascii() else match._unified(text)
    assert match.normalize(text) == _NOISE.sub("", unified.casefold())


@given(text=st.text(alphabet="ab1 -,.'/", max_size=20))
def test_label_form_keeps_english_words_apart_by_one_space(text: str) -> None:
    words = [w for w in (re.sub(r"[.']", "", part) for part in re.split(r"[\s\-,/]+", text)) if w]
    assert match.spaced(text) == " ".join(words)
    assert match.compact(match.spaced(text)) == match.normalize(text)


@pytest.mark.parametrize(
    ("label", "key", "points"),
    [
        ("paired", "air", 0),  # never inside an English word
        ("air quality", "air", 80),
        ("urban air quality", "air", 70),
        ("urban air quality", "airq", 70),  # a word's beginning running on
        ("gross regional product", "grossregionalproduct", 100),
        ("gross regional product", "product", 70),
        ("gross regional product", "duct", 0),
        ("新增城镇就业", "就业", 80),  # a Chinese name ends in what it counts
        ("就业示范项目", "就业", 75),
        ("林下经济带动就业增收", "就业", 70),
        ("人均gdp", "gdp", 70),
        ("pm25浓度", "25", 0),
    ],
)
def test_where_a_query_meets_a_label(label: str, key: str, points: int) -> None:
    assert match.where(label, key) == points


def test_the_plain_blocks_are_their_own_nfkc_form() -> None:
    """``match._unified`` skips NFKC for text of ASCII and U+4E00..U+9FFF alone: every such
    character is its own NFKC form, and none composes with another."""
    import unicodedata

    plain = [chr(c) for c in (*range(0x80), *range(0x4E00, 0xA000))]
    assert all(unicodedata.normalize("NFKC", c) == c for c in plain)
    assert all(unicodedata.combining(c) == 0 for c in plain)
    assert all(unicodedata.normalize("NFKC", "".join(plain[i : i + 7])) == "".join(plain[i : i + 7])
               for i in range(0, len(plain), 5))  # fmt: skip


@given(text=st.text(alphabet=st.characters(max_codepoint=0xA000), max_size=80))
def test_unified_text_is_nfkc_then_simplified(text: str) -> None:
    import unicodedata

    from zzreport.simplified import SIMPLIFIED, TRADITIONAL

    expected = unicodedata.normalize("NFKC", text).translate(str.maketrans(TRADITIONAL, SIMPLIFIED))
    match._NFKC.clear()  # as in a process that has not loaded unicodedata
    assert match._unified(text) == expected


def test_normalize_folds_wide_and_traditional_forms() -> None:
    assert match.normalize("ＧＤＰ") == match.normalize("GDP") == "gdp"
    assert match.normalize("PM２.５") == match.normalize("PM2.5") == "pm25"
    assert match.normalize("地區生產總值") == match.normalize("地区生产总值")
    assert match.normalize("乾") == "乾"  # OpenCC maps it two ways (干, 乾): left alone


def test_ascii_json_escapes_delete_as_json_does() -> None:
    # Found by the property test above: DEL is ASCII, but json.dumps(ensure_ascii=True) escapes it.
    assert json_value("a\x7fb", ascii_only=True) == json.dumps("a\x7fb") == '"a\\u007fb"'
    assert json_value("a\x7fb") == json.dumps("a\x7fb", ensure_ascii=False)
