"""Administrator commands: the unanswered-questions list and knowledge reload."""

from __future__ import annotations

import asyncio
from zoneinfo import ZoneInfo

from telegram import Update

from handlers.context import BotContext
from handlers.replying import send_reply
from storage.unanswered import DECLINED, NONE_MATCHED, UNSURE, UnansweredSummary
from views.common import Reply, fit_message

LOCAL_TZ = ZoneInfo("Asia/Shanghai")
OUTCOME_LABELS = {DECLINED: "超出范围", UNSURE: "未确定", NONE_MATCHED: "候选都不对"}


def unanswered_text(summaries: list[UnansweredSummary]) -> str:
    if not summaries:
        return "目前没有未能回答的问题。"
    lines = ["未能回答的问题（按次数排列）："]
    for index, item in enumerate(summaries, start=1):
        when = item.last_asked_at.astimezone(LOCAL_TZ).strftime("%m月%d日 %H:%M")
        outcomes = "、".join(OUTCOME_LABELS.get(outcome, outcome) for outcome in item.outcomes)
        lines.append(f"{index}. {item.question} —— {item.count} 次，最近 {when}（{outcomes}）")
    return fit_message("\n".join(lines))


# Only administrators get here: the gate (handlers/gate.py) checks roles for every command.


async def list_unanswered(update: Update, context: BotContext) -> None:
    if update.effective_message is not None:
        text = unanswered_text(context.store.unanswered.summary())
        await send_reply(update.effective_message, Reply(text))


async def reload_knowledge(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    learned, _ = context.knowledge.snapshot()  # the database is read on this thread
    outcome = await asyncio.to_thread(context.knowledge.reload, learned)
    if outcome.ok:
        text = f"知识库已重新加载：共 {outcome.norm_count} 条规范。"
    else:
        problems = (
            "\n".join(str(problem) for problem in outcome.error.problems) if outcome.error else ""
        )
        text = (
            f"新版本知识库有误，未加载；继续使用原版本（{outcome.norm_count} 条规范）。\n"
            f"错误：\n{problems}"
        )
    await send_reply(message, Reply(fit_message(text)))
