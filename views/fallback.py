"""What the bot says to what it does not take: unknown commands, non-text messages, customer
data asked for in a group, the tail of a long paste, and an update that failed."""

from __future__ import annotations

NOT_TEXT = "我只能看懂文字消息。请直接输入问题，例如：见完客户多久发感谢函？"
PRIVATE_ONLY = "客户资料只能在与我的私聊中查看和记录，请私聊我使用这个命令。"
APOLOGY = "抱歉，处理您的消息时出了点问题，请稍后再试。"
NOTHING_TO_CANCEL = "当前没有进行中的操作。有问题可以直接问我。"


def unknown_command_text(command: str) -> str:
    return f"没有这个命令：{command}\n发送 /help 查看可用的命令。"


def continuation_note(limit: int) -> str:
    """A text right after a too-long one: the rest of the same paste, refused with it."""
    return (
        "这条消息紧跟在一条过长的消息之后，是同一段长文被拆开的后半部分，所以也没有记录。"
        f"请把内容精简到{limit}字以内，作为一条消息重新发送。"
    )
