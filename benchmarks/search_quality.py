"""Precision and recall of search on the everyday questions of tests/fixtures/everyday_questions.tsv.

For each question the table names the records a person expects. Recall: the share of them that
search finds at all. Precision at k: of the first k results (k = how many are expected, at most 5),
the share that are expected. Run from the repository: ``python benchmarks/search_quality.py``.
"""

from __future__ import annotations

from pathlib import Path

from zzreport import query
from zzreport.errors import NoMatchError
from zzreport.loading import load_all

QUESTIONS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "everyday_questions.tsv"


def main() -> None:
    dataset = load_all([])[0]
    rows = [
        line.split("\t")
        for line in QUESTIONS.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    recalls, precisions = [], []
    for text, expected_text, _ in rows:
        expected = set(expected_text.split())
        try:
            ids = [hit.indicator.id for hit in query.search(dataset, text)]
        except NoMatchError:
            ids = []
        k = min(len(expected), 5)
        recalls.append(len(expected & set(ids)) / len(expected))
        precisions.append(len(expected & set(ids[:k])) / k)
        flag = "" if recalls[-1] == 1 and precisions[-1] == 1 else "  <"
        print(f"{text:<28} recall {recalls[-1]:.2f}  precision@{k} {precisions[-1]:.2f}{flag}")
    n = len(rows)
    print(f"\n{n} questions: mean recall {sum(recalls) / n:.3f}, mean precision@k {sum(precisions) / n:.3f}")


if __name__ == "__main__":
    main()
