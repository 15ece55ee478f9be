"""What administrators and curators read: the unanswered questions, a knowledge reload."""

from __future__ import annotations

from collections.abc import Sequence

from storage.unanswered import DECLINED, NONE_MATCHED, UNSURE, UnansweredSummary
from timekeeping.zone import format_local_brief
from views.common import fit_message

OUTCOME_LABELS = {DECLINED: "超出范围", UNSURE: "未确定", NONE_MATCHED: "候选都不对"}


def unanswered_text(summaries: Sequence[UnansweredSummary]) -> str:
    if not summaries:
        return "目前没有未能回答的问题。"
    lines = ["未能回答的问题（按次数排列）："]
    for index, item in enumerate(summaries, start=1):
        when = format_local_brief(item.last_asked_at)
        outcomes = "、".join(OUTCOME_LABELS.get(outcome, outcome) for outcome in item.outcomes)
        lines.append(f"{index}. {item.question} —— {item.count} 次，最近 {when}（{outcomes}）")
    return fit_message("\n".join(lines))


def reloaded_text(norm_count: int) -> str:
    return f"知识库已重新加载：共 {norm_count} 条规范。"


def reload_refused_text(norm_count: int, problems: Sequence[str]) -> str:
    """An invalid new version: its errors, and that the old one keeps serving."""
    text = (
        f"新版本知识库有误，未加载；继续使用原版本（{norm_count} 条规范）。\n"
        f"错误：\n{chr(10).join(problems)}"
    )
    return fit_message(text)
