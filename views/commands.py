"""Every command, described once: what the menu and /help say about it, whether it works only in
a private chat, which roles may use it and whether it opens a guided dialog.

The Telegram menu and /help (views/help.py), the private-chat filters and the group answer
(handlers/__init__.py), the gate's role check (access/policy.py) and the commands that open a
dialog (dialogs/registry.py) are all read from this table, so they cannot drift apart — the
idea of rules-bot's build_command_list. /skip and /back belong to the dialogs and are not
commands of their own: /cancel's line tells of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.staff import CURATING, ROLE_ADMIN, ROLE_LEAD, Role

LEAD_ONLY: frozenset[Role] = frozenset({ROLE_LEAD})
ADMIN_ONLY: frozenset[Role] = frozenset({ROLE_ADMIN})
LEAD_OR_ADMIN: frozenset[Role] = frozenset({ROLE_LEAD, ROLE_ADMIN})


@dataclass(frozen=True)
class Command:
    name: str
    menu: str  # the Telegram command menu's description
    help: str  # one line for /help, with an example
    # Shows or records customer or staff data: private chats only (company property, 1.2.5-01);
    # in a group it points to the private chat.
    private: bool = False
    roles: frozenset[Role] | None = None  # None: every active member; else only these roles
    starts_dialog: bool = False  # typed while a dialog is open: "finish that one first"


COMMANDS = (
    Command("start", "开始使用", "/start —— 开始使用，查看我能做什么"),
    Command("help", "帮助与示例", "/help —— 查看所有命令和示例"),
    Command("norms", "浏览全部规范", "/norms —— 按章节浏览全部规范"),
    Command(
        "search", "按关键词查找规范", "/search 关键词 —— 列出包含该词的规范，例如 /search 感谢函"
    ),
    Command(
        "visit",
        "记录一次拜访",
        "/visit —— 拜访后按步骤记录，例如 /visit 华为",
        private=True,
        starts_dialog=True,
    ),
    Command(
        "plan",
        "计划一次拜访",
        "/plan —— 安排拜访并准备拜访预案，查看已计划的拜访",
        private=True,
        starts_dialog=True,
    ),
    Command(
        "letter",
        "客户来函登记与答复",
        "/letter —— 登记客户书面来函，查看待答复的来函",
        private=True,
        starts_dialog=True,
    ),
    Command(
        "bid",
        "招投标登记与清单",
        "/bid —— 登记投标，查看应标前检查清单",
        private=True,
        starts_dialog=True,
    ),
    Command(
        "customer",
        "查看客户视图",
        "/customer 客户名称 —— 查看客户资料、拜访与待办，例如 /customer 华为",
        private=True,
    ),
    Command("visits", "最近的拜访记录", "/visits —— 列出最近的拜访记录", private=True),
    Command("export", "导出Excel", "/export —— 导出拜访、承诺和来函为 Excel 文件", private=True),
    Command(
        "stats",
        "工作统计图",
        "/stats —— 近12周拜访次数和感谢函、书面答复按时率的统计图（团队长按组员分列）",
        private=True,
    ),
    Command(
        "todo",
        "待办与到期事项",
        "/todo —— 列出所有待办：已逾期的在前，其余按截止时间",
        private=True,
    ),
    Command(
        "settings",
        "提醒设置",
        "/settings —— 设置免打扰时段、早间汇总、路上时间、每日一练和信函落款，"
        "例如 /settings 免打扰 22:30-07:30",
        private=True,
    ),
    Command(
        "quiz",
        "每日一练",
        "/quiz —— 每日一练：5道规范练习题，答错的会更早再练；例如 /quiz 拜访、/quiz 1.2.7"
        "（团队长：/quiz 指派 1.2.7 给团队布置练习）",
        private=True,
    ),
    Command(
        "cancel",
        "取消当前操作",
        "/cancel —— 取消正在进行的操作（填写中可用 /back 返回上一步、/skip 跳过）",
    ),
    Command(
        "team",
        "团队本周概况",
        "/team —— 本周各组员的拜访、逾期事项和按时情况（团队长）",
        private=True,
        roles=LEAD_ONLY,
    ),
    Command(
        "invite",
        "邀请新同事",
        "/invite 角色 [团队] —— 生成一次性邀请链接，例如 /invite 客户经理 政企一组",
        private=True,
        roles=ADMIN_ONLY,
    ),
    Command(
        "staff",
        "员工管理",
        "/staff —— 查看在册员工，停用或启用",
        private=True,
        roles=ADMIN_ONLY,
    ),
    Command(
        "handover",
        "移交客户",
        "/handover 原员工ID 接收员工ID —— 移交全部客户与待办",
        private=True,
        roles=ADMIN_ONLY,
    ),
    Command(
        "level",
        "设置技能级别",
        "/level 员工ID 级别 —— 设置员工的技能级别（四级、三级、二级、一级），"
        "例如 /level 33333333 二级",
        private=True,
        roles=LEAD_OR_ADMIN,
    ),
    Command(
        "unanswered",
        "未能回答的问题",
        "/unanswered —— 查看未能回答的问题及次数",
        roles=CURATING,
    ),
    Command(
        "review",
        "审核未答问题，教知识库",
        "/review —— 审核未能直接回答的问题：归入规范、教同义词、标为范围外或忽略"
        "（一次决定对所有人生效）",
        private=True,  # colleagues' questions may name their customers
        roles=CURATING,
    ),
    Command(
        "synonym",
        "教一个同义词",
        "/synonym 词=术语 —— 让大家的说法对上材料里的术语，例如 /synonym dress code=职业装",
        private=True,
        roles=CURATING,
    ),
    Command(
        "reload",
        "重新加载知识库",
        "/reload —— 重新加载知识库（新版本有误时继续使用旧版本）",
        roles=ADMIN_ONLY,
    ),
)

BY_NAME = {command.name: command for command in COMMANDS}


def private_commands() -> list[str]:
    return [command.name for command in COMMANDS if command.private]


def dialog_commands() -> list[str]:
    return [command.name for command in COMMANDS if command.starts_dialog]
