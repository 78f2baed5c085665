"""Write a synthetic report file with N indicators, for benchmarks of large collections.

Usage: python benchmarks/generate.py N OUT.yaml
Names are drawn from common hanzi (so pinyin and substring search have work to do), values and
changes are random exact decimals; the file passes zzreport's checks.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

HANZI = "煤炭电力钢铁化工农业粮食教育医疗交通旅游金融科技创新环境生态水利住房就业收入消费投资出口"
UNITS = ["亿元", "万吨", "%", "万人", "个", "家", "公里", "万亩"]
SECTIONS = ["economy", "industry", "society", "environment"]
HEADER = """\
format: 1
report:
  id: synthetic-{n}
  region: 合成市
  region_en: Synthetic
  province: 山西省
  province_en: Shanxi
  year: 2023
  title: 合成报告
  title_en: Synthetic report
  delivered: 2024-03-26
  source: 生成的数据
  source_en: generated for benchmarks
sections:
  - {{id: economy, title: 经济, title_en: Economy}}
  - {{id: industry, title: 产业, title_en: Industry}}
  - {{id: society, title: 社会, title_en: Society}}
  - {{id: environment, title: 环境, title_en: Environment}}
indicators:
"""


def record(n: int, rng: random.Random) -> str:
    name = "".join(rng.choice(HANZI) for _ in range(rng.randint(3, 8))) + f"{n}号"
    lines = [
        f"  - id: ind-{n}",
        f"    name: {name}",
        f"    name_en: Synthetic indicator {n}",
        f"    section: {rng.choice(SECTIONS)}",
        f"    item: {rng.randint(1, 9)}",
        f"    value: {rng.randint(0, 99999)}.{rng.randint(0, 99)}",
        f'    unit: "{rng.choice(UNITS)}"',
    ]
    if rng.random() < 0.5:
        lines += [
            f"    change: {rng.choice(['', '-'])}{rng.randint(0, 30)}.{rng.randint(0, 9)}",
            '    change_unit: "%"',
        ]
    if rng.random() < 0.1:
        lines += [f"    rank: {rng.randint(1, 11)}", "    rank_scope: province"]
    return "\n".join(lines) + "\n"


def write(n: int, out: Path, seed: int = 2024) -> None:
    """Write a report with ``n`` indicators to ``out``."""
    rng = random.Random(seed)
    with out.open("w", encoding="utf-8") as f:
        f.write(HEADER.format(n=n))
        for i in range(n):
            f.write(record(i, rng))


def copies(k: int, out: Path) -> int:
    """Write the bundled report with each of its records ``k`` times to ``out``, each copy's ids,
    names and aliases made its own (and the ids they and the targets name), and return the number of
    records: a large file shaped like a real one (aliases, topics, places, ranks, comparisons), which
    the random records of ``write`` are not."""
    import yaml

    from zzreport.loading import bundled_path

    doc = yaml.load(bundled_path().read_text(encoding="utf-8"), Loader=yaml.CBaseLoader)  # noqa: S506 - text only
    records, targets = [], []
    for c in range(k):
        for ind in doc["indicators"]:
            copy = {**ind, "id": f"{ind['id']}-c{c}", "name": f"{ind['name']}{c}号"}
            if "name_en" in ind:
                copy["name_en"] = f"{ind['name_en']} {c}"
            if "aliases" in ind:
                copy["aliases"] = [f"{alias} c{c}" for alias in ind["aliases"]]
            if "rank_with" in ind:
                copy["rank_with"] = [f"{other}-c{c}" for other in ind["rank_with"]]
            records.append(copy)
        for target in doc.get("targets", []):
            targets.append({**target, "id": f"{target['id']}-c{c}"} if "id" in target else dict(target))
            if "measure" in target:
                targets[-1]["measure"] = f"{target['measure']}-c{c}"
    doc["indicators"] = records
    if targets:
        doc["targets"] = targets

    class Written(yaml.SafeDumper):
        def ignore_aliases(self, data: object) -> bool:  # every value written out: no anchors
            return True

    with out.open("w", encoding="utf-8") as f:
        yaml.dump(doc, f, Dumper=Written, allow_unicode=True, sort_keys=False, width=1000)
    return len(records)


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]))
