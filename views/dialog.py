"""What the guided dialogs' Telegram side says around the steps: busy, idle, cancelled, a
message taken already, a question answered mid-dialog. The steps' own words are the forms'
(dialogs/)."""

from __future__ import annotations

FILLING = "填写"  # the dialog's title when its form is not known (any more)
NOT_TEXT_NOTE = "这一步需要文字回答，贴纸、图片、语音等无法记录。"
LOST_SESSION = "这次填写已失效（可能已在别处完成或取消），请重新发送命令开始。"
RECEIVED_NOTE = "您刚才发的已经收到。请回答这一步："


def busy_text(title: str) -> str:
    """Another dialog's command or button while this one is open: the one answer for both."""
    return f"您正在{title}。请先完成，或发送 /cancel 取消后再开始新的。"


def already_saved_text(title: str) -> str:
    return f"这份「{title}」已经保存过了，不会重复保存。"


def idle_note(title: str) -> str:
    return f"您之前的「{title}」还没有完成，停在这一步。继续填写，或发送 /cancel 放弃。"


def question_note(title: str) -> str:
    """After a norm question answered mid-dialog, before the step is asked again."""
    return f"↑ 以上是规范解答。继续{title}："


def cancelled_text(title: str) -> str:
    return f"已取消{title}，填写的内容没有保存。"
