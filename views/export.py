"""/export — what the bot says around the Excel file."""

from __future__ import annotations

from fieldwork.export import ExportData
from knowledge.base import KnowledgeBase
from views.common import source_line

NOTHING_TO_EXPORT = (
    "您还没有可导出的记录。拜访客户后发送 /visit 记录，之后就可以用 /export 导出 Excel。"
)
DATA_RULE_NORM = "1.2.5-01"


def export_caption(data: ExportData, kb: KnowledgeBase) -> str:
    """What the file holds, and the data rule that comes with it (norm 1.2.5-01)."""
    lines = [
        f"📊 已导出：拜访记录 {len(data.visits)} 条、要求与承诺 {len(data.items)} 条、"
        f"客户来函 {len(data.letters)} 封、客户 {len(data.customers)} 个。",
        "资料属企业共有财产，只能用于正常的经营，请勿外传。",
    ]
    norm = kb.norm(DATA_RULE_NORM)
    if norm is not None:
        lines.append(source_line(norm))
    return "\n".join(lines)
