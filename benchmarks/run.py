"""Time whole zzreport processes against baselines in the same run, and check the performance goals.

Usage:
    python benchmarks/run.py            # start-up goals and large collections
    python benchmarks/run.py --quick    # fewer runs, no 100k collection

Runs the ``zzreport`` next to this interpreter (install it with ``pip install .``, not ``-e``: an
editable install is timed without compiled bytecode when PYTHONDONTWRITEBYTECODE is set). Commands are
interleaved round by round, so a busy moment slows every command alike; each figure is the median.
Peak memory is the child's maximum resident set size. Baselines missing from the machine (csvgrep from
csvkit, yq, jq) are reported as skipped, and so are the goals that need them.
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


def _which(name: str) -> str | None:
    local = BIN / name
    return str(local) if local.exists() else shutil.which(name)


def measure(argv: Sequence[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Seconds, peak RSS in KiB, and exit status of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, proc.returncode


def interleaved(
    commands: dict[str, list[str]], runs: int, env: dict[str, str]
) -> dict[str, tuple[float, int]]:
    """Median seconds and peak KiB of each command, run round-robin ``runs`` times after a warm-up."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    peak: dict[str, int] = dict.fromkeys(commands, 0)
    for name, argv in commands.items():
        _, _, code = measure(argv, env)  # warm-up: fills caches, loads files into the page cache
        if code != 0:
            raise SystemExit(f"{name}: exit {code}: {' '.join(argv)}")
    for _ in range(runs):
        for name, argv in commands.items():
            seconds, kib, _ = measure(argv, env)
            times[name].append(seconds)
            peak[name] = max(peak[name], kib)
    return {name: (statistics.median(times[name]), peak[name]) for name in commands}


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


def startup(report: Report, runs: int, env: dict[str, str], work: Path) -> None:
    zz = _which("zzreport")
    if zz is None:
        raise SystemExit("zzreport is not installed next to this interpreter: pip install .")
    exports = {"csv": work / "data.csv", "json": work / "data.json"}
    for fmt, path in exports.items():
        path.write_bytes(
            subprocess.run([zz, "list", "-f", fmt], env=env, capture_output=True, check=True).stdout
        )
    info = subprocess.run(
        [zz, "info", "-f", "csv", "--no-header"], env=env, capture_output=True, text=True, check=True
    )
    yaml_file = Path(info.stdout.splitlines()[-1].split(",", 1)[1])
    py = sys.executable
    commands = {
        "python -c pass": [py, "-c", "pass"],
        "python -c 'import typer'": [py, "-c", "import typer"],
        "zzreport show GDP -f csv": [zz, "show", "GDP", "-f", "csv"],
        "zzreport search 煤 -f csv": [zz, "search", "煤", "-f", "csv"],
        "zzreport show GDP -f table": [zz, "show", "GDP", "-f", "table"],
        "zzreport --help": [zz, "--help"],
    }
    csvgrep, yq, jq = _which("csvgrep"), _which("yq"), _which("jq")
    if csvgrep:
        commands["csvgrep id=gdp"] = [csvgrep, "-c", "id", "-m", "gdp", str(exports["csv"])]
        commands["csvgrep name~煤"] = [csvgrep, "-c", "name", "-r", "煤", str(exports["csv"])]
    if yq:
        commands["yq id=gdp"] = [yq, '.indicators[] | select(.id == "gdp")', str(yaml_file)]
    if jq:
        commands["jq id=gdp"] = [jq, '.[] | select(.id == "gdp")', str(exports["json"])]
    results = interleaved(commands, runs, env)
    _table(results)

    def t(name: str) -> float | None:
        return results[name][0] if name in results else None

    def ratio(a: str, b: str) -> float | None:
        x, y = t(a), t(b)
        return None if x is None or y is None else x / y

    report.goal(
        "show GDP -f csv vs import typer", ratio("zzreport show GDP -f csv", "python -c 'import typer'"), 1.3
    )
    report.goal("show GDP -f csv vs python -c pass", ratio("zzreport show GDP -f csv", "python -c pass"), 6)
    report.goal("show GDP -f csv vs csvgrep", ratio("zzreport show GDP -f csv", "csvgrep id=gdp"), 0.6)
    report.goal(
        "search 煤 -f csv vs import typer",
        ratio("zzreport search 煤 -f csv", "python -c 'import typer'"),
        1.3,
    )
    report.goal("search 煤 -f csv vs python -c pass", ratio("zzreport search 煤 -f csv", "python -c pass"), 6)
    report.goal("search 煤 -f csv vs csvgrep", ratio("zzreport search 煤 -f csv", "csvgrep name~煤"), 0.6)
    report.goal("table vs python -c pass", ratio("zzreport show GDP -f table", "python -c pass"), 9)
    report.goal("--help vs python -c pass", ratio("zzreport --help", "python -c pass"), 12)
    report.goal("peak memory of show", results["zzreport show GDP -f csv"][1] / 1024, 25, " MiB")


