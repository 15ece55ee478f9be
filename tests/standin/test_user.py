"""Tests of SimulatedUser: the updates it builds and their entities."""

from __future__ import annotations

import pytest
from telegram import Bot, MessageEntity, Update

from standin.botapi import BotApiStandIn
from standin.user import SimulatedUser, text_entities


def test_command_gets_a_bot_command_entity_over_the_token() -> None:
    assert text_entities("/ask 走访时限") == [{"type": "bot_command", "offset": 0, "length": 4}]


def test_command_entity_includes_the_bot_username_suffix() -> None:
    assert text_entities("/start@kehu_zhushou_bot") == [
        {"type": "bot_command", "offset": 0, "length": 23}
    ]


def test_entity_offsets_count_utf16_code_units_around_emoji() -> None:
    # "👍" is one code point but two UTF-16 code units.
    assert text_entities("👍请 @wangwu 看") == [{"type": "mention", "offset": 4, "length": 7}]


def test_text_without_command_or_mention_has_no_entities(user: SimulatedUser) -> None:
    assert "entities" not in user.text("走访后几天内发感谢信？")["message"]


async def test_ptb_reads_the_command_from_the_entity(bot: Bot, user: SimulatedUser) -> None:
    update = Update.de_json(user.text("/norms 1.2.1"), bot)
    assert update.message is not None
    assert update.message.parse_entities([MessageEntity.BOT_COMMAND]) != {}
    assert list(update.message.parse_entities([MessageEntity.BOT_COMMAND]).values()) == ["/norms"]


async def test_ptb_extracts_mention_text_with_emoji(bot: Bot, user: SimulatedUser) -> None:
    update = Update.de_json(user.text("🎉🎉 @zhaoliu 好"), bot)
    assert update.message is not None
    assert list(update.message.parse_entities().values()) == ["@zhaoliu"]


def test_private_chat_id_is_the_user_id(user: SimulatedUser) -> None:
    chat = user.text("你好")["message"]["chat"]
    assert chat == {"id": 1001, "type": "private", "username": "zhangsan", "first_name": "张三"}


def test_message_in_a_group_carries_the_group_chat(
    api: BotApiStandIn, user: SimulatedUser
) -> None:
    group = api.group(-4001, "营销部")
    message = user.text("大家好", chat=group)["message"]
    assert message["chat"]["type"] == "group"
    assert message["from"]["id"] == user.id


def test_reply_to_carries_the_replied_message(api: BotApiStandIn, user: SimulatedUser) -> None:
    first = user.text("原话")["message"]
    reply = user.text("补充", reply_to=first["message_id"])["message"]
    assert reply["reply_to_message"]["text"] == "原话"


def test_edited_builds_an_edited_message_update(user: SimulatedUser) -> None:
    sent = user.text("走访")["message"]
    update = user.edited(sent["message_id"], "走访时限")
    assert update["edited_message"]["message_id"] == sent["message_id"]
    assert update["edited_message"]["text"] == "走访时限"
    assert "edit_date" in update["edited_message"]


async def test_media_updates_parse_in_ptb(bot: Bot, user: SimulatedUser) -> None:
    kinds = [
        Update.de_json(user.sticker(), bot).message,
        Update.de_json(user.photo(caption="现场"), bot).message,
        Update.de_json(user.voice(), bot).message,
        Update.de_json(user.document("a.pdf", b"%PDF"), bot).message,
        Update.de_json(user.location(39.9, 116.4), bot).message,
    ]
    assert [m is not None and m.effective_attachment is not None for m in kinds] == [True] * 5


async def test_press_builds_a_callback_query_for_an_existing_button(
    api: BotApiStandIn, bot: Bot, user: SimulatedUser
) -> None:
    user.text("/start")
    await api.call(
        "sendMessage",
        {
            "chat_id": user.id,
            "text": "请选择",
            "reply_markup": {"inline_keyboard": [[{"text": "查询", "callback_data": "menu:q"}]]},
        },
    )
    update = Update.de_json(user.press(api.last_message(user.id), "查询"), bot)
    assert update.callback_query is not None
    assert update.callback_query.data == "menu:q"
    assert update.callback_query.message is not None
    assert update.callback_query.message.message_id == api.last_message(user.id).message_id


async def test_press_on_a_missing_button_raises(api: BotApiStandIn, user: SimulatedUser) -> None:
    user.text("/start")
    await api.call("sendMessage", {"chat_id": user.id, "text": "无按钮"})
    with pytest.raises(LookupError, match="no button"):
        user.press(api.last_message(user.id), "查询")


async def test_forged_press_on_a_missing_message_is_inaccessible(
    bot: Bot, user: SimulatedUser
) -> None:
    user.text("/start")
    update = Update.de_json(user.forged_press(user.id, 99, "visit:delete:7"), bot)
    assert update.callback_query is not None
    assert update.callback_query.data == "visit:delete:7"
    assert update.callback_query.message is not None
    assert not update.callback_query.message.is_accessible


def test_a_long_paste_goes_out_as_consecutive_messages_of_at_most_4096(
    user: SimulatedUser,
) -> None:
    updates = user.paste("字" * 5000)
    messages = [update["message"] for update in updates]
    assert [len(message["text"]) for message in messages] == [4096, 904]
    assert messages[1]["message_id"] == messages[0]["message_id"] + 1
