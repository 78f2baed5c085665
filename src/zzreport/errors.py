"""The errors zzreport raises on purpose. Only ``cli`` turns them into messages and exit codes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class ZzreportError(Exception):
    """Base class of every error that is the user's input, not a bug."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """One thing wrong with a report file."""

    line: int | None
    """1-based line in the file, when the problem has one."""
    field: str
    """Key path of the offending value, such as ``indicators[3].value``; empty for the whole file."""
    message: str
    """What is wrong, in one short sentence."""


class DataError(ZzreportError):
    """A report file cannot be used. Carries every problem found, not just the first."""

    def __init__(self, path: str, problems: Sequence[Problem]) -> None:
        self.path = path
        self.problems = tuple(problems)
        super().__init__(self.lines()[0] if self.problems else path)

    def lines(self) -> list[str]:
        """Each problem as ``file:line: field: message``, the shape editors and grep understand."""
        out = []
        for p in self.problems:
            where = f"{self.path}:{p.line}" if p.line is not None else self.path
            field = f" {p.field}:" if p.field else ""
            out.append(f"{where}:{field} {p.message}")
        return out


class DataErrors(DataError):
    """Several report files cannot be used; each keeps its own problems."""

    def __init__(self, errors: Sequence[DataError]) -> None:
        self.errors = tuple(errors)
        first = self.errors[0]
        super().__init__(first.path, first.problems)

    def lines(self) -> list[str]:
        """The lines of every file's problems, file by file."""
        return [line for e in self.errors for line in e.lines()]


class LookupFailure(ZzreportError):
    """A query named nothing, or too much."""


class UnknownIndicatorError(LookupFailure):
    """No indicator answers to the query."""

    def __init__(self, query: str, suggestions: Sequence[str]) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"no indicator matches {query!r}{hint}")


class AmbiguousQueryError(LookupFailure):
    """Several indicators answer to the query equally well."""

    def __init__(self, query: str, candidates: Sequence[str]) -> None:
        self.query = query
        self.candidates = tuple(candidates)
        super().__init__(f"{query!r} is ambiguous: {', '.join(self.candidates)}")


class NoMatchError(LookupFailure):
    """A search or filter found nothing."""


class OutputError(ZzreportError):
    """Standard output cannot carry what would be written."""


class UsageError(ZzreportError):
    """Options that make sense one by one but not together (Typer catches the rest)."""
