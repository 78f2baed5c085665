"""How `zzreport draft` and `zzreport coverage` scale with the length of a text: both must be linear.

Builds a text of about 10 MB from three shapes that once took quadratic time or output (ordinary
report sentences with changing figures; one clause of a few hundred thousand characters, figures
apart by 、; one line of 65 KB with no punctuation) and times drafting it and checking the draft
against it, with the size of what each writes.

    python benchmarks/draft_large.py [MEGABYTES]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from zzreport import drafting
from zzreport.loading import load_all


def text_of(megabytes: float) -> str:
    """A text of about ``megabytes`` MB (UTF-8) holding the three shapes."""
    long_clause = "新增项目" + "、".join(f"{k}个" for k in range(1, 40000)) + "。"
    long_line = "产值" + "".join(f"{k}亿元" for k in range(1, 8000))
    parts = ["一、工作回顾", long_clause, long_line]
    size = sum(len(p.encode()) for p in parts)
    k = 0
    while size < megabytes * 1_000_000:
        k += 1
        line = f"第{k}项指标完成{k}.{k % 10}亿元,增长{k % 97}.{k % 7}%,全市第{k % 9 + 1}。"
        parts.append(line)
        size += len(line.encode()) + 1
    return "\n".join(parts) + "\n"


def main() -> int:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    text = text_of(megabytes)
    print(f"text: {len(text.encode()) / 1e6:.1f} MB, {text.count(chr(10))} lines")
    start = time.perf_counter()
    made = drafting.draft(text, source="large.txt", year=2023)
    print(f"draft:    {time.perf_counter() - start:6.1f} s, {len(made.encode()) / 1e6:.1f} MB written")
    filled = made.replace('province: ""', "province: 山西省").replace(
        'delivered: ""', "delivered: 2024-01-01"
    )
    filled = filled.replace('region: ""', "region: 样例").replace('title: ""', "title: 样例")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.yaml"
        path.write_text(filled, encoding="utf-8")
        (dataset,) = load_all([path])
        start = time.perf_counter()
        rows = drafting.coverage(dataset, text)
        spent = time.perf_counter() - start
    context = sum(len(r.context) for r in rows)
    print(f"coverage: {spent:6.1f} s, {len(rows)} numbers, {context / 1e6:.1f} M characters of context")
    return 0


if __name__ == "__main__":
    sys.exit(main())
