"""Time whole zzreport processes against baselines in the same run, and check the performance goals.

Usage:
    python benchmarks/run.py            # start-up goals and large collections
    python benchmarks/run.py --quick    # fewer runs, no 100k collection
    python benchmarks/run.py --scale 10000,100000,300000 --runs 5   # warm look-ups at scale only
    python benchmarks/run.py --first-load 10000,100000,300000        # first loads at scale only
    python benchmarks/run.py --previous none                        # without the last release

Runs the ``zzreport`` next to this interpreter (install it with ``pip install .``, not ``-e``: an
editable install is timed without compiled bytecode when PYTHONDONTWRITEBYTECODE is set), and the
last release beside it: the newest tag ``vX.Y.Z`` of another version (without tags, the newest
commit before the version was last changed; ``--previous REF`` names another commit), built from
``git archive`` into a virtual environment of its own under ``~/.cache/zzreport-benchmarks`` (pip
fetches its dependencies once). Both are timed in the same interleaved rounds; each goal's table
gives the last release's figure beside this one.

Commands are interleaved round by round (the start-up, folder and collection tables in a new order
each round, so that none always runs right after a heavy one), so a busy moment slows every
command alike; each figure is the median. Peak memory is read per command by GNU time
(``/usr/bin/time -f %M``), whose own fork starts small: a child forked from this script would
report this script's memory as its own.
Baselines missing from the machine (GNU time, csvgrep from csvkit, yq, jq) are reported as skipped,
and so are the goals that need them.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NoReturn

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import copies  # noqa: E402 - the generator lives beside this script
from generate import write as generate  # noqa: E402

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


PIPED = 1.5
"""Every piped look-up within this many times ``python -c pass``."""

TABLES = {"search": ["search", "煤"], "compare": ["compare", "GDP", "pm25"], "list": ["list"]}
"""Tables a person waits for besides ``show``: each within 80 ms, ``list`` of the bundled report 120 ms."""

PREVIOUS_HOME = Path.home() / ".cache" / "zzreport-benchmarks"
"""Where the last release is built, one folder per commit (kept between runs)."""
REPO = HERE.parent


OWN_STORE: dict[str, str] = {}
"""Executables that keep a store of their own: each run of one gets ``ZZREPORT_CACHE_DIR`` with
this suffix. Two versions sharing one store would undo each other's record of which files they
know (its name holds no version), and each would read every file on every call."""


def _env(argv: Sequence[str], env: dict[str, str]) -> dict[str, str]:
    """The environment ``argv`` runs in: ``env``, with a store of its own for another version."""
    suffix = OWN_STORE.get(argv[0]) if argv else None
    if suffix is None or "ZZREPORT_CACHE_DIR" not in env:
        return env
    return {**env, "ZZREPORT_CACHE_DIR": env["ZZREPORT_CACHE_DIR"] + suffix}


class Previous:
    """The last release's ``zzreport``, timed beside this one: ``label`` names it in the tables.
    It keeps a store of its own (``OWN_STORE``)."""

    def __init__(self, exe: str, version: str) -> None:
        self.exe = exe
        self.version = version
        self.label = f" [{version}]"
        OWN_STORE[exe] = f"-{version}"

    def argv(self, argv: Sequence[str]) -> list[str]:
        """``argv`` (a command of this version) run by the last release."""
        return [self.exe, *argv[1:]]


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True, check=True).stdout


def _version_in(text: str) -> str | None:
    for line in text.splitlines():
        if line.startswith("__version__"):
            return line.split('"')[1]
    return None


def _version_at(commit: str) -> str | None:
    try:
        return _version_in(_git("show", f"{commit}:src/zzreport/__init__.py"))
    except subprocess.CalledProcessError:
        return None


def last_release() -> str | None:
    """The last release: the newest tag ``vX.Y.Z`` behind HEAD of another version than this one;
    without tags, the newest commit before this version was set; or None."""
    current = _version_in((REPO / "src" / "zzreport" / "__init__.py").read_text(encoding="utf-8"))
    for tag in _git("tag", "--list", "v*", "--merged", "HEAD", "--sort=-v:refname").split():
        if tag[1:] != current:
            return _git("rev-parse", f"{tag}^{{commit}}").strip()
    if _version_at("HEAD") != current:  # bumped, not yet committed: HEAD is the nearest to a release
        return _git("rev-parse", "HEAD").strip()
    for commit in _git("log", "--format=%H", "--", "src/zzreport/__init__.py").split():
        if _version_at(commit) == current and _version_at(f"{commit}^") not in (current, None):
            return _git("rev-parse", f"{commit}^").strip()
    return None


def previous(ref: str | None) -> Previous | None:
    """The release at ``ref`` (default: ``last_release``), built once into its own environment."""
    if ref == "none":
        return None
    try:
        commit = (
            _git("rev-parse", "--verify", "--end-of-options", f"{ref}^{{commit}}").strip()
            if ref
            else last_release()
        )
    except (OSError, subprocess.CalledProcessError):
        commit = None
    if commit is None:
        print("previous release: not found (no git history here); timing this version alone")
        return None
    home = PREVIOUS_HOME / commit[:12]
    exe = home / "venv" / "bin" / "zzreport"
    try:
        if not exe.exists():
            print(f"building the previous release {commit[:12]} in {home} ...", flush=True)
            _build(commit, home)
        shown = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"previous release: could not be built ({e}); timing this version alone")
        shutil.rmtree(home, ignore_errors=True)
        return None
    return Previous(str(exe), shown.stdout.split()[-1])


def _build(commit: str, home: Path) -> None:
    shutil.rmtree(home, ignore_errors=True)
    (home / "src").mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", commit], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(home / "src")], input=archive.stdout, check=True)
    subprocess.run([sys.executable, "-m", "venv", str(home / "venv")], check=True)
    pip = str(home / "venv" / "bin" / "pip")
    subprocess.run([pip, "install", "-q", "-U", "pip"], check=True)  # its launcher: see performance.md
    subprocess.run([pip, "install", "-q", str(home / "src")], check=True)


def _which(name: str) -> str | None:
    local = BIN / name
    return str(local) if local.exists() else shutil.which(name)


GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None


def measure(argv: Sequence[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds and exit status of one run."""
    env = _env(argv, env)
    start = time.perf_counter()
    code = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start, code.returncode


