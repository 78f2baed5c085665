"""The topics a record may be tagged with, and the English words a reader may search them by.

Topics are an open vocabulary: a report file may use any, and one not listed here is searched in
the words it is written in. Builtins only.
"""

from __future__ import annotations

ENGLISH: dict[str, tuple[str, ...]] = {
    "经济": ("economy", "economic"),
    "目标": ("target", "targets", "goal", "goals", "预期目标", "目标任务"),
    "财政": ("fiscal", "budget", "public finance", "税收"),
    "投资": ("investment",),
    "项目": ("projects",),
    "企业": ("enterprises", "business", "firms"),
    "营商环境": ("business environment",),
    "工业": ("industry", "industrial"),
    "能源": ("energy", "电力"),
    "煤炭": ("coal",),
    "科技": ("science and technology", "science", "technology", "innovation", "创新", "技术", "科研"),
    "数字经济": ("digital economy", "digital"),
    "开放": ("opening up", "foreign trade", "trade", "外贸", "外资"),
    "旅游": ("tourism", "文旅", "景区"),
    "文化": ("culture",),
    "消费": ("consumption",),
    "金融": ("finance", "financial", "banking", "银行", "信贷"),
    "交通": ("transport", "道路", "公路", "铁路"),
    "物流": ("logistics",),
    "城市建设": ("urban development", "urban"),
    "水利": ("water",),
    "农业": ("agriculture", "farming", "三农", "粮食"),
    "乡村": ("rural", "countryside", "农村", "乡村振兴"),
    "环境": ("environment", "pollution", "环保", "污染", "生态环境"),
    "空气质量": ("air quality", "air"),
    "生态": ("ecology", "forestry"),
    "教育": ("education", "schools", "学校"),
    "医疗": ("health", "healthcare", "medicine", "卫生", "健康", "医药"),
    "就业": ("employment", "jobs", "工作岗位"),
    "民生": ("livelihood", "welfare", "社会保障", "社保"),
    "安全": ("safety", "security"),
    "政务": ("government",),
}
"""Known topics (Chinese, as report files write them) with the English and other Chinese words a
reader may search each by (污染 finds what is tagged 环境)."""


def words(topics: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Every word each topic may be searched by: the topic itself, then its other words."""
    return tuple((t, *ENGLISH.get(t, ())) for t in topics)
