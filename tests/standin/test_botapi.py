"""Tests of the stand-in's method implementations, called directly as a server would be."""

from __future__ import annotations

import json
from typing import Any

import pytest

from standin.botapi import NOT_MODIFIED, BotApiStandIn
from standin.messages import InlineButton
from standin.user import SimulatedUser

KEYBOARD = {"inline_keyboard": [[{"text": "好", "callback_data": "ok"}]]}


async def send(api: BotApiStandIn, chat_id: int, text: str, **extra: Any) -> dict[str, Any]:
    status, body = await api.call("sendMessage", {"chat_id": chat_id, "text": text, **extra})
    assert status == 200, body
    result: dict[str, Any] = body["result"]
    return result


async def error_of(api: BotApiStandIn, method: str, params: dict[str, Any]) -> tuple[int, str]:
    status, body = await api.call(method, params)
    assert body["ok"] is False
    assert body["error_code"] == status
    return status, body["description"]


@pytest.fixture
def talking_user(user: SimulatedUser) -> SimulatedUser:
    """A user who has written to the bot, so the bot may write back."""
    user.text("/start")
    return user


async def test_get_me_answers_with_the_bot_identity(api: BotApiStandIn) -> None:
    status, body = await api.call("getMe", {})
    assert status == 200
    assert body["result"]["username"] == "kehu_zhushou_bot"
    assert body["result"]["is_bot"] is True


async def test_method_names_are_case_insensitive(api: BotApiStandIn) -> None:
    status, _ = await api.call("GETME", {})
    assert status == 200
    assert api.call_log[-1][0] == "getMe"


async def test_unknown_method_is_not_found(api: BotApiStandIn) -> None:
    status, body = await api.call("sendDice", {})
    assert (status, body) == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found: method not found"},
    )


