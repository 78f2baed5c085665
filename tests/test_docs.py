"""The documentation says what the code says, and its pages hold together.

The fields of report files and the machine columns are derived from the model (``zzreport.fields``);
the tables in docs/data-format.md and docs/output.md are written by hand, so these tests hold them to
it, as they hold the exit codes of docs/errors.md to ``zzreport.exits``, the examples to real runs,
and every link between the README and docs/ to a page and heading that exist.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from zzreport import checking, fields
from zzreport.exits import Exit
from zzreport.model import Comparison, Indicator, Report, Section, Target, Verdict
from zzreport.render.records import INDICATOR_FIELDS

FORMAT = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
OUTPUT = (ROOT / "docs" / "output.md").read_text(encoding="utf-8")
ERRORS = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
README_LINES = 250
"""The README is a newcomer's page; reference material goes to docs/."""


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
    assert _keys(_part(FORMAT, "## Top level")) == {*checking.TOP_FIELDS, *checking.TOP_OPTIONAL}
    assert _keys(_part(FORMAT, "## `targets`")) == _names(Target)
    rows = [
        line.split("|")[1] for line in _part(FORMAT, "### Verdicts").splitlines() if line.startswith("| `")
    ]
    assert {cell.strip().strip("`") for cell in rows} == {v.value for v in Verdict}


def test_required_fields_are_documented_as_required() -> None:
    rows = [line for line in _part(FORMAT, "## `indicators`").splitlines() if line.startswith("| `")]
    documented = {
        name
        for row in rows
        if row.split("|")[3].strip() == "yes"
        for name in re.findall(r"`([a-z_]+)`", row.split("|")[1])
    }
    assert documented == set(fields.required(Indicator))


def test_output_page_lists_every_machine_column_in_order() -> None:
    part = _part(OUTPUT, "## The machine contract (csv, tsv, json, jsonl)")
    table = part[part.index("| field | meaning |") :]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    documented = [name for row in rows for name in re.findall(r"`([a-z_]+)`", row.split("|")[1])]
    assert documented == list(INDICATOR_FIELDS)


def test_errors_page_lists_every_exit_code() -> None:
    part = _part(ERRORS, "## Exit codes")
    documented = {int(line.split("|")[1]) for line in part.splitlines() if re.match(r"\| \d+ \|", line)}
    assert documented == {v for k, v in vars(Exit).items() if k.isupper()}


def test_readme_is_short_and_starts_with_the_two_commands() -> None:
    assert len(README.splitlines()) <= README_LINES
    first_part = README[: README.index("## A five-minute tour")]
    assert first_part.count("```sh\n") == 2


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(text: str) -> set[str]:
    return {_anchor(h) for h in re.findall(r"^#{1,6} (.+)$", text, flags=re.MULTILINE)}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_links_between_pages_lead_to_a_page_and_heading(page: Path) -> None:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # an address on the web
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        assert linked.is_file(), f"{page.name}: {target}"
        if anchor:
            assert anchor in _anchors(linked.read_text(encoding="utf-8")), f"{page.name}: {target}"


def test_the_readme_examples_are_real_runs_at_the_stated_width() -> None:
    """Every ``$ zzreport`` example in the README and docs/ is what the installed command prints on a
    terminal of the width the page states (``scripts/readme_examples.py --write`` refreshes them)."""
    import subprocess
    import sys

    script = ROOT / "scripts" / "readme_examples.py"
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        if "```console" in text:
            assert f"{_example_width()} columns" in text, page.name


def _example_width() -> int:
    import runpy

    return int(runpy.run_path(str(ROOT / "scripts" / "readme_examples.py"))["WIDTH"])
