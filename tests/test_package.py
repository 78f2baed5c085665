"""The wheel ships the data file, and the installed package finds and loads it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

import pytest

import zzreport
from conftest import ROOT
from zzreport.loading import bundled_path, load


def test_wheel_contains_the_data_file(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("zzreport-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert "zzreport/data/indicators.yaml" in names
        assert zf.read("zzreport/data/indicators.yaml") == (ROOT / "data" / "indicators.yaml").read_bytes()
        assert "zzreport/pinyin.txt" in names
        assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def test_installed_package_reads_its_own_copy() -> None:
    package = Path(str(files("zzreport")))
    if package == ROOT / "src" / "zzreport":
        pytest.skip("editable install: the packaged copy is tested when installed with 'pip install .'")
    assert bundled_path() == package / "data" / "indicators.yaml"
    assert load().report.id == "changzhi-2023"
    assert version("zzreport") == zzreport.__version__  # the build reads the version from the package


def test_ci_runs_the_readme_test_command() -> None:
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0].strip() for b in readme.split("```sh\n")[1:]]
    install_and_run, test = blocks[0], blocks[1]
    assert install_and_run.endswith("zzreport show GDP")
    ci = (root / ".ci" / "run").read_text(encoding="utf-8")
    assert f"{test} || exit $?" in ci.splitlines()
