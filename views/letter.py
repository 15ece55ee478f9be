"""What /letter shows: the open letters by reply deadline, and the deadline of a new one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from knowledge.base import KnowledgeBase
from storage.models import CustomerLetter
from timekeeping.zone import format_local_date, local_date
from views.button_data import DraftReply, LetterDone, LetterNew
from views.common import Button, Reply, fit_message, source_line
from views.drafts import DRAFT_REPLY

LIST_LIMIT = 10

NEW_LETTER = LetterNew().pack()

LETTER_GONE = "没有找到这封来函（可能已删除，或不是您登记的）。"
ALREADY_ANSWERED = "这封来函已经标记为已书面答复。"
MARKED_ANSWERED = "已标记为已书面答复。"


def reply_due_text(due: datetime, now: datetime) -> str:
    """'12月1日（周二）之内': the deadline is the end of that working day."""
    return f"{format_local_date(local_date(due), now=now)}之内"


def _due_mark(due: datetime, now: datetime) -> str:
    if due < now:
        return " ⚠️已逾期"
    if local_date(due) == local_date(now):
        return " ⏰今天到期"
    return ""


def letters_overview(
    letters: Sequence[CustomerLetter], customers: Mapping[int, str], now: datetime
) -> Reply:
    """Open letters, the reply due soonest first (the storage orders them), overdue marked."""
    if not letters:
        return Reply(
            "没有待答复的客户来函。\n收到客户的书面来函，要在2个工作日内以书面形式答复。",
            ((Button("➕ 登记新来函", NEW_LETTER),),),
        )
    shown = letters[:LIST_LIMIT]
    lines = [f"📨 待书面答复的来函（{len(letters)}）"]
    rows: list[tuple[Button, ...]] = []
    for index, letter in enumerate(shown, 1):
        customer = customers.get(letter.customer_id, "？")
        lines += [
            "",
            f"{index}. {customer}：{letter.subject}",
            f"   收到：{format_local_date(local_date(letter.received_at), now=now)}"
            f" · 答复期限：{reply_due_text(letter.reply_due_at, now)}"
            f"{_due_mark(letter.reply_due_at, now)}",
        ]
        rows.append(
            (
                Button(f"{index}. {DRAFT_REPLY}", DraftReply(letter.id).pack()),
                Button(f"{index}. 已书面答复", LetterDone(letter.id).pack()),
            )
        )
    if len(letters) > len(shown):
        lines += ["", f"另有 {len(letters) - len(shown)} 封未列出，请先处理以上来函。"]
    rows.append((Button("➕ 登记新来函", NEW_LETTER),))
    return Reply(fit_message("\n".join(lines)), tuple(rows))


def saved_letter_text(
    letter: CustomerLetter, customer: str, kb: KnowledgeBase, now: datetime
) -> str:
    """Norm 1.2.2-01: the written reply's deadline, in local time, with its source."""
    rule = kb.deadline_rule("written_reply")
    within = f"（{rule.amount}个工作日内）" if rule else ""
    lines = [
        "✅ 来函已登记。",
        f"{customer}：{letter.subject}"
        f"（{format_local_date(local_date(letter.received_at), now=now)}收到）",
        "",
        f"✍️ 请在 {reply_due_text(letter.reply_due_at, now)}以书面形式答复客户{within}。",
    ]
    if letter.reply_due_at < now:
        lines.append("⚠️ 已超过答复期限，请尽快书面答复。")
    norm = kb.norm(rule.norm_id) if rule else None
    if norm is not None:
        lines.append(source_line(norm))
    lines += ["", "答复后，在 /letter 中点“已书面答复”。"]
    return "\n".join(lines)