def peak_kib(argv: Sequence[str], env: dict[str, str]) -> int:
    """Peak resident memory of one run in KiB, by GNU time; 0 when it is missing."""
    if GNU_TIME is None:
        return 0
    r = subprocess.run(
        [GNU_TIME, "-f", "%M", *argv], env=_env(argv, env), capture_output=True, text=True, check=False
    )
    return int(r.stderr.strip().splitlines()[-1])


def interleaved(
    commands: dict[str, list[str]], runs: int, env: dict[str, str]
) -> dict[str, tuple[float, int]]:
    """Median seconds and peak KiB of each command, run round-robin ``runs`` times after a warm-up,
    in a new order each round: a command run always right after a table (which loads Rich and
    Typer, and evicts the look-up's code and files from the caches) paid for it in every round."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for name, argv in commands.items():
        _, code = measure(argv, env)  # warm-up: fills the store, loads files into the page cache
        if code != (1 if "miss" in name else 0):  # a miss exits 1, nothing found (docs/errors.md)
            raise SystemExit(f"{name}: exit {code}: {' '.join(argv)}")
    order = list(commands.items())
    shuffle = random.Random(2024).shuffle  # the same orders in every run of the benchmark
    for _ in range(runs):
        shuffle(order)
        for name, argv in order:
            times[name].append(measure(argv, env)[0])
    return {name: (statistics.median(times[name]), peak_kib(argv, env)) for name, argv in commands.items()}


class Report:
    """Collects goal checks and prints them as a table, with the last release's figure beside."""

    def __init__(self, prev: Previous | None = None) -> None:
        self.rows: list[tuple[str, str, str, str, str]] = []
        self.prev = prev

    def goal(
        self, text: str, measured: float | None, limit: float, unit: str = "×", *, before: float | None = None
    ) -> None:
        """One goal: this version's figure against ``limit``, the last release's (``before``) beside."""
        was = "-" if before is None else f"{before:.2f}{unit}"
        if measured is None:
            self.rows.append((text, "-", was, f"≤ {limit:g}{unit}", "SKIP"))
            return
        verdict = "PASS" if measured <= limit else "FAIL"
        self.rows.append((text, f"{measured:.2f}{unit}", was, f"≤ {limit:g}{unit}", verdict))

    def check(self, text: str, ok: bool, what: str) -> None:
        self.rows.append((text, what, "-", "required", "PASS" if ok else "FAIL"))

    def print(self) -> bool:
        width = max(len(r[0]) for r in self.rows)
        was = self.prev.version if self.prev else "previous"
        print(f"\n{'goal'.ljust(width)}  {'measured':>10}  {was:>10}  {'limit':>10}  verdict")
        for text, got, before, limit, verdict in self.rows:
            print(f"{text.ljust(width)}  {got:>10}  {before:>10}  {limit:>10}  {verdict}")
        return all(r[4] != "FAIL" for r in self.rows)


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
        "zzreport list --sort value -n 5 -f csv": [zz, "list", "--sort", "value", "-n", "5", "-f", "csv"],
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
    prev = report.prev
    if prev is not None:
        ours = {name: argv for name, argv in commands.items() if argv[0] == zz}
        commands |= {f"{name}{prev.label}": prev.argv(argv) for name, argv in ours.items()}
    results = interleaved(commands, runs, env)
    _table(results)
    was = prev.label if prev else None

    def t(name: str) -> float | None:
        return results[name][0] if name in results else None

    def ratio(a: str, b: str) -> float | None:
        x, y = t(a), t(b)
        return None if x is None or y is None else x / y

    def both(text: str, a: str, b: str, limit: float) -> None:
        """A goal of ``a`` against ``b``, this version's and the last release's."""
        report.goal(text, ratio(a, b), limit, before=ratio(a + was, b) if was else None)

    show, search = "zzreport show GDP -f csv", "zzreport search 煤 -f csv"
    both("show GDP -f csv vs python -c pass", show, "python -c pass", PIPED)
    both("search 煤 -f csv vs python -c pass", search, "python -c pass", PIPED)
    for q, kind in QUERY_KINDS.items():
        both(f"search {q} ({kind}) vs python -c pass", f"zzreport search {q} -f csv", "python -c pass", PIPED)
    both("-f json show pm25 (option first) vs python -c pass",
         "zzreport -f json show pm25 (option first)", "python -c pass", PIPED)  # fmt: skip
    both("list --sort value -n 5 -f csv vs python -c pass",
         "zzreport list --sort value -n 5 -f csv", "python -c pass", PIPED)  # fmt: skip
    both("show GDP -f csv vs jq", show, "jq id=gdp", 1)
    both("search 煤 -f csv vs jq", search, "jq name~煤", 1)
    both("show GDP -f csv vs csvgrep", show, "csvgrep id=gdp", 0.6)
    both("table vs python -c pass", "zzreport show GDP -f table", "python -c pass", 9)
    for name, argv in {"show": ["show", "GDP"], **TABLES}.items():
        command = f"zzreport {' '.join(argv)} -f table"
        seconds, times_p = t(command), ratio(command, "python -c pass")
        label = f"{name} table" + (f" ({times_p:.1f}× python -c pass)" if times_p else "")
        earlier = t(command + was) if was else None
        report.goal(label, None if seconds is None else seconds * 1000, 120 if name == "list" else 80, " ms",
                    before=None if earlier is None else earlier * 1000)  # fmt: skip
    both("--help vs python -c pass", "zzreport --help", "python -c pass", 12)
    report.goal("peak memory of show", results[show][1] / 1024 if GNU_TIME else None, 25, " MiB",
                before=results[show + was][1] / 1024 if was and GNU_TIME else None)  # fmt: skip
    return results[show][0]


