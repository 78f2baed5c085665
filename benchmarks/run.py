"""Time whole zzreport processes against baselines in the same run, and check the performance goals.

Usage:
    python benchmarks/run.py            # start-up goals and large collections
    python benchmarks/run.py --quick    # fewer runs, no 100k collection
    python benchmarks/run.py --scale 10000,100000,300000 --runs 5   # warm look-ups at scale only
    python benchmarks/run.py --first-load 10000,100000,300000        # first loads at scale only

Runs the ``zzreport`` next to this interpreter (install it with ``pip install .``, not ``-e``: an
editable install is timed without compiled bytecode when PYTHONDONTWRITEBYTECODE is set). Commands are
interleaved round by round, so a busy moment slows every command alike; each figure is the median.
Peak memory is read per command by GNU time (``/usr/bin/time -f %M``), whose own fork starts small:
a child forked from this script would report this script's memory as its own. Baselines missing from
the machine (GNU time, csvgrep from csvkit, yq, jq) are reported as skipped, and so are the goals
that need them.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write as generate  # noqa: E402 - the generator lives beside this script

BIN = Path(sys.executable).parent
QUERY_KINDS = {
    "coal": "English",
    "meitan": "pinyin of a known word",
    "chanliang": "pinyin of a name",
    "mt": "initials",
    "coal output": "two words",
    "经济增长多少": "a question",
    "polution": "a typo",
}
"""Searches of each kind of query besides Chinese (search 煤), each held to the same goal."""


TABLES = {"search": ["search", "煤"], "compare": ["compare", "GDP", "pm25"], "list": ["list"]}
"""Tables a person waits for besides ``show``: each within 80 ms, ``list`` of the bundled report 120 ms."""


def _which(name: str) -> str | None:
    local = BIN / name
    return str(local) if local.exists() else shutil.which(name)


GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None


def measure(argv: Sequence[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds and exit status of one run."""
    start = time.perf_counter()
    code = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start, code.returncode


def peak_kib(argv: Sequence[str], env: dict[str, str]) -> int:
    """Peak resident memory of one run in KiB, by GNU time; 0 when it is missing."""
    if GNU_TIME is None:
        return 0
    r = subprocess.run([GNU_TIME, "-f", "%M", *argv], env=env, capture_output=True, text=True, check=False)
    return int(r.stderr.strip().splitlines()[-1])


def interleaved(
    commands: dict[str, list[str]], runs: int, env: dict[str, str]
) -> dict[str, tuple[float, int]]:
    """Median seconds and peak KiB of each command, run round-robin ``runs`` times after a warm-up."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for name, argv in commands.items():
        _, code = measure(argv, env)  # warm-up: fills the store, loads files into the page cache
        if code != 0:
            raise SystemExit(f"{name}: exit {code}: {' '.join(argv)}")
    for _ in range(runs):
        for name, argv in commands.items():
            times[name].append(measure(argv, env)[0])
    return {name: (statistics.median(times[name]), peak_kib(argv, env)) for name, argv in commands.items()}


class Report:
    """Collects goal checks and prints them as a table."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def goal(self, text: str, measured: float | None, limit: float, unit: str = "×") -> None:
        if measured is None:
            self.rows.append((text, "-", f"≤ {limit:g}{unit}", "SKIP"))
            return
        verdict = "PASS" if measured <= limit else "FAIL"
        self.rows.append((text, f"{measured:.2f}{unit}", f"≤ {limit:g}{unit}", verdict))

    def check(self, text: str, ok: bool, what: str) -> None:
        self.rows.append((text, what, "required", "PASS" if ok else "FAIL"))

    def print(self) -> bool:
        width = max(len(r[0]) for r in self.rows)
        print(f"\n{'goal'.ljust(width)}  {'measured':>10}  {'limit':>10}  verdict")
        for text, got, limit, verdict in self.rows:
            print(f"{text.ljust(width)}  {got:>10}  {limit:>10}  {verdict}")
        return all(r[3] != "FAIL" for r in self.rows)


def _table(results: dict[str, tuple[float, int]]) -> None:
    width = max(len(n) for n in results)
    print(f"{'command'.ljust(width)}  {'median':>9}  {'peak RSS':>9}")
    for name, (seconds, kib) in results.items():
        print(f"{name.ljust(width)}  {seconds * 1000:7.1f}ms  {kib / 1024:6.1f}MiB")


