"""What curators see in /review: the queue of unanswered questions, one group with its choices,
the synonym steps, and the list of decisions with 撤销."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from knowledge.base import KnowledgeBase
from knowledge.model import Norm
from learning.curation import Decided, Refusal
from learning.review import ReviewGroup
from storage.review import IGNORED, OUT_OF_SCOPE, TAUGHT_QUESTION, ReviewDecision
from timekeeping.zone import format_local
from views.button_data import (
    ReviewAssign,
    ReviewDecisions,
    ReviewIgnore,
    ReviewList,
    ReviewOpen,
    ReviewOtherNorm,
    ReviewOutOfScope,
    ReviewSynonym,
    ReviewTerm,
    ReviewUndo,
    ReviewWord,
)
from views.common import Button, Reply, button_label, fit_message, one_per_row

PAGE_SIZE = 8
SHOWN_WORDINGS = 5

EMPTY_QUEUE = "目前没有待审的问题。"
GROUP_GONE = "这组问题已经处理过了（可能是别的维护人员刚处理的）。发送 /review 查看最新的。"
NORM_GONE = "这条规范已不在知识库里，请重新选择。"
NOT_UNDOABLE = "这条决定已经撤销过了，或不存在。"
PICK_OTHER_NORM = (
    "请用 /search 关键词 或 /norms 找到那条规范，打开后点「📌 归入这条规范」。\n"
    "这组问题：「{question}」"
)
NO_UNKNOWN_WORDS = (
    "这组问题里没有知识库不认识的词。\n"
    "如需教一个说法，请发送 /synonym 词=术语，例如 /synonym dress code=职业装"
)
SYNONYM_USAGE = (
    "用法：/synonym 词=术语\n"
    "「术语」须是材料里出现的词，例如 /synonym dress code=职业装、/synonym 谢帖=感谢函"
)
TYPE_A_TERM = "或发送 /synonym {word}=术语 指定别的术语。"
ASSIGN_HERE = "📌 归入这条规范"

KIND_LABELS = {
    TAUGHT_QUESTION: "归入规范",
    "synonym": "同义词",
    OUT_OF_SCOPE: "范围外",
    IGNORED: "忽略",
}


def _norm_label(norm: Norm) -> str:
    return f"{norm.id} {norm.title}"


def review_list(groups: Sequence[ReviewGroup], page: int = 0) -> Reply:
    """The queue, suggestions first: one button per group."""
    if not groups:
        return Reply(EMPTY_QUEUE, ((Button("已做的决定（可撤销）", ReviewDecisions(0).pack()),),))
    pages = (len(groups) + PAGE_SIZE - 1) // PAGE_SIZE
    page = min(max(page, 0), pages - 1)
    shown = groups[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    lines = [f"待审问题：{len(groups)} 组（建议优先，其次问得多的）。点一组处理："]
    buttons = []
    for index, group in enumerate(shown, start=page * PAGE_SIZE + 1):
        mark = "〔建议〕" if group.suggestion else ""
        lines.append(
            f"{index}. {mark}{group.representative} —— {group.count} 次，{group.askers} 人"
        )
        buttons.append(
            Button(
                button_label(f"{index}. {mark}{group.representative}"),
                ReviewOpen(group.key).pack(),
            )
        )
    rows = list(one_per_row(buttons))
    turn = []
    if page > 0:
        turn.append(Button("上一页", ReviewList(page - 1).pack()))
    if page + 1 < pages:
        turn.append(Button("下一页", ReviewList(page + 1).pack()))
    if turn:
        rows.append(tuple(turn))
    rows.append((Button("已做的决定（可撤销）", ReviewDecisions(0).pack()),))
    return Reply(fit_message("\n".join(lines)), tuple(rows))


def group_card(
    kb: KnowledgeBase, group: ReviewGroup, candidates: Sequence[Norm], now: datetime
) -> Reply:
    """One group: its wordings, counts, what users picked, the best candidates; one tap each
    to 归入 a norm, teach a synonym, mark it out of scope or ignore it."""
    lines = [
        f"「{group.representative}」",
        f"共 {group.count} 次，{group.askers} 人问过，"
        f"最近一次 {format_local(group.last_asked_at, now=now)}。",
    ]
    others = group.texts[1 : 1 + SHOWN_WORDINGS]
    if others:
        lines.append("其他问法：" + "；".join(f"「{text}」" for text in others))
    picks = group.picks
    if picks:
        picked = (
            f"{_norm_label(norm)}（{people} 人）"
            for norm_id, people in sorted(picks.items(), key=lambda item: -item[1])
            if (norm := kb.norm(norm_id)) is not None
        )
        lines.append("用户选过：" + "；".join(picked))
    suggestion = kb.norm(group.suggestion) if group.suggestion else None
    if suggestion is not None:
        lines.append(f"建议归入：{_norm_label(suggestion)}")
    choices = [suggestion] if suggestion is not None else []
    choices += [norm for norm in candidates if norm not in choices]
    if candidates:
        lines.append("最可能的规范：")
        lines += [f"· {_norm_label(norm)}" for norm in candidates[:3]]
    buttons = [
        Button(
            button_label(("✅ 建议归入：" if norm == suggestion else "归入：") + norm.title),
            ReviewAssign(group.key, norm.id).pack(),
        )
        for norm in choices[:3]
    ]
    buttons.append(Button("归入其他规范…", ReviewOtherNorm(group.key).pack()))
    rows = [*one_per_row(buttons)]
    rows.append(
        (
            Button("教同义词", ReviewSynonym(group.key).pack()),
            Button("范围外", ReviewOutOfScope(group.key).pack()),
        )
    )
    rows.append(
        (Button("忽略", ReviewIgnore(group.key).pack()), Button("返回列表", ReviewList(0).pack()))
    )
    return Reply(fit_message("\n".join(lines)), tuple(rows))


def pick_other_norm(group: ReviewGroup) -> Reply:
    return Reply(PICK_OTHER_NORM.format(question=group.representative))


def assign_button(group_key: int, norm_id: str) -> Button:
    """Under a norm card, while a curator looks for the norm a group belongs to."""
    return Button(ASSIGN_HERE, ReviewAssign(group_key, norm_id).pack())


def synonym_words(group: ReviewGroup, words: Sequence[str]) -> Reply:
    """Step 1 of teaching a synonym: the question's words the knowledge base does not know."""
    if not words:
        return Reply(NO_UNKNOWN_WORDS, ((Button("返回", ReviewOpen(group.key).pack()),),))
    buttons = [
        Button(button_label(word), ReviewWord(group.key, index).pack())
        for index, word in enumerate(words)
    ]
    rows = [*one_per_row(buttons), (Button("返回", ReviewOpen(group.key).pack()),)]
    text = f"「{group.representative}」\n哪个词知识库不认识？选一个，再选它对应的材料术语："
    return Reply(fit_message(text), tuple(rows))