def first_load(zz: str, path: Path, env: dict[str, str], cache: Path) -> tuple[float, int, bool]:
    """Seconds, peak KiB and whether progress was shown, for a look-up that must read ``path``."""
    cold = _env([zz], {**env, "ZZREPORT_CACHE_DIR": str(cache)})
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


RAPIDYAML = """\
import gc, sys, ryml
gc.disable()
with open(sys.argv[1], "rb") as f:
    tree = ryml.parse_in_arena(f.read())
def text(node):
    if tree.is_seq(node):  # aliases, topics: each item's text
        return [text(item) for item in ryml.children(tree, node)]
    return bytes(tree.val(node)).decode()
if sys.argv[2] == "records":
    for record in ryml.children(tree, tree.find_child(tree.root_id(), b"indicators")):
        {bytes(tree.key(c)).decode(): text(c) for c in ryml.children(tree, record)}
"""
"""rapidyaml (``pip install rapidyaml``), the faster parser issue 23 names: its parse of the file,
and its parse with every record's keys and values taken out as text (the least a loader needs of
it), timed beside libyaml's events when it is installed next to this interpreter."""


def _rapidyaml(path: Path, env: dict[str, str]) -> tuple[float, float] | None:
    """Seconds of rapidyaml's parse of ``path``, and of its parse with the records as text."""
    import importlib.util

    if importlib.util.find_spec("ryml") is None:
        return None
    parse, records = ([sys.executable, "-c", RAPIDYAML, str(path), how] for how in ("parse", "records"))
    for argv in (parse, records):
        if measure(argv, env)[1] != 0:
            print(f"rapidyaml failed on {path.name}: not timed")
            return None
    return (
        statistics.median(measure(parse, env)[0] for _ in range(3)),
        statistics.median(measure(records, env)[0] for _ in range(3)),
    )


