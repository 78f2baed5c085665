"""The JSON Schema refuses what ``zzreport validate`` refuses, and accepts what it accepts, on every
example listed in docs/data-format.md ("Examples refused and accepted").

Each example sets one field of a valid file. ``validate`` runs through the console script's own
function; the schema sees the file as zzreport does (every scalar as text) and as an editor's YAML
1.2 parser does (numbers and booleans typed).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import MINIMAL, ROOT, invoke
from zzreport import schema

DOC = ROOT / "docs" / "data-format.md"
ROW = re.compile(r"^\| `([a-z_.]+)` \| `(.+)` \| .* \|$")


def _examples(heading: str) -> list[tuple[str, str]]:
    """The (field, written) rows of the table under ``### heading`` in docs/data-format.md."""
    text = DOC.read_text(encoding="utf-8")
    start = text.index("## Examples refused and accepted")
    part = text[text.index(f"### {heading}\n", start) :]
    rows = []
    for line in part.splitlines()[1:]:
        if line.startswith("#"):
            break
        m = ROW.match(line)
        if m:
            rows.append((m[1], m[2]))
    return rows


REFUSED = _examples("Refused")
ACCEPTED = _examples("Accepted")

COMPANIONS = {
    "rank": ["    rank_scope: province"],
    "rank_scope": ["    rank: 1"],
    "rank_sole": ["    rank: 1", "    rank_scope: province"],
    "rank_top": ["    rank_scope: country"],
}
"""Fields a rule ties to the field set, so that only the example decides."""


def _file(field: str, written: str) -> str:
    """MINIMAL with ``field`` written as ``written`` (replaced where the file has it, else added)."""
    if field.startswith("report."):
        key, indent, after = field.removeprefix("report."), "  ", "  year: 2023\n"
    else:
        key, indent, after = field, "    ", "    item: 1\n"
    at = "  - " if field == "id" else indent  # a record's first key opens its list item
    line = re.compile(f"^{re.escape(at)}{re.escape(key)}: .*$", re.MULTILINE)
    text, n = line.subn(lambda _: f"{at}{key}: {written}", MINIMAL)
    if n == 0:
        text = text.replace(after, f"{after}{indent}{key}: {written}\n", 1)
    extra = "".join(f"{c}\n" for c in COMPANIONS.get(key, []))
    return text.replace("    item: 1\n", f"    item: 1\n{extra}", 1)


class _Yaml12(yaml.SafeLoader):
    """Scalars typed by the YAML 1.2 core schema, as editors' parsers read them: ``0x1F`` and
    ``1e3`` are numbers, ``on`` and ``yes`` text, dates text."""


_Yaml12.yaml_implicit_resolvers = {}
for tag, pattern, first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+.0123456789"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):  # fmt: skip
    _Yaml12.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern), list(first))
_Yaml12.add_constructor(  # 1.2 reads 012 as twelve, where PyYAML's 1.1 constructor reads octal
    "tag:yaml.org,2002:int",
    lambda loader, node: int(node.value, 16) if "x" in node.value else int(node.value),
)


def _views(text: str) -> dict[str, Any]:
    return {
        "as zzreport reads it": yaml.load(text, Loader=yaml.BaseLoader),  # noqa: S506 - safe loaders
        "as an editor reads it": yaml.load(text, Loader=_Yaml12),  # noqa: S506
    }


def _where(field: str) -> list[str | int]:
    if field.startswith("report."):
        return ["report", field.removeprefix("report.")]
    return ["indicators", 0, field]


def _schema_errors(doc: Any) -> list[jsonschema.ValidationError]:
    return list(jsonschema.Draft202012Validator(schema.schema()).iter_errors(doc))


def _value(doc: Any, field: str) -> object:
    for step in _where(field):
        doc = doc[step]
    return doc


def _validate(tmp_path: Path, text: str) -> tuple[int, str]:
    path = tmp_path / "example.yaml"
    path.write_text(text, encoding="utf-8")
    done = invoke("validate", str(path))
    return done.code, done.out


def test_the_document_lists_examples_of_each_kind() -> None:
    listed = {field.removeprefix("report.") for field, _ in REFUSED}
    assert {"value", "id", "item", "unit", "period", "rank"} <= listed
    assert len(ACCEPTED) >= 10


def test_the_base_file_is_valid_both_ways(tmp_path: Path) -> None:
    assert _validate(tmp_path, MINIMAL)[0] == 0
    for doc in _views(MINIMAL).values():
        assert _schema_errors(doc) == []


@pytest.mark.parametrize(("field", "written"), REFUSED, ids=[f"{f}={w}" for f, w in REFUSED])
def test_a_refused_example_is_refused_by_both(tmp_path: Path, field: str, written: str) -> None:
    text = _file(field, written)
    code, out = _validate(tmp_path, text)
    path = ".".join(str(s) if isinstance(s, str) else f"[{s}]" for s in _where(field)).replace(".[", "[")
    assert code == 3, out
    assert f": {path}: " in out, out
    for view, doc in _views(text).items():
        read = _value(doc, field)
        if view == "as an editor reads it" and not isinstance(read, str):
            # 0x1F read as 31, 1e3 as 1000.0: nothing is left to tell it from a valid number
            assert isinstance(read, int | float) and not isinstance(read, bool), read
            continue
        errors = _schema_errors(doc)
        assert any(list(e.absolute_path)[:3] == _where(field) for e in errors), (view, read, errors)


@pytest.mark.parametrize(("field", "written"), ACCEPTED, ids=[f"{f}={w}" for f, w in ACCEPTED])
def test_an_accepted_example_is_accepted_by_both(tmp_path: Path, field: str, written: str) -> None:
    text = _file(field, written)
    code, out = _validate(tmp_path, text)
    assert code == 0, out
    for view, doc in _views(text).items():
        assert _schema_errors(doc) == [], view
