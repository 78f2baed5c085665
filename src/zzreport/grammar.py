"""The command line's grammar, declared once: every command, its arguments and its options.

Builtins only: the look-up path reads it on every call. Three things are made from it, so they
cannot disagree: the Typer app's options (names, help, environment variables; ``cli``), the
look-up path's parser (``fast.parse``), and ``arrange``, which moves the options shared by every
data command to the side of the command name where the Typer app reads them. People type options
where they remember them, so ``zzreport -f json list`` and ``zzreport list --data DIR`` both work,
as git and gh accept theirs on either side. A test holds the Typer app to this declaration, option
by option.
"""

from __future__ import annotations

TYPE_CHECKING = False  # see zzreport/__init__.py
if TYPE_CHECKING:
    from collections.abc import Sequence

FLAG, VALUE, MANY = "flag", "value", "many"
"""What an option takes: nothing, one value, or one value each time it is given (repeatable)."""

FORMATS = ("table", "csv", "tsv", "json", "jsonl", "markdown")
MACHINE = ("csv", "tsv", "json", "jsonl")
LANGS = ("zh", "en")


class Option:
    """One option: its long name, its short one (or ""), what it takes, the values it allows (None:
    any text), the environment variable that sets it, and its help."""

    __slots__ = ("choices", "envvar", "help", "name", "short", "takes")

    def __init__(
        self,
        name: str,
        short: str = "",
        takes: str = VALUE,
        *,
        help: str,
        choices: tuple[str, ...] | None = None,
        envvar: str | None = None,
    ) -> None:
        self.name = name
        self.short = short
        self.takes = takes
        self.choices = choices
        self.envvar = envvar
        self.help = help

    @property
    def flags(self) -> tuple[str, ...]:
        """The spellings, long first."""
        return (self.name, self.short) if self.short else (self.name,)

    def __repr__(self) -> str:
        return f"Option({self.name!r})"


class Argument:
    """A positional argument: its name, how many values it takes (``high`` None: no limit), and
    whether it is a query (a name or words to look up, which must hold a letter or a digit; the
    words of ``search`` are one query, each name of ``show`` is one)."""

    __slots__ = ("high", "low", "name", "query")

    def __init__(self, name: str, low: int, high: int | None, *, query: bool = False) -> None:
        self.name = name
        self.low = low
        self.high = high
        self.query = query


class Command:
    """A command: its arguments, its own options, and whether it reads the loaded reports (then it
    also takes the data options, on either side of its name)."""

    __slots__ = ("arguments", "data", "name", "options")

    def __init__(
        self, name: str, *, arguments: tuple[Argument, ...] = (), options: tuple[Option, ...] = (), data: bool
    ) -> None:
        self.name = name
        self.arguments = arguments
        self.options = options
        self.data = data

    def option(self, arg: str) -> tuple[Option, str | None] | None:
        """The option ``arg`` names and its attached value, among this command's options."""
        return find(self.options, arg)


# ── the data options (the root of the command line) ──────────────────────────

DATA = Option(
    "--data",
    takes=MANY,
    envvar="ZZREPORT_DATA",
    help="Read this report file, or every .yaml file in this folder, instead of the bundled report. "
    "Repeatable; ZZREPORT_DATA takes a list separated by ':'.",
)
WITH_BUNDLED = Option("--with-bundled", takes=FLAG, help="Load the bundled report too when --data is given.")
REPORT = Option("--report", "-R", MANY, help="Only this report (id such as changzhi-2023). Repeatable.")
VERSION = Option("--version", takes=FLAG, help="Print the version.")
ROOT = (DATA, WITH_BUNDLED, REPORT)
"""Options of every data command, accepted before or after its name."""

# ── the output options ────────────────────────────────────────────────────────

FORMAT = Option(
    "--format",
    "-f",
    choices=FORMATS,
    envvar="ZZREPORT_FORMAT",
    help="Output format. Default: table on a terminal, csv when piped or redirected.",
)
LANG = Option("--lang", choices=LANGS, envvar="ZZREPORT_LANG", help="Language of names, units and headers.")
FIELDS = Option(
    "--fields", help="Comma-separated machine fields to print (csv/tsv/json). See: zzreport fields"
)
NO_HEADER = Option("--no-header", takes=FLAG, help="Leave out the header row.")
BOM = Option(
    "--bom", takes=FLAG, help="Excel mode for csv/tsv: UTF-8 BOM, CRLF, formula-like text made inert."
)
WIDE = Option("--wide", takes=FLAG, help="Tables: every column, nothing wrapped, however wide the terminal.")
NO_PAGER = Option(
    "--no-pager", takes=FLAG, help="Tables: never through the pager ($ZZREPORT_PAGER, $PAGER, less -FRX)."
)
OUTPUT = (FORMAT, LANG, FIELDS, NO_HEADER, BOM, WIDE, NO_PAGER)
"""Options of every command that prints records, accepted before or after its name."""
PLAIN_OUTPUT = (FORMAT, NO_HEADER, WIDE, NO_PAGER)
"""The output options of a command whose output has no language and no field choice."""

# ── each command's own ────────────────────────────────────────────────────────