async def test_json_string_parameters_are_decoded_but_text_is_not(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    status, body = await api.call(
        "sendMessage",
        {"chat_id": str(talking_user.id), "text": "123", "reply_markup": json.dumps(KEYBOARD)},
    )
    assert status == 200
    result = body["result"]
    assert result["text"] == "123"
    assert api.call_log[-1][1]["chat_id"] == talking_user.id
    assert api.last_message(talking_user.id).reply_markup == [
        [InlineButton("好", callback_data="ok")]
    ]


async def test_every_call_is_logged_in_order(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    await api.call("getMe", {})
    await send(api, talking_user.id, "你好")
    assert [method for method, _ in api.call_log] == ["getMe", "sendMessage"]
    assert api.calls("sendmessage") == [{"chat_id": talking_user.id, "text": "你好"}]


async def test_sending_to_a_chat_nobody_wrote_in_is_chat_not_found(
    api: BotApiStandIn, user: SimulatedUser
) -> None:
    assert await error_of(api, "sendMessage", {"chat_id": user.id, "text": "hi"}) == (
        400,
        "Bad Request: chat not found",
    )


async def test_sending_to_a_user_who_blocked_the_bot_is_forbidden(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    api.block_user(talking_user.id)
    assert await error_of(api, "sendMessage", {"chat_id": talking_user.id, "text": "hi"}) == (
        403,
        "Forbidden: bot was blocked by the user",
    )


async def test_a_group_the_bot_is_in_accepts_messages(
    api: BotApiStandIn,
) -> None:
    group = api.group(-4001, "营销部")
    result = await send(api, group.id, "大家好")
    assert result["chat"] == {"id": -4001, "type": "group", "title": "营销部"}


@pytest.mark.parametrize("text", ["", "   \n\t"])
async def test_empty_text_is_rejected(
    api: BotApiStandIn, talking_user: SimulatedUser, text: str
) -> None:
    assert await error_of(api, "sendMessage", {"chat_id": talking_user.id, "text": text}) == (
        400,
        "Bad Request: message text is empty",
    )


async def test_text_over_4096_characters_is_too_long(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    await send(api, talking_user.id, "长" * 4096)
    params = {"chat_id": talking_user.id, "text": "长" * 4097}
    assert await error_of(api, "sendMessage", params) == (400, "Bad Request: message is too long")


async def test_callback_data_over_64_bytes_is_invalid(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    data = "norm:" + "规" * 20  # 5 + 60 = 65 bytes in UTF-8, though only 25 characters
    markup = {"inline_keyboard": [[{"text": "看", "callback_data": data}]]}
    params = {"chat_id": talking_user.id, "text": "hi", "reply_markup": markup}
    assert await error_of(api, "sendMessage", params) == (400, "Bad Request: BUTTON_DATA_INVALID")


async def test_callback_data_of_exactly_64_bytes_is_accepted(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    data = "norm" + "规" * 20  # 4 + 60 = 64 bytes
    markup = {"inline_keyboard": [[{"text": "看", "callback_data": data}]]}
    await send(api, talking_user.id, "hi", reply_markup=markup)
    assert api.last_message(talking_user.id).buttons[0].callback_data == data


async def test_empty_callback_data_is_invalid(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    markup = {"inline_keyboard": [[{"text": "看", "callback_data": ""}]]}
    params = {"chat_id": talking_user.id, "text": "hi", "reply_markup": markup}
    assert await error_of(api, "sendMessage", params) == (400, "Bad Request: BUTTON_DATA_INVALID")


async def test_inline_button_with_empty_text_is_rejected(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    markup = {"inline_keyboard": [[{"text": "", "callback_data": "x"}]]}
    params = {"chat_id": talking_user.id, "text": "hi", "reply_markup": markup}
    assert await error_of(api, "sendMessage", params) == (
        400,
        "Bad Request: text buttons are unallowed in the inline keyboard",
    )


async def test_inline_button_without_an_action_is_rejected(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    markup = {"inline_keyboard": [[{"text": "只有字"}]]}
    params = {"chat_id": talking_user.id, "text": "hi", "reply_markup": markup}
    _, description = await error_of(api, "sendMessage", params)
    assert description == "Bad Request: text buttons are unallowed in the inline keyboard"


async def test_editing_with_identical_text_and_markup_is_not_modified(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    sent = await send(api, talking_user.id, "进度", reply_markup=KEYBOARD)
    params = {
        "chat_id": talking_user.id,
        "message_id": sent["message_id"],
        "text": " 进度 ",  # the same text once trimmed, as Telegram compares it
        "reply_markup": KEYBOARD,
    }
    assert await error_of(api, "editMessageText", params) == (400, NOT_MODIFIED)


async def test_editing_text_changes_the_message_and_counts_the_edit(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    sent = await send(api, talking_user.id, "处理中")
    status, body = await api.call(
        "editMessageText",
        {"chat_id": talking_user.id, "message_id": sent["message_id"], "text": "已完成"},
    )
    assert status == 200
    assert body["result"]["edit_date"] == api.now()
    current = api.last_message(talking_user.id)
    assert (current.plain_text, current.edit_count) == ("已完成", 1)


async def test_editing_text_without_reply_markup_removes_the_keyboard(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    sent = await send(api, talking_user.id, "请选择", reply_markup=KEYBOARD)
    await api.call(
        "editMessageText",
        {"chat_id": talking_user.id, "message_id": sent["message_id"], "text": "已选择"},
    )
    assert api.last_message(talking_user.id).reply_markup is None


async def test_editing_reply_markup_to_the_same_markup_is_not_modified(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    sent = await send(api, talking_user.id, "请选择", reply_markup=KEYBOARD)
    params = {
        "chat_id": talking_user.id,
        "message_id": sent["message_id"],
        "reply_markup": KEYBOARD,
    }
    assert await error_of(api, "editMessageReplyMarkup", params) == (400, NOT_MODIFIED)


async def test_editing_an_unknown_message_is_not_found(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    params = {"chat_id": talking_user.id, "message_id": 999, "text": "新"}
    assert await error_of(api, "editMessageText", params) == (
        400,
        "Bad Request: message to edit not found",
    )


async def test_editing_a_deleted_message_is_not_found(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    sent = await send(api, talking_user.id, "旧")
    ids = {"chat_id": talking_user.id, "message_id": sent["message_id"]}
    await api.call("deleteMessage", ids)
    _, description = await error_of(api, "editMessageText", {**ids, "text": "新"})
    assert description == "Bad Request: message to edit not found"


async def test_editing_the_users_message_is_refused(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    params = {"chat_id": talking_user.id, "message_id": 1, "text": "新"}
    _, description = await error_of(api, "editMessageText", params)
    assert description == "Bad Request: message can't be edited"


async def test_deleting_an_unknown_message_is_not_found(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    assert await error_of(
        api, "deleteMessage", {"chat_id": talking_user.id, "message_id": 77}
    ) == (
        400,
        "Bad Request: message to delete not found",
    )


async def test_deleted_messages_are_kept_marked_for_inspection(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    sent = await send(api, talking_user.id, "旧菜单")
    await api.call("deleteMessage", {"chat_id": talking_user.id, "message_id": sent["message_id"]})
    assert api.messages(talking_user.id) == []
    [kept] = api.messages(talking_user.id, include_deleted=True)
    assert kept.deleted


async def test_answering_an_unknown_callback_query_is_rejected(api: BotApiStandIn) -> None:
    assert await error_of(api, "answerCallbackQuery", {"callback_query_id": "42"}) == (
        400,
        "Bad Request: query is too old and response timeout expired or query ID is invalid",
    )


async def test_answering_a_callback_query_twice_is_rejected(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    await send(api, talking_user.id, "请选择", reply_markup=KEYBOARD)
    update = talking_user.press(api.last_message(talking_user.id), "ok")
    query_id = update["callback_query"]["id"]
    status, _ = await api.call(
        "answerCallbackQuery", {"callback_query_id": query_id, "text": "好"}
    )
    assert status == 200
    assert api.answered_callbacks[query_id]["text"] == "好"
    _, description = await error_of(api, "answerCallbackQuery", {"callback_query_id": query_id})
    assert description.startswith("Bad Request: query is too old")


async def test_a_callback_answer_over_200_characters_is_refused(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    await send(api, talking_user.id, "请选择", reply_markup=KEYBOARD)
    update = talking_user.press(api.last_message(talking_user.id), "ok")
    params = {"callback_query_id": update["callback_query"]["id"], "text": "好" * 201}
    assert await error_of(api, "answerCallbackQuery", params) == (
        400,
        "Bad Request: MESSAGE_TOO_LONG",
    )
    params["text"] = "好" * 200
    status, _ = await api.call("answerCallbackQuery", params)
    assert status == 200


async def test_commands_are_kept_per_scope_and_language(api: BotApiStandIn) -> None:
    default = [{"command": "start", "description": "开始"}]
    private = [{"command": "ask", "description": "提问"}]
    scope = {"type": "all_private_chats"}
    await api.call("setMyCommands", {"commands": json.dumps(default)})
    await api.call("setMyCommands", {"commands": private, "scope": scope, "language_code": "zh"})
    assert api.commands() == [("start", "开始")]
    assert api.commands(scope, "zh") == [("ask", "提问")]
    assert api.commands(scope) == []
    _, body = await api.call("getMyCommands", {"scope": json.dumps(scope), "language_code": "zh"})
    assert body["result"] == private


async def test_deleting_commands_clears_only_that_scope(api: BotApiStandIn) -> None:
    scope = {"type": "all_private_chats"}
    await api.call("setMyCommands", {"commands": [{"command": "start", "description": "开始"}]})
    await api.call(
        "setMyCommands", {"commands": [{"command": "ask", "description": "提问"}], "scope": scope}
    )
    await api.call("deleteMyCommands", {"scope": scope})
    assert (api.commands(), api.commands(scope)) == ([("start", "开始")], [])


async def test_invalid_command_name_is_rejected(api: BotApiStandIn) -> None:
    params = {"commands": [{"command": "Start", "description": "开始"}]}
    assert await error_of(api, "setMyCommands", params) == (
        400,
        "Bad Request: BOT_COMMAND_INVALID",
    )


async def test_chat_menu_button_is_kept(api: BotApiStandIn) -> None:
    await api.call("setChatMenuButton", {"menu_button": {"type": "commands"}})
    assert api.menu_button() == {"type": "commands"}


async def test_get_chat_describes_a_known_chat(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    status, body = await api.call("getChat", {"chat_id": talking_user.id})
    assert status == 200
    assert (body["result"]["type"], body["result"]["username"]) == ("private", "zhangsan")


async def test_get_chat_of_an_unknown_chat_is_not_found(api: BotApiStandIn) -> None:
    assert await error_of(api, "getChat", {"chat_id": 5555}) == (
        400,
        "Bad Request: chat not found",
    )


async def test_message_ids_are_shared_between_user_and_bot(
    api: BotApiStandIn, user: SimulatedUser
) -> None:
    first = user.text("你好")["message"]["message_id"]
    reply = await send(api, user.id, "您好")
    second = user.text("在吗")["message"]["message_id"]
    assert (first, reply["message_id"], second) == (1, 2, 3)


async def test_message_dates_come_from_the_clock(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    reply = await send(api, talking_user.id, "您好")
    assert reply["date"] == 1740965400  # 2025-03-03 01:30 UTC


async def test_fail_next_fails_the_given_number_of_calls_then_recovers(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    api.fail_next("sendMessage", error_code=502, times=2)
    params = {"chat_id": talking_user.id, "text": "hi"}
    assert [(await api.call("sendMessage", params))[0] for _ in range(3)] == [502, 502, 200]


async def test_fail_next_with_429_carries_retry_after(
    api: BotApiStandIn, talking_user: SimulatedUser
) -> None:
    api.fail_next("sendMessage", error_code=429, retry_after=9)
    status, body = await api.call("sendMessage", {"chat_id": talking_user.id, "text": "hi"})
    assert (status, body) == (
        429,
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 9",
            "parameters": {"retry_after": 9},
        },
    )


async def test_fault_injection_refuses_unknown_methods(api: BotApiStandIn) -> None:
    with pytest.raises(ValueError, match="sendDice"):
        api.fail_next("sendDice")


async def test_group_ids_must_be_negative(api: BotApiStandIn) -> None:
    with pytest.raises(ValueError, match="negative"):
        api.group(4001, "营销部")


async def test_large_negative_group_ids_are_supergroups(api: BotApiStandIn) -> None:
    assert api.group(-1001234567890, "省公司").type == "supergroup"


@pytest.mark.parametrize("mode", ["HTML", "MarkdownV2"])
async def test_a_parse_mode_is_refused_the_bot_sends_plain_text(
    api: BotApiStandIn, talking_user: SimulatedUser, mode: str
) -> None:
    params = {"chat_id": talking_user.id, "text": "<b>拜访</b>", "parse_mode": mode}
    assert await error_of(api, "sendMessage", params) == (
        400,
        f"Bad Request: unsupported parse_mode {mode!r}: plain text only",
    )
