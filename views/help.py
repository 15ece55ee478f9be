"""The Telegram menu, /help and /start, from the one command table (views/commands.py)."""

from __future__ import annotations

from access.policy import restricted_commands
from views.commands import COMMANDS, Command

CURATOR_PRIVACY_NOTE = (
    "注意：审核时您看到的是同事提问的原文，不显示提问人；"
    "问题里如有客户名称等信息，会按原样显示，请按资料管理规范保密，不外传。"
)
QUESTION_EXAMPLES = ("见完客户多久发感谢函？", "客户来电我正在谈事怎么办", "招标那天几点到")


def _for_everyone(command: Command) -> bool:
    return command.roles is None


def menu_commands(role: str | None) -> list[tuple[str, str]]:
    """The command menu of a role (None: someone who is not staff sees the basic menu)."""
    own = set(restricted_commands(role)) if role else set()
    return [(c.name, c.menu) for c in COMMANDS if _for_everyone(c) or c.name in own]


def help_text(role: str | None) -> str:
    lines = [
        "直接用文字提问即可，我会按培训材料中的规范回答，并注明出处。例如：",
        *(f"· {example}" for example in QUESTION_EXAMPLES),
        "",
        "命令：",
        *(c.help for c in COMMANDS if _for_everyone(c)),
    ]
    own = set(restricted_commands(role)) if role else set()
    if own:
        title = {"lead": "团队长命令：", "curator": "知识库维护命令："}.get(
            role or "", "管理员命令："
        )
        lines += ["", title, *(c.help for c in COMMANDS if c.name in own)]
    if "review" in own:
        lines += ["", CURATOR_PRIVACY_NOTE]
    lines += ["", "在群聊中，请 @我 提问或使用命令。"]
    return "\n".join(lines)


def start_text(first_name: str | None, role: str | None) -> str:
    greeting = f"{first_name}，您好！" if first_name else "您好！"
    return "\n".join(
        [
            f"{greeting}我是客户经理助手。",
            "我熟悉政企客户经理的工作规范（拜访、回复客户、招投标、资料管理、礼仪等），"
            "有问题直接问我，我会给出规范原文和出处。",
            "",
            help_text(role),
        ]
    )
