"""Everyday questions a reader asks, and the records a person expects each to find.

Each row: the query, records that must be among the results, and records that must not be.
A start of the test set; records found only through their section's title rank below all others.
"""

from __future__ import annotations

import pytest

from zzreport import query
from zzreport.model import Dataset

QUESTIONS: list[tuple[str, set[str], set[str]]] = [
    (
        "科技",
        {
            "innovation-platforms",
            "high-tech-enterprises",
            "technology-contracts",
            "digital-economy-core-output",
        },
        set(),
    ),
    ("science", {"innovation-platforms", "technology-contracts-value"}, set()),
    ("kj", {"innovation-platforms", "high-tech-enterprises"}, set()),
    ("教育", {"basic-education-reform", "gaokao-first-tier-rate"}, set()),
    ("education", {"basic-education-reform", "gaokao-first-tier-rate"}, set()),
    ("双减", {"basic-education-reform"}, set()),
    ("医疗", {"tcm-childcare-demo", "health-childcare-demo-funds"}, set()),
    ("环境", {"air-quality-index", "pm25", "water-quality-good-rate", "energy-intensity"}, set()),
    ("environment", {"air-quality-index", "pm25", "green-loans"}, set()),
    ("空气", {"air-quality-index", "pm25"}, set()),
    ("air quality", {"air-quality-index", "pm25"}, set()),
    ("旅游", {"new-a-grade-scenic-spots", "a-grade-scenic-spots", "taihang-no1-tourist-road"}, set()),
    ("tourism", {"new-a-grade-scenic-spots", "a-grade-scenic-spots"}, set()),
    ("就业", {"new-urban-jobs", "employment-service-demo", "understory-economy-jobs"}, set()),
    ("jobs", {"new-urban-jobs", "understory-economy-jobs"}, set()),
    ("财政", {"budget-revenue", "fiscal-funds-saved", "livelihood-spending-share"}, set()),
    ("fiscal", {"budget-revenue", "fiscal-funds-saved"}, set()),
    ("金融", {"new-loans", "loan-to-deposit-ratio", "financial-value-added", "green-loans"}, set()),
    ("能源", {"raw-coal-output", "clean-energy-capacity-share", "energy-intensity"}, set()),
    ("投资", {"fixed-asset-investment", "signed-projects-investment"}, set()),
    ("农业", {"grain-output", "new-high-standard-farmland"}, set()),
    ("GDP growth", {"gdp"}, set()),
    ("coal output", {"raw-coal-output"}, set()),
    ("高新区", {"digital-transformation-centre", "carbon-peak-pilot-park"}, set()),
    ("ＧＤＰ", {"gdp"}, set()),
    ("地區生產總值", {"gdp"}, set()),
]


@pytest.mark.parametrize(("text", "expected", "unexpected"), QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_everyday_questions_find_what_a_person_expects(
    dataset: Dataset, text: str, expected: set[str], unexpected: set[str]
) -> None:
    found = {h.indicator.id for h in query.search(dataset, text)}
    assert expected <= found, expected - found
    assert not unexpected & found


def test_topic_matches_rank_below_name_matches(dataset: Dataset) -> None:
    hits = query.search(dataset, "教育")
    assert hits[0].indicator.id == "basic-education-reform"  # 教育 in its name
    assert {h.field.value for h in hits[1:]} == {"topic"}


def test_section_title_matches_come_last(dataset: Dataset) -> None:
    hits = query.search(dataset, "tourism")  # also the title of the services section
    fields = [h.field.value for h in hits]
    assert fields[0] == "topic" and "section" in fields
    assert fields == sorted(fields, key=lambda f: f == "section")  # no topic hit after a section hit
    assert "new-loans" in [h.indicator.id for h in hits if h.field.value == "section"]
