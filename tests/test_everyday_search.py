"""Everyday questions a reader asks, and the records a person expects each to find.

Each row: the query, records that must be among the results, and records that must not be.
A start of the test set; records found only through their section's title rank below all others.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from zzreport import query
from zzreport.model import Dataset

QUESTIONS_FILE = Path(__file__).parent / "fixtures" / "everyday_questions.tsv"
"""The questions, kept as a table that ``benchmarks/search_quality.py`` reports on too."""


def questions() -> list[tuple[str, list[str], set[str]]]:
    """(query, records a person expects in the order they expect them, records that must not show)."""
    rows = []
    for line in QUESTIONS_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            text, expected, unexpected = line.split("\t")
            rows.append((text, expected.split(), set(unexpected.split())))
    return rows


QUESTIONS = questions()


def test_the_question_set_is_large_enough() -> None:
    assert len(QUESTIONS) >= 40


@pytest.mark.parametrize(("text", "expected", "unexpected"), QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_everyday_questions_find_what_a_person_expects(
    dataset: Dataset, text: str, expected: list[str], unexpected: set[str]
) -> None:
    ids = [h.indicator.id for h in query.search(dataset, text)]
    assert set(expected) <= set(ids), set(expected) - set(ids)
    assert not unexpected & set(ids)
    top = ids[: min(len(expected), 5)]
    # The first results are the expected ones, with at most one other before them.
    assert len(set(top) - set(expected)) <= 1, top


def test_topic_matches_rank_below_name_matches(dataset: Dataset) -> None:
    hits = query.search(dataset, "教育")
    assert hits[0].indicator.id == "basic-education-reform"  # 教育 in its name
    assert {h.field.value for h in hits[1:]} == {"topic"}


def test_section_titles_find_records_only_when_nothing_else_does(dataset: Dataset) -> None:
    hits = query.search(dataset, "tourism")  # also in the title of the services section
    assert "new-loans" not in [h.indicator.id for h in hits]
    assert "section" not in {h.field.value for h in hits}
    services = next(s for s in dataset.sections if "tourism" in s.title_en.casefold())
    only_title = query.search(dataset, services.title_en)  # no record holds these words
    assert {h.field.value for h in only_title} == {"section"}
    assert {h.indicator.section for h in only_title} == {services.id}


@pytest.mark.parametrize("store", ["cold", "warm"])
def test_the_installed_command_ranks_and_matches_words(
    zzreport_exe: str, clean_env: dict[str, str], tmp_path: Path, store: str
) -> None:
    """Through the console script, from the file and then from the store: the headline figure
    first, English words whole, ranks and comparisons as text, Chinese compounds split."""
    env = {**clean_env, "ZZREPORT_CACHE_DIR": str(tmp_path)}

    def ids(*args: str) -> list[str]:
        if store == "warm":
            subprocess.run([zzreport_exe, "list"], env=env, capture_output=True, check=True)
        out = subprocess.run(
            [zzreport_exe, "search", *args, "-f", "tsv", "--fields", "id", "--no-header"],
            env=env, capture_output=True, check=False,
        )  # fmt: skip
        return out.stdout.decode().split()

    assert ids("就业")[0] == "new-urban-jobs"  # 新增城镇就业 4.4万人, not the funds or the honour
    assert "beijing-cooperation-items" not in ids("air")  # "paired" holds no word "air"
    assert ids("全省第一") == ["water-quality-good-rate"]
    assert set(ids("全省第二")) == {
        "gdp", "fixed-asset-investment", "tax-registered-share", "transport-logistics-revenue",
        "air-quality-index",
    }  # fmt: skip
    assert ids("first in province")[0] == "water-quality-good-rate"
    assert "retail-sales" in ids("高于全省平均")
    assert "new-loans" not in ids("tourism")  # only in its section's title
    assert ids("经济增速")[:2] == ["gdp", "main-indicator-growth"]  # the economy's growth, then 主要指标增速
    assert "business-environment-top-ten" not in ids("环境")[:5]  # 营商环境 is the business climate
