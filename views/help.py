"""The command list: one source for the Telegram menu, /help and /start."""

from __future__ import annotations

from dataclasses import dataclass

from access.policy import RESTRICTED_COMMANDS, restricted_commands


@dataclass(frozen=True)
class Command:
    name: str
    menu: str  # the Telegram command menu's description
    help: str  # one line for /help, with an example


COMMANDS = (
    Command("start", "开始使用", "/start —— 开始使用，查看我能做什么"),
    Command("help", "帮助与示例", "/help —— 查看所有命令和示例"),
    Command("norms", "浏览全部规范", "/norms —— 按章节浏览全部规范"),
    Command(
        "search", "按关键词查找规范", "/search 关键词 —— 列出包含该词的规范，例如 /search 感谢函"
    ),
    Command("visit", "记录一次拜访", "/visit —— 拜访后按步骤记录，例如 /visit 华为"),
    Command("plan", "计划一次拜访", "/plan —— 安排拜访并准备拜访预案，查看已计划的拜访"),
    Command("letter", "客户来函登记与答复", "/letter —— 登记客户书面来函，查看待答复的来函"),
    Command("bid", "招投标登记与清单", "/bid —— 登记投标，查看应标前检查清单"),
    Command(
        "customer",
        "查看客户视图",
        "/customer 客户名称 —— 查看客户资料、拜访与待办，例如 /customer 华为",
    ),
    Command("visits", "最近的拜访记录", "/visits —— 列出最近的拜访记录"),
    Command("export", "导出Excel", "/export —— 导出拜访、承诺和来函为 Excel 文件"),
    Command(
        "stats",
        "工作统计图",
        "/stats —— 近12周拜访次数和感谢函、书面答复按时率的统计图（团队长按组员分列）",
    ),
    Command("todo", "待办与到期事项", "/todo —— 列出所有待办：已逾期的在前，其余按截止时间"),
    Command(
        "settings",
        "提醒设置",
        "/settings —— 设置免打扰时段、早间汇总和路上时间，例如 /settings 免打扰 22:30-07:30",
    ),
    Command(
        "cancel",
        "取消当前操作",
        "/cancel —— 取消正在进行的操作（填写中可用 /back 返回上一步、/skip 跳过）",
    ),
    Command("team", "团队本周概况", "/team —— 本周各组员的拜访、逾期事项和按时情况（团队长）"),
    Command(
        "invite",
        "邀请新同事",
        "/invite 角色 [团队] —— 生成一次性邀请链接，例如 /invite 客户经理 政企一组",
    ),
    Command("staff", "员工管理", "/staff —— 查看在册员工，停用或启用"),
    Command("handover", "移交客户", "/handover 原员工ID 接收员工ID —— 移交全部客户与待办"),
    Command("unanswered", "未能回答的问题", "/unanswered —— 查看未能回答的问题及次数"),
    Command(
        "review",
        "审核未答问题，教知识库",
        "/review —— 审核未能直接回答的问题：归入规范、教同义词、标为范围外或忽略"
        "（一次决定对所有人生效）",
    ),
    Command(
        "synonym",
        "教一个同义词",
        "/synonym 词=术语 —— 让大家的说法对上材料里的术语，例如 /synonym dress code=职业装",
    ),
    Command("reload", "重新加载知识库", "/reload —— 重新加载知识库（新版本有误时继续使用旧版本）"),
)

CURATOR_PRIVACY_NOTE = (
    "注意：审核时您看到的是同事提问的原文，不显示提问人；"
    "问题里如有客户名称等信息，会按原样显示，请按资料管理规范保密，不外传。"
)
QUESTION_EXAMPLES = ("见完客户多久发感谢函？", "客户来电我正在谈事怎么办", "招标那天几点到")


def _for_everyone(command: Command) -> bool:
    return command.name not in RESTRICTED_COMMANDS


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