def startup(report: Report, runs: int, env: dict[str, str], work: Path) -> float:
    """Start-up goals on the bundled report; returns the median of a piped show."""
    zz = _which("zzreport")
    if zz is None:
        raise SystemExit("zzreport is not installed next to this interpreter: pip install .")
    exports = {"csv": work / "data.csv", "json": work / "data.json"}
    for fmt, path in exports.items():
        path.write_bytes(
            subprocess.run([zz, "list", "-f", fmt], env=env, capture_output=True, check=True).stdout
        )
    info = subprocess.run(
        [zz, "info", "-f", "csv", "--fields", "file", "--no-header"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    yaml_file = Path(info.stdout.strip())
    py = sys.executable
    commands = {
        "python -c pass": [py, "-c", "pass"],
        "python -c 'import typer'": [py, "-c", "import typer"],
        "zzreport show GDP -f csv": [zz, "show", "GDP", "-f", "csv"],
        "zzreport search 煤 -f csv": [zz, "search", "煤", "-f", "csv"],
        "zzreport show GDP -f table": [zz, "show", "GDP", "-f", "table"],
        **{f"zzreport {' '.join(argv)} -f table": [zz, *argv, "-f", "table"] for argv in TABLES.values()},
        "zzreport --help": [zz, "--help"],
        **{f"zzreport search {q} -f csv": [zz, "search", q, "-f", "csv"] for q in QUERY_KINDS},
        "zzreport -f json show pm25 (option first)": [zz, "-f", "json", "show", "pm25"],
    }
    csvgrep, yq, jq = _which("csvgrep"), _which("yq"), _which("jq")
    if csvgrep:
        commands["csvgrep id=gdp"] = [csvgrep, "-c", "id", "-m", "gdp", str(exports["csv"])]
        commands["csvgrep name~煤"] = [csvgrep, "-c", "name", "-r", "煤", str(exports["csv"])]
    if yq:
        commands["yq id=gdp"] = [yq, '.indicators[] | select(.id == "gdp")', str(yaml_file)]
    if jq:
        commands["jq id=gdp"] = [jq, '.[] | select(.id == "gdp")', str(exports["json"])]
        commands["jq name~煤"] = [jq, '.[] | select(.name | contains("煤"))', str(exports["json"])]
    results = interleaved(commands, runs, env)
    _table(results)

    def t(name: str) -> float | None:
        return results[name][0] if name in results else None

    def ratio(a: str, b: str) -> float | None:
        x, y = t(a), t(b)
        return None if x is None or y is None else x / y

    show, search = "zzreport show GDP -f csv", "zzreport search 煤 -f csv"
    report.goal("show GDP -f csv vs python -c pass", ratio(show, "python -c pass"), 2)
    report.goal("search 煤 -f csv vs python -c pass", ratio(search, "python -c pass"), 2)
    for q, kind in QUERY_KINDS.items():
        report.goal(
            f"search {q} ({kind}) vs python -c pass",
            ratio(f"zzreport search {q} -f csv", "python -c pass"),
            2,
        )
    report.goal(
        "-f json show pm25 (option first) vs python -c pass",
        ratio("zzreport -f json show pm25 (option first)", "python -c pass"),
        2,
    )
    report.goal("show GDP -f csv vs jq", ratio(show, "jq id=gdp"), 1)
    report.goal("search 煤 -f csv vs jq", ratio(search, "jq name~煤"), 1)
    report.goal("show GDP -f csv vs csvgrep", ratio(show, "csvgrep id=gdp"), 0.6)
    report.goal("table vs python -c pass", ratio("zzreport show GDP -f table", "python -c pass"), 9)
    for name, argv in {"show": ["show", "GDP"], **TABLES}.items():
        seconds = t(f"zzreport {' '.join(argv)} -f table")
        times_p = ratio(f"zzreport {' '.join(argv)} -f table", "python -c pass")
        label = f"{name} table" + (f" ({times_p:.1f}× python -c pass)" if times_p else "")
        report.goal(label, None if seconds is None else seconds * 1000, 120 if name == "list" else 80, " ms")
    report.goal("--help vs python -c pass", ratio("zzreport --help", "python -c pass"), 12)
    report.goal("peak memory of show", results[show][1] / 1024 if GNU_TIME else None, 25, " MiB")
    return results[show][0]


def first_load(zz: str, path: Path, env: dict[str, str], cache: Path) -> tuple[float, int, bool]:
    """Seconds, peak KiB and whether progress was shown, for a look-up that must read ``path``."""
    cold = {**env, "ZZREPORT_CACHE_DIR": str(cache)}
    argv = [zz, "--data", str(path), "search", "煤炭", "-f", "csv"]
    argv_timed = argv if GNU_TIME is None else [GNU_TIME, "-f", "%M", *argv]
    start = time.perf_counter()
    r = subprocess.run(argv_timed, env=cold, capture_output=True, check=True)
    seconds = time.perf_counter() - start
    kib = int(r.stderr.decode().strip().splitlines()[-1]) if GNU_TIME else 0
    return seconds, kib, b"reading" in r.stderr


def digest_seconds(path: Path) -> float:
    """What digesting the file costs once (the store's key for it), best of five."""
    from zzreport import store

    data = path.read_bytes()
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        store.digest(data)
        best = min(best, time.perf_counter() - start)
    return best


FIRST_LOAD_SIZES = (10_000, 100_000, 300_000)
"""Collections whose first load is timed against libyaml's own event parse of the same file."""

LIBYAML_EVENTS = """\
import gc, sys, yaml
gc.disable()  # as zzreport's first read does
with open(sys.argv[1], encoding="utf-8") as f:
    loader = yaml.CBaseLoader(f.read())
while loader.check_event():
    loader.get_event()
"""
"""The floor a first load is measured against: a process that reads the file and takes every one
of libyaml's events, as zzreport's loader does, and does nothing with them."""


def first_loads(report: Report, runs: int, env: dict[str, str], work: Path, *, sizes: Sequence[int]) -> None:
    """The first load of a large file (a look-up with an empty store) as a ratio to libyaml's event
    parse of it, the two run in turn ``runs`` times, and the first load's peak memory."""
    zz = _which("zzreport")
    if zz is None:
        raise SystemExit("zzreport is not installed next to this interpreter: pip install .")
    print(f"\n{'first load':<12}{'libyaml events':>16}{'first load':>12}{'ratio':>8}{'peak':>10}")
    for n in sizes:
        path = work / f"first-{n}.yaml"
        generate(n, path)
        parse = [sys.executable, "-c", LIBYAML_EVENTS, str(path)]
        measure(parse, env)  # the file into the page cache
        floors: list[float] = []
        ratios: list[float] = []
        loads: list[float] = []
        kib = 0
        for k in range(runs):
            floors.append(measure(parse, env)[0])
            cache = work / f"first-cache-{n}-{k}"
            seconds, kib, _ = first_load(zz, path, env, cache)
            shutil.rmtree(cache, ignore_errors=True)
            loads.append(seconds)
            ratios.append(seconds / floors[-1])
        ratio = statistics.median(ratios)
        cells = f"{statistics.median(floors):>15.2f}s{statistics.median(loads):>11.2f}s{ratio:>7.2f}×"
        print(f"{n:<12,}{cells}{kib / 1024:>6.0f} MiB")
        report.goal(f"{n // 1000}k: first load vs libyaml's event parse", ratio, 2)
        if n == 100_000:
            report.goal("100k: first load peak memory", kib / 1024 if GNU_TIME else None, 250, " MiB")


def collections_(
    report: Report, runs: int, env: dict[str, str], work: Path, *, sizes: Sequence[int], show_bundled: float
) -> None:
    zz = _which("zzreport")
    assert zz is not None  # noqa: S101 - checked in startup
    csvgrep = _which("csvgrep")
    search_times: dict[int, float] = {}
    for n in sizes:
        path = work / f"synthetic-{n}.yaml"
        generate(n, path)
        cache = work / f"cache-{n}"
        seconds, kib, progress = first_load(zz, path, env, cache)
        warm_env = {**env, "ZZREPORT_CACHE_DIR": str(cache)}
        csv_path = work / f"synthetic-{n}.csv"
        csv_path.write_bytes(subprocess.run([zz, "--data", str(path), "list", "-f", "csv"], env=warm_env,
                                            capture_output=True, check=True).stdout)  # fmt: skip
        commands = {
            f"search 煤炭 ({n})": [zz, "--data", str(path), "search", "煤炭", "-f", "csv"],
            f"show ind-7 ({n})": [zz, "--data", str(path), "show", "ind-7", "-f", "csv"],
            f"miss ({n})": [zz, "--data", str(path), "show", "no-such-thing", "-f", "csv"],
        }
        if csvgrep:
            commands[f"csvgrep name~煤炭 ({n})"] = [csvgrep, "-c", "name", "-r", "煤炭", str(csv_path)]
        results = interleaved({k: v for k, v in commands.items() if not k.startswith("miss")}, runs, warm_env)
        miss = statistics.median(measure(commands[f"miss ({n})"], warm_env)[0] for _ in range(3))
        print(
            f"\n{n} indicators: first load {seconds:.2f}s, {kib / 1024:.0f} MiB (progress shown: {progress})"
        )
        _table({**results, f"miss ({n})": (miss, 0)})
        search_times[n] = results[f"search 煤炭 ({n})"][0]
        if n == 10_000:
            csv_time = results.get(f"csvgrep name~煤炭 ({n})")
            report.goal(
                "search on 10k vs csvgrep", None if csv_time is None else search_times[n] / csv_time[0], 1
            )
        if n == 100_000:
            report.goal("100k: first load", seconds, 8, " s")  # its peak memory: first_loads
            report.check(
                "100k: progress on stderr", progress or seconds <= 1, "shown" if progress else "none"
            )
            show = results[f"show ind-7 ({n})"][0]
            report.goal("100k: warm show vs bundled show", show / show_bundled, 1.5)
            report.goal("100k: warm show vs bundled show (file not read)", show / show_bundled, 1.2)
            digest = digest_seconds(path)
            print(f"digest of the 100k file ({path.stat().st_size / 2**20:.1f} MiB): {digest * 1000:.1f}ms")
            report.goal("100k: warm show less the digest vs bundled", (show - digest) / show_bundled, 1.5)
            report.goal("100k: later search", search_times[n], 0.5, " s")
            report.goal("100k: a miss, with suggestions", miss, 1, " s")
            peak = max(kib for _, kib in results.values()) / 1024
            report.goal("100k: peak memory of look-ups", peak if GNU_TIME else None, 300, " MiB")
        if n == 300_000:
            listed = peak_kib([zz, "--data", str(path), "list", "-f", "csv"], warm_env)
            report.goal("300k: list -f csv peak memory", listed / 1024 if GNU_TIME else None, 150, " MiB")
            report.goal("300k: first load peak memory", kib / 1024 if GNU_TIME else None, 700, " MiB")
    growth_sizes = sorted(n for n in search_times if n <= 100_000)
    print("\nsearch time by size: " + ", ".join(f"{n}: {search_times[n] * 1000:.0f}ms" for n in growth_sizes))
    for small, big in itertools.pairwise(growth_sizes):
        # Linear growth means ×10 data costs at most ×10 time (start-up makes it less).
        growth = (search_times[big] / search_times[small]) / (big / small)
        report.goal(f"search growth {small}→{big}, relative to linear", growth, 1.2)


def folder(report: Report, runs: int, env: dict[str, str], work: Path, *, show_bundled: float) -> None:
    """A folder of 1,000 report files (copies of the bundled one under other ids), answered warm."""
    from zzreport import bundled

    zz = _which("zzreport")
    assert zz is not None  # noqa: S101 - checked in startup
    text = Path(bundled.path()).read_text(encoding="utf-8")
    place = work / "folder"
    place.mkdir()
    for n in range(1000):  # a thousand places' reports of one year, as a province's counties give them
        own = text.replace("id: changzhi-2023", f"id: r{n:04d}-2023", 1).replace(
            "region: 长治市", f"region: 样{n:04d}县", 1
        )
        (place / f"r{n:04d}.yaml").write_text(own, encoding="utf-8")
    commands = {
        "show gdp (1,000 files)": [zz, "--data", str(place), "show", "gdp", "-f", "csv"],
        "search 煤 (1,000 files)": [zz, "--data", str(place), "search", "煤", "-f", "csv"],
    }
    results = interleaved(commands, max(3, runs // 4), env)
    print()
    _table(results)
    report.goal("1,000 files: warm show", results["show gdp (1,000 files)"][0], 0.3, " s")
    report.goal("1,000 files: warm search", results["search 煤 (1,000 files)"][0], 0.3, " s")
    for name in commands:
        report.goal(f"{name}: warm, vs bundled show", results[name][0] / show_bundled, 2)


SCALE_SIZES = (10_000, 100_000, 300_000)
"""Collections the warm look-ups of ``scale`` are timed in."""


def scale(report: Report, runs: int, env: dict[str, str], work: Path, *, sizes: Sequence[int]) -> None:
    """Warm look-ups in large collections, each as a ratio to ``show gdp`` on the bundled report
    timed in the same interleaved rounds (so a busy machine slows both alike)."""
    zz = _which("zzreport")
    if zz is None:
        raise SystemExit("zzreport is not installed next to this interpreter: pip install .")
    bundled_show = [zz, "show", "gdp", "-f", "csv"]
    kinds = {
        "show ID": ["show", "ind-7"],
        "a miss (show nosuchthing)": ["show", "nosuchthing"],
        "search 煤炭": ["search", "煤炭"],
        "search meitan (pinyin)": ["search", "meitan"],
        "search coal (English)": ["search", "coal"],
        "search chanliang (pinyin, no hit)": ["search", "chanliang"],
    }
    table: dict[str, dict[int, tuple[float, int]]] = {kind: {} for kind in kinds}
    for n in sizes:
        path = work / f"scale-{n}.yaml"
        generate(n, path)
        warm = {**env, "ZZREPORT_CACHE_DIR": str(work / f"scale-cache-{n}")}
        first_load(zz, path, env, work / f"scale-cache-{n}")
        commands = {"bundled show gdp": bundled_show}
        commands |= {kind: [zz, "--data", str(path), *argv, "-f", "csv"] for kind, argv in kinds.items()}
        times: dict[str, list[float]] = {name: [] for name in commands}
        for argv in commands.values():
            measure(argv, warm)  # warm-up
        for _ in range(runs):
            for name, argv in commands.items():
                times[name].append(measure(argv, warm)[0])
        base = statistics.median(times["bundled show gdp"])
        for kind in kinds:
            ratios = [t / b for t, b in zip(times[kind], times["bundled show gdp"], strict=True)]
            table[kind][n] = (statistics.median(ratios), peak_kib(commands[kind], warm))
        print(f"{n} records: bundled show gdp {base * 1000:.1f}ms")
    print(f"\n{'warm call, × bundled show'.ljust(36)}" + "".join(f"{n:>20,}" for n in sizes))
    for kind, by_size in table.items():
        cells = "".join(f"{f'{r:.2f}× {kib / 1024:.0f} MiB':>20}" for r, kib in by_size.values())
        print(kind.ljust(36) + cells)
    for kind, by_size in table.items():
        if max(sizes) in by_size:
            report.goal(f"{max(sizes) // 1000}k: {kind} vs bundled show", by_size[max(sizes)][0], 2)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=21, help="timed runs of each command (default 21)")
    parser.add_argument("--quick", action="store_true", help="7 runs, and no 100k or 300k collection")
    parser.add_argument(
        "--first-load",
        metavar="SIZES",
        help="only first loads against libyaml's event parse, at these sizes (e.g. 10000,100000,300000)",
    )
    parser.add_argument(
        "--scale",
        metavar="SIZES",
        help="only the warm look-ups in large collections, at these sizes (e.g. 10000,100000,300000)",
    )
    args = parser.parse_args()
    if args.first_load:
        report = Report()
        with tempfile.TemporaryDirectory() as tmp:
            env = {k: v for k, v in os.environ.items() if not k.startswith("ZZREPORT_")}
            loads = [int(n) for n in args.first_load.split(",")]
            first_loads(report, max(3, args.runs // 4), env, Path(tmp), sizes=loads)
        sys.exit(0 if report.print() else 1)
    if args.scale:
        report = Report()
        with tempfile.TemporaryDirectory() as tmp:
            env = {k: v for k, v in os.environ.items() if not k.startswith("ZZREPORT_")}
            env["ZZREPORT_CACHE_DIR"] = str(Path(tmp) / "cache")
            scale(report, args.runs, env, Path(tmp), sizes=[int(n) for n in args.scale.split(",")])
        sys.exit(0 if report.print() else 1)
    runs = 7 if args.quick else args.runs
    sizes = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000, 300_000)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} "
          f"{platform.python_version()}, {platform.system()} {platform.release()}")  # fmt: skip
    report = Report()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith("ZZREPORT_")}
        env["ZZREPORT_CACHE_DIR"] = str(work / "cache")
        show = startup(report, runs, env, work)
        folder(report, runs, env, work, show_bundled=show)
        collections_(report, max(3, runs // 4), env, work, sizes=sizes, show_bundled=show)
        scale(report, max(3, runs // 4), env, work, sizes=SCALE_SIZES[:1] if args.quick else SCALE_SIZES)
        first_loads(report, 3, env, work, sizes=FIRST_LOAD_SIZES[:1] if args.quick else FIRST_LOAD_SIZES)
    ok = report.print()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
