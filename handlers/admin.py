"""Administrator commands: the unanswered-questions list and knowledge reload."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Message, Update

from handlers.context import BotContext
from handlers.replying import send_reply
from storage.unanswered import DECLINED, NONE_MATCHED, UNSURE, UnansweredSummary
from views.common import Reply, fit_message

LOCAL_TZ = ZoneInfo("Asia/Shanghai")
ADMINS_ONLY = "该命令仅限管理员使用。"
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


AdminCommand = Callable[[Message, BotContext], Coroutine[Any, Any, None]]


def admin_only(command: AdminCommand) -> Callable[[Update, BotContext], Coroutine[Any, Any, None]]:
    """The one place administrator rights are checked: others get a short refusal."""

    @functools.wraps(command)
    async def checked(update: Update, context: BotContext) -> None:
        message, user = update.effective_message, update.effective_user
        if message is None:
            return
        if not context.is_admin(user.id if user else None):
            await send_reply(message, Reply(ADMINS_ONLY))
            return
        await command(message, context)

    return checked


@admin_only
async def list_unanswered(message: Message, context: BotContext) -> None:
    await send_reply(message, Reply(unanswered_text(context.store.unanswered.summary())))


@admin_only
async def reload_knowledge(message: Message, context: BotContext) -> None:
    outcome = await asyncio.to_thread(context.knowledge.reload)
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
