"""/start, /help, /cancel, the Chinese command menu, and everything that is not a question."""

from __future__ import annotations

import logging

import pytest

from access.policy import RESTRICTED_COMMANDS
from bot import announce_commands
from tests.e2e.conftest import RunningBot
from views.commands import COMMANDS

USER_COMMANDS = [c.name for c in COMMANDS if c.name not in RESTRICTED_COMMANDS]


async def test_start_greets_by_name_and_shows_what_the_bot_does(bot: RunningBot) -> None:
    reply = await bot.ask_one("/start")
    assert reply.plain_text.startswith("李明，您好！我是客户经理助手。")
    for name in USER_COMMANDS:
        assert f"/{name}" in reply.plain_text
    assert "/reload" not in reply.plain_text


async def test_help_lists_every_command_with_examples(bot: RunningBot) -> None:
    reply = await bot.ask_one("/help")
    for name in USER_COMMANDS:
        assert f"/{name}" in reply.plain_text
    assert "/search 感谢函" in reply.plain_text
    assert "见完客户多久发感谢函" in reply.plain_text


async def test_admin_help_adds_admin_commands(bot: RunningBot) -> None:
    reply = await bot.ask_one("/help", bot.admin)
    assert "/unanswered" in reply.plain_text
    assert "/reload" in reply.plain_text


async def test_cancel_with_nothing_in_progress_says_so(bot: RunningBot) -> None:
    reply = await bot.ask_one("/cancel")
    assert "没有进行中的操作" in reply.plain_text


async def test_command_menu_is_set_in_chinese_with_admin_extras(bot: RunningBot) -> None:
    await announce_commands(bot.app)
    menu = dict(bot.api.commands())
    assert list(menu) == USER_COMMANDS
    assert menu["norms"] == "浏览全部规范"
    admin_calls = [
        call
        for call in bot.api.calls("setMyCommands")
        if call.get("scope", {}).get("type") == "chat"
    ]
    [admin_call] = admin_calls
    assert admin_call["scope"]["chat_id"] == bot.admin.id
    assert "reload" in [command["command"] for command in admin_call["commands"]]


async def test_menu_failure_only_warns(bot: RunningBot, caplog: pytest.LogCaptureFixture) -> None:
    bot.api.fail_next(
        "setMyCommands", error_code=500, description="Internal Server Error", times=2
    )
    with caplog.at_level(logging.WARNING):
        await announce_commands(bot.app)
    assert "could not set the command menu" in caplog.text
    reply = await bot.ask_one("/start")  # and the bot goes on working
    assert "客户经理助手" in reply.plain_text


async def test_unknown_command_points_to_help(bot: RunningBot) -> None:
    reply = await bot.ask_one("/visitx 123")
    assert reply.plain_text == "没有这个命令：/visitx\n发送 /help 查看可用的命令。"


@pytest.mark.parametrize("kind", ["sticker", "photo", "voice", "location"])
async def test_non_text_message_gets_a_clear_reply(bot: RunningBot, kind: str) -> None:
    user = bot.manager
    updates = {
        "sticker": user.sticker(),
        "photo": user.photo(),
        "voice": user.voice(),
        "location": user.location(30.0, 120.5),
    }
    update = updates[kind]
    [reply] = await bot.driver.send_update(update)
    assert "只能看懂文字" in reply.plain_text


async def test_group_chat_ignores_plain_chatter(bot: RunningBot) -> None:
    group = bot.api.group(-100200, "政企一组")
    assert await bot.driver.send(bot.manager, "感谢函几天", chat=group) == []
    assert await bot.driver.send(bot.manager, "/visitx", chat=group) == []


async def test_group_chat_answers_mentions_and_commands(bot: RunningBot) -> None:
    group = bot.api.group(-100200, "政企一组")
    [answer] = await bot.driver.send(bot.manager, "@kehu_zhushou_bot 感谢函几天", chat=group)
    assert "48个小时内送出感谢函" in answer.plain_text
    assert answer.reply_to is not None  # quoted, so the asker sees it is theirs
    [help_reply] = await bot.driver.send(bot.manager, "/help@kehu_zhushou_bot", chat=group)
    assert "/norms" in help_reply.plain_text
    [unknown] = await bot.driver.send(bot.manager, "/visitx@kehu_zhushou_bot", chat=group)
    assert "没有这个命令" in unknown.plain_text


async def test_group_reply_to_the_bot_counts_as_addressed(bot: RunningBot) -> None:
    group = bot.api.group(-100200, "政企一组")
    [answer] = await bot.driver.send(bot.manager, "@kehu_zhushou_bot 感谢函几天", chat=group)
    [follow_up] = await bot.driver.send(
        bot.manager, "上门拜访提前几分钟到", chat=group, reply_to=answer
    )
    assert "提前5分钟" in follow_up.plain_text
