"""The topics a record may be tagged with, and the English words a reader may search them by.

Topics are an open vocabulary: a report file may use any, and one not listed here is searched in
the words it is written in. Builtins only.
"""

from __future__ import annotations

ENGLISH: dict[str, tuple[str, ...]] = {
    "经济": ("economy", "economic"),
    "财政": ("fiscal", "budget", "public finance"),
    "投资": ("investment",),
    "项目": ("projects",),
    "企业": ("enterprises", "business", "firms"),
    "营商环境": ("business environment",),
    "工业": ("industry", "industrial"),
    "能源": ("energy",),
    "煤炭": ("coal",),
    "科技": ("science and technology", "science", "technology", "innovation"),
    "数字经济": ("digital economy", "digital"),
    "开放": ("opening up", "foreign trade", "trade"),
    "旅游": ("tourism",),
    "文化": ("culture",),
    "消费": ("consumption",),
    "金融": ("finance", "financial", "banking"),
    "交通": ("transport",),
    "物流": ("logistics",),
    "城市建设": ("urban development", "urban"),
    "水利": ("water",),
    "农业": ("agriculture", "farming"),
    "乡村": ("rural", "countryside"),
    "环境": ("environment", "pollution"),
    "空气质量": ("air quality", "air"),
    "生态": ("ecology", "forestry"),
    "教育": ("education", "schools"),
    "医疗": ("health", "healthcare", "medicine"),
    "就业": ("employment", "jobs"),
    "民生": ("livelihood", "welfare"),
    "安全": ("safety", "security"),
    "政务": ("government",),
}
"""Known topics (Chinese, as report files write them) with English words for each."""


def words(topics: tuple[str, ...]) -> tuple[str, ...]:
    """Every word a topic may be searched by: the topics themselves, then their English words."""
    return (*topics, *(e for t in topics for e in ENGLISH.get(t, ())))
