"""Replies to a free-text question: the norm, a short list to choose from, or a polite no."""

from __future__ import annotations

from knowledge.base import KnowledgeBase
from knowledge.matcher import MatchResult
from knowledge.segment import normalize_question
from views.button_data import CandidatePick, NoneFits
from views.common import Button, Reply, button_label, one_per_row
from views.norms import norm_card

QUESTION_LIMIT = 300
UNSURE_TEXT = "我不太确定您问的是哪一条。您是想问："
DECLINE_TEXT = (
    "抱歉，这个问题不在客户经理规范材料的范围内，我没法回答。\n"
    "可以用 /norms 浏览全部规范，或用 /search 关键词 查找。\n"
    "您的问题已记录，知识库维护人员会参考。"
)
TASK_TEXT = (
    "抱歉，我只解答客户经理工作规范方面的问题，不能代写、代查或代办。\n"
    "要起草感谢函：在 /visits 里找到那次上门拜访，点「📝 起草感谢函」；"
    "要起草书面答复：用 /letter 登记客户来函后点「📝 起草答复」。"
)
NORM_UPDATED = "这条规范已更新，请重新提问。"  # a candidate pressed after the base changed
EMPTY_TEXT = "请直接输入您想了解的规范问题，例如：见完客户多久发感谢函？"
TOO_LONG_TEXT = f"问题有点长，请用一两句话（{QUESTION_LIMIT}字以内）描述您想了解的规范。"
GREETING_TEXT = "您好！有工作规范方面的问题，直接问我就行，例如：见完客户多久发感谢函？"
THANKS_TEXT = "不客气！还有问题随时问我。"
# Whole messages that are small talk, not questions: answered kindly, not recorded.
SMALL_TALK = {
    **dict.fromkeys(
        ("你好", "您好", "在吗", "在不在", "hi", "hello", "哈喽", "早", "早上好"), GREETING_TEXT
    ),
    **dict.fromkeys(
        ("谢谢", "多谢", "谢啦", "谢了", "thanks", "好的", "好", "ok", "嗯", "收到"), THANKS_TEXT
    ),
}


def small_talk_reply(question: str) -> str | None:
    """The kind reply to a whole message that is small talk ("你好", "谢谢！"), else None."""
    return SMALL_TALK.get(normalize_question(question).strip("!！.。~～"))


NONE_MATCHED_TEXT = (
    "好的，已记录这个问题，知识库维护人员会补充。\n"
    "您也可以用 /norms 浏览全部规范，或用 /search 关键词 查找。"
)


def answer_reply(kb: KnowledgeBase, result: MatchResult) -> Reply:
    best = result.candidates[0].norm
    others = [candidate.norm for candidate in result.candidates[1:]]
    return norm_card(kb, best, extra=others)


def unsure_reply(result: MatchResult, question_id: int) -> Reply:
    buttons = [
        Button(
            button_label(candidate.norm.title),
            CandidatePick(question_id, candidate.norm.id).pack(),
        )
        for candidate in result.candidates[:3]
    ]
    buttons.append(Button("都不是", NoneFits(question_id).pack()))
    return Reply(UNSURE_TEXT, one_per_row(buttons))