SHAPED_COPIES = 300
"""Copies of the bundled report's records in the file shaped like a real one (33,600 records)."""


def first_loads(report: Report, runs: int, env: dict[str, str], work: Path, *, sizes: Sequence[int]) -> None:
    """The first load of a large file (a look-up with an empty store) as a ratio to libyaml's event
    parse of it, the two run in turn ``runs`` times, and the first load's peak memory: the
    synthetic files of ``sizes``, then the bundled report's records copied ``SHAPED_COPIES`` times
    (aliases, topics, places, ranks and comparisons, which the synthetic records lack)."""
    zz = _which("zzreport")
    if zz is None:
        raise SystemExit("zzreport is not installed next to this interpreter: pip install .")
    prev = report.prev
    builds = {"this": zz, **({prev.version: prev.exe} if prev else {})}
    print(f"\n{'first load':<12}{'build':>8}{'libyaml events':>16}{'first load':>12}{'ratio':>8}{'peak':>10}")
    for n in sizes:
        path = work / f"first-{n}.yaml"
        generate(n, path)
        median, kib = _first_load_of(path, f"{n:,}", builds, runs, env, work=work)
        before = median.get(prev.version) if prev else None
        report.goal(f"{n // 1000}k: first load vs libyaml's event parse", median["this"], 2, before=before)
        if n == 100_000:
            report.goal("100k: first load peak memory", kib["this"] / 1024 if GNU_TIME else None, 250, " MiB",
                        before=kib[prev.version] / 1024 if prev and GNU_TIME else None)  # fmt: skip
    path = work / "first-shaped.yaml"
    n = copies(SHAPED_COPIES, path)
    median, _ = _first_load_of(path, f"{n:,}*", builds, runs, env, work=work)
    print(f"* the bundled report's {n // SHAPED_COPIES} records, each copied {SHAPED_COPIES} times")
    report.goal(f"{n / 1000:.1f}k like the bundled report: first load vs libyaml's event parse",
                median["this"], 2, before=median.get(prev.version) if prev else None)  # fmt: skip


