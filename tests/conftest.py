"""Shared fixtures: the bundled data set, small report texts, and the installed command."""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from zzreport.loading import load
from zzreport.model import Dataset

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "source" / "changzhi-2024-report-summary-part1.txt"

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
"""CI sets HYPOTHESIS_PROFILE=thorough and property tests try many more examples; by default a run
stays quick enough to run after every change."""
settings.register_profile("fast", deadline=None)
settings.register_profile("thorough", deadline=None, print_blob=True)
settings.load_profile("thorough" if THOROUGH else "fast")


def examples(quick: int, thorough: int) -> int:
    """How many examples a property test tries in this run.

    ``thorough`` is chosen per test by the size of what it draws, so the whole CI run stays within
    45 s on two cores. The fuzzers of the whole command line (every option, every file, every
    command on any short text) try about ten times their quick count. A round trip of one function
    over a small alphabet of tricky pieces tries two to four times: an example of the CSV round trip
    holds up to twenty cells of up to six pieces, half of them drawn from fourteen tricky characters,
    so 600 examples put each of those characters in every position of a cell hundreds of times
    (``test_machine`` holds the same writer to the ``csv`` module for any value, besides).
    """
    return thorough if THOROUGH else quick


MINIMAL = """\
format: 1
report:
  id: sample-2023
  region: 样例市
  region_en: Sample
  province: 山西省
  province_en: Shanxi
  year: 2023
  title: 样例报告
  title_en: Sample report
  delivered: 2024-01-15
  source: 样例来源
  source_en: Sample source
sections:
  - {id: economy, title: 经济, title_en: Economy}
indicators:
  - id: gdp
    name: 地区生产总值
    name_en: Gross domestic product
    aliases: [GDP]
    section: economy
    item: 1
    value: 1.10
    unit: 亿元
    change: -0.50
    change_unit: "%"
"""
"""A valid one-indicator report; tests edit it to make each kind of bad file."""


FIXTURES = Path(__file__).parent / "fixtures"
"""Small report files of other places and years, and texts to draft from."""


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep every test's cache entries out of the user's cache directory."""
    os.environ["ZZREPORT_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session", autouse=True)
def _one_click_command() -> Iterator[None]:
    """Build the command line's click command once for the whole run, as one process does.

    Typer turns the app into a click command on every call, about 20 ms of reading signatures and
    type hints; a real run calls the app once, but tests call it thousands of times in this process.
    The build depends on the app alone (no option, file or variable), so reusing it changes no
    answer; any other Typer app is built as usual.
    """
    import typer.main

    build = typer.main.get_command
    built: list[tuple[object, Any]] = []

    def get_command(instance: typer.Typer) -> Any:
        cli = sys.modules.get("zzreport.cli")
        if cli is None or instance is not getattr(cli, "app", None):
            return build(instance)
        if not built or built[0][0] is not instance:
            built[:] = [(instance, build(instance))]
        return built[0][1]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(typer.main, "get_command", get_command)
        yield


@pytest.fixture
def where(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store of the test's own, used even where a test run turns stores off."""
    from zzreport import store

    place = tmp_path / "store"
    monkeypatch.setenv(store.DIR, str(place))
    monkeypatch.delenv(store.OFF, raising=False)
    return place


@pytest.fixture
def sample(tmp_path: Path, where: Path) -> Path:
    """``MINIMAL`` as a report file, read through the test's own store."""
    path = tmp_path / "sample.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load()


@pytest.fixture(scope="session")
def zzreport_exe() -> str:
    """The installed console script, next to the running interpreter (or on PATH)."""
    here = Path(sys.executable).parent / "zzreport"
    if here.exists():
        return str(here)
    found = shutil.which("zzreport")
    if found is None:
        pytest.fail("the zzreport command is not installed; run: pip install '.[test]'")
    return found


@pytest.fixture
def clean_env() -> dict[str, str]:
    """The environment for a subprocess run of the command, free of our own variables."""
    return environment()


def environment() -> dict[str, str]:
    """This run's environment free of our own variables (but for the test run's cache), for
    fixtures wider than one test; tests take ``clean_env``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZZREPORT_") or k == "ZZREPORT_CACHE_DIR"}
    env.pop("NO_COLOR", None)
    env.pop("FORCE_COLOR", None)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def run_main() -> int:
    """Call ``zzreport.entry.main`` as the console script does and return its exit code."""
    from zzreport import entry

    try:
        entry.main()
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    return 0


class Result:
    """What one run of the real entry function did."""

    def __init__(self, code: int, stdout: bytes, stderr: bytes) -> None:
        self.code = code
        self.stdout = stdout
        self.stderr = stderr
        self.out = stdout.decode("utf-8")
        self.err = stderr.decode("utf-8")

    def __repr__(self) -> str:
        return f"Result(code={self.code}, stdout={self.stdout!r}, stderr={self.stderr!r})"


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]) -> Callable[..., Result]:
    """Run ``zzreport ARGS`` in this process through ``zzreport.entry.main``, the console script's
    own function, and return its exit code, stdout and stderr exactly."""

    def run(*args: str, fast: bool = True) -> Result:
        monkeypatch.setattr(sys, "argv", ["zzreport", *args])
        if fast:
            monkeypatch.delenv("ZZREPORT_NO_FASTPATH", raising=False)
        else:
            monkeypatch.setenv("ZZREPORT_NO_FASTPATH", "1")
        capsysbinary.readouterr()
        code = run_main()
        out, err = capsysbinary.readouterr()
        return Result(code, out, err)

    return run


def invoke(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> Result:
    """Run ``zzreport ARGS`` in this process through ``zzreport.entry.main``, with this environment
    and working directory, and return its exit code and exact stdout and stderr. For everything that
    does not need a real process (one is needed for the installed launcher, a terminal, signals,
    pipes, and the interpreter's own stream encodings)."""

    saved_env, saved_cwd = dict(os.environ), Path.cwd()
    saved = sys.argv, sys.stdout, sys.stderr
    out, err = io.BytesIO(), io.BytesIO()
    sys.stdout = stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    sys.stderr = stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    sys.argv = ["zzreport", *args]
    if env is not None:
        os.environ.clear()
        os.environ.update(env)
    if cwd is not None:
        os.chdir(cwd)
    try:
        code = run_main()
    finally:
        stdout.flush()
        stderr.flush()
        written = out.getvalue(), err.getvalue()
        stdout.detach()  # leave the buffers open: a wrapper closes its buffer when collected
        stderr.detach()
        sys.argv, sys.stdout, sys.stderr = saved
        os.environ.clear()
        os.environ.update(saved_env)
        os.chdir(saved_cwd)
    return Result(code, *written)
