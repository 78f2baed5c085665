"""The errors zzreport raises on purpose. Only ``entry`` turns them into messages and exit codes."""

from __future__ import annotations

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from collections.abc import Sequence


def shown(text: str, limit: int = 80) -> str:
    """``text`` quoted for a message, cut to ``limit`` characters: an error need not echo a whole
    pasted page back."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + f"… ({len(text)} characters)"


def shown_path(path: str) -> str:
    """A file name as messages show it: bytes that are not UTF-8 (a GBK name from a Windows zip)
    as ``\\xb2``, and control characters escaped, so that a newline cannot split a
    ``file:line:`` message and no name can fail to print."""
    text = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


class ZzreportError(Exception):
    """Base class of every error that is the user's input, not a bug."""


class Problem:
    """One thing wrong with a report file (a plain class: this module loads on every run)."""

    __slots__ = ("field", "line", "message")

    def __init__(self, *, line: int | None, field: str, message: str) -> None:
        self.line = line
        """1-based line in the file, when the problem has one."""
        self.field = field
        """Key path of the offending value, such as ``indicators[3].value``; empty for the whole file."""
        self.message = message
        """What is wrong, in one short sentence."""

    def _key(self) -> tuple[int | None, str, str]:
        return (self.line, self.field, self.message)

    def __eq__(self, other: object) -> bool:
        return self._key() == other._key() if isinstance(other, Problem) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Problem(line={self.line!r}, field={self.field!r}, message={self.message!r})"


class DataError(ZzreportError):
    """A report file cannot be used. Carries every problem found, not just the first."""

    def __init__(self, path: str, problems: Sequence[Problem]) -> None:
        self.path = path
        self.problems = tuple(problems)
        super().__init__(self.lines()[0] if self.problems else path)

    def lines(self) -> list[str]:
        """Each problem as ``file:line: field: message``, the shape editors and grep understand."""
        out = []
        path = shown_path(self.path)
        for p in self.problems:
            where = f"{path}:{p.line}" if p.line is not None else path
            field = f" {p.field}:" if p.field else ""
            out.append(f"{where}:{field} {p.message}")
        return out


class DataErrors(ZzreportError):
    """Several report files cannot be used; each keeps its own problems."""

    def __init__(self, errors: Sequence[DataError]) -> None:
        self.errors = tuple(errors)
        super().__init__(self.lines()[0] if self.lines() else "")

    def lines(self) -> list[str]:
        """The lines of every file's problems, file by file."""
        return [line for e in self.errors for line in e.lines()]


class LookupFailure(ZzreportError):
    """A query named nothing, or too much."""


class UnknownIndicatorError(LookupFailure):
    """No indicator answers to the query."""

    def __init__(self, query: str, suggestions: Sequence[str], described: Sequence[str] = ()) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        """Ids of the closest indicators."""
        self.described = tuple(described) or self.suggestions
        """The same, as the message names them (id with its Chinese and English names)."""
        hint = f"; did you mean {', '.join(self.described)}?" if self.described else ""
        super().__init__(f"no indicator matches {shown(query)}{hint}")


class AmbiguousQueryError(LookupFailure):
    """Several indicators answer to the query equally well."""

    def __init__(self, query: str, candidates: Sequence[str]) -> None:
        self.query = query
        self.candidates = tuple(candidates)
        super().__init__(f"{shown(query)} is ambiguous: {', '.join(self.candidates)}")


class NoMatchError(LookupFailure):
    """A search or filter found nothing."""


class OutputError(ZzreportError):
    """Standard output cannot carry what would be written."""


class UsageError(ZzreportError):
    """Options that make sense one by one but not together (Typer catches the rest)."""