def _first_load_of(
    path: Path, label: str, builds: dict[str, str], runs: int, env: dict[str, str], *, work: Path
) -> tuple[dict[str, float], dict[str, int]]:
    """Each build's median ratio of a first load of ``path`` to libyaml's event parse of it, and its
    peak memory in KiB; printed as rows named ``label``."""
    parse = [sys.executable, "-c", LIBYAML_EVENTS, str(path)]
    measure(parse, env)  # the file into the page cache
    floors: list[float] = []
    ratios: dict[str, list[float]] = {b: [] for b in builds}
    loads: dict[str, list[float]] = {b: [] for b in builds}
    kib: dict[str, int] = dict.fromkeys(builds, 0)
    for k in range(runs):
        floors.append(measure(parse, env)[0])
        for build, exe in builds.items():  # interleaved: each round times both builds
            cache = work / f"first-cache-{path.stem}-{k}"
            seconds, kib[build], _ = first_load(exe, path, env, cache)
            shutil.rmtree(cache, ignore_errors=True)
            loads[build].append(seconds)
            ratios[build].append(seconds / floors[-1])
    median = {b: statistics.median(r) for b, r in ratios.items()}
    for build in builds:
        cells = f"{statistics.median(floors):>15.2f}s{statistics.median(loads[build]):>11.2f}s"
        print(f"{label:<12}{build:>8}{cells}{median[build]:>7.2f}×{kib[build] / 1024:>6.0f} MiB")
    ryml = _rapidyaml(path, env)
    if ryml is not None:
        floor = statistics.median(floors)
        print(f"{label:<12}{'ryml':>8}  parse {ryml[0]:.2f}s ({ryml[0] / floor:.2f}× libyaml's events), "
              f"parse and records as text {ryml[1]:.2f}s ({ryml[1] / floor:.2f}×)")  # fmt: skip
    return median, kib


def collections_(report: Report, runs: int, env: dict[str, str], work: Path, *, sizes: Sequence[int]) -> None:
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
            f"bundled show gdp ({n})": [zz, "show", "gdp", "-f", "csv"],  # the goals' reference, same rounds
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
            show = results[f"show ind-7 ({n})"][0] / results[f"bundled show gdp ({n})"][0]
            report.goal("100k: warm show vs bundled show", show, 1.5)
            report.goal("100k: warm show vs bundled show (file not read)", show, 1.2)
            digest = digest_seconds(path)
            print(f"digest of the 100k file ({path.stat().st_size / 2**20:.1f} MiB): {digest * 1000:.1f}ms")
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


