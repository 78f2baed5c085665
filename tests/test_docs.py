"""The documentation's field tables say what the code's one definition of the fields says.

The fields of report files and the machine columns are derived from the model (``zzreport.fields``);
the tables in docs/data-format.md and the README are written by hand, so these tests hold them to it.
"""

from __future__ import annotations

import re

from conftest import ROOT
from zzreport import fields, loading
from zzreport.model import Comparison, Indicator, Report, Section
from zzreport.render.records import INDICATOR_FIELDS

FORMAT = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _part(text: str, heading: str) -> str:
    """The text under ``heading`` up to the next heading of any level."""
    start = text.index(heading + "\n") + len(heading)
    following = re.search(r"^#{1,6} ", text[start:], flags=re.MULTILINE)
    return text[start : start + following.start()] if following else text[start:]


def _keys(part: str, *, table: bool = True) -> set[str]:
    """The backticked names in the first column of the part's table (or anywhere, when not a table)."""
    if not table:
        return set(re.findall(r"`([a-z_]+)`", part))
    cells = [line.split("|")[1] for line in part.splitlines() if line.startswith("| `")]
    return {name for cell in cells for name in re.findall(r"`([a-z_]+)`", cell)}


def _names(cls: type) -> set[str]:
    return {f.name for f in fields.of(cls)}


def test_report_file_tables_list_every_field_of_the_model() -> None:
    assert _keys(_part(FORMAT, "## `report`")) == _names(Report)
    assert _keys(_part(FORMAT, "## `indicators`")) == _names(Indicator)
    assert _keys(_part(FORMAT, "### `comparisons`")) == _names(Comparison)
    assert _names(Section) <= _keys(_part(FORMAT, "## `sections`"), table=False)
    assert _keys(_part(FORMAT, "## Top level")) == set(loading.TOP_FIELDS)


def test_required_fields_are_documented_as_required() -> None:
    rows = [line for line in _part(FORMAT, "## `indicators`").splitlines() if line.startswith("| `")]
    documented = {
        name
        for row in rows
        if row.split("|")[3].strip() == "yes"
        for name in re.findall(r"`([a-z_]+)`", row.split("|")[1])
    }
    assert documented == set(fields.required(Indicator))


def test_readme_lists_every_machine_column_in_order() -> None:
    part = _part(README, "### The machine contract (csv, tsv, json, jsonl)")
    table = part[part.index("| field | meaning |") :]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    documented = [name for row in rows for name in re.findall(r"`([a-z_]+)`", row.split("|")[1])]
    assert documented == list(INDICATOR_FIELDS)


def test_the_readme_examples_are_real_runs_at_the_stated_width() -> None:
    """Every ``$ zzreport`` example in the README is what the installed command prints on a
    terminal of the width the README states (``scripts/readme_examples.py --write`` refreshes them)."""
    import subprocess
    import sys

    script = ROOT / "scripts" / "readme_examples.py"
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert f"{_example_width()} columns" in (ROOT / "README.md").read_text(encoding="utf-8")


def _example_width() -> int:
    import runpy

    return int(runpy.run_path(str(ROOT / "scripts" / "readme_examples.py"))["WIDTH"])
