"""Nothing breaks: bad data files, odd locales and encodings, interrupts, and exactness under round trips.

Almost everything here runs the installed command in subprocesses, as a script or a user would; bad
data files go through the console script's own function in this process.
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from conftest import MINIMAL, invoke

DOCUMENTED_EXITS = {0, 1, 2, 3, 4, 130}


def run(exe: str | list[str], env: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    command = [exe] if isinstance(exe, str) else exe
    return subprocess.run([*command, *args], env=env, capture_output=True, check=False, timeout=60)


# ── encodings and locales ─────────────────────────────────────────────────────

LATIN1 = (
    "en_US.iso88591" in subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout
)
"""Whether the machine has the Latin-1 locale below (the project's machines have only C and C.utf8)."""
# Each locale with the encoding standard output gets, and which kind of console that is: "utf-8"
# shows everything, "gbk" everything but typographic glyphs, "narrow" no Chinese at all.
LOCALES: list[tuple[dict[str, str], str, str]] = [
    ({"LANG": "C"}, "utf-8", "utf-8"),  # Python's UTF-8 mode
    ({"LC_ALL": "C"}, "utf-8", "utf-8"),
    ({"LC_ALL": "POSIX"}, "utf-8", "utf-8"),
    ({"LC_ALL": "C", "PYTHONUTF8": "0"}, "ascii", "narrow"),
    ({"PYTHONIOENCODING": "ascii"}, "ascii", "narrow"),
    ({"PYTHONIOENCODING": "latin-1"}, "latin-1", "narrow"),
    ({"PYTHONIOENCODING": "gbk"}, "gbk", "gbk"),
    ({"PYTHONIOENCODING": "utf-8"}, "utf-8", "utf-8"),
    # A locale the machine may lack: Python then falls back to C, which it coerces to UTF-8.
    (
        {"PYTHONUTF8": "0", "LANG": "en_US.ISO-8859-1"},
        *(("latin-1", "narrow") if LATIN1 else ("utf-8", "utf-8")),
    ),
]
# Each call with its exit code on each kind of console, and what its output must contain.
RUNS: list[tuple[list[str], dict[str, int], str]] = [
    (["show", "GDP"], {"utf-8": 0, "gbk": 0, "narrow": 4}, "2806.2"),
    (["list"], {"utf-8": 0, "gbk": 0, "narrow": 4}, "2806.2"),
    (["show", "PM2.5", "-f", "table"], {"utf-8": 0, "gbk": 0, "narrow": 4}, "36"),
    (["compare", "gdp", "pm25", "-f", "table"], {"utf-8": 0, "gbk": 0, "narrow": 4}, "2806.2"),
    (["search", "煤", "-f", "markdown"], {"utf-8": 0, "gbk": 0, "narrow": 4}, "1.71"),
    (["list", "-f", "json"], {"utf-8": 0, "gbk": 0, "narrow": 0}, "2806.2"),
    (["search", "煤", "-f", "json"], {"utf-8": 0, "gbk": 0, "narrow": 0}, "1.71"),
    (["show", "地区生产总值错"], {"utf-8": 1, "gbk": 1, "narrow": 1}, ""),
    (["list", "--sort", "中文"], {"utf-8": 2, "gbk": 2, "narrow": 2}, ""),
]


EVERY_LOCALE = [
    ["show", "GDP"],
    ["compare", "gdp", "pm25", "-f", "table"],
    ["list", "-f", "json"],
    ["show", "地区生产总值错"],
]
"""The runs tried under every locale: the look-up path, a Rich table, JSON and an error message. The
first locale of each kind of console tries every run; what a command does depends on the stream's
encoding, which each locale reaches its own way."""
CASES = [
    pytest.param(
        locale, encoding, console, args, codes, expected,
        id=f"{' '.join(args)}-{','.join(f'{k}={v}' for k, v in locale.items())}-{encoding}-{console}",
    )
    for n, (locale, encoding, console) in enumerate(LOCALES)
    for args, codes, expected in RUNS
    if args in EVERY_LOCALE or console not in {c for _, _, c in LOCALES[:n]}
]  # fmt: skip


@pytest.mark.parametrize(("locale", "encoding", "console", "args", "codes", "expected"), CASES)
def test_locale_gives_correct_output_or_one_clear_refusal(
    zzreport_exe: str,
    clean_env: dict[str, str],
    locale: dict[str, str],
    encoding: str,
    console: str,
    args: list[str],
    codes: dict[str, int],
    expected: str,
) -> None:
    env = {
        k: v for k, v in clean_env.items() if k not in ("LANG", "LC_ALL", "PYTHONIOENCODING", "PYTHONUTF8")
    }
    env.update(locale)
    r = run(zzreport_exe, env, *args)
    assert b"Traceback" not in r.stderr + r.stdout
    assert r.returncode == codes[console], r.stderr
    if r.returncode == 0:
        text = r.stdout.decode(encoding)
        if "json" in args:
            assert json.loads(text)
        assert expected in text
    else:
        assert r.stdout == b""  # refused before writing anything
        assert r.stderr.count(b"\n") >= 1
    if r.returncode == 4:
        assert r.stderr.count(b"\n") == 1 and b"cannot show" in r.stderr


# ── interrupts ────────────────────────────────────────────────────────────────


def test_ctrl_c_exits_130_without_traceback(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    record = MINIMAL[MINIMAL.index("  - id: gdp") :]
    body = "".join(
        record.replace("id: gdp", f"id: x{n}").replace("地区生产总值", f"名{n}").replace("Gross domestic product", f"N{n}")
        .replace("aliases: [GDP]", "aliases: []")
        for n in range(100000)
    )  # fmt: skip
    big = tmp_path / "big.yaml"
    big.write_text(MINIMAL[: MINIMAL.index("  - id: gdp")] + body, encoding="utf-8")
    env = {**clean_env, "ZZREPORT_NO_CACHE": "1"}
    proc = subprocess.Popen(
        [zzreport_exe, "--data", str(big), "list"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    # Interrupt once the command says it is reading the big file (a second into parsing it).
    if not select.select([proc.stderr], [], [], 60)[0]:
        proc.kill()
        pytest.fail("no word on stderr within 60 s of starting to read a 25 MiB file")
    said = proc.stderr.readline()
    assert said.startswith(b"zzreport: reading "), said
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err == b"zzreport: interrupted\n"  # what the README promises, and no traceback
    assert b"Traceback" not in err
    assert out == b""


# ── bad data files ────────────────────────────────────────────────────────────


def _minimal(old: str, new: str) -> str:
    assert old in MINIMAL
    return MINIMAL.replace(old, new, 1)


BAD_FILES: list[tuple[str, bytes, str]] = [
    ("not-yaml", b"a: [1, 2\nb: {", ":2: not valid YAML"),
    ("empty", b"", ": is empty"),
    ("top-level-list", b"- 1\n- 2\n", ":1: the file must be a mapping"),
    (
        "missing-field",
        _minimal("    name: 地区生产总值\n", "").encode(),
        ":17: indicators[0].name: required field is missing",
    ),
    (
        "wrong-type",
        _minimal("item: 1", "item: [1]").encode(),
        ":22: indicators[0].item: must be a single value",
    ),
    (
        "unknown-section",
        _minimal("section: economy", "section: moon").encode(),
        ":21: indicators[0].section: 'moon' is not",
    ),
    (
        "unknown-unit",
        _minimal("unit: 亿元", "unit: 亿 元").encode(),
        ":24: indicators[0].unit: '亿 元' is not a unit",
    ),
    (
        "unknown-change-kind",
        _minimal('change_unit: "%"', "change_unit: times").encode(),
        ":26: indicators[0].change_unit: 'times' is not one of",
    ),
    (
        "duplicate-key",
        _minimal("    item: 1\n", "    item: 1\n    item: 2\n").encode(),
        ":23: indicators[0].item: duplicate key 'item'",
    ),
    (
        "trailing-zero-kept-or-refused",
        _minimal("value: 1.10", "value: 012").encode(),
        ":23: indicators[0].value: '012' is not a plain decimal",
    ),
    (
        "sexagesimal",
        _minimal("value: 1.10", "value: 1:30").encode(),
        ":23: indicators[0].value: '1:30' is not a plain decimal",
    ),
    (
        "boolean-word",
        _minimal("value: 1.10", "value: on").encode(),
        ":23: indicators[0].value: 'on' is not a plain decimal",
    ),
    (
        "nan",
        _minimal("value: 1.10", "value: .nan").encode(),
        ":23: indicators[0].value: '.nan' is not a plain decimal",
    ),
    (
        "date-as-year",
        _minimal("year: 2023", "year: 2024-01-01").encode(),
        ":8: report.year: '2024-01-01' is not a year",
    ),
    (
        "NO-as-id",
        _minimal("id: gdp", "id: NO").encode(),
        ":17: indicators[0].id: 'NO' is not a short lowercase ASCII id",
    ),
    ("alias", b"a: &x [1]\nb: *x\n", ":1: anchors and aliases"),
    (
        "python-tag",
        b"a: !!python/object/apply:os.system ['touch PWNED']\n",
        ":1: YAML tags such as 'tag:yaml.org,2002:python/object/apply:os.system' are not allowed",
    ),
    ("custom-tag", b"a: !secret x\n", ":1: YAML tags such as '!secret' are not allowed"),
    ("gb18030", MINIMAL.encode("gb18030"), ":4: not UTF-8"),
    ("tabs", b"format: 1\nreport:\n\tid: x\n", ":3: not valid YAML"),
]


@pytest.mark.parametrize(("name", "content", "expected"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_data_file(
    clean_env: dict[str, str], tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    # The console script's own function in this process: what is read and said does not depend on
    # the launcher (the locale runs above and the Ctrl-C run below go through it).
    path = tmp_path / f"{name}.yaml"
    marker = tmp_path / "pwned"
    path.write_bytes(content.replace(b"PWNED", str(marker).encode()))
    r = invoke("--data", str(path), "list", env=clean_env)
    err = r.err
    assert (r.code, r.stdout) == (3, b""), err
    assert f"zzreport: {path}{expected}" in err
    assert "Traceback" not in err
    assert not marker.exists()  # the python tag was refused, never run


def test_duplicate_ids_and_aliases_in_a_file(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    record = MINIMAL[MINIMAL.index("  - id: gdp") :]
    path = tmp_path / "dups.yaml"
    path.write_text(
        MINIMAL
        + record.replace("id: gdp", "id: other")
        .replace("地区生产总值", "别的")
        .replace("Gross domestic product", "Other"),
        encoding="utf-8",
    )
    r = run(zzreport_exe, clean_env, "--data", str(path), "list")
    assert r.returncode == 3
    assert f"{path}:30: indicators[1].aliases[0]: 'GDP' already names 'gdp' (line 17)" in r.stderr.decode()


def test_every_problem_is_listed(zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(
        MINIMAL.replace("value: 1.10", "value: x")
        .replace("unit: 亿元", "unit: y 2")
        .replace("item: 1", "item: z"),
        encoding="utf-8",
    )
    r = run(zzreport_exe, clean_env, "--data", str(path), "list")
    lines = r.stderr.decode().splitlines()
    assert r.returncode == 3
    assert [line.split(":")[2] for line in lines] == ["22", "23", "24"]


def test_bom_and_crlf_accepted(zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode())
    r = run(zzreport_exe, clean_env, "--data", str(path), "show", "gdp", "--fields", "value")
    assert (r.returncode, r.stdout) == (0, b"value\n1.10\n")


@pytest.mark.parametrize("kind", ["missing", "directory", "huge", "unreadable"])
def test_unusable_paths(zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path, kind: str) -> None:
    path = tmp_path / "x.yaml"
    command = [zzreport_exe]
    expected = {"missing": "no such file", "directory": "holds no .yaml or .yml report files", "huge": "is larger than 64 MiB",
                "unreadable": "permission denied"}[kind]  # fmt: skip
    if kind == "directory":
        path.mkdir()
    elif kind == "huge":
        with path.open("wb") as f:
            f.truncate(65 * 1024 * 1024)  # sparse: costs no disk
    elif kind == "unreadable":
        path.write_text(MINIMAL, encoding="utf-8")
        path.chmod(0)
        setpriv = shutil.which("setpriv")
        if os.geteuid() == 0:
            if setpriv is None:
                pytest.skip("root reads files whatever their mode, and setpriv is missing")
            # root without the power to read what the mode forbids, as any other user runs
            command = [setpriv, "--bounding-set=-dac_override,-dac_read_search", zzreport_exe]
    r = run(command, clean_env, "--data", str(path), "list")
    assert (r.returncode, r.stdout) == (3, b"")
    assert (
        r.stderr.decode()
        == f"zzreport: {path}: {expected}"
        + (", the limit for a report file" if kind == "huge" else "")
        + "\n"
    )


# ── output safety ─────────────────────────────────────────────────────────────


def _hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    text = (
        MINIMAL.replace("Gross domestic product", '"=HYPERLINK(\\"http://x\\")"')
        .replace("name: 地区生产总值", 'name: "[bold red]粗体[/] \\a bell"')
        .replace("    unit: 亿元\n", '    unit: 亿元\n    note: "@SUM(A1) -2+3 line\\nbreak"\n')
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_markup_in_data_is_printed_literally(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    path = _hostile(tmp_path)
    r = run(
        zzreport_exe,
        {**clean_env, "FORCE_COLOR": "1", "COLUMNS": "120"},
        "--data",
        str(path),
        "show",
        "gdp",
        "-f",
        "table",
    )
    assert r.returncode == 0
    assert "[bold red]粗体[/]" in r.stdout.decode()


def test_spreadsheet_formulas_are_neutralised_in_excel_mode(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    path = _hostile(tmp_path)
    fields = "name_en,note,value,change"
    plain = run(
        zzreport_exe, clean_env, "--data", str(path), "show", "gdp", "--fields", fields
    ).stdout.decode()
    excel = run(
        zzreport_exe, clean_env, "--data", str(path), "show", "gdp", "--fields", fields, "--bom"
    ).stdout.decode("utf-8-sig")
    assert plain.splitlines()[1].startswith('"=HYPERLINK(""http://x"")"')
    assert "'=HYPERLINK" in excel and "'@SUM(A1)" in excel
    assert excel.rstrip("\r\n").endswith(",1.10,-0.50")  # numbers untouched


def test_json_escapes_control_characters(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    path = _hostile(tmp_path)
    out = run(zzreport_exe, clean_env, "--data", str(path), "show", "gdp", "-f", "json").stdout.decode()
    assert "\\u0007" in out and "\\n" in out
    assert not any(ord(c) < 32 and c != "\n" for c in out)
    assert json.loads(out)[0]["note"] == "@SUM(A1) -2+3 line\nbreak"


def test_stdout_and_stderr_do_not_mix(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    ok = run(zzreport_exe, clean_env, "show", "gdp", "nope")
    assert ok.returncode == 1 and ok.stdout == b""
    assert run(zzreport_exe, clean_env, "list").stderr == b""


# ── standard output that cannot take everything ──────────────────────────────


@pytest.mark.parametrize("fast", ["", "1"])
@pytest.mark.parametrize("unbuffered", ["", "1"])
def test_a_full_disk_fails_the_run(
    zzreport_exe: str, clean_env: dict[str, str], fast: str, unbuffered: str
) -> None:
    env = {**clean_env, "ZZREPORT_NO_FASTPATH": fast, "PYTHONUNBUFFERED": unbuffered}
    with Path("/dev/full").open("wb") as full:
        r = subprocess.run([zzreport_exe, "list"], env=env, stdout=full, stderr=subprocess.PIPE, check=False)
    assert (r.returncode, r.stderr) == (
        4,
        b"zzreport: cannot write to standard output: No space left on device\n",
    )


def test_closed_stdout_is_a_clear_error(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    r = run(["bash", "-c", f"'{zzreport_exe}' show gdp >&-"], clean_env)
    assert (r.returncode, r.stderr) == (
        4,
        b"zzreport: standard output is closed; redirect it to a file or /dev/null\n",
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["validate", "DATA"], 0),
        (["--data", "/nonexistent.yaml", "list"], 3),
        (["show", "gdp"], 0),
        (["show", "nope"], 1),
    ],
)
def test_closed_stderr_keeps_exit_codes(
    zzreport_exe: str, clean_env: dict[str, str], args: list[str], code: int
) -> None:
    from zzreport import bundled

    words = " ".join(f"'{bundled.path() if a == 'DATA' else a}'" for a in args)
    r = run(["bash", "-c", f"'{zzreport_exe}' {words} 2>&- >/dev/null"], clean_env)
    assert r.returncode == code


def _wait_until_blocked_on(read_end: int, pid: int) -> None:
    """Return once the pipe holds output and its writer sleeps, waiting for room (polled, 60 s at
    most); where /proc is missing, once the pipe holds output."""
    stat = Path(f"/proc/{pid}/stat")
    for _ in range(6000):
        waiting = int.from_bytes(fcntl.ioctl(read_end, termios.FIONREAD, bytes(4)), sys.byteorder)
        if waiting and (not stat.exists() or stat.read_text().rpartition(")")[2].split()[0] == "S"):
            return
        time.sleep(0.01)
    pytest.fail("the command wrote nothing into the pipe within 60 s")


def test_a_slow_non_blocking_reader_gets_every_byte(zzreport_exe: str, clean_env: dict[str, str]) -> None:
    whole = run(zzreport_exe, clean_env, "list", "-f", "json").stdout
    assert len(whole) > 65536  # more than a pipe holds
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    env = {**clean_env, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [zzreport_exe, "list", "-f", "json"], env=env, stdout=write_end, stderr=subprocess.PIPE
    )
    os.close(write_end)
    _wait_until_blocked_on(read_end, proc.pid)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    _, err = proc.communicate(timeout=30)
    assert (proc.returncode, err) == (0, b"")
    assert b"".join(chunks) == whole


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_terminal_escapes_in_data_are_shown_not_obeyed(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / "escapes.yaml"
    name = "\\e]0;pwned\\a总值\\u202egnp\\x9b"  # YAML escapes: a title change, BEL, RTL override, CSI
    path.write_text(MINIMAL.replace("name: 地区生产总值", f'name: "{name}"'), encoding="utf-8")
    r = run(zzreport_exe, {**clean_env, "COLUMNS": "200"}, "--data", str(path), "show", "gdp", "-f", fmt)
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    shown = "\\x1b]0;pwned\\x07总值\\u202egnp\\x9b"
    assert (
        shown if fmt == "table" else shown.replace("\\", "\\\\").replace("]", "\\]")
    ) in out  # Markdown escapes its backslashes and brackets
    assert not any(c in out for c in "\x1b\x07\u202e\x9b")
    csv_out = run(zzreport_exe, clean_env, "--data", str(path), "show", "gdp", "--fields", "name").stdout
    assert (
        csv_out == "name\n\x1b]0;pwned\x07总值\u202egnp\x9b\n".encode()
    )  # data formats carry the data as it is


# ── names, encodings and characters of files ──────────────────────────────────


def test_a_file_name_that_is_not_utf8_is_shown_escaped(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "unzipped"
    folder.mkdir()
    gbk_name = "报告".encode("gbk") + b".yaml"  # as unzipping a Windows archive leaves it
    fd = os.open(os.fsencode(folder) + b"/" + gbk_name, os.O_WRONLY | os.O_CREAT, 0o644)
    os.write(fd, MINIMAL.replace("value: 1.10", "value: x").encode())
    os.close(fd)
    r = run(zzreport_exe, clean_env, "validate", str(folder), "-f", "json")
    assert r.returncode == 3, r.stderr
    (entry,) = json.loads(r.stdout)["files"]
    assert entry["file"] == f"{folder}/\\xb1\\xa8\\xb8\\xe6.yaml"
    text = run(zzreport_exe, clean_env, "validate", str(folder))
    assert text.stdout.decode().startswith(f"{folder}/\\xb1\\xa8\\xb8\\xe6.yaml:23: ")


def test_a_newline_in_a_file_name_does_not_split_messages(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "two\nlines.yaml"
    path.write_text(MINIMAL.replace("value: 1.10", "value: x"), encoding="utf-8")
    r = run(zzreport_exe, clean_env, "--data", str(path), "list")
    assert r.returncode == 3
    assert r.stderr.decode().count("\n") == 1
    assert f"{tmp_path}/two\\nlines.yaml:23: " in r.stderr.decode()


def test_utf16_files_are_named_as_such(zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "my report.yaml"
    path.write_bytes(MINIMAL.encode("utf-16"))
    r = run(zzreport_exe, clean_env, "--data", str(path), "list")
    assert (r.returncode, r.stdout) == (3, b"")
    assert r.stderr.decode() == (
        f"zzreport: {path}:1: UTF-16 (it starts with a UTF-16 byte-order mark), not UTF-8; "
        f"convert it: iconv -f UTF-16 -t UTF-8 '{path}' > fixed.yaml\n"
    )


@pytest.mark.parametrize(("raw", "code"), [("\x07", "0007"), ("\x00", "0000")])
def test_a_raw_control_character_is_one_line_with_its_line(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path, raw: str, code: str
) -> None:
    path = tmp_path / "raw.yaml"
    path.write_text(MINIMAL.replace("region_en: Sample", f"region_en: Sam{raw}ple"), encoding="utf-8")
    r = run(zzreport_exe, clean_env, "--data", str(path), "list")
    assert (r.returncode, r.stdout) == (3, b"")
    assert r.stderr.decode().count("\n") == 1
    assert r.stderr.decode().startswith(f"zzreport: {path}:5: control character U+{code} is not allowed")


@pytest.mark.parametrize("args", [["validate", "BUNDLED", "-f", "json"], ["schema"]])
def test_json_works_on_an_ascii_console(
    zzreport_exe: str, clean_env: dict[str, str], args: list[str]
) -> None:
    from zzreport import bundled

    env = {**clean_env, "PYTHONIOENCODING": "ascii"}
    r = run(zzreport_exe, env, *[bundled.path() if a == "BUNDLED" else a for a in args])
    assert r.returncode == 0, r.stderr
    assert r.stdout.isascii()
    assert json.loads(r.stdout)


def test_validate_treats_an_unreadable_file_alike_named_or_in_a_folder(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "locked.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    path.chmod(0)
    setpriv = shutil.which("setpriv")
    if os.geteuid() == 0 and setpriv is None:
        pytest.skip("root reads any file, and setpriv is missing")
    command = (
        [setpriv, "--bounding-set=-dac_override,-dac_read_search", zzreport_exe]
        if os.geteuid() == 0
        else [zzreport_exe]
    )
    direct = run(command, clean_env, "validate", str(path), "-f", "json")  # type: ignore[arg-type]
    folder = run(command, clean_env, "validate", str(tmp_path), "-f", "json")  # type: ignore[arg-type]
    assert direct.returncode == folder.returncode == 3
    assert json.loads(direct.stdout) == json.loads(folder.stdout)
    assert json.loads(direct.stdout)["files"][0]["problems"][0]["message"] == "permission denied"


def test_folders_name_what_they_skip(zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "UPPER.YAML").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    r = run(zzreport_exe, clean_env, "validate", str(tmp_path))
    assert r.returncode == 3
    assert (
        r.stdout.decode()
        == f"{tmp_path / 'gone.yaml'}: is a link to nothing (a broken link), so it was not read\n"
    )
    assert (
        r.stderr.decode() == "zzreport: 2 files checked: 1 valid, 1 with 1 problem\n"
    )  # UPPER.YAML was read
    (tmp_path / "gone.yaml").unlink()
    listed = run(zzreport_exe, clean_env, "--data", str(tmp_path), "list", "--fields", "report")
    assert (listed.returncode, listed.stdout) == (0, b"report\nsample-2023\n")
