"""What 每日一练 says: a question with its options as buttons, right or wrong with the norm and its
出处, the round's end, and what a lead sees of the team."""

from __future__ import annotations

from collections.abc import Sequence

from knowledge.base import KnowledgeBase
from knowledge.model import Norm
from training.coach import Asked, Checked, SectionMastery
from training.questions import KIND_LABELS
from views.button_data import QuizAnswer, QuizStart
from views.common import Button, Reply, fit_message
from views.norms import norm_text

LETTERS = "ABCD"
ANSWERED_RIGHT = "✅ 答对了"
ANSWERED_WRONG = "❌ 答错了"
ASSIGN_WORDS = ("指派", "布置")  # /quiz 指派 1.2.7
LONG_OPTION = 14  # characters: a longer option is written in the text, its letter on the button
PUSH_HEAD = "📚 每日一练：今天的5道题，几分钟就好。"
WAITING_FOR_DIALOG = "📚 每日一练：今天的题已备好。您正在填写「{title}」，完成后点下面的按钮开始。"
START = "开始练习"
NOTHING_TO_ASK = "目前没有可练习的题目。"
BUSY = "您正在填写「{title}」，请先完成或发送 /cancel，再开始练习。"
ASSIGN_USAGE = "用法：/quiz 指派 章节号，例如 /quiz 指派 1.2.7（团队长）"
LEAD_ONLY = "只有团队长可以给团队指派练习。"
LEVEL_USAGE = "用法：/level 员工ID 级别，级别为 四级、三级、二级、一级，例如 /level 33333333 二级"
NO_SUCH_MEMBER = "没有这位员工，请用 /team 或 /staff 查看 ID。"
NOT_YOUR_TEAM = "团队长只能设置本团队成员的级别。"
MASTERED_THRESHOLD = 0.8  # an assigned section counts as learned from this share mastered


def question_reply(asked: Asked) -> Reply:
    """One question: its kind and number, the prompt, and its options as buttons (long ones
    written out in the text, with their letters on the buttons)."""
    question = asked.question
    head = f"📚 每日一练 {asked.position + 1}/{asked.total} · {KIND_LABELS[question.kind]}"
    lines = [head, "", question.prompt]
    long = any(len(option) > LONG_OPTION for option in question.options)
    if long:
        lines.append("")
        lines += [f"{LETTERS[i]}. {option}" for i, option in enumerate(question.options)]
    buttons = [
        Button(
            LETTERS[index] if long else option,
            QuizAnswer(asked.round_id, asked.position, index).pack(),
        )
        for index, option in enumerate(question.options)
    ]
    rows = (tuple(buttons),) if long or len(buttons) == 2 else tuple((b,) for b in buttons)
    return Reply(fit_message("\n".join(lines)), rows)


def checked_reply(checked: Checked, kb: KnowledgeBase) -> Reply:
    """The answered question: right or wrong, the right option, and the norm with 出处."""
    question = checked.question
    verdict = "✅ 答对了！" if checked.right else f"❌ 答错了。正确答案：{question.right_option}"
    lines = [question.prompt, "", verdict, "", norm_text(checked.norm)]
    return Reply(fit_message("\n".join(lines)))


def round_end_text(right: int, total: int, streak: int, sections: Sequence[SectionMastery]) -> str:
    """The round's score, the streak, and the sections the user has begun to master."""
    known = [item for item in sections if item.share > 0]
    lines = [f"🎉 本轮完成：答对 {right}/{total}。", f"已连续练习 {streak} 天。"]
    if known:
        lines.append("掌握情况（已掌握的规范比例）：")
        lines += [f"· {item.label}：{item.share:.0%}" for item in known]
    lines.append("明天继续！答错的规范会更早再练，掌握了的隔得更久。")
    return "\n".join(lines)


def push_reply(asked: Asked) -> Reply:
    """The daily push: the round's first question under a line that says what it is."""
    first = question_reply(asked)
    return Reply(fit_message(f"{PUSH_HEAD}\n\n{first.text}"), first.buttons)


def waiting_reply(dialog_title: str) -> Reply:
    """The daily push while a dialog is open: the round waits for a tap."""
    return Reply(
        WAITING_FOR_DIALOG.format(title=dialog_title), ((Button(START, QuizStart().pack()),),)
    )


def unknown_focus_text(kb: KnowledgeBase, focus: str) -> str:
    labels = [
        section.label
        for chapter in kb.chapters
        for key in chapter.section_keys
        if (section := kb.section(key)) is not None
    ]
    return "\n".join(
        [f"没有找到「{focus}」。可以练习的章节：", *labels, "", "例如：/quiz 1.2.7 或 /quiz 拜访"]
    )


def assigned_text(focus: str, label: str) -> str:
    return (
        f"已给团队指派练习：{label}。组员的每日一练会先练这一部分，"
        f"直到掌握 {MASTERED_THRESHOLD:.0%}。在 /team 里可以看到谁已完成。"
    )


def weakest_lines(weakest: Sequence[tuple[Norm, float]]) -> list[str]:
    if not weakest:
        return []
    return [
        "团队最薄弱的规范（答错比例）：",
        *(f"· {norm.id} {norm.title}（{rate:.0%}）" for norm, rate in weakest),
    ]


def level_set_text(name: str, level: str) -> str:
    senior = "（二级、一级还会多练指导团队的规范和情景题）" if level in ("二级", "一级") else ""
    return f"已把 {name} 的技能级别设为{level}。{senior}"


def team_mastery_text(
    team: str,
    members: Sequence[tuple[str, Sequence[SectionMastery]]],
    weakest: Sequence[tuple[Norm, float]],
    assignment: tuple[str, Sequence[str]] | None,
) -> str:
    """/team's 每日一练 part: each member's mastery per section, the team's weakest norms, and
    who has learned the assigned section."""
    lines = [f"📚 {team} 每日一练掌握情况（已掌握的规范比例）："]
    for name, sections in members:
        shares = " · ".join(f"{item.key} {item.share:.0%}" for item in sections)
        lines.append(f"· {name}：{shares}")
    if assignment is not None:
        focus, done = assignment
        names = "、".join(done) or "（还没有）"
        lines += ["", f"指派练习 {focus}：已掌握 {MASTERED_THRESHOLD:.0%} 的有 {names}"]
    lines += ["", *weakest_lines(weakest)] if weakest else []
    return fit_message("\n".join(lines))