def folder(report: Report, runs: int, env: dict[str, str], work: Path) -> None:
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
        "bundled show gdp": [zz, "show", "gdp", "-f", "csv"],
        "show gdp (1,000 files)": [zz, "--data", str(place), "show", "gdp", "-f", "csv"],
        "search 煤 (1,000 files)": [zz, "--data", str(place), "search", "煤", "-f", "csv"],
        "a miss (1,000 files)": [zz, "--data", str(place), "show", "nosuchthing", "-f", "csv"],
        "a search miss (1,000 files)": [zz, "--data", str(place), "search", "qqqzzz", "-f", "csv"],
    }
    prev = report.prev
    if prev is not None:
        commands |= {f"{name}{prev.label}": prev.argv(argv) for name, argv in commands.items()}
    for argv in commands.values():  # the files' entries (a first read of every file)
        measure(argv, env)
    time.sleep(2.5)  # the files settle (the store's racy-timestamp rule: store.GRANULARITY)
    for _ in range(2):  # their status is learnt, then the folder's shelf is built
        for argv in commands.values():
            measure(argv, env)
    results = interleaved(commands, max(3, runs // 4), env)
    print()
    _table(results)
    base = results["bundled show gdp"][0]  # this version's, the one base of every ratio here
    answers(
        {name: commands[name] for name in ("show gdp (1,000 files)", "search 煤 (1,000 files)")}, env, base
    )

    def was(name: str) -> float | None:
        return results[name + prev.label][0] if prev else None

    for name, text in (("show gdp (1,000 files)", "warm show"), ("search 煤 (1,000 files)", "warm search")):
        report.goal(f"1,000 files: {text}", results[name][0], 0.3, " s", before=was(name))
    for name in ("show gdp (1,000 files)", "search 煤 (1,000 files)", "a miss (1,000 files)",
                 "a search miss (1,000 files)"):  # fmt: skip
        earlier = was(name)
        report.goal(f"{name}: warm, vs bundled show", results[name][0] / base, 2,
                    before=None if earlier is None else earlier / base)  # fmt: skip


SCALE_SIZES = (10_000, 100_000, 300_000)
"""Collections the warm look-ups of ``scale`` are timed in."""


def read_csv(answer: bytes) -> list[list[str]]:
    """The rows of a CSV ``answer``, its header first."""
    import csv
    import io

    return list(csv.reader(io.StringIO(answer.decode("utf-8", errors="replace"), newline="")))


def rewriter(answer: bytes) -> Callable[[], Iterator[str]] | None:
    """A function writing the rows of a CSV ``answer`` again through zzreport's machine writer
    (the values are text here, as CSV gives them back), or None when it holds no row."""
    from zzreport.machine import Records, delimited_lines

    table = read_csv(answer)
    if len(table) < 2:
        return None
    records = Records(tuple(table[0]), tuple(tuple(row) for row in table[1:]), frozenset())
    return lambda: delimited_lines(records, sep=",", header=True, excel=False)


def writing_alone(answer: bytes) -> float:
    """Seconds the machine writer takes to write the rows of ``answer`` again (``rewriter``), in
    this process and best of three: what any call printing those rows pays besides finding them."""
    write = rewriter(answer)
    if write is None:
        return 0.0
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in write():
            pass
        best = min(best, time.perf_counter() - start)
    return best


def answers(commands: dict[str, list[str]], env: dict[str, str], base: float) -> None:
    """For each command, the rows and bytes it writes, and writing those rows alone (``writing_alone``)
    as a ratio to ``base`` (a bundled ``show``): a call cannot be faster than that."""
    print(f"\n{'what each call writes'.ljust(44)}{'rows':>9}{'MiB':>8}{'writing them alone':>22}")
    for name, argv in commands.items():
        out = subprocess.run(argv, env=_env(argv, env), capture_output=True, check=False).stdout
        alone = writing_alone(out)
        rows = max(0, len(read_csv(out)) - 1)
        alone_text = f"{alone * 1000:.1f} ms, {alone / base:.2f}×"
        print(f"{name.ljust(44)}{rows:>9,}{len(out) / 2**20:>8.1f}{alone_text:>22}")


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
    prev = report.prev
    table: dict[str, dict[int, tuple[float, int]]] = {kind: {} for kind in kinds}
    if prev is not None:  # the last release's figures, each under its own kind, on the same base
        table |= {f"{kind}{prev.label}": {} for kind in kinds}
    for n in sizes:
        path = work / f"scale-{n}.yaml"
        generate(n, path)
        warm = {**env, "ZZREPORT_CACHE_DIR": str(work / f"scale-cache-{n}")}
        first_load(zz, path, env, work / f"scale-cache-{n}")
        commands = {"bundled show gdp": bundled_show}
        commands |= {kind: [zz, "--data", str(path), *argv, "-f", "csv"] for kind, argv in kinds.items()}
        if prev is not None:
            first_load(prev.exe, path, env, work / f"scale-cache-{n}")
            commands |= {f"{kind}{prev.label}": prev.argv(commands[kind]) for kind in kinds}
        times: dict[str, list[float]] = {name: [] for name in commands}
        for argv in commands.values():
            measure(argv, warm)  # warm-up
        for _ in range(runs):
            for name, argv in commands.items():
                times[name].append(measure(argv, warm)[0])
        base = statistics.median(times["bundled show gdp"])
        for kind in table:
            ratios = [t / b for t, b in zip(times[kind], times["bundled show gdp"], strict=True)]
            table[kind][n] = (statistics.median(ratios), peak_kib(commands[kind], warm))
        print(f"{n} records: bundled show gdp {base * 1000:.1f}ms")
        if n == max(sizes):
            answers({f"{kind} ({n:,})": commands[kind] for kind in kinds}, warm, base)
    print(f"\n{'warm call, × bundled show'.ljust(44)}" + "".join(f"{n:>20,}" for n in sizes))
    for kind, by_size in table.items():
        cells = "".join(f"{f'{r:.2f}× {kib / 1024:.0f} MiB':>20}" for r, kib in by_size.values())
        print(kind.ljust(44) + cells)
    for kind in kinds:
        if max(sizes) in table[kind]:
            before = table[kind + prev.label][max(sizes)][0] if prev else None
            report.goal(f"{max(sizes) // 1000}k: {kind} vs bundled show", table[kind][max(sizes)][0], 2,
                        before=before)  # fmt: skip


def _environment(work: Path) -> dict[str, str]:
    """This process's environment without the user's ``ZZREPORT_`` settings, the store in ``work``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZZREPORT_")}
    env["ZZREPORT_CACHE_DIR"] = str(work / "cache")
    return env


def _alone(prev: Previous | None, run: Callable[[Report, dict[str, str], Path], object]) -> NoReturn:
    """One part of the benchmark run alone, in a folder of its own; exits 1 when a goal fails."""
    report = Report(prev)
    with tempfile.TemporaryDirectory() as tmp:
        run(report, _environment(Path(tmp)), Path(tmp))
    sys.exit(0 if report.print() else 1)


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
    parser.add_argument(
        "--startup",
        action="store_true",
        help="only the start-up table: look-ups and tables of the bundled report",
    )
    parser.add_argument(
        "--previous",
        metavar="REF",
        help="the release to time beside this version: a git commit, or 'none' (default: the last release)",
    )
    args = parser.parse_args()
    prev = previous(args.previous)
    if prev is not None:
        print(f"previous release: {prev.version} ({prev.exe}), timed in the same rounds")
    if args.first_load:
        loads = [int(n) for n in args.first_load.split(",")]
        _alone(
            prev,
            lambda report, env, work: first_loads(report, max(3, args.runs // 4), env, work, sizes=loads),
        )
    if args.startup:
        _alone(prev, lambda report, env, work: startup(report, args.runs, env, work))
    if args.scale:
        sized = [int(n) for n in args.scale.split(",")]
        _alone(prev, lambda report, env, work: scale(report, args.runs, env, work, sizes=sized))
    runs = 7 if args.quick else args.runs
    sizes = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000, 300_000)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} "
          f"{platform.python_version()}, {platform.system()} {platform.release()}")  # fmt: skip
    report = Report(prev)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = _environment(work)
        startup(report, runs, env, work)
        folder(report, runs, env, work)
        collections_(report, max(3, runs // 4), env, work, sizes=sizes)
        scale(report, max(3, runs // 4), env, work, sizes=SCALE_SIZES[:1] if args.quick else SCALE_SIZES)
        first_loads(report, 3, env, work, sizes=FIRST_LOAD_SIZES[:1] if args.quick else FIRST_LOAD_SIZES)
    ok = report.print()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
