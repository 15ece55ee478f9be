"""What the bot says about access: refusals, welcomes, staff lists and invitations."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from access.policy import ROLE_LABELS
from storage.staff import Invitation, StaffMember
from timekeeping.zone import format_local
from views.button_data import Handover, StaffSwitch
from views.common import Button, Reply, fit_message

NOT_FOR_YOUR_ROLE = "抱歉，这个功能不在您的权限范围内。"
USAGE_INVITE = (
    "用法：/invite 角色 [团队]\n"
    "角色：客户经理、团队长、管理员、知识库维护；团队长必须写团队。\n"
    "例如：/invite 客户经理 政企一组"
)

USAGE_ROLE = (
    "用法：/staff 员工ID 角色\n"
    "角色：客户经理、团队长（须已有团队）、管理员、知识库维护。\n"
    "例如：/staff 33333333 知识库维护"
)
NO_SUCH_MEMBER = "没有这位员工，请用 /staff 查看 ID。"
NO_SUCH_MEMBER_NOTICE = "没有这位员工。"
NOT_YOURSELF = "不能停用自己。"
DEACTIVATED = "已停用，访问立即失效。"
REACTIVATED = "已启用。"
USAGE_HANDOVER = "用法：/handover 原员工ID 接收员工ID"
HANDOVER_UNKNOWN = "找不到这两位员工，或接收人未启用。请用 /staff 查看 ID。"
RECEIVER_INACTIVE = "接收人未启用，无法移交。"


def role_changed_text(member: StaffMember) -> str:
    return f"已把 {member.name}（ID {member.user_id}）设为{ROLE_LABELS[member.role]}。"


def invitation_refused_text(reason: str, user_id: int) -> str:
    """An invitation code unknown, used or expired: why, and the id to pass to an admin."""
    return f"{reason}\n您的 Telegram 用户 ID：{user_id}"


def refusal_text(user_id: int) -> str:
    return (
        "抱歉，客户经理助手只供本公司在册员工使用。\n"
        f"如需开通，请把您的 Telegram 用户 ID：{user_id} 发给管理员，"
        "或使用管理员发给您的邀请链接。"
    )


def welcome_text(member: StaffMember) -> str:
    team = f"（{member.team}）" if member.team else ""
    return (
        f"欢迎加入，{member.name}！您的身份：{ROLE_LABELS[member.role]}{team}。\n"
        "发送 /help 查看我能做什么。"
    )


def invitation_text(invitation: Invitation, bot_username: str, now: datetime) -> str:
    team = f"，团队：{invitation.team}" if invitation.team else ""
    return (
        f"邀请链接（{ROLE_LABELS[invitation.role]}{team}）：\n"
        f"https://t.me/{bot_username}?start={invitation.code}\n"
        f"只能使用一次，{format_local(invitation.expires_at, now=now)} 前有效。"
        "请通过公司内部渠道发给新同事。"
    )


def handover_question(giver: StaffMember, receiver: StaffMember) -> Reply:
    """/handover asks before it moves anything, with the button that does."""
    question = (
        f"把 {giver.name}（ID {giver.user_id}）的全部客户、拜访记录和待办事项"
        f"移交给 {receiver.name}（ID {receiver.user_id}）？"
    )
    data = Handover(giver.user_id, receiver.user_id).pack()
    return Reply(question, ((Button("确认移交", data),),))


def handed_over_text(moved: Mapping[str, int]) -> str:
    """How many rows moved, of each table; the customers named."""
    return f"已移交 {sum(moved.values())} 条记录（客户 {moved['customers']} 个）。"


def staff_list(members: list[StaffMember]) -> Reply:
    if not members:
        return Reply("还没有在册员工。")
    lines = ["在册员工："]
    buttons = []
    for member in members:
        state = "" if member.active else "（已停用）"
        team = f" · {member.team}" if member.team else ""
        lines.append(
            f"· {member.name} {ROLE_LABELS[member.role]}{team} · ID {member.user_id}{state}"
        )
        switch = StaffSwitch("off" if member.active else "on", member.user_id)
        label = "停用" if member.active else "启用"
        buttons.append((Button(f"{label} {member.name}", switch.pack()),))
    lines.append("")
    lines.append("交接：/handover 原员工ID 接收员工ID（客户、拜访和待办一并移交）")
    lines.append("改角色：/staff 员工ID 角色，例如 /staff 33333333 知识库维护")
    return Reply(fit_message("\n".join(lines)), tuple(buttons[:40]))
