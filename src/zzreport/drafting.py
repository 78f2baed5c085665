"""Starting a report file from a report's text (``zzreport draft``) and checking one against it
(``zzreport coverage``).

The draft is a report file in the usual format: one record per figure ``recognise`` finds, each with
a comment giving its line and clause, and metadata left for the user to fill (``validate`` names what
is missing until then). It never invents a number: every value and change is printed in the text as
it stands in the draft, or the record keeps the words it was read from in ``written`` (七成以上).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass

from zzreport.match import normalize
from zzreport.model import Dataset
from zzreport.recognise import NUMBER, Figure, Text, read, tokens

_YEAR = re.compile(r"(?<![0-9])((?:19|20)\d{2})(?![0-9])")


def guess_year(text: str) -> int | None:
    """The year a report reviews: the year of its review (2022年工作回顾), else the year before the one
    in its title (2023年政府工作报告), else the year it names most often outside dates."""
    review = re.search(r"((?:19|20)\d{2})年(?:工作)?回顾", text)
    if review:
        return int(review.group(1))
    title = re.search(r"((?:19|20)\d{2})年[^\n。，]{0,20}政府工作报告", text)
    if title:
        return int(title.group(1)) - 1
    undated = re.sub(r"\d{4}年\d{1,2}月|\d{4}[-/]\d{1,2}[-/]\d{1,2}", "", text)
    years = Counter(int(y) for y in _YEAR.findall(undated) if 1949 < int(y) < 2100)
    return years.most_common(1)[0][0] if years else None


def draft(text: str, *, source: str, year: int | None = None) -> str:
    """A draft report file (YAML) for the report ``text`` read from ``source``."""
    year = year or guess_year(text)
    found = read(text, year)
    records = _merged(found)
    lines = [
        f"# Draft report file made by `zzreport draft` from {_comment(source)}: {len(records)} records.",
        "# 1. Fill in every field marked FILL under report (validate lists what is still missing).",
        "# 2. Check each record against its line of the text: name, value, unit, change, rank.",
        "#    Rename ids and names as you like; add name_en and other English where you want it.",
        "# 3. zzreport coverage THIS_FILE TEXT_FILE   lists the text's numbers not recorded here.",
        "# 4. zzreport validate THIS_FILE",
        "format: 1",
        "report:",
        f"  id: draft-{year or 'year'}  # FILL: region and year reviewed, such as changzhi-2023",
        '  region: ""  # FILL: 长治市',
        '  province: ""  # FILL: 山西省',
        f"  year: {year}  # the year most often named in the text: check it"
        if year
        else '  year: ""  # FILL: the year the report reviews',
        '  title: ""  # FILL: the report\'s title',
        '  delivered: ""  # FILL: the day it was delivered, YYYY-MM-DD',
        f"  source: {_quoted(source)}",
        "sections:",
    ]
    used = sorted({f.section for f in records}) or [0]  # a report has at least one section
    for k in used:
        title = found.headings[k][1] or "（正文）"
        lines.append(f"  - {{id: s{k}, title: {_quoted(title)}}}")
    lines.append("indicators:" if records else "indicators: []  # no figure found in the text")
    names = _unique_names(records)
    ids: set[str] = set()
    for f, name in zip(records, names, strict=True):
        lines += _record(f, name, _unique_id(f, ids))
    return "\n".join(lines) + "\n"


def _merged(found: Text) -> list[Figure]:
    """The figures, the repeats of one fact (a headline box, then the same figure in a bullet) kept
    once; without a value, change or rank a figure is left out unless it has a comparison."""
    out: list[Figure] = []
    seen: dict[tuple[object, ...], Figure] = {}
    for f in found.figures:
        if (
            f.kind == "figure"
            and f.value is None
            and f.change is None
            and f.rank is None
            and not f.comparisons
        ):
            continue
        key = (f.name, f.value, f.unit, f.change, f.rank, f.kind)
        if key in seen:
            continue
        seen[key] = f
        out.append(f)
    return out


def _unique_names(records: list[Figure]) -> list[str]:
    """Names no two records share (as look-ups compare them): a repeated name gets its unit, then
    its line."""
    names = [f.name or f.clause[:30] for f in records]
    counts = Counter(normalize(n) for n in names)
    out: list[str] = []
    taken: set[str] = set()
    for f, name in zip(records, names, strict=True):
        candidate = name
        if counts[normalize(name)] > 1 and f.unit:
            candidate = f"{name}（{f.unit}）"
        if normalize(candidate) in taken or not normalize(candidate):
            candidate = f"{name}（第{f.line}行）"
        k = 2
        while normalize(candidate) in taken:
            candidate, k = f"{name}（第{f.line}行之{k}）", k + 1
        taken.add(normalize(candidate))
        out.append(candidate)
    return out


def _unique_id(f: Figure, ids: set[str]) -> str:
    """An id from where the figure stands: s3-2 for the second bullet under the third heading (then
    s3-2-2, …); rename it to something readable when reviewing."""
    base = f"s{f.section}-{f.item}"
    candidate, k = base, 2
    while candidate in ids:
        candidate, k = f"{base}-{k}", k + 1
    ids.add(candidate)
    return candidate


def _record(f: Figure, name: str, rid: str) -> list[str]:
    out = [f"  # line {f.line}: {_comment(f.clause)}", f"  - id: {rid}"]
    if f.kind == "honour":
        out.append("    kind: honour")
    out += [f"    name: {_quoted(name)}", f"    section: s{f.section}", f"    item: {f.item}"]
    if f.cumulative and re.fullmatch(r"\d{4}-\d{4}", f.cumulative):
        out.append(f"    period: {f.cumulative}  # cumulative wording in the text: check the span")
    elif f.cumulative:
        out.append(f"    # cumulative ({f.cumulative}): add period: YYYY-YYYY")
    if f.kind == "figure":
        out += _numbers(f)
    if f.rank is not None:
        out += [f"    rank: {f.rank}", f"    rank_scope: {f.rank_scope}"]
        out += ["    rank_sole: true"] if f.rank_sole else []
        out += [f"    rank_of: {_quoted(f.rank_of)}"] if f.rank_of else []
    if f.comparisons:
        out.append("    comparisons:")
        for relation, benchmark, gap, gap_unit in f.comparisons:
            extra = f", gap: {gap}, gap_unit: {gap_unit}" if gap and gap_unit else ""
            out.append(f"      - {{relation: {relation}, benchmark: {benchmark}{extra}}}")
    return out


def _numbers(f: Figure) -> list[str]:
    """Value (with unit, qualifier, words) and change of a figure."""
    out = []
    if f.value is not None:
        out += [f"    value: {f.value}", f"    unit: {_quoted(f.unit or '?')}"]
        out += [f"    qualifier: {f.qualifier}"] if f.qualifier else []
        out += [f"    written: {_quoted(f.written)}"] if f.written else []
    elif f.written:
        out.append(f"    # written in the text as {f.written}")
    if f.change is not None:
        out += [f"    change: {f.change}", f'    change_unit: "{f.change_unit}"']
    return out


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    """Text for a YAML comment: one line, control and reordering characters escaped (\\x07)."""
    from zzreport.escape import visible

    return visible(" ".join(text.split()))


# ── coverage ──────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Covered:
    """One number of the text, and whether the report file records it."""

    line: int
    number: str
    kind: str
    """``figure``, or what the number is when it is none (see ``recognise.Token``)."""
    status: str
    """``recorded``, ``not-recorded``, or ``not-a-figure``."""
    context: str


_IN_TEXT = re.compile(NUMBER)


def coverage(ds: Dataset, text: str) -> list[Covered]:
    """Every number of ``text``: a figure the file records (as a value, change, gap, rank, or within a
    name, alias, written form or note; a figure in words in a ``written``), a figure it does not, or
    a number that is no figure."""
    recorded: set[str] = set()
    for ind in ds.indicators:
        for number in (ind.value, ind.change, *(c.gap for c in ind.comparisons)):
            if number is not None:
                recorded.add(str(number).lstrip("-+"))
        if ind.rank is not None:
            recorded.add(str(ind.rank))
        words = " ".join(x for x in (ind.name, *ind.aliases, ind.written, ind.note, ind.rank_of) if x)
        recorded.update(re.findall(r"\d+(?:\.\d+)?", words))
    written = [ind.written for ind in ds.indicators if ind.written]
    out = []
    for t in tokens(text):
        if t.kind != "figure":
            status = "not-a-figure"
        elif t.text[0].isdigit():
            status = "recorded" if t.text in recorded else "not-recorded"
        else:  # a figure in words is recorded where a record keeps those words
            status = "recorded" if any(t.text in w or w in t.text for w in written) else "not-recorded"
        out.append(Covered(t.line, t.text, t.kind, status, t.context))
    return out