def synonym_terms(group: ReviewGroup, word: str, terms: Sequence[str]) -> Reply:
    """Step 2: the material's terms the word may stand for (from the likely norms)."""
    buttons = [
        Button(button_label(term), ReviewTerm(group.key, index).pack())
        for index, term in enumerate(terms)
    ]
    rows = [*one_per_row(buttons), (Button("返回", ReviewSynonym(group.key).pack()),)]
    text = f"「{word}」指的是材料里的哪个术语？\n" + TYPE_A_TERM.format(word=word)
    return Reply(fit_message(text), tuple(rows))


def decided_text(kb: KnowledgeBase, decided: Decided) -> str:
    """What a decision did, or why it could not be made."""
    if decided.refusal is Refusal.BAD_SYNONYM:
        return f"没有记下：{decided.reason}"
    if decided.refusal is Refusal.NORM_GONE:
        return NORM_GONE
    if decided.refusal is Refusal.NOT_UNDOABLE:
        return NOT_UNDOABLE
    decision = decided.decision
    if decided.refusal is not None or decision is None:
        return GROUP_GONE
    count = len(decision.questions)
    if not decision.active:
        return f"已撤销：{describe(kb, decision)}。相关问题回到待审列表。"
    if decision.kind == TAUGHT_QUESTION:
        norm = kb.norm(decision.norm_id or "")
        title = _norm_label(norm) if norm else decision.norm_id
        return (
            f"已归入 {title}：这 {count} 种问法现在直接回答这条规范（附出处），"
            "相近的问法也会受益，对所有人立即生效。"
        )
    if decision.kind == "synonym":
        return f"已记下同义词：「{decision.variant}」→「{decision.term}」，对所有人立即生效。"
    if decision.kind == OUT_OF_SCOPE:
        return f"已标为范围外：这 {count} 种问法及相近的问题今后直接说明不在材料范围内。"
    return "已忽略这组问题。"


def decision_reply(kb: KnowledgeBase, decided: Decided) -> Reply:
    """What a decision did, with the way back to the queue and to the decisions."""
    buttons = (
        (Button("返回待审列表", ReviewList(0).pack()),),
        (Button("已做的决定（可撤销）", ReviewDecisions(0).pack()),),
    )
    return Reply(decided_text(kb, decided), buttons)


def describe(kb: KnowledgeBase, decision: ReviewDecision) -> str:
    label = KIND_LABELS.get(decision.kind, decision.kind)
    if decision.kind == "synonym":
        return f"{label}「{decision.variant}」→「{decision.term}」"
    first = decision.questions[0] if decision.questions else ""
    if decision.kind == TAUGHT_QUESTION:
        norm = kb.norm(decision.norm_id or "")
        norm_id = norm.id if norm else decision.norm_id
        return f"{label} {norm_id}：「{first}」等 {len(decision.questions)} 种问法"
    return f"{label}：「{first}」等 {len(decision.questions)} 种问法"


def decisions_list(
    kb: KnowledgeBase, decisions: Sequence[ReviewDecision], page: int, more: bool, now: datetime
) -> Reply:
    """Decisions newest first, each in force with 撤销."""
    if not decisions:
        return Reply("还没有做过决定。", ((Button("返回待审列表", ReviewList(0).pack()),),))
    lines = ["已做的决定（最新在前）："]
    buttons = []
    for decision in decisions:
        state = "" if decision.active else "（已撤销）"
        when = format_local(decision.decided_at, now=now)
        lines.append(f"#{decision.id} {when} {describe(kb, decision)}{state}")
        if decision.active:
            buttons.append(Button(f"撤销 #{decision.id}", ReviewUndo(decision.id).pack()))
    rows = [*one_per_row(buttons)]
    turn = []
    if page > 0:
        turn.append(Button("较新", ReviewDecisions(page - 1).pack()))
    if more:
        turn.append(Button("较早", ReviewDecisions(page + 1).pack()))
    if turn:
        rows.append(tuple(turn))
    rows.append((Button("返回待审列表", ReviewList(0).pack()),))
    return Reply(fit_message("\n".join(lines)), tuple(rows))