def collections_(report: Report, runs: int, env: dict[str, str], work: Path, sizes: Sequence[int]) -> None:
    zz = _which("zzreport")
    assert zz is not None  # noqa: S101 - checked in startup
    csvgrep = _which("csvgrep")
    search_times: dict[int, float] = {}
    for n in sizes:
        path = work / f"synthetic-{n}.yaml"
        generate(n, path)
        cold_env = {**env, "ZZREPORT_CACHE_DIR": str(work / f"cache-{n}")}
        start = time.perf_counter()
        first = subprocess.run([zz, "--data", str(path), "search", "煤炭", "-f", "csv"], env=cold_env,
                               capture_output=True, check=True)  # fmt: skip
        first_load = time.perf_counter() - start
        progress = b"reading" in first.stderr
        csv_path = work / f"synthetic-{n}.csv"
        csv_path.write_bytes(subprocess.run([zz, "--data", str(path), "list", "-f", "csv"], env=cold_env,
                                            capture_output=True, check=True).stdout)  # fmt: skip
        commands = {
            f"search 煤炭 ({n})": [zz, "--data", str(path), "search", "煤炭", "-f", "csv"],
            f"show ind-7 ({n})": [zz, "--data", str(path), "show", "ind-7", "-f", "csv"],
        }
        if csvgrep:
            commands[f"csvgrep name~煤炭 ({n})"] = [csvgrep, "-c", "name", "-r", "煤炭", str(csv_path)]
        results = interleaved(commands, runs, cold_env)
        print(f"\n{n} indicators: first load {first_load:.2f}s (progress shown: {progress})")
        _table(results)
        search_times[n] = results[f"search 煤炭 ({n})"][0]
        if n == 10_000:
            csv_time = results.get(f"csvgrep name~煤炭 ({n})")
            report.goal(
                "search on 10k vs csvgrep", None if csv_time is None else search_times[n] / csv_time[0], 1
            )
        if n == 100_000:
            report.goal("100k: first load", first_load, 15, " s")
            report.check(
                "100k: progress on stderr", progress or first_load <= 1, "shown" if progress else "none"
            )
            report.goal("100k: later search", results[f"search 煤炭 ({n})"][0], 0.5, " s")
            report.goal("100k: later show", results[f"show ind-7 ({n})"][0], 0.5, " s")
            peak = max(kib for _, kib in results.values()) / 1024
            report.goal("100k: peak memory of look-ups", peak, 300, " MiB")
    ordered = sorted(search_times)
    print("\nsearch time by size: " + ", ".join(f"{n}: {search_times[n] * 1000:.0f}ms" for n in ordered))
    for small, big in itertools.pairwise(ordered):
        # NOTE: linear growth means ×10 data costs at most ×10 time (start-up makes it less).
        growth = (search_times[big] / search_times[small]) / (big / small)
        report.goal(f"search growth {small}→{big}, relative to linear", growth, 1.2)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=21, help="timed runs of each command (default 21)")
    parser.add_argument("--quick", action="store_true", help="7 runs, and no 100k collection")
    args = parser.parse_args()
    runs = 7 if args.quick else args.runs
    sizes = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} "
          f"{platform.python_version()}, {platform.system()} {platform.release()}")  # fmt: skip
    report = Report()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith("ZZREPORT_")}
        env["ZZREPORT_CACHE_DIR"] = str(work / "cache")
        startup(report, runs, env, work)
        collections_(report, max(3, runs // 4), env, work, sizes)
    ok = report.print()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