LIMIT = Option("--limit", "-n", help="At most this many rows.")
SECTION = Option("--section", "-s", help="Section id or title.")
HAS = Option(
    "--has",
    takes=MANY,
    choices=("value", "change", "rank", "comparison", "province", "honour"),
    help="Only records that carry this (repeatable).",
)
GREP = Option("--grep", "-g", help="Only names containing this text.")
SORT = Option(
    "--sort",
    choices=("report", "id", "name", "value", "change"),
    help="Order; value sorts within each unit, units grouped.",
)
REVERSE = Option("--reverse", "-r", FLAG, help="Reverse the order.")
ACROSS = Option(
    "--across", "-a", FLAG, help="One indicator through every loaded report, ordered by year, then region."
)
CHECK_FORMAT = Option(
    "--format", "-f", choices=("text", "json"), help="text: file:line: field: message lines."
)
DRAFT_OUTPUT = Option(
    "--output", "-o", help="Write the draft here (a new file); standard output if left out."
)
YEAR = Option("--year", help="The year the report reviews (for spans such as 十四五); guessed from the text.")
FOR_YEAR = Option("--year", help="Only targets for this year (such as 2024).")
REPLACE = Option("--replace", takes=FLAG, help="Replace the database (and metadata file) if they exist.")
METADATA = Option(
    "--metadata",
    help="Also write Datasette metadata (titles, source, column descriptions) to this JSON file.",
)

QUERIES = Argument("queries", 1, None, query=True)

COMMANDS = {
    c.name: c
    for c in (
        Command("list", data=True, options=(SECTION, HAS, GREP, SORT, REVERSE, LIMIT, *OUTPUT)),
        Command("show", data=True, arguments=(QUERIES,), options=OUTPUT),
        Command("compare", data=True, arguments=(QUERIES,), options=(ACROSS, *OUTPUT)),
        Command(
            "search", data=True, arguments=(Argument("words", 1, None, query=True),), options=(LIMIT, *OUTPUT)
        ),
        Command("sections", data=True, options=OUTPUT),
        Command("info", data=True, options=OUTPUT),
        Command("targets", data=True, options=(FOR_YEAR, *OUTPUT)),
        Command("validate", data=False, arguments=(Argument("files", 1, None),), options=(CHECK_FORMAT,)),
        Command("schema", data=False),
        Command("init", data=False, arguments=(Argument("path", 0, 1),)),
        Command("draft", data=False, arguments=(Argument("text_file", 1, 1),), options=(DRAFT_OUTPUT, YEAR)),
        Command(
            "coverage",
            data=False,
            arguments=(Argument("file", 1, 1), Argument("text_file", 1, 1)),
            options=OUTPUT,
        ),
        Command("fields", data=False, options=PLAIN_OUTPUT),
        Command("export", data=True, arguments=(Argument("file", 1, 1),), options=(REPLACE, METADATA)),
    )
}


def find(options: Sequence[Option], arg: str) -> tuple[Option, str | None] | None:
    """The option among ``options`` that ``arg`` names, with its value when it is attached
    (``--format=json``, ``-fjson``); None when ``arg`` names none of them."""
    if arg.startswith("--"):
        name, eq, value = arg.partition("=")
        for option in options:
            if option.name == name and (not eq or option.takes != FLAG):
                return option, value if eq else None
        return None
    if arg.startswith("-") and len(arg) >= 2:
        for option in options:
            if option.short == arg[:2]:
                if len(arg) == 2:
                    return option, None
                # -fjson is -f json; -rx is two flags, which this grammar leaves to Typer
                return (option, arg[2:]) if option.takes != FLAG else None
    return None


def _width(option: Option, attached: str | None, rest: Sequence[str]) -> int | None:
    """How many tokens an option takes up, or None when its value is missing."""
    if option.takes == FLAG or attached is not None:
        return 1
    return 2 if len(rest) >= 2 else None


def arrange(argv: Sequence[str]) -> list[str]:
    """``argv`` with the data options moved before the command name and the output options after
    it, so both paths read them where the Typer app declares them. Anything this grammar does not
    know (help, completion, an unknown option, a missing value) is left where it stands, for the
    Typer app to handle or refuse."""
    args = list(argv)
    root: list[str] = []
    early: list[str] = []
    i = 0
    while i < len(args) and args[i].startswith("-") and args[i] not in ("-", "--"):
        found = find((*ROOT, VERSION, *OUTPUT), args[i])
        width = _width(found[0], found[1], args[i:]) if found else None
        if found is None or width is None:
            return args
        (root if found[0] in ROOT or found[0] is VERSION else early).extend(args[i : i + width])
        i += width
    if i >= len(args) or args[i] not in COMMANDS:
        return args
    command = COMMANDS[args[i]]
    moved: list[str] = []
    j = 0
    while j < len(early):  # an output option typed before a command that takes it
        found = command.option(early[j])
        if found is None:
            return args
        width = _width(found[0], found[1], early[j:]) or 1
        moved += early[j : j + width]
        j += width
    rest = args[i + 1 :]
    kept: list[str] = []
    j = 0
    while j < len(rest):
        arg = rest[j]
        if arg == "--":
            kept += rest[j:]
            break
        found = command.option(arg) if arg.startswith("-") else None
        if found is None and command.data and arg.startswith("-"):
            found = find(ROOT, arg)
        width = _width(found[0], found[1], rest[j:]) if found else None
        if found is None or width is None:
            kept.append(arg)
            j += 1
            continue
        (root if found[0] in ROOT else kept).extend(rest[j : j + width])
        j += width
    return [*root, command.name, *moved, *kept]


def root(argv: Sequence[str]) -> tuple[Command | None, list[str] | None]:
    """The command of an arranged ``argv`` (the first word after the data options, if it is one;
    None when an option there is unknown or lacks its value) and the values given to ``--data``
    before it (None: none given)."""
    given: list[str] = []
    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        found = find((*ROOT, VERSION), argv[i])
        width = _width(found[0], found[1], argv[i:]) if found else None
        if found is None or width is None:
            return None, given or None
        if found[0] is DATA:
            given.append(found[1] if found[1] is not None else argv[i + 1])
        i += width
    return (COMMANDS.get(argv[i]) if i < len(argv) else None), given or None
