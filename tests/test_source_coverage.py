"""Every number printed in the source is in the data set, at the place the source prints it.

The source is split into its blocks and bullets; each Arabic number in a bullet must be the value,
change, gap or part of the name of an indicator located at that bullet (or repeating it), as often as
it is printed there. The few numbers that are not facts are listed below with the reason.
"""

from __future__ import annotations

import os
import re
from collections import Counter

import pytest

from conftest import SOURCE
from zzreport.model import Dataset, Indicator, Location

REQUIRE_SOURCE = "ZZREPORT_REQUIRE_SOURCE"
"""Set (CI sets it) to fail rather than skip when the source text is missing."""

NUMBER = re.compile(r"\d+(?:\.\d+)?")

# Where each block of the source starts (a line beginning with this text) and its section id.
BLOCKS = [
    ("政府工作报告解读", "overview"),
    ("坚持抓项目、帮企业", "projects"),
    ("坚持强产业、促转型", "industry"),
    ("坚持推改革、谋创新", "innovation"),
    ("坚持兴文旅、促消费", "services"),
    ("坚持提品质、拓空间", "urban"),
    ("坚持夯基础、补短板", "rural"),
    ("坚持减排放、治污染", "environment"),
    ("坚持办实事、守底线", "livelihood"),
    ("过去一年,深入开展", "government"),
]
END = "文字整理"

# (number, text it stands in, reason): numbers that are not facts of the review.
EXCLUDED = [
    ("2023", "2023 勠力奋进", "the year under review, printed as a heading"),
    ("2023", "《环球时报》2023年国际化营商环境创新发展论坛", "part of a forum's name"),
]


def _bullets() -> dict[tuple[str, int], list[str]]:
    """Numbers printed in each (section, bullet); the header block is bullet 0 of overview."""
    if not SOURCE.exists():
        where = f"source text not found at {SOURCE}; it ships beside the project as shared/source"
        if os.environ.get(REQUIRE_SOURCE):
            pytest.fail(f"{where}, and {REQUIRE_SOURCE} says this run must check the data against it")
        pytest.skip(where)
    text = SOURCE.read_text(encoding="utf-8")
    for number, context, _reason in EXCLUDED:
        assert context in text, f"stale exclusion: {context!r} is not in the source"
        text = text.replace(context, context.replace(number, "", 1), 1)
    found: dict[tuple[str, int], list[str]] = {}
    section, item = "", 0
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith(END):
            break
        starts = [sid for marker, sid in BLOCKS if line.startswith(marker)]
        if starts:
            section, item = starts[0], 0
            continue
        if line.startswith("- "):
            item += 1
        if section:
            found.setdefault((section, item), []).extend(NUMBER.findall(line))
    return found


def _numbers(ind: Indicator) -> list[str]:
    out = [str(x) for x in (ind.value, ind.change) if x is not None]
    out = [n.lstrip("-") for n in out]
    out += [str(c.gap) for c in ind.comparisons if c.gap is not None]
    out += NUMBER.findall(ind.name)
    return out


def test_every_number_in_the_source_is_in_the_data(dataset: Dataset) -> None:
    missing = []
    for (section, item), printed in _bullets().items():
        here = [
            i
            for i in dataset.indicators
            if (i.section, i.item) == (section, item)
            or any((a.section, a.item) == (section, item) for a in i.also_at)
            or (
                item == 0
                and section == "overview"
                and "overview" in {i.section, *(a.section for a in i.also_at)}
            )
        ]
        have = Counter(n for i in here for n in _numbers(i))
        for number, count in Counter(printed).items():
            if have[number] < count:
                missing.append(f"{section}/{item}: {number} printed {count}x, found {have[number]}x")
    assert not missing, "\n".join(missing)


def test_every_location_exists_in_the_source(dataset: Dataset) -> None:
    bullets = _bullets()
    counts = Counter(section for section, item in bullets if item > 0)
    for ind in dataset.indicators:
        places: list[Indicator | Location] = [ind, *ind.also_at]
        for loc in places:
            if loc.section == "overview":
                assert 1 <= loc.item <= 4, ind.id  # the header has four boxes
            else:
                assert 1 <= loc.item <= counts[loc.section], f"{ind.id}: {loc.section}/{loc.item}"
