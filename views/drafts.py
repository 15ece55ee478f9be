"""What the bot says around drafted paperwork: the drafts as messages, and notes beside them."""

from __future__ import annotations

from datetime import datetime

from knowledge.model import Norm
from paperwork.draft import Draft, draft_text
from views.button_data import DraftThankYou, EditSignature, ThankYouSent
from views.common import Attachment, Button, Reply, fit_message, source_line

SIGNATURE_SAVED = "✅ 落款已保存，起草的信函会这样署名："
CONTINUE_DRAFTING = "继续起草"
NEED_SIGNATURE = "第一次起草信函，请先设置落款（姓名、职务、部门、电话、公司），只需设置一次。"
SET_SIGNATURE = "设置落款"
DRAFT_GONE = "这条记录已不存在，或已不属于您（可能已删除或移交），无法起草。"
THANK_YOU_HEAD = (
    "📝 感谢函草稿（依据 1.2.1 正式拜访后48小时内送出感谢函）。可复制修改，或用下面的 Word 文件："
)
REPLY_HEAD = "📝 书面答复草稿（依据 1.2.2 回复客户要求规范）。可复制修改，或用下面的 Word 文件："
BID_SUMMARY_HEAD = "📝 投标总结草稿（依据 1.2.4 招标结束后及时总结，以资借鉴）："
SENT_BUTTON = "已送出"
DRAFT_THANK_YOU = "📝 起草感谢函"
DRAFT_REPLY = "📝 起草答复"
DRAFT_BID_SUMMARY = "📝 起草总结"
SEE_CUSTOMER = "查看该客户"
FORECAST_NOTE = (
    "附件是您客户的预测表：已填好上次拜访、了解到的情况和未完成的要求，请填写黄色的预测列。"
)
AGAIN_BUTTON = "重新生成"
NOT_ON_SITE = "电话拜访不需要感谢函（1.2.1 正式拜访后48小时内送出感谢函）。"


def caution_line(quote: str, norm: Norm) -> str:
    """One compliance note while a visit is logged: the norm in its words and its 出处."""
    return f"⚠️ 提醒：{quote.rstrip('。；;')}。（{source_line(norm)}）"


def need_signature() -> Reply:
    """Before the first draft: set the signature (the dialog offers the draft after it)."""
    return Reply(NEED_SIGNATURE, ((Button(SET_SIGNATURE, EditSignature().pack()),),))


def draft_reply(
    head: str, draft: Draft, word: bytes, buttons: tuple[tuple[Button, ...], ...]
) -> Reply:
    """A draft as a message to copy (with the chat-only notes) and as a Word file."""
    notes = [f"· {note}" for note in draft.notes]
    text = "\n".join([head, "", draft_text(draft), *(["", *notes] if notes else [])])
    return Reply(
        fit_message(text), buttons, Attachment(f"{draft.file_stem}.docx", word, apart=True)
    )


def thank_you_buttons(visit_id: int) -> tuple[tuple[Button, ...], ...]:
    return (
        (
            Button(SENT_BUTTON, ThankYouSent(visit_id).pack()),
            Button(AGAIN_BUTTON, DraftThankYou(visit_id).pack()),
        ),
    )


def thank_you_sent_text(
    sent_at: datetime, due: datetime | None, shown_sent: str, shown_due: str
) -> str:
    """已送出 recorded: on time or late against the 48 hours."""
    if due is None:
        return f"已记录：感谢函 {shown_sent} 送出。"
    state = "按时送出" if sent_at <= due else "已超过48小时，记为逾期送出"
    return f"已记录：感谢函 {shown_sent} 送出（期限 {shown_due}），{state}。相关提醒已取消。"
