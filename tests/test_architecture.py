"""docs/architecture.md's table of modules says what the code imports, and imports point down it.

Every module of ``src/zzreport`` is parsed (``ast``): its zzreport imports at the top of the module,
and its lazy ones inside functions, in every form (``import zzreport.x``, ``from zzreport import x``,
``from zzreport.x import y``, relative imports). Imports under ``if TYPE_CHECKING:`` never run and
are left out. The table must name every module once, give each the imports the code makes, and list
them only below it, save for the short list of documented exceptions.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "zzreport"
DOC = ROOT / "docs" / "architecture.md"

Imports = tuple[frozenset[str], frozenset[str]]
"""What one module imports at the top, and what it imports only lazily (inside functions)."""


def name_of(path: Path) -> str:
    """The name the table uses: ``render/base`` for a module, ``render`` for a package's
    ``__init__``, ``zzreport`` for the top package's."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return "/".join(parts) or "zzreport"


def _target(dotted: str) -> str | None:
    """The table name of the zzreport module ``dotted`` names, or None for another package."""
    parts = dotted.split(".")
    if parts[0] != "zzreport":
        return None
    return "/".join(parts[1:]) or "zzreport"


def _is_module(name: str) -> bool:
    base = PACKAGE / name
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _targets(node: ast.Import | ast.ImportFrom, here: str, package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [t for t in (_target(a.name) for a in node.names) if t is not None]
    if node.level:  # relative: from the module's own package, up one per extra dot
        base = here.split("/") if package else here.split("/")[:-1]
        base = [part for part in base if part != "zzreport"]
        base = base[: len(base) - (node.level - 1)]
        dotted = ".".join(["zzreport", *base, *([node.module] if node.module else [])])
    else:
        dotted = node.module or ""
    source = _target(dotted)
    if source is None:
        return []
    out = []
    for alias in node.names:
        sub = alias.name if source == "zzreport" else f"{source}/{alias.name}"
        out.append(sub if _is_module(sub) else source)  # a submodule, or a name the module holds
    return out


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def imports_of(source: str, here: str, *, package: bool = False) -> Imports:
    """The zzreport modules that the module ``here`` (a package's ``__init__`` when ``package``),
    whose text is ``source``, imports at the top and, besides those, lazily."""
    top: set[str] = set()
    lazy: set[str] = set()

    def walk(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if _type_checking(child):
                for other in child.orelse:  # type: ignore[attr-defined]  # an ast.If
                    walk(other, in_function)
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                (lazy if in_function else top).update(_targets(child, here, package))
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            walk(child, inner)

    walk(ast.parse(source), in_function=False)
    top.discard(here)
    return frozenset(top), frozenset(lazy - top - {here})


@cache
def code() -> dict[str, Imports]:
    return {
        name_of(p): imports_of(p.read_text(encoding="utf-8"), name_of(p), package=p.name == "__init__.py")
        for p in sorted(PACKAGE.rglob("*.py"))
    }


_NAME = re.compile(r"`([\w/]+)`")


def _split_cell(cell: str) -> Imports:
    """``nothing``, or ``\\`a\\`, \\`b\\`; lazily \\`c\\``` (either part may be left out)."""
    cell = cell.strip()
    if cell == "nothing":
        return frozenset(), frozenset()
    top, _, lazy = cell.partition("lazily")
    return frozenset(_NAME.findall(top)), frozenset(_NAME.findall(lazy))


@cache
def table() -> list[tuple[tuple[str, ...], Imports]]:
    """The table's rows, top to bottom: the modules each names, and its imports column."""
    rows = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) != 3 or cells[0] in ("module", "---"):
            continue
        rows.append((tuple(_NAME.findall(cells[0])), _split_cell(cells[2])))
    return rows


_EXCEPTION = re.compile(r"^- `([\w/]+)` (?:lazily )?imports `([\w/]+)`: \S")


def exceptions() -> set[tuple[str, str]]:
    """The imports that may point up the table, each listed in the doc with its reason."""
    text = DOC.read_text(encoding="utf-8")
    return {(m[1], m[2]) for m in map(_EXCEPTION.match, text.splitlines()) if m}


def _positions() -> dict[str, int]:
    return {name: i for i, (names, _) in enumerate(table()) for name in names}


def test_every_module_is_in_the_table_once() -> None:
    named = [name for names, _ in table() for name in names]
    assert sorted(set(named)) == sorted(named), "named twice"
    assert set(named) == set(code()), "the table and src/zzreport name different modules"


@pytest.mark.parametrize("module", sorted(code()))
def test_the_imports_column_is_what_the_code_imports(module: str) -> None:
    said = {name: imports for names, imports in table() for name in names}.get(module)
    assert said is not None, f"{module} is not in the table"
    top, lazy = code()[module]
    assert (sorted(top), sorted(lazy)) == (sorted(said[0]), sorted(said[1])), module


@pytest.mark.parametrize("module", sorted(code()))
def test_imports_point_down_the_table(module: str) -> None:
    where = _positions()
    top, lazy = code()[module]
    allowed = exceptions()
    up = sorted(t for t in top | lazy if where.get(t, -1) <= where[module] and (module, t) not in allowed)
    assert not up, f"{module} imports {up}, which stand in its row or above it"


def test_every_exception_is_still_needed() -> None:
    where = _positions()
    imports = code()
    for module, target in exceptions():
        top, lazy = imports[module]
        assert target in top | lazy and where[target] <= where[module], (module, target)


def test_the_parser_reads_every_form_of_import() -> None:
    """Each way of writing an import is found, at the top and in a function, and typing-only ones
    are not."""
    source = (
        "import zzreport.model\n"
        "from zzreport import match, __version__\n"
        "from . import base\n"
        "from ..units import counts\n"
        "TYPE_CHECKING = False\n"
        "if TYPE_CHECKING:\n"
        "    from zzreport import drafting\n"
        "def f():\n"
        "    from zzreport.render.table import render\n"
        "    import zzreport.match\n"
        "    class C:\n"
        "        def g(self):\n"
        "            from zzreport.loading import load\n"
    )
    top, lazy = imports_of(source, "render/view")
    assert sorted(top) == ["match", "model", "render/base", "units", "zzreport"]
    assert sorted(lazy) == ["loading", "render/table"]
    top, _ = imports_of("from . import table\nfrom .. import model\n", "render", package=True)
    assert sorted(top) == ["model", "render/table"]
    top, _ = imports_of("from . import api\n", "zzreport", package=True)
    assert sorted(top) == ["api"]
